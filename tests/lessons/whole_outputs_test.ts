/**
 * A lesson's output folder holds one complete run: interrupting a run (Ctrl-C) at any point
 * leaves the previous run byte for byte, and two runs into one `--out` never mix.
 */
import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { join } from "node:path";
import { COURSE_ROOT } from "../../lib/cli/course_root.ts";
import { withoutTimes } from "./run_lesson.ts";

const TINY = ["1", "--epochs", "1", "--subset", "300"];

function lesson(args: string[]): Deno.ChildProcess {
  return new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "lessons/main.ts", ...args],
    cwd: COURSE_ROOT,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
}

async function finished(child: Deno.ChildProcess) {
  const { code, stdout, stderr } = await child.output();
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  return { code, stdout: decode(stdout), stderr: decode(stderr) };
}

/** Every file of `dir` with its bytes, by name. */
async function contents(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for await (const entry of Deno.readDir(dir)) {
    if (entry.isFile) files[entry.name] = await Deno.readTextFile(join(dir, entry.name));
  }
  return files;
}

Deno.test("Ctrl-C at any point of a run leaves the previous run byte-identical", async () => {
  const out = await Deno.makeTempDir();
  const first = await finished(lesson([...TINY, "--out", out]));
  assertEquals(first.code, 0, first.stderr);
  const before = await contents(join(out, "01_softmax"));
  const index = await Deno.readTextFile(join(out, "index.html"));
  let interrupted = 0;
  for (const afterMs of [300, 1500, 3000, 5000]) {
    // The whole training set, so the run is still going when it is interrupted.
    const child = lesson(["1", "--epochs", "2", "--seed", "7", "--out", out]);
    await new Promise((resolve) => setTimeout(resolve, afterMs));
    try {
      child.kill("SIGINT");
    } catch {
      // It finished first (a fast machine): nothing was interrupted at this point.
      await child.output();
      continue;
    }
    const run = await finished(child);
    assert(run.code !== 0, `the run interrupted after ${afterMs} ms finished anyway`);
    interrupted++;
    assertEquals(await contents(join(out, "01_softmax")), before, `after ${afterMs} ms`);
    assertEquals(await Deno.readTextFile(join(out, "index.html")), index);
    const left = (await Array.fromAsync(Deno.readDir(out))).map((entry) => entry.name).sort();
    assertEquals(left, ["01_softmax", "index.html"], `after ${afterMs} ms`);
    if (run.stderr.includes("interrupted")) {
      assertStringIncludes(run.stderr, `${join(out, "01_softmax")} was left as it was`);
    }
  }
  assert(interrupted >= 3, `only ${interrupted} of 4 runs were still going when interrupted`);
  await Deno.remove(out, { recursive: true });
});

Deno.test("two runs into one --out leave one of them whole", async () => {
  const out = await Deno.makeTempDir();
  const alone = async (seed: string) => {
    const dir = join(out, `alone-${seed}`);
    assertEquals((await finished(lesson([...TINY, "--seed", seed, "--out", dir]))).code, 0);
    return await contents(join(dir, "01_softmax"));
  };
  const expected = [await alone("1"), await alone("2")];
  const shared = join(out, "shared");
  const runs = await Promise.all(
    ["1", "2"].map((seed) => finished(lesson([...TINY, "--seed", seed, "--out", shared]))),
  );
  for (const run of runs) assertEquals(run.code, 0, run.stderr);
  const result = await contents(join(shared, "01_softmax"));
  const seed = JSON.parse(result["results.json"]).seed;
  const twin = expected[seed - 1];
  assertEquals(Object.keys(result).sort(), Object.keys(twin).sort());
  for (const [name, text] of Object.entries(result)) {
    if (name.endsWith(".svg")) assertEquals(text, twin[name], `${name} is from another run`);
  }
  assertEquals(
    withoutTimes(JSON.parse(result["results.json"]).test),
    withoutTimes(JSON.parse(twin["results.json"]).test),
  );
  await Deno.remove(out, { recursive: true });
});
