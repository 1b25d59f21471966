/**
 * Lesson 6 runs in seconds: it writes valid charts and a results.json recording the 8x8 edge
 * example, the output sizes and the parameter counts it measured with TensorFlow.js.
 */
import { assertEquals, assertFalse, assertStringIncludes } from "@std/assert";
import { join } from "node:path";
import { readLessonOutputs, runLesson } from "./run_lesson.ts";

const CHARTS = ["edge_example.svg", "digit_kernels.svg", "max_pooling.svg"];

Deno.test("lesson 6 writes its charts and results.json", async () => {
  const out = await Deno.makeTempDir();
  const run = await runLesson(["6", "--subset", "200", "--out", out]);
  assertEquals(run.code, 0, `lesson 6 failed:\n${run.stderr}`);
  assertStringIncludes(run.stdout, "(no training here)");
  assertFalse(run.stdout.includes("code: lessons/"), "code is printed only with --code");
  const results = await readLessonOutputs(out, "06_convolutions", CHARTS, run.stdout);
  assertEquals(results.lesson, "06_convolutions");
  assertEquals(results.history, []);
  assertEquals(results.test, null);
  assertEquals(results.charts.length, CHARTS.length);
  const edge: number[] = results.extra.edgeExample;
  assertEquals(edge.length, 36);
  edge.forEach((value, i) => assertEquals(value, [2, 3].includes(i % 6) ? 30 : 0, `cell ${i}`));
  assertEquals(
    results.extra.outputSizes.map((row: { measured: number }) => row.measured),
    [26, 28, 13, 14],
  );
  for (const row of results.extra.outputSizes) assertEquals(row.measured, row.formula);
  assertEquals(results.extra.parameterCounts[0].tfjs, 640);
  await Deno.remove(out, { recursive: true });
});

Deno.test("lesson 6 --code prints each section's code from the lesson file", async () => {
  const out = await Deno.makeTempDir();
  const run = await runLesson(["6", "--subset", "200", "--code", "--out", out]);
  assertEquals(run.code, 0, `lesson 6 failed:\n${run.stderr}`);
  assertStringIncludes(run.stdout, "  code: lessons/06_convolutions.ts:");
  assertStringIncludes(run.stdout, "    const pooled = code.maxPool(response, 2);");
  const html = await Deno.readTextFile(join(out, "06_convolutions", "index.html"));
  assertStringIncludes(html, `<span class="kw">function</span> convolve(`);
  await Deno.remove(out, { recursive: true });
});
