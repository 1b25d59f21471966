/**
 * Lesson 3 on tiny settings: it trains with and without dropout, writes a valid chart and a
 * complete results.json, and repeats its numbers exactly with the same seed.
 */
import { assertEquals, assertGreater, assertStringIncludes } from "@std/assert";
import { readLessonOutputs, runLesson } from "./run_lesson.ts";

const CHARTS = ["dropout_curves.svg"];

async function tinyRun() {
  const out = await Deno.makeTempDir();
  const run = await runLesson(["3", "--epochs", "2", "--subset", "600", "--out", out]);
  assertEquals(run.code, 0, `lesson 3 failed:\n${run.stderr}`);
  const results = await readLessonOutputs(out, "03_dropout", CHARTS, run.stdout);
  await Deno.remove(out, { recursive: true });
  return { ...run, results };
}

/** The numbers of a run, without the wall-clock times that differ between runs. */
function numbers({ history, test, extra }: { history: unknown; test: unknown; extra: unknown }) {
  return JSON.stringify(
    { history, test, extra },
    (key, value) => (key === "seconds" ? undefined : value),
  );
}

Deno.test("lesson 3 on tiny settings trains with and without dropout", async () => {
  const first = await tinyRun();
  assertStringIncludes(first.stdout, "dropout_1 (Dropout)");
  assertStringIncludes(first.stdout, "Total params: 118,282");
  const { results } = first;
  assertEquals(results.lesson, "03_dropout");
  assertEquals(results.config.dropout, 0.3);
  assertEquals(results.history.length, 2);
  assertEquals(results.extra.withoutDropout.history.length, 2);
  assertEquals(results.charts.length, CHARTS.length);
  assertGreater(results.test.accuracy, 0.3);
  const second = await tinyRun();
  assertEquals(numbers(second.results), numbers(results), "same seed, same numbers");
});
