/**
 * Lesson 5: regularisation. A big network trained on a small slice of MNIST overfits for
 * real: its training loss keeps falling while its validation loss turns around and rises.
 * Then five cures on the same seed: L2, L1 and elastic-net penalties on the weights, dropout,
 * and early stopping.
 *
 * Run it with `deno task lesson 5` (quick) or `deno task lesson 5 --full` (a larger slice,
 * more epochs).
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { barChartSpec } from "../lib/charts/bars.ts";
import { comparisonCurvesSpec, trainingCurvesSpec } from "../lib/charts/curves.ts";
import { histogramSpec } from "../lib/charts/histogram.ts";
import { CLASSES, PIXELS } from "../lib/data/digits.ts";
import { randomSubset, validationSplit } from "../lib/data/split.ts";
import { lessonWithId } from "../lib/course/manifest.ts";
import { type LessonInfo, startLesson } from "../lib/lesson/context.ts";
import { runCommand } from "../lib/cli/errors.ts";
import { formatPercent } from "../lib/lesson/format.ts";
import { writeResults } from "../lib/lesson/results.ts";
import { formatSummary } from "../lib/model/summary.ts";
import { bestEpoch } from "../lib/train/best_epoch.ts";
import { diagnoseFit, type FitDiagnosis } from "../lib/train/diagnose_fit.ts";
import { earlyStopping } from "../lib/train/early_stopping.ts";
import { earlyStoppingDecision } from "../lib/train/early_stopping_rule.ts";
import { elasticNetPenalty, l1Penalty, l2Penalty } from "../lib/train/penalties.ts";
import { penaltyRegularizer, type Regularizer } from "../lib/train/penalty_regularizer.ts";
import { evaluate, type Evaluation } from "../lib/train/evaluate.ts";
import { fit } from "../lib/train/fit.ts";
import type { History } from "../lib/train/history.ts";
import { seedEverything } from "../lib/cli/random.ts";
import type * as Exercises from "../exercises/05_regularization.ts";

/** Lesson 5's declaration: quick defaults and the article's configuration. */
export const info: LessonInfo = {
  ...lessonWithId("05_regularization"),
  source: import.meta.url,
  quick: { epochs: 20, batchSize: 64, learningRate: 0.002 },
  full: { epochs: 40, batchSize: 64, learningRate: 0.001 },
};

/**
 * The small training slice that makes overfitting visible, the validation set, and the units
 * in each of the two hidden layers: far more capacity than the slice needs.
 */
const SIZES = {
  quick: { train: 800, validation: 1000, hidden: 256 },
  full: { train: 2000, validation: 5000, hidden: 512 },
};

/** How strong each remedy is. */
interface Strengths {
  l2: number;
  l1: number;
  elastic: { l1: number; l2: number };
  dropout: number;
}

/**
 * Penalty strengths and dropout rate. The article's `l2(0.01)` sits on a layer of a few
 * thousand weights; a penalty is a sum over every weight, and this network has hundreds of
 * thousands, so the strengths here are several times smaller (and L1's, whose sum of |w| is
 * larger still, smaller again) to keep the penalty comparable to the loss. The quick run's
 * 800 digits and faster learning rate overfit harder than the full run's 2,000: its remedies
 * are stronger.
 */
const STRENGTHS: { quick: Strengths; full: Strengths } = {
  quick: { l2: 0.003, l1: 0.0001, elastic: { l1: 0.00004, l2: 0.0015 }, dropout: 0.5 },
  full: { l2: 0.001, l1: 0.00005, elastic: { l1: 0.00002, l2: 0.0005 }, dropout: 0.3 },
};
const PATIENCE = 5;

/** Thresholds for telling underfitting, a good fit and overfitting apart (exercise 5.6). */
const FIT_THRESHOLDS = { minTrainAccuracy: 0.9, maxGap: 0.05 };

/** The exercises this lesson runs: the three penalties and the three rules read off a run. */
type Code = Pick<
  typeof Exercises,
  | "l1Penalty"
  | "l2Penalty"
  | "elasticNetPenalty"
  | "bestEpoch"
  | "earlyStoppingDecision"
  | "diagnoseFit"
>;

/**
 * The course's own versions of the exercises this lesson runs, on plain arrays and histories as
 * the exercises take them; `deno task lesson 5 --mine` runs yours in their place.
 */
const COURSE: Code = {
  l1Penalty,
  l2Penalty,
  elasticNetPenalty,
  bestEpoch,
  earlyStoppingDecision,
  diagnoseFit,
};

/** One way of training the big network. */
export interface Remedy {
  /** How the lesson's tables and charts name it. */
  name: string;
  /** Penalty on every dense layer's kernel, if any. */
  penalty?: () => Regularizer;
  /** Dropout after each hidden layer (0 for none). */
  dropout: number;
  /** Stop when validation loss stops improving, and keep the best epoch's weights. */
  earlyStopping: boolean;
}

/**
 * The lesson's six runs: no remedy first, then each remedy at `strengths`. Each penalty is a
 * function of `code` on a plain array of weights: every training step, each kernel's weights
 * are read back as an array, and the penalty's value and gradient join the loss and its
 * gradient.
 */
// #region 2. Five remedies, one seed
function remediesAt(strengths: Strengths, code: Code): Remedy[] {
  const { l2, l1, elastic, dropout } = strengths;
  return [
    { name: "no remedy", dropout: 0, earlyStopping: false },
    {
      name: `L2 ${l2}`,
      penalty: () => penaltyRegularizer((w) => code.l2Penalty(w, l2), { l2 }),
      dropout: 0,
      earlyStopping: false,
    },
    {
      name: `L1 ${l1}`,
      penalty: () => penaltyRegularizer((w) => code.l1Penalty(w, l1), { l1 }),
      dropout: 0,
      earlyStopping: false,
    },
    {
      name: "elastic net",
      penalty: () =>
        penaltyRegularizer((w) => code.elasticNetPenalty(w, elastic.l1, elastic.l2), elastic),
      dropout: 0,
      earlyStopping: false,
    },
    { name: `dropout ${dropout}`, dropout, earlyStopping: false },
    { name: "early stopping", dropout: 0, earlyStopping: true },
  ];
}
// #endregion

/**
 * The lesson's network: two hidden ReLU layers of `hidden` units and a softmax, with the
 * remedy's penalty on every kernel and its dropout after each hidden layer.
 *
 * @example
 * ```ts
 * const plain = { name: "no remedy", dropout: 0, earlyStopping: false };
 * remedyNetwork(plain, 256).countParams(); // 269322
 * ```
 */
// #region 2. Five remedies, one seed
export function remedyNetwork(remedy: Remedy, hidden: number): tf.Sequential {
  const dense = (units: number, activation: "relu" | "softmax", first = false) =>
    tf.layers.dense({
      ...(first ? { inputShape: [PIXELS] } : {}),
      units,
      activation,
      ...(remedy.penalty ? { kernelRegularizer: remedy.penalty() } : {}),
    });
  const dropout = () => (remedy.dropout > 0 ? [tf.layers.dropout({ rate: remedy.dropout })] : []);
  return tf.sequential({
    name: `mlp_2x${hidden}`,
    layers: [
      dense(hidden, "relu", true),
      ...dropout(),
      dense(hidden, "relu"),
      ...dropout(),
      dense(CLASSES, "softmax"),
    ],
  });
}
// #endregion

/** What one remedy's run produced. */
interface RemedyRun {
  name: string;
  history: History;
  test: Evaluation;
  diagnosis: FitDiagnosis;
  /** The epoch whose weights were kept (the last one unless early stopping restored another). */
  keptEpoch: number;
  /** The first layer's weights after training. */
  firstLayer: Float32Array;
}

/** Runs lesson 5 with command-line arguments. */
export async function run(argv: string[]): Promise<void> {
  const context = await startLesson(info, argv);
  if (context === "help") return;
  const { notebook, mnist, options } = context;
  const sizes = options.full ? SIZES.full : SIZES.quick;
  const strengths = options.full ? STRENGTHS.full : STRENGTHS.quick;
  const { l2: L2_STRENGTH, l1: L1_STRENGTH, elastic: ELASTIC, dropout: DROPOUT } = strengths;
  const code = context.code(COURSE);
  const REMEDIES = remediesAt(strengths, code);

  notebook.heading("1. A recipe for overfitting");
  // #region 1. A recipe for overfitting
  const split = validationSplit(mnist.train, 0.2);
  const train = randomSubset(split.train, sizes.train, context.rng.next);
  const validation = randomSubset(split.validation, sizes.validation, context.rng.next);
  const preview = remedyNetwork(REMEDIES[0], sizes.hidden);
  const parameters = preview.countParams();
  // #endregion
  notebook.explain(`
    Overfitting is learning the training examples by heart instead of what makes a digit a
    digit. It needs a model with far more parameters than there are examples: here two hidden
    layers of ${sizes.hidden} units (${parameters.toLocaleString("en-US")}
    parameters) trained on just ${train.count.toLocaleString("en-US")} digits for
    ${options.epochs} epoch${options.epochs === 1 ? "" : "s"} with Adam (learning rate
    ${options.learningRate}), watched on ${validation.count.toLocaleString("en-US")}
    validation digits.
  `);
  notebook.show(formatSummary(preview));
  preview.dispose();

  notebook.heading("2. Five remedies, one seed");
  notebook.explain(`
    Each run below re-applies seed ${options.seed} before building its network, so all start
    from the same weights and see the same batches. The remedies:

    L2 (ridge), l2(${L2_STRENGTH}) (the article uses l2(0.01) on a far smaller layer; a
    penalty sums over every weight, so a network this size needs a smaller strength): adds
    ${L2_STRENGTH} * sum(w^2) of every kernel to the loss. Its gradient 2 * ${L2_STRENGTH} * w
    pulls each weight towards zero in proportion to its size ("weight decay"): no weight can
    grow large to memorise one example.

    L1 (lasso), l1(${L1_STRENGTH}): adds ${L1_STRENGTH} * sum(|w|). Its gradient has the same
    size for every weight, so small weights are pushed all the way to zero: a sparse network.

    Elastic net, l1_l2(${ELASTIC.l1}, ${ELASTIC.l2}): both at once.

    Dropout ${DROPOUT}: lesson 3's remedy, randomly silencing units while training.

    Early stopping: no change to the model; stop when the validation loss has not improved
    for ${PATIENCE} epochs and keep the weights of its best epoch.

    The three penalties are functions on the plain array of a layer's weights, returning the
    penalty and its gradient (exercises 5.1-5.3): every training step each kernel's weights
    are read back as an array, and what the function returns joins the loss and its gradient.
    After each epoch of the early-stopping run, the rule of exercise 5.5 replays the history
    so far to decide whether to stop; exercise 5.6 gives each run its diagnosis.
    deno task lesson 5 --mine trains and judges with your versions.
  `);

  // #region 2. Five remedies, one seed
  const runs: RemedyRun[] = [];
  const table: string[] = [];
  for (const remedy of REMEDIES) {
    const rng = seedEverything(options.seed);
    const model = remedyNetwork(remedy, sizes.hidden);
    const optimizer = tf.train.adam(options.learningRate);
    const stopper = remedy.earlyStopping
      ? earlyStopping({ patience: PATIENCE, replay: code.earlyStoppingDecision })
      : undefined;
    const history = await fit(model, train, {
      epochs: options.epochs,
      batchSize: options.batchSize,
      optimizer,
      rng,
      layout: "flat",
      workers: options.workers,
      validation,
      callbacks: stopper ? [stopper.callback] : [],
    });
    stopper?.restoreBest(model);
    optimizer.dispose();
    const keptEpoch = stopper ? stopper.bestEpoch() : history.length;
    const kept = history[keptEpoch - 1];
    const diagnosis = code.diagnoseFit(kept.accuracy, kept.val_accuracy!, FIT_THRESHOLDS);
    const test = evaluate(model, mnist.test, { layout: "flat" });
    const firstLayer = model.layers[0].getWeights()[0].dataSync() as Float32Array;
    model.dispose();
    runs.push({ name: remedy.name, history, test, diagnosis, keptEpoch, firstLayer });
    table.push(
      `${remedy.name.padEnd(15)} ${String(history.length).padStart(3)} epochs  ` +
        `train ${formatPercent(kept.accuracy)}  validation ${formatPercent(kept.val_accuracy!)} ` +
        `(loss ${kept.val_loss!.toFixed(4)})  ` +
        `test ${formatPercent(test.accuracy)}  -> ${diagnosis}` +
        (stopper ? ` (stopped, kept epoch ${keptEpoch})` : ""),
    );
  }
  notebook.show(table.join("\n"));
  // #endregion

  notebook.heading("3. What overfitting looks like");
  // #region 3. What overfitting looks like
  const plain = runs[0];
  const turn = code.bestEpoch(plain.history);
  const last = plain.history[plain.history.length - 1];
  // #endregion
  const lowest = plain.history[turn - 1].val_loss!;
  const climbed = last.val_loss! / lowest - 1;
  const trend = turn < last.epoch && climbed > 0.01
    ? `is lowest at epoch ${turn} (${lowest.toFixed(4)}) and ends at
    ${last.val_loss!.toFixed(4)}, ${formatPercent(climbed, 0)} higher. From epoch ${turn} on,
    every step that helps the training digits hurts unseen ones: the network is memorising.`
    : `ends at ${last.val_loss!.toFixed(4)}, at or near its lowest: this run is too short
    for the validation loss to turn around (try more epochs).`;
  notebook.explain(`
    Without a remedy the training loss falls all the way to ${last.loss.toFixed(4)}, while the
    validation loss ${trend} Training accuracy ${formatPercent(last.accuracy)} against
    validation ${formatPercent(last.val_accuracy!)}: "${plain.diagnosis}" (more than
    ${Math.round(FIT_THRESHOLDS.maxGap * 100)} points apart is overfitting).
  `);
  await context.chart(
    "overfitting.svg",
    trainingCurvesSpec(plain.history, {
      title: `No remedy: ${sizes.hidden}x2 units on ${train.count} digits`,
    }),
    "training vs validation loss and accuracy without a remedy",
  );

  notebook.heading("4. The remedies side by side");
  await context.chart(
    "remedies_val_loss.svg",
    comparisonCurvesSpec(runs, {
      metric: "val_loss",
      title: "Validation loss by remedy, relative to no remedy (from epoch 2)",
      relativeTo: plain.name,
      fromEpoch: 2,
    }),
    "each remedy's validation loss divided by no remedy's, epoch by epoch",
  );
  await context.chart(
    "remedies_train_loss.svg",
    comparisonCurvesSpec(runs, {
      metric: "loss",
      title: "Training loss by remedy (penalties included)",
    }),
    "training loss per epoch for each remedy",
  );
  await context.chart(
    "remedies_test_accuracy.svg",
    barChartSpec(runs.map((r) => ({ name: r.name, value: r.test.accuracy })), {
      title: "Test accuracy by remedy",
      xTitle: "remedy",
      yTitle: "test accuracy",
      format: ".2%",
    }),
    "test accuracy of each remedy",
  );
  // #region 4. The remedies side by side
  const keptLoss = (r: RemedyRun) => r.history[r.keptEpoch - 1].val_loss!;
  const best = runs.reduce((top, r) => (keptLoss(r) < keptLoss(top) ? r : top));
  // #endregion
  notebook.explain(`
    The first chart divides each remedy's validation loss by no remedy's at the same epoch, so
    no remedy is the flat line at 1 and a remedy that works sinks below it as the no-remedy
    network memorises (epoch 1, where every network is still far off, is left out). The
    training losses of the penalised runs include the penalty itself.
    ${remedyVerdict(runs, keptLoss, best, PATIENCE, train.count)}
  `);

  notebook.heading("5. What L2 and L1 do to the weights");
  const byName = (name: string) => runs.find((r) => r.name === name)!;
  const l2 = byName(`L2 ${L2_STRENGTH}`);
  const l1 = byName(`L1 ${L1_STRENGTH}`);
  await context.chart(
    "weights_histogram.svg",
    histogramSpec(
      [
        { name: "no remedy", values: plain.firstLayer },
        { name: l2.name, values: l2.firstLayer },
        { name: l1.name, values: l1.firstLayer },
      ],
      { title: "First-layer weights with and without a penalty", xTitle: "weight" },
    ),
    "histogram of the first layer's weights with and without L2 and L1",
  );
  notebook.explain(`
    Spread of the first layer's ${plain.firstLayer.length.toLocaleString("en-US")} weights
    (standard deviation): no remedy ${spread(plain.firstLayer).toFixed(4)}, L2
    ${spread(l2.firstLayer).toFixed(4)}, L1 ${spread(l1.firstLayer).toFixed(4)}. L2 squeezes
    the weights towards zero; L1 piles many of them up at (almost exactly) zero:
    ${formatPercent(nearZero(l1.firstLayer))} of its weights are within 0.001 of zero, against
    ${formatPercent(nearZero(plain.firstLayer))} without a penalty.
  `);

  notebook.heading("6. The test set");
  notebook.show(
    `Without a remedy: ${formatPercent(plain.test.accuracy)} on the test set (test loss ` +
      `${plain.test.loss.toFixed(4)}). Chosen on validation loss, ${best.name}: ` +
      `${formatPercent(best.test.accuracy)} (test loss ${best.test.loss.toFixed(4)}).`,
  );
  const resultsPath = await writeResults(context, {
    config: {
      model: `Dense(${sizes.hidden}, relu) > Dense(${sizes.hidden}, relu) > Dense(10, softmax)`,
      parameters,
      validationSplit: 0.2,
      trainSize: train.count,
      validationSize: validation.count,
      testSize: mnist.test.count,
      remedies: REMEDIES.map((r) => r.name),
      l2: L2_STRENGTH,
      l1: L1_STRENGTH,
      elasticNet: ELASTIC,
      dropout: DROPOUT,
      patience: PATIENCE,
    },
    history: best.history,
    test: best.test,
    extra: {
      best: best.name,
      noRemedyBestEpoch: turn,
      remedies: runs.map((r) => ({
        name: r.name,
        epochs: r.history.length,
        keptEpoch: r.keptEpoch,
        diagnosis: r.diagnosis,
        test: r.test,
        history: r.history,
      })),
    },
  });

  notebook.heading("Done");
  notebook.show(`Results: ${resultsPath}`);
  notebook.explain(`
    Next: open exercises/05_regularization.ts and write the penalties, the early-stopping rule
    and the fit diagnosis yourself; run deno task check 5 to see how you are doing.
  `);
}

/**
 * What the run showed, in words: the lowest validation loss against no remedy's, which remedies
 * beat no remedy on the test set, early stopping's epochs and the fit diagnoses. Everything is
 * read from `runs` (no remedy first), so it holds for any run.
 */
function remedyVerdict(
  runs: RemedyRun[],
  keptLoss: (r: RemedyRun) => number,
  best: RemedyRun,
  patience: number,
  trainCount: number,
): string {
  const plain = runs[0];
  const points = (a: number, b: number) => `${((a - b) * 100).toFixed(2)} points`;
  const lower = 1 - keptLoss(best) / keptLoss(plain);
  const lossText = best === plain
    ? `In this run no remedy lowered the validation loss below no remedy's
      ${keptLoss(plain).toFixed(4)}.`
    : `In this run the lowest validation loss is ${best.name}'s, ${keptLoss(best).toFixed(4)},
      ${formatPercent(lower, 0)} below no remedy's ${keptLoss(plain).toFixed(4)}.`;
  const better = runs.slice(1).filter((r) => r.test.accuracy > plain.test.accuracy);
  const accuracyText = better.length === 0
    ? `On the test set none beats no remedy's ${formatPercent(plain.test.accuracy)}: a lower
      loss means less overconfident mistakes, not necessarily fewer.`
    : `On the test set ${
      better.map((r) =>
        `${r.name} (${formatPercent(r.test.accuracy)}, +${
          points(r.test.accuracy, plain.test.accuracy)
        })`
      ).join(", ")
    } ${better.length === 1 ? "beats" : "beat"} no remedy's
      ${formatPercent(plain.test.accuracy)}${
      better.includes(best)
        ? ""
        : `, but ${best.name} does not (${formatPercent(best.test.accuracy)}): a lower loss
      means less overconfident mistakes, not necessarily fewer`
    }.`;
  const stopper = runs.find((r) => r.name === "early stopping");
  const stopText = !stopper
    ? ""
    : stopper.history.length < plain.history.length
    ? `Early stopping stopped after epoch ${stopper.history.length}, ${patience} epochs without
      improvement, and kept epoch ${stopper.keptEpoch}.`
    : `Early stopping never stopped: the validation loss improved at least every ${patience}
      epochs (it kept epoch ${stopper.keptEpoch}).`;
  const gap = (r: RemedyRun) => {
    const kept = r.history[r.keptEpoch - 1];
    return kept.accuracy - kept.val_accuracy!;
  };
  const diagnosisText = best === plain ? "" : `Training minus validation accuracy:
      ${points(gap(plain), 0)} without a remedy ("${plain.diagnosis}"),
      ${points(gap(best), 0)} with ${best.name} ("${best.diagnosis}")${
    best.diagnosis === "overfit" && gap(best) < gap(plain)
      ? `: with only ${trainCount.toLocaleString("en-US")} training digits the remedy narrows
      the gap but does not close it`
      : ""
  }.`;
  return [lossText, accuracyText, stopText, diagnosisText].filter((t) => t).join(" ")
    .replace(/\s+/g, " ");
}

/** Standard deviation of `values`. */
// #region 5. What L2 and L1 do to the weights
function spread(values: Float32Array): number {
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  return Math.sqrt(values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / values.length);
}

/** Fraction of `values` within 0.001 of zero. */
function nearZero(values: Float32Array): number {
  return values.filter((v) => Math.abs(v) < 0.001).length / values.length;
}
// #endregion

if (import.meta.main) await runCommand(() => run(Deno.args));
