/**
 * Lesson 7 on tiny settings: it runs, writes valid charts, a complete results.json and a saved
 * model that loads back.
 */
import * as tf from "@tensorflow/tfjs";
import { assertEquals, assertGreater, assertStringIncludes } from "@std/assert";
import { join } from "node:path";
import { readLessonOutputs, runLesson } from "./run_lesson.ts";
import { startBackend } from "../../lib/backend/backend.ts";
import { fileSystem } from "../../lib/model/file_io.ts";

const CHARTS = [
  "training_curves.svg",
  "confusion_matrix.svg",
  "filters.svg",
  "feature_maps_conv1.svg",
  "feature_maps_conv2.svg",
  "mistakes.svg",
];

Deno.test("lesson 7 on tiny settings writes its charts, results.json and the model", async () => {
  const out = await Deno.makeTempDir();
  const run = await runLesson([
    "7",
    ...["--epochs", "1", "--subset", "300", "--batch-size", "50", "--out", out],
  ]);
  assertEquals(run.code, 0, `lesson 7 failed:\n${run.stderr}`);
  assertStringIncludes(run.stdout, "Total params: 1,199,882");
  assertStringIncludes(run.stdout, "Epoch 1/1");
  const results = await readLessonOutputs(out, "07_cnn", CHARTS, run.stdout);
  assertEquals(results.lesson, "07_cnn");
  assertEquals(results.config.parameters, 1_199_882);
  assertEquals(results.config.trainSize, 300);
  assertEquals(results.config.workers, 2, "lesson 7 shares each step between two threads");
  assertEquals(results.history.length, 1);
  // One epoch: the curve is drawn batch by batch (300 digits in batches of 50).
  assertEquals(results.history[0].batch_losses.length, 6);
  assertStringIncludes(run.stdout, "1 epoch, batch 50");
  assertStringIncludes(run.stdout, "(training loss per batch");
  assertEquals(results.charts.length, CHARTS.length);
  assertEquals(results.test.accuracy, results.history[0].val_accuracy);
  assertGreater(results.test.accuracy, 0.2);
  assertEquals(results.extra.reloadedLargestDifference, 0);
  // The confusion matrix's off-diagonal counts the mistakes; the gallery shows the surest ones.
  assertEquals(results.extra.wrongPredictions, Math.round(300 * (1 - results.test.accuracy)));
  assertEquals(results.extra.modelDir, "model");
  const confidences = results.extra.confidentMistakes.map((m: { confidence: number }) =>
    m.confidence
  );
  assertEquals(confidences.length, Math.min(20, results.extra.wrongPredictions));
  assertEquals(confidences, [...confidences].sort((a: number, b: number) => b - a));

  await startBackend("wasm");
  const model = await tf.loadLayersModel(fileSystem(join(out, "07_cnn", "model")));
  assertEquals(model.countParams(), 1_199_882);
  model.dispose();
  await Deno.remove(out, { recursive: true });
});
