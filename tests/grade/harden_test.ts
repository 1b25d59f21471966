/**
 * The preload that runs before any student module: every way to change what the tests rely on
 * throws, while ordinary code (overriding an inherited `name` or `toString`, seeding
 * `Math.random`, registering a test) still works. Runs in a child process, since hardening is
 * for good.
 */
import { assertEquals } from "@std/assert";
import { join } from "node:path";
import { COURSE_ROOT } from "../../lib/cli/course_root.ts";

const PROBE = `
import assert from "node:assert";
import * as courseAssert from "${join(COURSE_ROOT, "lib/assert/mod.ts")}";
const attempts = {
  "node:assert": () => { assert.deepStrictEqual = () => {}; },
  "course assertion class": () => { courseAssert.AssertionError.prototype.name = "x"; },
  "Math.abs": () => { Math.abs = () => 0; },
  "global Math": () => { globalThis.Math = {}; },
  "Array.prototype.every": () => { Array.prototype.every = () => true; },
  "defineProperty on a prototype": () => Object.defineProperty(Array.prototype, "map", { value: 1 }),
  "new property on Object.prototype": () => { Object.prototype.then = () => {}; },
  "Object.is": () => { Object.is = () => true; },
  "iterator prototype": () => { [][Symbol.iterator]().__proto__.next = () => ({ done: true }); },
  "Promise.prototype.then": () => { Promise.prototype.then = () => {}; },
  "Deno.test": () => { Deno.test = () => {}; },
  "global Deno": () => { globalThis.Deno = {}; },
  "Deno.readFile": () => { Deno.readFile = () => {}; },
};
const blocked = {};
for (const [name, attempt] of Object.entries(attempts)) {
  try { attempt(); blocked[name] = false; } catch { blocked[name] = true; }
}
class CustomError extends Error { constructor() { super("m"); this.name = "CustomError"; } }
const plain = {}; plain.toString = () => "custom";
Math.random = () => 0.25;
console.log(JSON.stringify({
  blocked,
  overrides: [new CustomError().name, String(plain), Math.random()],
}));
`;

Deno.test("the preload blocks every patch the tests would suffer from, and only those", async () => {
  const dir = await Deno.makeTempDir({ prefix: "digits-harden-test-" });
  try {
    await Deno.writeTextFile(join(dir, "probe.js"), PROBE);
    const { stdout, stderr, success } = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--allow-read",
        `--preload=${join(COURSE_ROOT, "lib/grade/preload.ts")}`,
        join(dir, "probe.js"),
      ],
      cwd: COURSE_ROOT,
      stdin: "null",
    }).output();
    assertEquals(success, true, new TextDecoder().decode(stderr));
    const { blocked, overrides } = JSON.parse(new TextDecoder().decode(stdout));
    for (const [name, wasBlocked] of Object.entries(blocked)) {
      assertEquals(wasBlocked, true, `${name} could be patched`);
    }
    assertEquals(overrides, ["CustomError", "custom", 0.25]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
