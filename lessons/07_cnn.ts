/**
 * Lesson 7: the convolutional network. Two 3x3 convolutions, max pooling, dropout and a dense
 * head see the digit as a picture rather than a row of 784 numbers, and pass 99% test accuracy
 * where the dense networks stopped at 98%.
 *
 * Run it with `deno task lesson 7` (one epoch: about three minutes) or
 * `deno task lesson 7 --full` (the article's 15 epochs: about 40 minutes on an idle 2-core
 * machine). Both share each step between two threads (`--workers 2`).
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { join } from "node:path";
import { confusionMatrixSpec } from "../lib/charts/confusion.ts";
import { batchCurvesSpec, trainingCurvesSpec } from "../lib/charts/curves.ts";
import { digitGridSpec } from "../lib/charts/digits.ts";
import { mapGridSpec } from "../lib/charts/maps.ts";
import { CLASSES, imageAt, selectDigits, sliceDigits } from "../lib/data/digits.ts";
import { toTensors } from "../lib/data/prepare.ts";
import { lessonWithId } from "../lib/course/manifest.ts";
import { type LessonInfo, startLesson } from "../lib/lesson/context.ts";
import { runCommand } from "../lib/cli/errors.ts";
import { formatPercent } from "../lib/lesson/format.ts";
import { writeResults } from "../lib/lesson/results.ts";
import { fileSystem } from "../lib/model/file_io.ts";
import { formatSummary } from "../lib/model/summary.ts";
import {
  argMaxRows,
  confusionMatrix,
  predictProbabilities,
  probabilityRows,
} from "../lib/train/evaluate.ts";
import { fit } from "../lib/train/fit.ts";
import { confidentMistakes } from "../lib/train/mistakes.ts";
import { createProgress } from "../lib/train/progress.ts";
import type * as Exercises from "../exercises/07_cnn.ts";

/** Lesson 7's declaration: quick defaults and the article's configuration. */
export const info: LessonInfo = {
  ...lessonWithId("07_cnn"),
  source: import.meta.url,
  quick: { epochs: 1, batchSize: 128, learningRate: 0.001, workers: 2 },
  full: { epochs: 15, batchSize: 128, learningRate: 0.001, workers: 2 },
};

/** The test accuracy the article reports for this model. */
const ARTICLE_ACCURACY = 0.9921;

/** Runs with fewer epochs than this record and draw the loss of every batch. */
const BATCH_CURVE_BELOW_EPOCHS = 3;

/** How many of the most confident mistakes the lesson shows. */
const MISTAKES_SHOWN = 20;

/** Where the trained model is saved, inside the lesson's output folder. */
const MODEL_FOLDER = "model";

/**
 * The lesson's CNN, Keras's mnist_cnn, one line per layer (section 3 explains each):
 * 1,199,882 parameters. Its layers are named as Keras names them, so its summary reads like
 * the article's. The benchmark trains this same builder.
 *
 * @example
 * ```ts
 * simpleCnn().countParams(); // 1199882
 * ```
 */
// #region 3. The model
export function simpleCnn(): tf.Sequential {
  return tf.sequential({
    name: "cnn",
    layers: [
      tf.layers.conv2d({
        inputShape: [28, 28, 1],
        filters: 32,
        kernelSize: 3,
        activation: "relu",
        name: "conv2d",
      }),
      tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: "relu", name: "conv2d_1" }),
      tf.layers.maxPooling2d({ poolSize: 2, name: "max_pooling2d" }),
      tf.layers.dropout({ rate: 0.25, name: "dropout" }),
      tf.layers.flatten({ name: "flatten" }),
      tf.layers.dense({ units: 128, activation: "relu", name: "dense" }),
      tf.layers.dropout({ rate: 0.5, name: "dropout_1" }),
      tf.layers.dense({ units: CLASSES, activation: "softmax", name: "dense_1" }),
    ],
  });
}
// #endregion

/**
 * The course's own versions of the exercises this lesson runs, on plain arrays as the exercises
 * take them; `deno task lesson 7 --mine` trains your CNN and draws your confusion matrix and
 * mistakes in their place.
 */
const COURSE: Pick<typeof Exercises, "buildCnn" | "confusionMatrix" | "topMistakes"> = {
  buildCnn: simpleCnn,
  confusionMatrix,
  topMistakes: (labels, probabilities, k) =>
    confidentMistakes(labels, Float32Array.from(probabilities.flat()), CLASSES, k),
};

/** Channel `channel` of an `[h, w, channels]` (or `[1, h, w, channels]`) array, row-major. */
function channelOf(values: Float32Array, channels: number, channel: number): Float32Array {
  const out = new Float32Array(values.length / channels);
  for (let i = 0; i < out.length; i++) out[i] = values[i * channels + channel];
  return out;
}

/** Runs lesson 7 with command-line arguments. */
export async function run(argv: string[]): Promise<void> {
  const context = await startLesson(info, argv);
  if (context === "help") return;
  const { notebook, mnist, options } = context;
  const code = context.code(COURSE);

  notebook.heading("1. Why convolutions");
  notebook.explain(`
    The dense networks of the earlier lessons flatten each digit into 784 numbers: pixel 200
    and pixel 201 are as unrelated to them as pixel 200 and pixel 700, and a stroke shifted
    by two pixels looks like a new pattern. A convolution keeps the picture: it slides small
    3x3 filters over the image, so the same filter finds an edge or a curve wherever it is
    (lesson 6 did this by hand). Stacking two of them lets the second combine the edges the
    first one found into strokes and loops.
  `);

  notebook.heading("2. The data, as pictures");
  const train = mnist.train;
  const test = mnist.test;
  notebook.explain(`
    A convolution wants images, not rows: each batch has the shape [batch, 28, 28, 1]
    (height, width and one colour channel, since MNIST is grayscale), pixels scaled to 0-1
    and labels one-hot as before. As the article does, we validate on the test set after
    every epoch: ${train.count.toLocaleString("en-US")} digits to train on and
    ${test.count.toLocaleString("en-US")} to test on.
  `);
  if (!options.full) {
    const passes = options.epochs === 1 ? "one pass" : `${options.epochs} passes`;
    const steps = Math.ceil(train.count / options.batchSize);
    notebook.explain(`
      One training step of this network on a batch of 128 takes about a third of a second on
      a 2-core CPU, so the article's 15 epochs over 60,000 digits (7,035 steps) take about 40
      minutes. This quick run makes ${passes} over the ${train.count.toLocaleString("en-US")}
      training digits (${steps.toLocaleString("en-US")} step${steps === 1 ? "" : "s"} each);
      section 5 shows the accuracy it reaches. Add --full for the article's run.
    `);
  }

  notebook.heading("3. The model");
  notebook.explain(`
    - Conv2D(32, 3x3, relu): 32 filters of 3x3 weights and a bias each: 32 * (9 + 1) = 320
      parameters; 28x28 becomes 26x26 because a 3x3 window fits 26 times across 28 pixels.
    - Conv2D(64, 3x3, relu): each of 64 filters looks at all 32 maps below it:
      64 * (32 * 9 + 1) = 18,496 parameters; 24x24x64 out.
    - MaxPooling2D(2x2): keeps the largest value of each 2x2 block: 12x12x64, no parameters.
    - Dropout(0.25), Flatten (12 * 12 * 64 = 9,216 numbers), Dense(128, relu), Dropout(0.5),
      Dense(10, softmax). The dense layer holds almost all the weights: 9,216 * 128 + 128.
    Dropout switches off a random fraction of the values at each training step, so the network
    cannot rely on any single one; it is off when we test. The code is simpleCnn() in this
    lesson's own file, lessons/07_cnn.ts: eight lines, one per layer (exercise 7.1 builds it
    as buildCnn; --mine trains yours).
  `);
  // #region 3. The model
  const model = code.buildCnn();
  notebook.show(formatSummary(model));
  // #endregion

  notebook.heading("4. Training with Adam");
  notebook.explain(`
    Adam adapts the step of every weight from the running mean and variance of its gradients,
    and needs no tuning here: learning rate ${options.learningRate}, batch ${options.batchSize},
    categorical cross-entropy, ${options.epochs} epoch${options.epochs === 1 ? "" : "s"}.
    ${
    options.workers > 1
      ? `Each batch is cut into ${options.workers} shares computed at once on separate
    threads (one per CPU core), and their gradients are averaged into the whole batch's
    gradient: about twice as fast on two cores (--workers 1 trains on one thread).`
      : ""
  }
  `);
  // #region 4. Training with Adam
  const history = await fit(model, train, {
    epochs: options.epochs,
    batchSize: options.batchSize,
    optimizer: tf.train.adam(options.learningRate),
    rng: context.rng,
    layout: "image",
    workers: options.workers,
    validation: test,
    progress: createProgress(),
    batchLosses: options.epochs < BATCH_CURVE_BELOW_EPOCHS,
  });
  // #endregion
  if (options.epochs < BATCH_CURVE_BELOW_EPOCHS) {
    notebook.explain(`
      With only ${options.epochs} epoch${options.epochs === 1 ? "" : "s"}, per-epoch curves
      would be ${options.epochs === 1 ? "a single dot" : "two dots"}: the chart shows the loss of
      every training batch instead (a noisy line, since each batch holds different digits),
      with the test loss as a dot at the end of each epoch.
    `);
    await context.chart(
      "training_curves.svg",
      batchCurvesSpec(history, { title: "CNN: training loss batch by batch" }),
      "training loss per batch and validation (test set) loss per epoch",
    );
  } else {
    await context.chart(
      "training_curves.svg",
      trainingCurvesSpec(history, { title: "CNN: loss and accuracy per epoch" }),
      "training vs validation (test set) loss and accuracy",
    );
  }

  notebook.heading("5. The test set");
  // The validation set is the test set, so the last epoch's validation is the test result.
  // #region 5. The test set
  const last = history[history.length - 1];
  const measured = { loss: last.val_loss!, accuracy: last.val_accuracy! };
  notebook.show(
    `Test loss ${measured.loss.toFixed(4)}, test accuracy ${formatPercent(measured.accuracy)}` +
      ` (the article reports ${formatPercent(ARTICLE_ACCURACY)} after 15 epochs).`,
  );
  const probabilities = predictProbabilities(model, test, "image");
  const labels = Array.from(test.labels);
  const predicted = Array.from(argMaxRows(probabilities, CLASSES));
  const matrix = code.confusionMatrix(labels, predicted, CLASSES);
  // #endregion
  await context.chart(
    "confusion_matrix.svg",
    confusionMatrixSpec(matrix, { title: "Test set: true digit vs predicted digit" }),
    "confusion matrix on the test set",
  );

  notebook.heading("6. What the first layer learned");
  notebook.explain(`
    The 32 filters of the first convolution, each 3x3 weights: red weights respond to ink,
    blue ones to its absence. Many are edge detectors like the hand-made kernels of lesson 6:
    a red column next to a blue one finds vertical edges, red over blue horizontal ones.
  `);
  // #region 6. What the first layer learned
  const kernel = model.layers[0].getWeights()[0].dataSync() as Float32Array; // [3, 3, 1, 32]
  // #endregion
  await context.chart(
    "filters.svg",
    mapGridSpec({
      maps: Array.from({ length: 32 }, (_, f) => channelOf(kernel, 32, f)),
      captions: Array.from({ length: 32 }, (_, f) => `filter ${f}`),
      title: "The 32 learned 3x3 filters of the first layer",
      legendTitle: "weight",
    }),
    "the 32 first-layer filters",
  );

  notebook.explain(`
    Feature maps: what each filter reports for one test digit. After the first layer the maps
    still look like the digit, each lighting up a different kind of edge; after the second
    they are coarser and more abstract: where strokes, corners and curves are.
  `);
  // #region 6. What the first layer learned
  const digit = selectDigits(test, [0]);
  const probe = tf.model({
    inputs: model.inputs,
    outputs: [model.layers[0].output, model.layers[1].output] as tf.SymbolicTensor[],
  });
  const [first, second] = tf.tidy(() =>
    (probe.predict(toTensors(digit, "image").x) as tf.Tensor[]).map((t) =>
      t.dataSync() as Float32Array
    )
  );
  // #endregion
  await context.chart(
    "feature_maps_conv1.svg",
    mapGridSpec({
      maps: Array.from({ length: 32 }, (_, f) => channelOf(first, 32, f)),
      captions: Array.from({ length: 32 }, (_, f) => `map ${f}`),
      title: `First convolution: 32 feature maps of a test ${test.labels[0]}`,
      legendTitle: "activation",
    }),
    "feature maps of one digit after the first convolution",
  );
  await context.chart(
    "feature_maps_conv2.svg",
    mapGridSpec({
      maps: Array.from({ length: 32 }, (_, f) => channelOf(second, 64, f)),
      captions: Array.from({ length: 32 }, (_, f) => `map ${f}`),
      title: `Second convolution: the first 32 of 64 feature maps of the same ${test.labels[0]}`,
      legendTitle: "activation",
    }),
    "feature maps of the same digit after the second convolution",
  );

  notebook.heading("7. The mistakes it was surest of");
  // #region 7. The mistakes it was surest of
  const rows = probabilityRows(probabilities, CLASSES);
  const mistakes = code.topMistakes(labels, rows, MISTAKES_SHOWN);
  const right = matrix.reduce((sum, row, digit) => sum + row[digit], 0);
  const wrong = test.count - right;
  // #endregion
  notebook.explain(`
    ${wrong} of ${test.count.toLocaleString("en-US")} test digits are wrong (everything off
    the confusion matrix's diagonal). Here are the
    ${mistakes.length} the model was most confident about: many would puzzle a person too,
    and a few look mislabelled.
  `);
  if (mistakes.length > 0) {
    await context.chart(
      "mistakes.svg",
      digitGridSpec({
        images: mistakes.map((m) => imageAt(test, m.index)),
        captions: mistakes.map((m) =>
          `true ${m.label} / pred ${m.predicted} (${formatPercent(m.confidence, 0)})`
        ),
        title: "The most confident mistakes on the test set",
      }),
      "misclassified test digits with true and predicted labels",
    );
  }

  notebook.heading("8. Saving the model");
  // #region 8. Saving the model
  const modelDir = join(context.outDir, MODEL_FOLDER);
  await model.save(fileSystem(modelDir));
  const loaded = await tf.loadLayersModel(fileSystem(modelDir));
  const checked = sliceDigits(test, 0, Math.min(1000, test.count));
  const again = predictProbabilities(loaded, checked, "image");
  const largestDifference = again.reduce(
    (largest, p, i) => Math.max(largest, Math.abs(p - probabilities[i])),
    0,
  );
  // #endregion
  notebook.explain(`
    The trained model is saved in TensorFlow.js's format: ${
    context.shown(modelDir)
  }/model.json (the layers
    and the list of weights) and ${
    context.shown(modelDir)
  }/weights.bin (all the weights as 32-bit floats).
    Any tfjs program can load it with tf.loadLayersModel. We load it back and predict the first
    ${checked.count.toLocaleString("en-US")} test digits again: the largest difference from
    the probabilities before saving is ${largestDifference}.
  `);

  const resultsPath = await writeResults(context, {
    config: {
      model:
        "Conv2D(32)-Conv2D(64)-MaxPool-Dropout(0.25)-Flatten-Dense(128)-Dropout(0.5)-Dense(10)",
      parameters: model.countParams(),
      optimizer: "adam",
      loss: "categoricalCrossentropy",
      validation: "test set",
      trainSize: train.count,
      testSize: test.count,
    },
    history,
    test: measured,
    extra: {
      articleAccuracy: ARTICLE_ACCURACY,
      modelDir: MODEL_FOLDER, // relative to this results.json, so runs compare across folders
      reloadedLargestDifference: largestDifference,
      wrongPredictions: wrong,
      confidentMistakes: mistakes,
    },
  });
  model.dispose();
  loaded.dispose();

  notebook.heading("Done");
  notebook.show(`Results: ${resultsPath}`);
  notebook.explain(`
    Next: open exercises/07_cnn.ts, build this network yourself, then its confusion matrix
    and its most confident mistakes; run deno task check 7 to see how you are doing.
  `);
}

if (import.meta.main) await runCommand(() => run(Deno.args));
