/**
 * The proof that the shipped exercise stubs fail every exercise test: a learner who has not
 * written anything yet must see every test fail, each because it reached an unfinished stub.
 * (That the solutions pass every test is shown by the suite itself, which runs the same tests
 * with `@exercises/` pointed at `solutions/`.)
 */
import { assert, assertEquals, assertGreater } from "@std/assert";
import { join } from "node:path";
import { COURSE_ROOT } from "../../lib/cli/course_root.ts";
import { lessonFiles, lessonsWithExercises } from "../../lib/course/manifest.ts";
import { runExerciseTests } from "../../lib/exercise/run_tests.ts";
import { parseTestName } from "../../lib/exercise/test_name.ts";
import { STUB_MARKER } from "../../lib/exercise/todo.ts";

for (const lesson of lessonsWithExercises()) {
  const testFile = lessonFiles(lesson).test;
  Deno.test(`the stubs in exercises/ fail every test of ${testFile}`, async () => {
    const results = await runExerciseTests({
      exercisesDir: join(COURSE_ROOT, "exercises"),
      testFiles: [testFile],
    });
    assertGreater(results.length, 0, `${testFile} ran no test`);
    for (const result of results) {
      assert(parseTestName(result.name), `"${result.name}" is not named with testName()`);
      assertEquals(result.status, "failed", `"${result.name}" passed on the untouched stub`);
      assert(
        result.failure?.includes(STUB_MARKER),
        `"${result.name}" failed without reaching a stub:\n${result.failure}`,
      );
    }
  });
}
