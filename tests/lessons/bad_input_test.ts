/**
 * Bad input to a lesson: one clear line on stderr saying what is wrong and what is expected,
 * exit code 2, no stack trace.
 */
import { assertEquals, assertStringIncludes } from "@std/assert";
import { join } from "node:path";
import { encodeIdx } from "../../lib/data/idx.ts";
import { formatKaggleCsv } from "../../lib/data/kaggle_csv.ts";
import { MNIST_FILES } from "../../lib/data/mnist.ts";
import { runLesson } from "./run_lesson.ts";

async function assertUsageError(args: string[], expected: string) {
  const { code, stderr } = await runLesson(args);
  assertEquals(
    code,
    2,
    `deno task lesson ${args.join(" ")} should exit with 2; stderr:\n${stderr}`,
  );
  const lines = stderr.trim().split("\n");
  assertEquals(lines.length, 1, `expected one line, got:\n${stderr}`);
  assertStringIncludes(lines[0], expected);
  assertEquals(lines[0].startsWith("error: "), true, lines[0]);
}

Deno.test("an unknown lesson number names the lessons that exist", async () => {
  await assertUsageError(["99"], 'there is no lesson "99"; lessons are numbered 1-');
});

Deno.test("malformed flags name the flag and what it expects", async () => {
  await assertUsageError(
    ["1", "--epochs", "abc"],
    '--epochs must be a whole number of at least 1, got "abc"',
  );
  await assertUsageError(
    ["1", "--epochs", "0"],
    '--epochs must be a whole number of at least 1, got "0"',
  );
  await assertUsageError(
    ["1", "--backend", "foo"],
    '--backend must be wasm or native or cpu, got "foo"',
  );
  await assertUsageError(
    ["1", "--epochs", "-3"],
    '--epochs must be a whole number of at least 1, got "-3"',
  );
  await assertUsageError(["1", "--epoch", "3"], "unknown option --epoch; did you mean --epochs?");
});

Deno.test("a --subset too small to hold digits out is refused with the minimum", async () => {
  await assertUsageError(
    ["5", "--subset", "2"],
    '--subset must be a whole number of at least 10, got "2"',
  );
  await assertUsageError(
    ["8", "--subset", "12", "--epochs", "1"],
    "--subset 12: lesson 8 needs at least 20 labelled digits (it holds out 15% to validate on), got 12",
  );
});

Deno.test("a train.csv with too few rows for lesson 8 says the minimum", async () => {
  const dir = await Deno.makeTempDir();
  const three = { images: new Uint8Array(3 * 784), labels: new Uint8Array(3), count: 3 };
  await Deno.writeTextFile(join(dir, "train.csv"), formatKaggleCsv(three, true));
  await Deno.writeTextFile(join(dir, "test.csv"), formatKaggleCsv(three, false));
  await assertUsageError(
    ["8", "--csv", dir, "--epochs", "1"],
    `${join(dir, "train.csv")}: lesson 8 needs at least 20 labelled digits`,
  );
  await Deno.remove(dir, { recursive: true });
});

Deno.test("an --out that cannot be a folder is named with the reason", async () => {
  await assertUsageError(
    ["1", "--out", "README.md/x"],
    "--out README.md/x: cannot create README.md/x (README.md is a file, not a folder)",
  );
  if (Deno.build.os === "linux") {
    await assertUsageError(["1", "--out", "/sys/digits"], "(permission denied)");
  }
});

Deno.test("a missing --data folder is named", async () => {
  await assertUsageError(["1", "--data", "/nonexistent"], "/nonexistent: does not exist");
});

Deno.test("a truncated IDX file in --data is named with what is wrong", async () => {
  const dir = await Deno.makeTempDir();
  const write = (name: string, dims: number[]) =>
    Deno.writeFile(
      join(dir, name),
      encodeIdx({ dims, data: new Uint8Array(dims.reduce((a, b) => a * b, 1)) }),
    );
  await write(MNIST_FILES.trainImages.name, [4, 28, 28]);
  await write(MNIST_FILES.trainLabels.name, [4]);
  await write(MNIST_FILES.testImages.name, [2, 28, 28]);
  const labels = encodeIdx({ dims: [2], data: new Uint8Array(2) });
  await Deno.writeFile(
    join(dir, MNIST_FILES.testLabels.name),
    labels.subarray(0, labels.length - 1),
  );
  await assertUsageError(["1", "--data", dir], "t10k-labels-idx1-ubyte: is truncated");
  await Deno.remove(dir, { recursive: true });
});

Deno.test("lesson 8: a missing --csv folder and a corrupt train.csv are named in one line", async () => {
  await assertUsageError(["8", "--csv", "/nonexistent"], "/nonexistent: no such folder");
  const dir = await Deno.makeTempDir();
  const header = ["label", ...Array.from({ length: 784 }, (_, i) => `pixel${i}`)].join(",");
  const row = ["3", ...new Array(784).fill("0")];
  row[101] = "x";
  await Deno.writeTextFile(join(dir, "train.csv"), `${header}\n${row.join(",")}\n`);
  await assertUsageError(
    ["8", "--csv", dir],
    `${join(dir, "train.csv")}: line 2, column 102 (pixel100): expected a whole number 0-255`,
  );
  await Deno.remove(dir, { recursive: true });
});
