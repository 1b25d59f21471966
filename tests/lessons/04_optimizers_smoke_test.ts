/**
 * Lesson 4 on tiny settings: it runs the race and both sweeps, writes valid charts and a
 * complete results.json, and repeats its numbers exactly with the same seed.
 */
import { assertEquals, assertGreater, assertStringIncludes } from "@std/assert";
import { readLessonOutputs, runLesson } from "./run_lesson.ts";

const CHARTS = [
  "optimizer_loss.svg",
  "optimizer_val_accuracy.svg",
  "learning_rate_sweep.svg",
  "batch_size_sweep.svg",
  "batch_size_time.svg",
];

async function tinyRun() {
  const out = await Deno.makeTempDir();
  const run = await runLesson(["4", "--epochs", "1", "--subset", "300", "--out", out]);
  assertEquals(run.code, 0, `lesson 4 failed:\n${run.stderr}`);
  const results = await readLessonOutputs(out, "04_optimizers", CHARTS, run.stdout);
  await Deno.remove(out, { recursive: true });
  return { ...run, results };
}

/** Results without wall-clock times, which differ from run to run. */
function withoutTimes(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(
      value,
      (key, field) => ["seconds", "wallSeconds"].includes(key) ? undefined : field,
    ),
  );
}

Deno.test("lesson 4 on tiny settings races four optimizers, sweeps and repeats itself", async () => {
  const first = await tinyRun();
  const { results } = first;
  assertStringIncludes(first.stdout, "Total params: 118,282");
  assertEquals(results.lesson, "04_optimizers");
  assertEquals(results.config.trainSize, 240);
  assertEquals(results.config.sweepEpochs, 1);
  assertEquals(
    results.extra.race.map((entry: { optimizer: string }) => entry.optimizer),
    ["SGD", "SGD + momentum", "RMSprop", "Adam"],
  );
  for (const entry of results.extra.race) assertEquals(entry.history.length, 1);
  assertEquals(results.extra.learningRateSweep.length, 7);
  assertEquals(results.extra.batchSizeSweep.length, 3);
  assertEquals(results.charts.length, CHARTS.length);
  assertGreater(results.test.accuracy, 0.2);
  const second = await tinyRun();
  assertEquals(withoutTimes(second.results.extra), withoutTimes(results.extra));
  assertEquals(second.results.test, results.test);
});
