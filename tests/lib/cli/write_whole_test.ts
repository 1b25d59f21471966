import { assertEquals, assertRejects } from "@std/assert";
import { join } from "node:path";
import { DataError } from "../../../lib/cli/errors.ts";
import { writeWhole } from "../../../lib/cli/write_whole.ts";

Deno.test("writeWhole replaces a file in one step and leaves nothing beside it", async () => {
  const dir = await Deno.makeTempDir();
  const path = join(dir, "sub", "test.csv");
  await writeWhole(path, "old");
  await writeWhole(path, "new");
  assertEquals(await Deno.readTextFile(path), "new");
  assertEquals((await Array.fromAsync(Deno.readDir(join(dir, "sub")))).length, 1);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("a write that fails is one line naming the file; what was there stays", async () => {
  const dir = await Deno.makeTempDir();
  const path = join(dir, "test.csv");
  await Deno.mkdir(path);
  await Deno.writeTextFile(join(path, "kept"), "x");
  await assertRejects(() => writeWhole(path, "new"), DataError, `${path}: cannot be written`);
  assertEquals(await Deno.readTextFile(join(path, "kept")), "x");
  assertEquals((await Array.fromAsync(Deno.readDir(dir))).map((entry) => entry.name), ["test.csv"]);
  await Deno.remove(dir, { recursive: true });
});
