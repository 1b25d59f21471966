import { assertEquals } from "@std/assert";
import { join } from "node:path";
import { COURSE_ROOT } from "../../lib/cli/course_root.ts";
import { lessonFiles, lessonsWithExercises } from "../../lib/course/manifest.ts";
import { checkTranslations } from "../../lib/learn/check_translations.ts";
import { testNameCalls } from "./test_name_calls.ts";

Deno.test("every exercise test's check has its Chinese, and the catalogue nothing else", async () => {
  for (const lesson of lessonsWithExercises()) {
    const source = await Deno.readTextFile(join(COURSE_ROOT, lessonFiles(lesson).test));
    const checks = [...new Set(testNameCalls(source).map((call) => call.check))].sort();
    const translations = await checkTranslations(lesson);
    assertEquals(Object.keys(translations).sort(), checks, `tests/${lesson.id}_test.zh.json`);
    for (const [check, chinese] of Object.entries(translations)) {
      assertEquals(/[\u4e00-\u9fff]/.test(chinese), true, `"${check}" has no Chinese`);
    }
  }
});
