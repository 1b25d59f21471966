/**
 * The course home: every lesson of the manifest, a lesson that ran linked to its report with
 * its headline, the others with the command that runs them; in English or Chinese.
 */
import { assertEquals, assertStringIncludes } from "@std/assert";
import { join } from "node:path";
import { LESSONS } from "../../lib/course/manifest.ts";
import { homePage } from "../../lib/serve/home_page.ts";

Deno.test("the home lists every lesson, linking the ones that ran to their reports", async () => {
  const out = await Deno.makeTempDir({ prefix: "digits-home-" });
  await Deno.mkdir(join(out, "06_convolutions"), { recursive: true });
  await Deno.writeTextFile(
    join(out, "06_convolutions", "results.json"),
    JSON.stringify({
      lesson: "06_convolutions",
      title: "Convolution by hand",
      config: { mode: "quick" },
      wallSeconds: 3.2,
    }),
  );
  try {
    const english = await homePage(out, "en");
    for (const lesson of LESSONS.filter((lesson) => lesson.id !== "06_convolutions")) {
      assertStringIncludes(english, `not run yet: <code>deno task lesson ${lesson.number}</code>`);
    }
    assertStringIncludes(
      english,
      `<a href="/out/06_convolutions/index.html">Convolution by hand</a>`,
    );
    assertStringIncludes(english, "06_convolutions (quick run), 3 s");
    assertStringIncludes(english, `<a href="/playground">`);
    assertStringIncludes(english, "(0 saved models)");
    assertEquals(english.match(/<tr><td>\d+<\/td>/g)?.length, LESSONS.length);
    const chinese = await homePage(out, "zh");
    assertStringIncludes(chinese, `<html lang="zh-CN">`);
    assertStringIncludes(chinese, "手算卷积");
    assertStringIncludes(chinese, "尚未运行：<code>deno task lesson 7</code>");
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});
