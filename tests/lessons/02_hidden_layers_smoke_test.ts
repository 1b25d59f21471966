/**
 * Lesson 2 on tiny settings: it trains its three networks, writes valid charts and a complete
 * results.json, and repeats its numbers exactly with the same seed.
 */
import { assertEquals, assertGreater, assertStringIncludes } from "@std/assert";
import { runTinyLesson, withoutTimes } from "./run_lesson.ts";

const CHARTS = [
  "test_accuracy.svg",
  "training_time.svg",
  "training_accuracy.svg",
  "training_loss.svg",
];

function tinyRun() {
  return runTinyLesson(2, "02_hidden_layers", ["--epochs", "1", "--subset", "600"], CHARTS);
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
  assertEquals(results.extra.baseline.name, "softmax", "the softmax baseline trains in the run");
  assertEquals(results.extra.baseline.epochs, 1);
  assertStringIncludes(first.stdout.replace(/\s+/g, " "), "the softmax baseline (");
  const second = await tinyRun();
  const numbers = ({ history, test, extra }: typeof results) => ({ history, test, extra });
  assertEquals(
    withoutTimes(numbers(second.results)),
    withoutTimes(numbers(results)),
    "same seed, same numbers",
  );
});
