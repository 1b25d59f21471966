/**
 * Lesson 3 on tiny settings: it trains with and without dropout, writes a valid chart and a
 * complete results.json, and repeats its numbers exactly with the same seed.
 */
import { assertEquals, assertGreater, assertStringIncludes } from "@std/assert";
import { runTinyLesson, withoutTimes } from "./run_lesson.ts";

const CHARTS = ["dropout_curves.svg"];

function tinyRun() {
  return runTinyLesson(3, "03_dropout", ["--epochs", "2", "--subset", "600"], CHARTS);
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
  assertStringIncludes(first.stdout.replace(/\s+/g, " "), "for 2 epochs on 480 digits");
  assertStringIncludes(
    first.stdout.replace(/\s+/g, " "),
    "In this run the network with no dropout ends",
  );
  assertEquals(typeof results.extra.diagnosis, "string");
  const second = await tinyRun();
  const numbers = ({ history, test, extra }: typeof results) => ({ history, test, extra });
  assertEquals(
    withoutTimes(numbers(second.results)),
    withoutTimes(numbers(results)),
    "same seed, same numbers",
  );
});
