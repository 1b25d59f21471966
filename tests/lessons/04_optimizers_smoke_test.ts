/**
 * Lesson 4 on tiny settings: it runs the race and both sweeps, writes valid charts and a
 * complete results.json, and repeats its numbers exactly with the same seed.
 */
import { assertEquals, assertGreater, assertStringIncludes } from "@std/assert";
import { runTinyLesson, withoutTimes } from "./run_lesson.ts";

const CHARTS = [
  "optimizer_loss.svg",
  "optimizer_val_accuracy.svg",
  "learning_rate_sweep.svg",
  "batch_size_sweep.svg",
  "batch_size_time.svg",
];

function tinyRun() {
  return runTinyLesson(4, "04_optimizers", ["--epochs", "1", "--subset", "300"], CHARTS);
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
  // The optimizers step with the update rules on plain arrays; fit logs the rate they ran with.
  assertEquals(
    results.extra.race.map((entry: { history: { learning_rate: number }[] }) =>
      entry.history[0].learning_rate
    ),
    [0.1, 0.1, 0.001, 0.001],
  );
  assertStringIncludes(first.stdout.replace(/\s+/g, " "), "These four rules are what trains");
  assertEquals(results.extra.learningRateSweep.length, 7);
  assertEquals(results.extra.batchSizeSweep.length, 3);
  assertEquals(results.charts.length, CHARTS.length);
  assertGreater(results.test.accuracy, 0.2);
  const second = await tinyRun();
  assertEquals(withoutTimes(second.results.extra), withoutTimes(results.extra));
  assertEquals(second.results.test, results.test);
});
