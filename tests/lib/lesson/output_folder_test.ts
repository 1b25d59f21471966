import { assert, assertEquals, assertRejects } from "@std/assert";
import { join } from "node:path";
import { DataError } from "../../../lib/cli/errors.ts";
import { startOutputFolder } from "../../../lib/lesson/output_folder.ts";

async function names(dir: string): Promise<string[]> {
  return (await Array.fromAsync(Deno.readDir(dir))).map((entry) => entry.name).sort();
}

Deno.test("a committed run replaces the lesson's folder whole", async () => {
  const out = await Deno.makeTempDir();
  const first = await startOutputFolder(out, "01_softmax");
  await Deno.writeTextFile(join(first.staging, "a.svg"), "first");
  await first.commit();
  const second = await startOutputFolder(out, "01_softmax");
  await Deno.writeTextFile(join(second.staging, "b.svg"), "second");
  assertEquals(second.shown(join(second.staging, "b.svg")), join(out, "01_softmax", "b.svg"));
  await second.commit();
  assertEquals(await names(join(out, "01_softmax")), ["b.svg"]);
  assertEquals(await names(out), ["01_softmax"]);
  await Deno.remove(out, { recursive: true });
});

Deno.test("a discarded run leaves the previous one untouched", async () => {
  const out = await Deno.makeTempDir();
  const first = await startOutputFolder(out, "01_softmax");
  await Deno.writeTextFile(join(first.staging, "a.svg"), "first");
  await first.commit();
  const failed = await startOutputFolder(out, "01_softmax");
  await Deno.writeTextFile(join(failed.staging, "a.svg"), "half");
  failed.discard();
  assertEquals(await Deno.readTextFile(join(out, "01_softmax", "a.svg")), "first");
  assertEquals(await names(out), ["01_softmax"]);
  await Deno.remove(out, { recursive: true });
});

Deno.test("staging folders of runs that died are removed by the next run, which says so", async () => {
  const out = await Deno.makeTempDir();
  const dead = join(out, ".01_softmax.partial-999999999-abcd");
  await Deno.mkdir(dead);
  const alive = join(out, `.01_softmax.partial-${Deno.pid}-abcd`);
  await Deno.mkdir(alive);
  const run = await startOutputFolder(out, "01_softmax");
  if (Deno.build.os === "linux") assertEquals(run.removed, [dead]);
  assert((await names(out)).includes(`.01_softmax.partial-${Deno.pid}-abcd`), "a live run's");
  run.discard();
  await Deno.remove(out, { recursive: true });
});

Deno.test("an --out that cannot be a folder is one line naming it and why", async () => {
  const dir = await Deno.makeTempDir();
  await Deno.writeTextFile(join(dir, "README.md"), "x");
  await assertRejects(
    () => startOutputFolder(join(dir, "README.md", "x"), "01_softmax"),
    DataError,
    `README.md is a file, not a folder`,
  );
  await Deno.remove(dir, { recursive: true });
});
