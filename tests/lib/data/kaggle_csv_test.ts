import {
  assertEquals,
  assertNotEquals,
  assertRejects,
  assertStringIncludes,
  assertThrows,
} from "@std/assert";
import { join } from "node:path";
import { DataError } from "../../../lib/cli/errors.ts";
import {
  formatKaggleCsv,
  formatSubmission,
  kaggleFromMnist,
  parseKaggleCsv,
  readKaggleCsv,
  TEST_HEADER,
  TRAIN_HEADER,
} from "../../../lib/data/kaggle_csv.ts";
import { createRng } from "../../../lib/cli/random.ts";

/** `count` digits whose pixels and labels are easy to recognise. */
function digits(count: number, offset = 0) {
  const images = Uint8Array.from({ length: count * 784 }, (_, i) => (i + offset) % 256);
  const labels = Uint8Array.from({ length: count }, (_, i) => (i + offset) % 10);
  return { images, labels, count };
}

Deno.test("Kaggle CSV: headers, and train/test text round-trips through the parser", () => {
  assertEquals(TRAIN_HEADER.split(",").length, 785);
  assertEquals(TRAIN_HEADER.slice(0, 20), "label,pixel0,pixel1,");
  assertEquals(TEST_HEADER.split(",").at(-1), "pixel783");
  const train = digits(3);
  assertEquals(parseKaggleCsv(formatKaggleCsv(train, true), "train.csv", true), train);
  const test = parseKaggleCsv(formatKaggleCsv(train, false), "test.csv", false);
  assertEquals(test.images, train.images);
  assertEquals(test.count, 3);
  assertEquals(formatSubmission([7, 2, 1]), "ImageId,Label\n1,7\n2,2\n3,1\n");
});

Deno.test("Kaggle CSV: errors name the file, line and column", () => {
  const good = formatKaggleCsv(digits(2), true).split("\n");
  const bad = (lines: string[]) => () => parseKaggleCsv(lines.join("\n"), "train.csv", true);
  assertThrows(bad(good.slice(1)), DataError, "train.csv: line 1: expected the header");
  assertThrows(
    bad([good[0], good[1], good[2].split(",").slice(0, 12).join(",")]),
    DataError,
    "train.csv: line 3: 12 columns; expected 785",
  );
  const cells = good[2].split(",");
  cells[5] = "abc";
  assertThrows(
    bad([good[0], good[1], cells.join(",")]),
    DataError,
    'train.csv: line 3, column 6 (pixel4): expected a whole number 0-255, got "abc"',
  );
  cells[5] = "256";
  assertThrows(bad([good[0], good[1], cells.join(",")]), DataError, "column 6 (pixel4)");
  const label = good[1].split(",");
  label[0] = "10";
  assertThrows(bad([good[0], label.join(",")]), DataError, "line 2, column 1 (label): expected");
});

Deno.test("Kaggle CSV: CR-only line ends and RFC 4180 quoted cells are read", () => {
  const train = digits(2);
  const text = formatKaggleCsv(train, true);
  assertEquals(parseKaggleCsv(text.replaceAll("\n", "\r"), "train.csv", true), train);
  const quoted = text.split("\n").map((line) =>
    line.split(",").map((cell) => cell === "" ? cell : `"${cell}"`).join(",")
  ).join("\n");
  assertEquals(parseKaggleCsv(quoted, "train.csv", true), train);
});

Deno.test("Kaggle CSV: a header that differs late shows where, not two equal starts", () => {
  const lines = formatKaggleCsv(digits(1), true).split("\n");
  lines[0] = lines[0].replace(",pixel783", "");
  const error = assertThrows(
    () => parseKaggleCsv(lines.join("\n"), "train.csv", true),
    DataError,
  ) as DataError;
  const [, expected, got] = /expected the header "(.*)", got "(.*)"$/.exec(error.message)!;
  assertNotEquals(expected, got);
  assertStringIncludes(expected, "pixel783");
});

Deno.test("Kaggle CSV: a missing folder or file is named", async () => {
  const dir = await Deno.makeTempDir();
  await assertRejects(() => readKaggleCsv(join(dir, "nope")), DataError, "no such folder");
  await Deno.writeTextFile(join(dir, "train.csv"), "x");
  await assertRejects(
    () => readKaggleCsv(join(dir, "train.csv")),
    DataError,
    "is a file; --csv expects the folder holding Kaggle's train.csv and test.csv",
  );
  await Deno.remove(join(dir, "train.csv"));
  await assertRejects(() => readKaggleCsv(dir), DataError, join(dir, "train.csv"));
  await Deno.writeTextFile(join(dir, "train.csv"), formatKaggleCsv(digits(2), true));
  await Deno.writeTextFile(join(dir, "test.csv"), formatKaggleCsv(digits(1), false));
  const { train, test } = await readKaggleCsv(dir);
  assertEquals([train.count, test.count], [2, 1]);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("kaggleFromMnist: 60% / 40% of all digits, seeded, nothing lost", () => {
  const mnist = { train: digits(6, 0), test: digits(4, 1) };
  const a = kaggleFromMnist(mnist, createRng(1).next);
  const b = kaggleFromMnist(mnist, createRng(1).next);
  assertEquals([a.train.count, a.test.count], [6, 4]);
  assertEquals(a, b);
  const labels = [...a.train.labels, ...a.test.labels].sort();
  assertEquals(labels, [...mnist.train.labels, ...mnist.test.labels].sort());
});
