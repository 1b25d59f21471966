/**
 * Lesson 2 on tiny settings: it trains its three networks, writes valid charts and a complete
 * results.json, and repeats its numbers exactly with the same seed.
 */
import { assertEquals, assertGreater, assertStringIncludes } from "@std/assert";
import { readLessonOutputs, runLesson } from "./run_lesson.ts";

const CHARTS = [
  "test_accuracy.svg",
  "training_time.svg",
  "training_accuracy.svg",
  "training_loss.svg",
];

async function tinyRun() {
  const out = await Deno.makeTempDir();
  const run = await runLesson(["2", "--epochs", "1", "--subset", "600", "--out", out]);
  assertEquals(run.code, 0, `lesson 2 failed:\n${run.stderr}`);
  const results = await readLessonOutputs(out, "02_hidden_layers", CHARTS, run.stdout);
  await Deno.remove(out, { recursive: true });
  return { ...run, results };
}

/** The numbers of a run, without the wall-clock times that differ between runs. */
function numbers(results: { test: unknown; extra: { configurations: unknown[] } }) {
  return JSON.stringify(
    { test: results.test, configurations: results.extra.configurations },
    (key, value) => (key === "seconds" ? undefined : value),
  );
}

Deno.test("lesson 2 on tiny settings trains three networks and writes its outputs", async () => {
  const first = await tinyRun();
  assertStringIncludes(first.stdout, "Total params: 407,050");
  assertStringIncludes(first.stdout, "784*128 + 128 + 128*128 + 128 + 128*10 + 10 = 118,282");
  const { results } = first;
  assertEquals(results.lesson, "02_hidden_layers");
  assertEquals(results.config.parameters, 407_050);
  assertEquals(results.history.length, 1);
  assertEquals(results.charts.length, CHARTS.length);
  assertEquals(
    results.extra.configurations.map((c: { name: string }) => c.name),
    ["2x128 sgd", "1x512 rmsprop", "3x256 sgd"],
  );
  assertGreater(results.test.accuracy, 0.5);
  const second = await tinyRun();
  assertEquals(numbers(second.results), numbers(results), "same seed, same numbers");
});
