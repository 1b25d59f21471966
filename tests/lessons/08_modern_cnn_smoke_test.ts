/**
 * Lesson 8 on tiny settings: it runs, prints the article's parameter counts, writes valid
 * charts, a complete results.json, a Kaggle-format submission.csv and a best-model checkpoint
 * that loads back.
 */
import * as tf from "@tensorflow/tfjs";
import { assertEquals, assertMatch, assertStringIncludes } from "@std/assert";
import { join } from "node:path";
import { readLessonOutputs, runLesson } from "./run_lesson.ts";
import { startBackend } from "../../lib/backend/backend.ts";
import { fileSystem } from "../../lib/model/file_io.ts";

const CHARTS = ["augmented_samples.svg", "training_curves.svg", "confusion_matrix.svg"];

Deno.test("lesson 8 on tiny settings writes its charts, results, submission and checkpoint", async () => {
  const out = await Deno.makeTempDir();
  const run = await runLesson([
    "8",
    ...["--epochs", "1", "--subset", "300", "--batch-size", "100", "--out", out],
  ]);
  assertEquals(run.code, 0, `lesson 8 failed:\n${run.stderr}`);
  assertStringIncludes(run.stdout, "Total params: 742,858");
  assertStringIncludes(run.stdout, "Trainable params: 741,962");
  assertStringIncludes(run.stdout, "Non-trainable params: 896");
  assertStringIncludes(run.stdout, "Epoch 1/1");
  const results = await readLessonOutputs(out, "08_modern_cnn", CHARTS, run.stdout);
  assertEquals(results.lesson, "08_modern_cnn");
  assertEquals(results.config.parameters, 742_858);
  assertEquals(results.config.loss, "sparseCategoricalCrossentropy");
  assertEquals(results.history.length, 1);
  assertEquals(results.history[0].learning_rate, 0.001);
  assertEquals(results.test.accuracy, results.history[0].val_accuracy);
  assertEquals(results.extra.checkpoint.epoch, 1);
  assertEquals(results.extra.checkpoint.dir, "best_model");
  assertEquals(results.extra.batchNormParameters, [
    { channels: 64, trainable: 128, nonTrainable: 128 },
    { channels: 128, trainable: 256, nonTrainable: 256 },
    { channels: 256, trainable: 512, nonTrainable: 512 },
  ]);
  assertStringIncludes(
    run.stdout,
    "896 non-trainable in all; the summary counts 896.",
  );
  assertEquals(results.extra.batchNormInferenceMatches, true);

  // --subset 300 draws 300 MNIST training and 300 test digits: 360 Kaggle train rows (300 used)
  // and 240 test rows.
  const submission = (await Deno.readTextFile(join(out, "08_modern_cnn", "submission.csv")))
    .trimEnd().split("\n");
  assertEquals(submission[0], "ImageId,Label");
  assertEquals(submission.length - 1, results.config.testRows);
  submission.slice(1).forEach((line, i) => assertMatch(line, new RegExp(`^${i + 1},[0-9]$`)));

  await startBackend("wasm");
  const model = await tf.loadLayersModel(fileSystem(join(out, "08_modern_cnn", "best_model")));
  assertEquals(model.countParams(), 742_858);
  model.dispose();
  await Deno.remove(out, { recursive: true });
});
