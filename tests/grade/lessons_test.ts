/**
 * Lessons come from the course manifest, hidden tests join the lesson their number names, and
 * `--lessons` picks among them.
 */
import { assertEquals, assertThrows } from "@std/assert";
import { join } from "node:path";
import { findLessons, selectLessons } from "../../lib/grade/lessons.ts";
import { lessonsWithExercises } from "../../lib/course/manifest.ts";
import { UsageError } from "../../lib/cli/errors.ts";

Deno.test("lessons are the manifest's with exercises; hidden tests join by number", async () => {
  const hidden = await Deno.makeTempDir({ prefix: "digits-lessons-test-" });
  try {
    for (const file of ["01_a_test.ts", "01_b_test.ts", "99_x_test.ts", "helpers.ts"]) {
      await Deno.writeTextFile(join(hidden, file), "");
    }
    const { lessons, unmatchedHidden } = await findLessons(hidden);
    assertEquals(lessons.map((lesson) => lesson.id), lessonsWithExercises().map((l) => l.id));
    assertEquals(lessons[0], {
      number: 1,
      id: "01_softmax",
      testFile: "tests/01_softmax_test.ts",
      exerciseFile: "01_softmax.ts",
      hiddenFiles: ["01_a_test.ts", "01_b_test.ts"],
    });
    assertEquals(lessons[1].hiddenFiles, []);
    assertEquals(unmatchedHidden, ["99_x_test.ts"]);
    assertEquals(selectLessons(lessons, [2]).map((lesson) => lesson.id), ["02_hidden_layers"]);
    assertEquals(selectLessons(lessons).length, lessons.length);
    assertThrows(() => selectLessons(lessons, [99]), UsageError, "the course has no lesson 99");
  } finally {
    await Deno.remove(hidden, { recursive: true });
  }
});
