/**
 * Lesson 3: dropout. The 2x128 network of lesson 2 starts to memorise its training digits;
 * dropping 30% of the hidden units at random on every step keeps it honest. Both networks are
 * trained from the same seed so the curves differ only by dropout.
 *
 * Run it with `deno task lesson 3` (quick) or `deno task lesson 3 --full` (the article's 250
 * epochs of SGD on all 48,000 training digits; hours on a laptop).
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { trainingCurvesSpec } from "../lib/charts/curves.ts";
import { randomSubset, validationSplit } from "../lib/data/split.ts";
import { lessonWithId } from "../lib/course/manifest.ts";
import { type LessonContext, type LessonInfo, startLesson } from "../lib/lesson/context.ts";
import { runCommand } from "../lib/cli/errors.ts";
import { formatCount, formatPercent } from "../lib/lesson/format.ts";
import { writeResults } from "../lib/lesson/results.ts";
import { formatSummary } from "../lib/model/summary.ts";
import { evaluate, type Evaluation } from "../lib/train/evaluate.ts";
import { fit } from "../lib/train/fit.ts";
import type { History } from "../lib/train/history.ts";
import { createProgress } from "../lib/train/progress.ts";
import { createRng, deriveSeed, seedEverything } from "../lib/cli/random.ts";
import { CLASSES, type Digits, PIXELS } from "../lib/data/digits.ts";
import { applyDropout } from "../lib/model/inverted_dropout.ts";
import type * as Exercises from "../exercises/03_dropout.ts";

/** Lesson 3's declaration: quick defaults and the article's configuration (SGD, 250 epochs). */
export const info: LessonInfo = {
  ...lessonWithId("03_dropout"),
  source: import.meta.url,
  quick: { epochs: 10, batchSize: 128, learningRate: 0.3 },
  full: { epochs: 250, batchSize: 128, learningRate: 0.01 },
};

/** The dropout rate after each hidden layer, as in the article. */
const DROPOUT = 0.3;

/**
 * Training (and validation) digits of the quick run: few enough that a plain network visibly
 * memorises them within a minute.
 */
const QUICK_DIGITS = 4_000;

/**
 * The lesson's network: two hidden ReLU layers of `units` (128, lesson 2's 2x128), each
 * followed by `Dropout(rate)`, and a 10-way softmax; with `rate` 0 there are no dropout layers.
 * Dropout layers hold no weights: 118,282 parameters either way. The benchmark trains it too,
 * and a wider one (`units` 512).
 *
 * @example
 * ```ts
 * dropoutNetwork(0.3).countParams(); // 118282
 * ```
 */
// #region 3. Two networks, one seed
export function dropoutNetwork(rate: number, units = 128): tf.Sequential {
  const dropout = (n: number) =>
    rate > 0 ? [tf.layers.dropout({ rate, name: `dropout_${n}` })] : [];
  return tf.sequential({
    name: rate > 0 ? `dropout_${rate}`.replace(/\W+/g, "_") : "no_dropout",
    layers: [
      tf.layers.dense({ inputShape: [PIXELS], units, activation: "relu", name: "hidden_1" }),
      ...dropout(1),
      tf.layers.dense({ units, activation: "relu", name: "hidden_2" }),
      ...dropout(2),
      tf.layers.dense({ units: CLASSES, activation: "softmax", name: "output" }),
    ],
  });
}
// #endregion

/** One trained network. */
interface Trained {
  name: string;
  history: History;
  test: Evaluation;
}

/**
 * Trains the 2x128 network `build(dropout)` from the run's seed: the same initial weights and
 * batch order for every call, so two calls differ only by the dropout layers.
 */
// #region 3. Two networks, one seed
async function trainNetwork(
  context: LessonContext,
  data: { train: Digits; validation: Digits },
  build: (rate: number) => tf.Sequential,
  dropout: number,
): Promise<Trained> {
  const { options, notebook, mnist } = context;
  const name = dropout > 0 ? `dropout ${dropout}` : "no dropout";
  notebook.show(`\n2x128, ${name}:`);
  const rng = seedEverything(options.seed);
  const model = build(dropout);
  const optimizer = tf.train.sgd(options.learningRate);
  const history = await fit(model, data.train, {
    epochs: options.epochs,
    batchSize: options.batchSize,
    optimizer,
    rng,
    layout: "flat",
    workers: options.workers,
    validation: data.validation,
    progress: createProgress(),
  });
  const test = evaluate(model, mnist.test, { layout: "flat" });
  notebook.show(
    `Test accuracy with ${name}: ${formatPercent(test.accuracy)} (loss ${test.loss.toFixed(4)}).`,
  );
  model.dispose();
  optimizer.dispose();
  return { name, history, test };
}
// #endregion

/** Training accuracy above validation accuracy by more than this (2 points) is overfitting. */
const FIT_TOLERANCE = 0.02;

/** What a run's last epoch says, by exercise 3.4's rule (`diagnoseFit`). */
type Diagnosis = Exercises.Diagnosis;

/**
 * Exercise 3.4's rule on the last epoch: training below validation accuracy is underfitting,
 * above it by more than `tolerance` overfitting, anything between a good fit.
 */
function lastEpochFit(history: Exercises.AccuracyLog[], tolerance = FIT_TOLERANCE): Diagnosis {
  const last = history[history.length - 1];
  const gap = last.accuracy - last.val_accuracy;
  if (gap < 0) return "underfitting";
  return gap > tolerance ? "overfitting" : "good fit";
}

/**
 * The course's own versions of the exercises this lesson runs; `deno task lesson 3 --mine`
 * runs yours in their place.
 */
const COURSE: Pick<typeof Exercises, "applyDropout" | "buildDropoutModel" | "diagnoseFit"> = {
  applyDropout,
  buildDropoutModel: (rate = DROPOUT) => dropoutNetwork(rate),
  diagnoseFit: lastEpochFit,
};

/** A history's training and validation accuracy per epoch, as the rule reads them. */
function accuracies(history: History): Exercises.AccuracyLog[] {
  return history.map((epoch) => {
    if (epoch.val_accuracy === undefined) throw new Error("this lesson always validates");
    return { accuracy: epoch.accuracy, val_accuracy: epoch.val_accuracy };
  });
}

/** The rule's verdict on one network of this run, in one sentence. */
function describeDiagnosis({ name }: Trained, diagnosis: Diagnosis): string {
  const advice = {
    overfitting: "more epochs would mostly widen its gap",
    underfitting: "more epochs would still help",
    "good fit": "more epochs may help a little before the gap opens",
  }[diagnosis];
  return `In this run the network with ${name} ends ${
    diagnosis === "good fit" ? "in a good fit" : diagnosis
  }: ${advice}.`;
}

/** `train 99.1%  validation 95.2%  gap +3.9 points` for the last epoch of a run. */
function lastEpochGap({ name, history }: Trained): string {
  const last = history[history.length - 1];
  const gap = (last.accuracy - last.val_accuracy!) * 100;
  return `  ${name.padEnd(12)} training ${formatPercent(last.accuracy)}  validation ${
    formatPercent(last.val_accuracy!)
  }  gap ${gap >= 0 ? "+" : ""}${gap.toFixed(2)} points`;
}

/** Runs lesson 3 with command-line arguments. */
export async function run(argv: string[]): Promise<void> {
  const context = await startLesson(info, argv);
  if (context === "help") return;
  const { notebook, mnist, options } = context;
  const code = context.code(COURSE);

  notebook.heading("1. When a network memorises");
  notebook.explain(`
    The 2x128 network of lesson 2 has 118,282 parameters: enough to memorise thousands of
    training digits rather than learn what digits look like. The sign is a gap: accuracy on
    the training digits keeps rising while accuracy on held-out digits stalls, and the
    validation loss turns back up. That is overfitting.
  `);

  notebook.heading("2. Dropout");
  notebook.explain(`
    Dropout is a regulariser: on every training step each hidden unit is switched off with
    probability rate (here ${DROPOUT}), a different random set each step. No unit can rely on
    one particular partner being there, so the network has to spread what it knows over many
    units; it behaves like an average of many thinned networks.

    At inference nothing is dropped. To keep the expected input of the next layer the same in
    both modes, the surviving units are scaled up by 1 / (1 - rate) during training
    ("inverted" dropout): a unit kept with probability 0.7 and multiplied by 1/0.7 still
    contributes its value on average. Here is a Dropout(${DROPOUT}) layer applied to ten ones,
    and the same rule by hand (exercise 3.2's applyDropout, with its own random draws):
  `);
  // #region 2. Dropout
  const layer = tf.layers.dropout({ rate: DROPOUT });
  const ones = tf.ones([1, 10]);
  const show = (training: boolean) =>
    tf.tidy(() =>
      Array.from((layer.apply(ones, { training }) as tf.Tensor).dataSync())
        .map((v) => v.toFixed(2)).join(" ")
    );
  const byHand = code.applyDropout(
    new Array(10).fill(1),
    DROPOUT,
    createRng(deriveSeed(options.seed, "dropout by hand")).next,
    true,
  );
  notebook.show(
    `  training:  ${show(true)}\n  inference: ${show(false)}\n` +
      `  by hand:   ${byHand.map((v) => v.toFixed(2)).join(" ")}`,
  );
  ones.dispose();
  // #endregion

  notebook.heading("3. Two networks, one seed");
  const split = validationSplit(mnist.train, 0.2);
  const data = {
    train: options.full ? split.train : randomSubset(split.train, QUICK_DIGITS, context.rng.next),
    validation: options.full
      ? split.validation
      : randomSubset(split.validation, QUICK_DIGITS, context.rng.next),
  };
  notebook.explain(`
    Both networks start from the same weights and see the batches in the same order (the run's
    seed, ${options.seed}, is applied afresh before each); the only difference is a
    Dropout(${DROPOUT}) after each hidden layer. They train with SGD, learning rate
    ${options.learningRate}, batch ${options.batchSize}, for ${
    formatCount(options.epochs, "epoch")
  } on ${formatCount(data.train.count, "digit")}, validating on
    ${data.validation.count.toLocaleString("en-US")}.
  `);
  notebook.explain(
    options.full
      ? `These are the article's settings (--full): it trains 250 epochs on all 48,000
    training digits.`
      : `The article trains 250 epochs on all 48,000 digits (--full). This quick run uses ${
        data.train.count < split.train.count
          ? `a random slice of them (and at most as many for validation)`
          : "every training digit of its subset"
      } and a larger learning rate, so that memorising shows within a minute.`,
  );
  const preview = code.buildDropoutModel(DROPOUT);
  notebook.show(formatSummary(preview));
  const parameters = preview.countParams();
  preview.dispose();
  notebook.explain(`Dropout layers have no parameters: the count is the same as without them.`);
  // #region 3. Two networks, one seed
  const withDropout = await trainNetwork(context, data, code.buildDropoutModel, DROPOUT);
  const plain = await trainNetwork(context, data, code.buildDropoutModel, 0);
  // #endregion

  notebook.heading("4. Training against validation");
  await context.chart(
    "dropout_curves.svg",
    trainingCurvesSpec([
      { name: plain.name, history: plain.history },
      { name: withDropout.name, history: withDropout.history },
    ], { title: "Training vs validation, with and without dropout (same seed)" }),
    "training and validation loss and accuracy with and without dropout",
  );
  notebook.explain(`At the last epoch:`);
  notebook.show([plain, withDropout].map(lastEpochGap).join("\n"));
  // #region 4. Training against validation
  const plainFit = code.diagnoseFit(accuracies(plain.history), FIT_TOLERANCE);
  const dropoutFit = code.diagnoseFit(accuracies(withDropout.history), FIT_TOLERANCE);
  // #endregion
  notebook.explain(`
    One rule reads the last epoch (exercise 3.4's diagnoseFit builds it): training accuracy
    below validation accuracy means the network underfits and is still learning, so more
    epochs help; training accuracy above validation accuracy by more than
    ${FIT_TOLERANCE * 100} points means it overfits, and more epochs mostly widen the gap; in
    between is a good fit. With dropout the training accuracy is measured with units dropped,
    so it tends to stay close to, or even below, the validation accuracy.
    ${describeDiagnosis(plain, plainFit)} ${describeDiagnosis(withDropout, dropoutFit)}
  `);
  notebook.show(
    `Test accuracy: ${formatPercent(plain.test.accuracy)} without dropout, ` +
      `${formatPercent(withDropout.test.accuracy)} with dropout ${DROPOUT}.`,
  );

  const resultsPath = await writeResults(context, {
    config: {
      model: `Dense(128, relu) -> Dropout(${DROPOUT}) -> Dense(128, relu) -> Dropout(${DROPOUT}) ` +
        "-> Dense(10, softmax)",
      parameters,
      optimizer: "sgd",
      dropout: DROPOUT,
      loss: "categoricalCrossentropy",
      validationSplit: 0.2,
      trainSize: data.train.count,
      validationSize: data.validation.count,
      testSize: mnist.test.count,
    },
    history: withDropout.history,
    test: withDropout.test,
    extra: {
      withoutDropout: {
        history: plain.history,
        test: plain.test,
        diagnosis: plainFit,
      },
      diagnosis: dropoutFit,
    },
  });

  notebook.heading("Done");
  notebook.show(`Results: ${resultsPath}`);
  notebook.explain(`
    Next: open exercises/03_dropout.ts: an inverted-dropout mask, the dropout model and a
    diagnosis of a training history; run deno task check 3 to see how you are doing.
  `);
}

if (import.meta.main) await runCommand(() => run(Deno.args));
