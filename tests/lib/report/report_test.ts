import { assertEquals, assertFalse, assertStringIncludes } from "@std/assert";
import { join } from "node:path";
import { escapeHtml } from "../../../lib/report/html.ts";
import { describeHeadline, lessonReportHtml } from "../../../lib/report/lesson_report.ts";
import { readHeadline, writeCourseIndex } from "../../../lib/report/course_index.ts";
import { LESSONS, lessonWithId } from "../../../lib/course/manifest.ts";

const headline = {
  lesson: "01_softmax",
  title: "Lesson 1: Softmax <regression>",
  mode: "quick",
  testAccuracy: 0.92261,
  wallSeconds: 23.8,
};

Deno.test("escapeHtml escapes the five HTML-special characters", () => {
  assertEquals(
    escapeHtml(`<a href="x">'&'</a>`),
    "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;",
  );
});

Deno.test("a lesson report tells the notebook's story with its charts, escaped", () => {
  const html = lessonReportHtml(headline, [
    { kind: "heading", text: headline.title },
    { kind: "heading", text: "1. Data & labels" },
    { kind: "text", text: "x < y" },
    { kind: "output", text: "Total params: 7,850" },
    { kind: "chart", path: "/tmp/out/01_softmax/samples.svg", caption: "sample digits" },
  ]);
  assertStringIncludes(html, "<title>Lesson 1: Softmax &lt;regression&gt;</title>");
  assertEquals(html.match(/<h1>/g)?.length, 1, "the title heading appears once");
  assertStringIncludes(html, "<h2>1. Data &amp; labels</h2>");
  assertStringIncludes(html, "<p>x &lt; y</p>");
  assertStringIncludes(html, "<pre>Total params: 7,850</pre>");
  assertStringIncludes(html, `<img src="samples.svg" alt="sample digits">`);
  assertStringIncludes(html, "test accuracy 92.26%, 24 s");
});

Deno.test("describeHeadline leaves out accuracy a lesson did not measure", () => {
  assertEquals(
    describeHeadline({ ...headline, testAccuracy: undefined, mode: "full" }),
    "01_softmax (full run), 24 s",
  );
});

Deno.test("the course index lists every lesson: runs linked, others with a command", async () => {
  const out = await Deno.makeTempDir();
  const record = (lesson: string, accuracy: number) =>
    JSON.stringify({
      lesson,
      title: `Title ${lesson}`,
      config: { mode: "quick" },
      test: { accuracy },
      wallSeconds: 10,
    });
  const runs = [["02_hidden_layers", 0.97], ["01_softmax", 0.92], [
    "09_not_a_lesson",
    0.5,
  ]] as const;
  for (const [lesson, accuracy] of runs) {
    await Deno.mkdir(join(out, lesson));
    await Deno.writeTextFile(join(out, lesson, "results.json"), record(lesson, accuracy));
  }
  await Deno.mkdir(join(out, "grades"));
  await Deno.mkdir(join(out, "03_dropout")); // a run that has not finished yet
  assertEquals((await readHeadline(out, lessonWithId("02_hidden_layers")))?.testAccuracy, 0.97);
  assertEquals(await readHeadline(out, lessonWithId("03_dropout")), undefined);
  const html = await Deno.readTextFile(await writeCourseIndex(out));
  const rows = html.match(/<tr><td>.*<\/tr>/g) ?? [];
  assertEquals(rows.length, LESSONS.length, "one row per lesson of the manifest");
  assertEquals(
    rows[0],
    `<tr><td><a href="01_softmax/index.html">Softmax regression</a></td>` +
      `<td>01_softmax (quick run): test accuracy 92.00%, 10 s</td></tr>`,
  );
  assertStringIncludes(rows[1], "02_hidden_layers (quick run): test accuracy 97.00%");
  assertEquals(
    rows[2],
    "<tr><td>Dropout</td><td>not run yet: <code>deno task lesson 3</code></td></tr>",
  );
  assertFalse(html.includes("09_not_a_lesson"), "a folder the manifest does not name is listed");
  await Deno.remove(out, { recursive: true });
});

Deno.test("a lesson report shows a section's code highlighted, escaped, with its file:line", () => {
  const html = lessonReportHtml(headline, [
    { kind: "heading", text: "4. The model" },
    {
      kind: "code",
      title: "4. The model",
      text: `const model = build(784); // a < b\nreturn "x";`,
      file: "lessons/01_softmax.ts",
      line: 57,
    },
  ]);
  assertStringIncludes(
    html,
    `<pre><span class="kw">const</span> model = build(<span class="num">784</span>); ` +
      `<span class="com">// a &lt; b</span>\n<span class="kw">return</span> ` +
      `<span class="str">&quot;x&quot;</span>;</pre>`,
  );
  assertStringIncludes(html, "<figcaption>lessons/01_softmax.ts:57</figcaption>");
  assertFalse(html.includes("http"), "nothing is fetched");
});
