/**
 * Lesson 1: softmax regression. One dense layer turns the 784 pixels of a digit into 10
 * probabilities; trained with plain SGD it recognises about 92% of the test digits.
 *
 * Run it with `deno task lesson 1` (quick) or `deno task lesson 1 --full` (the article's
 * 200 epochs at learning rate 0.01).
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { digitGridSpec } from "../lib/charts/digits.ts";
import { trainingCurvesSpec } from "../lib/charts/curves.ts";
import { confusionMatrixSpec } from "../lib/charts/confusion.ts";
import { weightTemplatesSpec } from "../lib/charts/weights.ts";
import { imageAt, PIXELS } from "../lib/data/digits.ts";
import { encodingFrom, oneHot, scalePixels } from "../lib/data/prepare.ts";
import { validationSplit } from "../lib/data/split.ts";
import { lessonWithId } from "../lib/course/manifest.ts";
import { type LessonInfo, startLesson } from "../lib/lesson/context.ts";
import { runCommand } from "../lib/cli/errors.ts";
import { formatCount, formatPercent } from "../lib/lesson/format.ts";
import { writeResults } from "../lib/lesson/results.ts";
import { formatSummary } from "../lib/model/summary.ts";
import {
  argMaxRows,
  confusionMatrix,
  fractionCorrect,
  meanCrossEntropy,
  predictProbabilities,
  probabilityRows,
} from "../lib/train/evaluate.ts";
import { fit } from "../lib/train/fit.ts";
import type { EpochLog } from "../lib/train/history.ts";
import { createProgress } from "../lib/train/progress.ts";
import type * as Exercises from "../exercises/01_softmax.ts";

/** Lesson 1's declaration: quick defaults and the article's configuration. */
export const info: LessonInfo = {
  ...lessonWithId("01_softmax"),
  source: import.meta.url,
  quick: { epochs: 15, batchSize: 128, learningRate: 0.5 },
  full: { epochs: 200, batchSize: 128, learningRate: 0.01 },
};

/** The test accuracy the article reports for this model. */
const ARTICLE_ACCURACY = 0.9225;

/**
 * The model of section 4, softmax regression: one dense layer from the 784 pixels to 10
 * scores, turned into probabilities by softmax; 784 x 10 weights + 10 biases = 7,850
 * parameters. The benchmark trains this same builder.
 *
 * @example
 * ```ts
 * softmaxRegression().countParams(); // 7850
 * ```
 */
// #region 4. The model: one dense layer and a softmax
export function softmaxRegression(): tf.Sequential {
  return tf.sequential({
    name: "softmax_regression",
    layers: [
      tf.layers.dense({ inputShape: [PIXELS], units: 10, activation: "softmax", name: "dense" }),
    ],
  });
}
// #endregion

/**
 * The course's own versions of the exercises this lesson runs, on plain arrays as the exercises
 * take them; `deno task lesson 1 --mine` runs yours in their place.
 */
const COURSE: Pick<
  typeof Exercises,
  "scalePixels" | "oneHot" | "crossEntropy" | "accuracy" | "buildSoftmaxModel"
> = {
  scalePixels: (pixels) => Array.from(scalePixels(Uint8Array.from(pixels))),
  oneHot: (labels, classes) => probabilityRows(oneHot(labels, classes), classes),
  crossEntropy: meanCrossEntropy,
  accuracy: fractionCorrect,
  buildSoftmaxModel: softmaxRegression,
};

/** Runs lesson 1 with command-line arguments. */
export async function run(argv: string[]): Promise<void> {
  const context = await startLesson(info, argv);
  if (context === "help") return;
  const { notebook, mnist, options } = context;
  const code = context.code(COURSE);

  notebook.heading("1. The data: MNIST");
  const shown = Math.min(25, mnist.train.count);
  const firstDigits = shown === 1
    ? "The first training digit"
    : `The first ${shown} training digits`;
  notebook.explain(`
    MNIST is a set of 70,000 handwritten digits: 60,000 for training and 10,000 for testing${
    options.subset
      ? `. This run uses a random subset of them (--subset ${options.subset}): ${
        formatCount(mnist.train.count, "digit")
      } for training and ${mnist.test.count.toLocaleString("en-US")} for testing`
      : ""
  }. Each is a 28x28 grayscale image whose pixels run from 0 (background) to 255 (ink), with a
    label from 0 to 9 saying which digit it is. ${firstDigits}${shown === 1 ? " is" : " are"}
    drawn here:
  `);
  // #region 1. The data: MNIST
  const samples = Array.from({ length: shown }, (_, i) => i);
  await context.chart(
    "samples.svg",
    digitGridSpec({
      images: samples.map((i) => imageAt(mnist.train, i)),
      captions: samples.map((i) => `label ${mnist.train.labels[i]}`),
      title: firstDigits,
    }),
    "sample digits with their labels",
  );
  // #endregion

  notebook.heading("2. From images to numbers");
  // #region 2. From images to numbers
  const encoding = encodingFrom(code.scalePixels, code.oneHot);
  // #endregion
  notebook.explain(`
    A softmax regression does not know that pixels sit on a grid: we flatten each 28x28 image
    into one row of 784 numbers, and divide by 255 so every input lies between 0 and 1 (large
    raw values would make the first steps of training jump around).

    The labels become one-hot rows: the digit ${mnist.train.labels[0]} becomes
    [${code.oneHot([mnist.train.labels[0]], 10)[0].join(", ")}]. The model will output ten
    probabilities, and one-hot rows are the probabilities it should have given.
  `);

  notebook.heading("3. Training, validation and test sets");
  // #region 3. Training, validation and test sets
  const { train, validation } = validationSplit(mnist.train, 0.2);
  // #endregion
  notebook.explain(`
    We learn from the training set, watch the validation set to see how well the model
    generalises while we tune it, and touch the test set once, at the very end. As Keras's
    validationSplit: 0.2 does, the last 20% of the training images are held out:
    ${formatCount(train.count, "digit")} to train on, ${validation.count.toLocaleString("en-US")} to
    validate on.
  `);

  notebook.heading("4. The model: one dense layer and a softmax");
  notebook.explain(`
    For each of the 10 digits the model computes a score z = x . w + b: every pixel x times a
    weight w for that digit, plus a bias b. Softmax turns the 10 scores into probabilities that
    are positive and sum to 1: p_k = exp(z_k) / sum_j exp(z_j). That is 784 x 10 weights plus
    10 biases: 7,850 parameters.
  `);
  // #region 4. The model: one dense layer and a softmax
  const model = code.buildSoftmaxModel();
  notebook.show(formatSummary(model));
  // #endregion

  notebook.heading("5. Learning: cross-entropy and stochastic gradient descent");
  notebook.explain(`
    Cross-entropy measures how wrong the probabilities are: -log(p of the true digit), so 0
    when the model is certain and right, and large when it is confident and wrong. Stochastic
    gradient descent (SGD) lowers it a little at a time: take a batch of ${options.batchSize}
    images, compute the gradient of the loss with respect to every weight, and step each
    weight against its gradient, scaled by the learning rate. One pass over all the training
    batches is an epoch.
  `);
  notebook.explain(
    options.full
      ? `The article trains for 200 epochs at learning rate 0.01; this run (--full) takes
    ${formatCount(options.epochs, "epoch")} at learning rate ${options.learningRate}.`
      : `
    The article trains for 200 epochs at learning rate 0.01. This quick run takes
    ${
        formatCount(options.epochs, "epoch")
      } at learning rate ${options.learningRate}: a larger step gets to
    the same place in far fewer epochs on a problem this simple (add --full for the article's
    settings).
  `,
  );
  notebook.explain(`
    How to read the progress lines: each epoch ends with one. "Epoch 1/${options.epochs}" numbers the
    pass; the fraction after it counts the batches done out of the epoch's total, then come the
    epoch's time and the time per batch (step). loss and accuracy are the cross-entropy and the
    share of digits classified right on the training batches, averaged over the epoch while the
    weights were still moving; val_loss and val_accuracy are the same two measured on the
    validation digits after the epoch. Loss going down and accuracy going up mean the model is
    learning; the val_ numbers say how well that carries over to digits it has not trained on.
  `);
  // #region 5. Learning: cross-entropy and stochastic gradient descent
  const history = await fit(model, train, {
    epochs: options.epochs,
    batchSize: options.batchSize,
    optimizer: tf.train.sgd(options.learningRate),
    rng: context.rng,
    layout: "flat",
    encoding,
    workers: options.workers,
    validation,
    progress: createProgress(),
  });
  // #endregion
  await context.chart(
    "training_curves.svg",
    trainingCurvesSpec(history, { title: "Softmax regression: loss and accuracy per epoch" }),
    "training vs validation loss and accuracy",
  );
  notebook.explain(`
    How to read the curves: each point is one epoch's numbers from the lines above, the
    training ones and the validation ones side by side. Loss should fall and accuracy rise,
    steeply at first, then levelling off as the model runs out of things it can still learn.
    While the training and validation curves stay close, what the model learns from its
    training digits holds for new ones; when training keeps improving but validation stalls
    or turns worse, it has started to memorise its training digits (overfitting, lesson 3).
    ${describeGap(history.at(-1))}
  `);

  notebook.heading("6. The test set");
  // #region 6. The test set
  const probabilities = probabilityRows(
    predictProbabilities(model, mnist.test, "flat", encoding),
    10,
  );
  const labels = Array.from(mnist.test.labels);
  const test = {
    loss: code.crossEntropy(probabilities, code.oneHot(labels, 10)),
    accuracy: code.accuracy(probabilities, labels),
  };
  notebook.show(
    `Test loss ${test.loss.toFixed(4)}, test accuracy ${formatPercent(test.accuracy)} ` +
      `(the article reports ${formatPercent(ARTICLE_ACCURACY)}${
        options.subset
          ? ` after training on 48,000 digits; this run trained on ${
            train.count.toLocaleString("en-US")
          }`
          : ""
      }).`,
  );
  const predicted = argMaxRows(Float32Array.from(probabilities.flat()), 10);
  const matrix = confusionMatrix(mnist.test.labels, predicted, 10);
  // #endregion
  notebook.explain(`
    The confusion matrix counts, for each true digit (row), what the model predicted (column).
    The diagonal is what it got right; the darker a cell off the diagonal, the more often the
    model mistook that row's digit for that column's.
  `);
  await context.chart(
    "confusion_matrix.svg",
    confusionMatrixSpec(matrix, { title: "Test set: true digit vs predicted digit" }),
    "confusion matrix on the test set",
  );

  notebook.heading("7. What the model learned");
  notebook.explain(`
    Each digit's 784 weights can be drawn as a 28x28 image: red pixels push the score up when
    there is ink there, blue pixels push it down. You can see rough templates of each digit:
    softmax regression compares the image with one template per class.
  `);
  // #region 7. What the model learned
  const kernel = model.layers[0].getWeights()[0];
  await context.chart(
    "weight_templates.svg",
    weightTemplatesSpec(kernel.dataSync() as Float32Array, {
      title: "Learned weights per digit",
    }),
    "the ten learned weight templates",
  );
  // #endregion

  const resultsPath = await writeResults(context, {
    config: {
      model: "Dense(10, softmax)",
      parameters: model.countParams(),
      optimizer: "sgd",
      loss: "categoricalCrossentropy",
      validationSplit: 0.2,
      trainSize: train.count,
      validationSize: validation.count,
      testSize: mnist.test.count,
    },
    history,
    test,
    extra: { articleAccuracy: ARTICLE_ACCURACY },
  });
  model.dispose();

  notebook.heading("Done");
  notebook.show(`Results: ${resultsPath}`);
  notebook.explain(`
    Next: open exercises/01_softmax.ts and build these pieces yourself; run
    deno task check 1 to see how you are doing.
  `);
}

/** What the last epoch's training and validation accuracy say, in one sentence. */
function describeGap(last: EpochLog | undefined): string {
  if (last?.val_accuracy === undefined) return "";
  const gap = (last.accuracy - last.val_accuracy) * 100;
  const size = Math.abs(gap).toFixed(1);
  const points = size === "0.0"
    ? "less than 0.1 percentage points"
    : `${size} percentage point${size === "1.0" ? "" : "s"}`;
  return Math.abs(gap) < 2
    ? `In this run they end ${points} apart: one layer of 7,850 weights has little room to memorise.`
    : `In this run training accuracy ends ${points} ${
      gap > 0 ? "above" : "below"
    } validation accuracy.`;
}

if (import.meta.main) await runCommand(() => run(Deno.args));
