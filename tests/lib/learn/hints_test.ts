import { assert, assertEquals, assertRejects } from "@std/assert";
import { join } from "node:path";
import { exerciseIds, hintsPath, loadHints } from "../../../lib/learn/hints.ts";
import { exerciseTestFiles } from "../../../lib/exercise/run_tests.ts";
import { COURSE_ROOT } from "../../../lib/cli/course_root.ts";
import { UsageError } from "../../../lib/cli/errors.ts";

Deno.test("every exercise of every lesson has at least two hints, and no hint is orphaned", async () => {
  const lessons = (await exerciseTestFiles()).map((file) =>
    file.replace(/^tests\//, "").replace(/_test\.ts$/, "")
  );
  assert(lessons.length > 0, "no lessons found");
  for (const lesson of lessons) {
    const source = await Deno.readTextFile(join(COURSE_ROOT, "exercises", `${lesson}.ts`));
    const ids = exerciseIds(source);
    assert(ids.length > 0, `exercises/${lesson}.ts declares no todo("N.M name", ...) stubs`);
    const hints = await loadHints(lesson);
    for (const id of ids) {
      assert((hints[id]?.length ?? 0) >= 2, `${hintsPath(lesson)}: "${id}" needs at least 2 hints`);
    }
    assertEquals(
      Object.keys(hints).filter((id) => !ids.includes(id)),
      [],
      `${hintsPath(lesson)} has hints for exercises that exercises/${lesson}.ts does not declare`,
    );
  }
});

Deno.test("exerciseIds reads the ids of todo stubs in order", () => {
  const source = `todo("2.1 relu", "x");\n  return todo(\n    "2.2 denseForward",\n "y");`;
  assertEquals(exerciseIds(source), ["2.1 relu", "2.2 denseForward"]);
});

Deno.test("loadHints names the file and the entry that is malformed", async () => {
  const root = await Deno.makeTempDir();
  await Deno.mkdir(join(root, "exercises"));
  const write = (text: string) => Deno.writeTextFile(hintsPath("09_x", root), text);
  await write(`{"9.1 f": []}`);
  await assertRejects(() => loadHints("09_x", root), UsageError, `"9.1 f" should be a list`);
  await write(`[1]`);
  await assertRejects(() => loadHints("09_x", root), UsageError, "09_x.hints.json: expected");
  await Deno.remove(hintsPath("09_x", root));
  await assertRejects(() => loadHints("09_x", root), UsageError, "cannot read the hints");
  await Deno.remove(root, { recursive: true });
});
