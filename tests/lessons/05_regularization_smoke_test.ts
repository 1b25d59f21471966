/**
 * Lesson 5 on tiny settings: it trains every remedy, writes valid charts and a complete
 * results.json, and repeats its numbers exactly with the same seed.
 */
import { assertEquals, assertStringIncludes } from "@std/assert";
import { runTinyLesson, withoutTimes } from "./run_lesson.ts";

const CHARTS = [
  "overfitting.svg",
  "remedies_val_loss.svg",
  "remedies_train_loss.svg",
  "remedies_test_accuracy.svg",
  "weights_histogram.svg",
];

function tinyRun() {
  return runTinyLesson(5, "05_regularization", ["--epochs", "3", "--subset", "300"], CHARTS);
}

Deno.test("lesson 5 on tiny settings trains every remedy and repeats itself", async () => {
  const first = await tinyRun();
  const { results } = first;
  assertStringIncludes(first.stdout, "Total params: 269,322");
  assertEquals(results.lesson, "05_regularization");
  assertEquals(results.config.trainSize, 240);
  assertEquals(
    results.extra.remedies.map((r: { name: string }) => r.name),
    results.config.remedies,
  );
  assertEquals(results.extra.remedies.length, 6);
  for (const remedy of results.extra.remedies) {
    assertEquals(remedy.history.length, 3, `${remedy.name} should train the 3 epochs asked for`);
    assertEquals(
      ["underfit", "good fit", "overfit"].includes(remedy.diagnosis),
      true,
      `${remedy.name}: unknown diagnosis ${remedy.diagnosis}`,
    );
  }
  assertEquals(results.charts.length, CHARTS.length);
  // The verdict is computed from the run: the best remedy's loss against no remedy's.
  const prose = first.stdout.replace(/\s+/g, " ");
  const best = results.extra.remedies.find((r: { name: string }) => r.name === results.extra.best);
  assertStringIncludes(
    prose,
    best.name === "no remedy"
      ? "In this run no remedy lowered the validation loss"
      : `In this run the lowest validation loss is ${best.name}'s`,
  );
  assertStringIncludes(prose, "validation loss divided by no remedy's");
  const second = await tinyRun();
  assertEquals(withoutTimes(second.results.extra), withoutTimes(results.extra));
  assertEquals(second.results.test, results.test);
});
