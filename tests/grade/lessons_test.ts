/**
 * Lessons come from the course's files, hidden tests join the lesson their number names, and
 * `--lessons` picks among them.
 */
import { assertEquals, assertThrows } from "@std/assert";
import { join } from "node:path";
import { findLessons, selectLessons } from "../../lib/grade/lessons.ts";
import { UsageError } from "../../lib/cli/errors.ts";

Deno.test("lessons are found from tests/NN_<name>_test.ts, hidden tests by number", async () => {
  const course = await Deno.makeTempDir({ prefix: "digits-lessons-test-" });
  try {
    for (const file of ["tests/01_softmax_test.ts", "tests/02_mlp_test.ts", "tests/util.ts"]) {
      await Deno.mkdir(join(course, "tests"), { recursive: true });
      await Deno.writeTextFile(join(course, file), "");
    }
    const hidden = join(course, "hidden");
    await Deno.mkdir(hidden);
    for (const file of ["01_a_test.ts", "01_b_test.ts", "07_x_test.ts", "helpers.ts"]) {
      await Deno.writeTextFile(join(hidden, file), "");
    }
    const { lessons, unmatchedHidden } = await findLessons(course, hidden);
    assertEquals(lessons, [
      {
        number: 1,
        id: "01_softmax",
        testFile: "tests/01_softmax_test.ts",
        exerciseFile: "01_softmax.ts",
        hiddenFiles: ["01_a_test.ts", "01_b_test.ts"],
      },
      {
        number: 2,
        id: "02_mlp",
        testFile: "tests/02_mlp_test.ts",
        exerciseFile: "02_mlp.ts",
        hiddenFiles: [],
      },
    ]);
    assertEquals(unmatchedHidden, ["07_x_test.ts"]);
    assertEquals(selectLessons(lessons, [2]).map((lesson) => lesson.id), ["02_mlp"]);
    assertEquals(selectLessons(lessons).length, 2);
    assertThrows(() => selectLessons(lessons, [3]), UsageError, "the course has no lesson 3");
  } finally {
    await Deno.remove(course, { recursive: true });
  }
});
