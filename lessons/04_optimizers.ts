/**
 * Lesson 4: optimizers. The same network, the same seed, four ways of turning gradients into
 * steps: plain SGD, SGD with momentum, RMSprop and Adam. Then the knobs every optimizer has:
 * the learning rate (swept on a log scale) and the batch size.
 *
 * Run it with `deno task lesson 4` (quick: a 10,000-digit slice) or `deno task lesson 4 --full`
 * (the article's network on the whole training set).
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { barChartSpec } from "../lib/charts/bars.ts";
import { comparisonCurvesSpec, type NamedRun } from "../lib/charts/curves.ts";
import { sweepSpec } from "../lib/charts/sweep.ts";
import { CLASSES, type Digits, PIXELS } from "../lib/data/digits.ts";
import { randomSubset, validationSplit } from "../lib/data/split.ts";
import { lessonWithId } from "../lib/course/manifest.ts";
import { type LessonContext, type LessonInfo, startLesson } from "../lib/lesson/context.ts";
import { runCommand } from "../lib/cli/errors.ts";
import { formatCount, formatPercent } from "../lib/lesson/format.ts";
import { writeResults } from "../lib/lesson/results.ts";
import { formatSummary } from "../lib/model/summary.ts";
import { evaluate } from "../lib/train/evaluate.ts";
import { fit } from "../lib/train/fit.ts";
import type { History } from "../lib/train/history.ts";
import { createProgress } from "../lib/train/progress.ts";
import { seedEverything } from "../lib/cli/random.ts";
import { learningRateSweep } from "../lib/train/learning_rate_sweep.ts";
import { arrayOptimizer } from "../lib/train/array_optimizer.ts";
import { adamStep, momentumStep, rmspropStep, sgdStep } from "../lib/train/update_rules.ts";
import type * as Exercises from "../exercises/04_optimizers.ts";

/** Lesson 4's declaration: quick defaults and the article's configuration. */
export const info: LessonInfo = {
  ...lessonWithId("04_optimizers"),
  source: import.meta.url,
  quick: { epochs: 5, batchSize: 128, learningRate: 0.1 },
  full: { epochs: 20, batchSize: 128, learningRate: 0.01 },
};

/**
 * How much data each part of the lesson trains on, quick and full; sweeps train for
 * `sweepEpochs` epochs, or fewer when `--epochs` asks for fewer.
 */
const SIZES = {
  quick: { train: 10000, validation: 2000, sweepTrain: 5000, sweepEpochs: 3 },
  full: { train: Infinity, validation: Infinity, sweepTrain: Infinity, sweepEpochs: 5 },
};

/** Learning rates the sweep tries with plain SGD. */
const SWEEP_RATES = [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1];

/** Batch sizes the second sweep tries with Adam. */
const SWEEP_BATCHES = { quick: [32, 128, 512], full: [32, 64, 128, 256, 512] };

/** The learning rate Keras gives RMSprop and Adam by default, used for both here. */
const ADAPTIVE_RATE = 0.001;

/** The momentum coefficient of "SGD + momentum". */
const MOMENTUM = 0.9;

/** RMSprop's decay and Adam's two betas: tfjs's and Keras's defaults. */
const RMSPROP_DECAY = 0.9;
const ADAM_BETA1 = 0.9;
const ADAM_BETA2 = 0.999;

/** The epsilon tfjs's RMSprop and Adam add on a float32 backend, so as not to divide by 0. */
const EPSILON = 1e-7;

/** The exercises this lesson runs: the four update rules and the sweep driver. */
type Code = Pick<
  typeof Exercises,
  "sgdStep" | "momentumStep" | "rmspropStep" | "adamStep" | "learningRateSweep"
>;

/**
 * The course's own versions of the exercises this lesson runs, on plain arrays as the exercises
 * take them; `deno task lesson 4 --mine` trains with yours in their place.
 */
const COURSE: Code = { sgdStep, momentumStep, rmspropStep, adamStep, learningRateSweep };

/** `n` zeros: the state every rule starts from. */
function zeros(n: number): number[] {
  return new Array<number>(n).fill(0);
}

/**
 * The four optimizers of section 3, each stepping with an update rule of `code` on plain
 * arrays: every step, each weight matrix's gradient is read back as an array, the rule turns
 * it and the matrix's state into new weights, and those are written back into the network.
 */
// #region 3. Four update rules
function optimizersFrom(code: Code) {
  return {
    sgd: (rate: number) =>
      arrayOptimizer(rate, {
        start: () => null,
        step: (params, grads, state, lr) => ({ params: code.sgdStep(params, grads, lr), state }),
      }),
    momentum: (rate: number) =>
      arrayOptimizer(rate, {
        start: (n) => ({ velocity: zeros(n) }),
        step: (params, grads, state, lr) => code.momentumStep(params, grads, state, lr, MOMENTUM),
      }),
    rmsprop: (rate: number) =>
      arrayOptimizer(rate, {
        start: (n) => ({ meanSquare: zeros(n) }),
        step: (params, grads, state, lr) =>
          code.rmspropStep(params, grads, state, lr, RMSPROP_DECAY, EPSILON),
      }),
    adam: (rate: number) =>
      arrayOptimizer(rate, {
        start: (n) => ({ m: zeros(n), v: zeros(n), t: 0 }),
        step: (params, grads, state, lr) =>
          code.adamStep(params, grads, state, lr, ADAM_BETA1, ADAM_BETA2, EPSILON),
      }),
  };
}
// #endregion

/**
 * The network every optimizer trains (section 2), the article's: two hidden layers of 128 ReLU
 * units, each followed by dropout 0.3, and a 10-way softmax; 118,282 parameters.
 *
 * @example
 * ```ts
 * optimizersNetwork().countParams(); // 118282
 * ```
 */
// #region 2. The network: the same for every optimizer
export function optimizersNetwork(): tf.Sequential {
  return tf.sequential({
    name: "mlp_128",
    layers: [
      tf.layers.dense({ inputShape: [PIXELS], units: 128, activation: "relu", name: "hidden_1" }),
      tf.layers.dropout({ rate: 0.3, name: "dropout_1" }),
      tf.layers.dense({ units: 128, activation: "relu", name: "hidden_2" }),
      tf.layers.dropout({ rate: 0.3, name: "dropout_2" }),
      tf.layers.dense({ units: CLASSES, activation: "softmax", name: "output" }),
    ],
  });
}
// #endregion

/** What one training run needs besides its optimizer. */
interface RunSettings {
  train: Digits;
  validation: Digits;
  epochs: number;
  batchSize: number;
  /** Print a progress bar per epoch. */
  verbose: boolean;
}

/**
 * Trains a fresh network with `optimizer`. The seed is applied again first, so every run
 * starts from the same weights and sees the batches in the same order: only the optimizer
 * (or the knob being swept) differs.
 */
// #region 4. The race: same network, same seed, four optimizers
async function trainFresh(
  context: LessonContext,
  makeOptimizer: () => tf.Optimizer,
  settings: RunSettings,
): Promise<{ model: tf.Sequential; history: History }> {
  const rng = seedEverything(context.options.seed);
  const model = optimizersNetwork();
  const optimizer = makeOptimizer();
  const history = await fit(model, settings.train, {
    epochs: settings.epochs,
    batchSize: settings.batchSize,
    optimizer,
    rng,
    layout: "flat",
    workers: context.options.workers,
    validation: settings.validation,
    progress: settings.verbose ? createProgress() : undefined,
  });
  optimizer.dispose();
  return { model, history };
}
// #endregion

/** The last epoch's validation accuracy of a run. */
function finalValidationAccuracy(history: History): number {
  return history[history.length - 1].val_accuracy ?? NaN;
}

/** Mean seconds per epoch of a run. */
function secondsPerEpoch(history: History): number {
  return history.reduce((sum, log) => sum + log.seconds, 0) / history.length;
}

/** Runs lesson 4 with command-line arguments. */
export async function run(argv: string[]): Promise<void> {
  const context = await startLesson(info, argv);
  if (context === "help") return;
  const { notebook, mnist, options } = context;
  const sizes = options.full ? SIZES.full : SIZES.quick;
  const code = context.code(COURSE);
  const optimizers = optimizersFrom(code);

  notebook.heading("1. The data");
  // #region 1. The data
  const split = validationSplit(mnist.train, 0.2);
  const train = randomSubset(split.train, sizes.train, context.rng.next);
  const validation = randomSubset(split.validation, sizes.validation, context.rng.next);
  // #endregion
  notebook.explain(`
    As in the earlier lessons the last 20% of the training images are held out for validation.
    This run trains on ${train.count.toLocaleString("en-US")} of the training digits and
    validates on ${validation.count.toLocaleString("en-US")}
    ${
    options.full
      ? "(all of them, --full)"
      : "(a seeded random slice, so that four optimizers and two sweeps fit in about a " +
        "minute; --full uses everything)"
  }.
  `);

  notebook.heading("2. The network: the same for every optimizer");
  notebook.explain(`
    Two hidden layers of 128 ReLU units with dropout 0.3, the network of the previous lessons.
    Each run below builds it afresh after re-applying seed ${options.seed}: the starting
    weights, the dropout masks and the order of the batches are identical, so any difference
    between the runs comes from the optimizer alone.
  `);
  const preview = optimizersNetwork();
  notebook.show(formatSummary(preview));
  preview.dispose();

  notebook.heading("3. Four update rules");
  notebook.explain(`
    Every optimizer gets the same thing each step: the gradient g of the loss with respect to
    each weight w, averaged over a batch. They differ in what they do with it (lr is the
    learning rate):
  `);
  notebook.show([
    "SGD       w = w - lr * g",
    `Momentum  v = ${MOMENTUM} * v + g;  w = w - lr * v`,
    "RMSprop   s = 0.9 * s + 0.1 * g^2;  w = w - lr * g / sqrt(s + eps)",
    "Adam      m = 0.9 * m + 0.1 * g;  v = 0.999 * v + 0.001 * g^2;",
    "          mHat = m / (1 - 0.9^t);  vHat = v / (1 - 0.999^t);  " +
    "w = w - lr * mHat / (sqrt(vHat) + eps)",
  ].join("\n"));
  notebook.explain(`
    SGD takes one fixed step size for every weight; where the loss surface is a narrow valley
    it zig-zags across the valley instead of going down it. Momentum is a heavy ball: the
    velocity v remembers past gradients, so steps in a steady direction build up and zig-zags
    cancel. RMSprop divides each weight's step by the size of its recent gradients, so every
    weight moves at a similar pace whether its gradients are large or tiny. Adam does both,
    and corrects m and v for starting at zero (t counts the steps): without that its first
    steps would be far too small.

    SGD and momentum use learning rate ${options.learningRate} (--learning-rate); RMSprop and
    Adam use ${ADAPTIVE_RATE}, Keras's default for both: their steps are already scaled per
    weight, so they need a much smaller rate.

    These four rules are what trains the network below, written on plain arrays of numbers:
    after each batch, every weight matrix and its gradient are read back from TensorFlow.js as
    arrays, the rule computes the new weights (and updates what it remembers for that matrix:
    v, s, or m, v and t), and the new weights are written back. Exercises 4.1-4.4 write these
    four rules by hand; deno task lesson 4 --mine trains with yours.
  `);

  notebook.heading("4. The race: same network, same seed, four optimizers");
  // #region 4. The race: same network, same seed, four optimizers
  const contenders: { name: string; make: () => tf.Optimizer }[] = [
    { name: "SGD", make: () => optimizers.sgd(options.learningRate) },
    { name: "SGD + momentum", make: () => optimizers.momentum(options.learningRate) },
    { name: "RMSprop", make: () => optimizers.rmsprop(ADAPTIVE_RATE) },
    { name: "Adam", make: () => optimizers.adam(ADAPTIVE_RATE) },
  ];
  const race: (NamedRun & { test: ReturnType<typeof evaluate> })[] = [];
  for (const contender of contenders) {
    notebook.show(`${contender.name}:`);
    const { model, history } = await trainFresh(context, contender.make, {
      train,
      validation,
      epochs: options.epochs,
      batchSize: options.batchSize,
      verbose: true,
    });
    race.push({
      name: contender.name,
      history,
      test: evaluate(model, mnist.test, { layout: "flat" }),
    });
    model.dispose();
  }
  // #endregion
  await context.chart(
    "optimizer_loss.svg",
    comparisonCurvesSpec(race, { metric: "loss", title: "Training loss by optimizer" }),
    "training loss per epoch of the four optimizers",
  );
  await context.chart(
    "optimizer_val_accuracy.svg",
    comparisonCurvesSpec(race, {
      metric: "val_accuracy",
      title: "Validation accuracy by optimizer",
    }),
    "validation accuracy per epoch of the four optimizers",
  );
  notebook.show(
    race.map((entry) =>
      `${entry.name.padEnd(16)} validation ${
        formatPercent(finalValidationAccuracy(entry.history))
      }   ` +
      `test ${formatPercent(entry.test.accuracy)}`
    ).join("\n"),
  );
  const winner = race.reduce((best, entry) =>
    finalValidationAccuracy(entry.history) > finalValidationAccuracy(best.history) ? entry : best
  );
  notebook.explain(`
    ${winner.name} ends with the best validation accuracy in this run. ${describeRace(race)}
  `);

  notebook.heading("5. The learning rate: the knob that matters most");
  const sweepSettings = {
    train: randomSubset(train, sizes.sweepTrain, context.rng.next),
    validation,
    epochs: Math.min(sizes.sweepEpochs, options.epochs),
    verbose: false,
  };
  notebook.explain(`
    Too small a learning rate and training barely moves; too large and every step overshoots.
    We train plain SGD at ${SWEEP_RATES.join(", ")} (each about three times the last, so the chart
    uses a log scale), ${formatCount(sweepSettings.epochs, "epoch")} on ${
    formatCount(sweepSettings.train.count, "digit")
  }
    each, and compare validation accuracy. (Exercise 4.5 writes this sweep driver.)
  `);
  // #region 5. The learning rate: the knob that matters most
  const rateSweep = await code.learningRateSweep(SWEEP_RATES, async (rate) => {
    const { model, history } = await trainFresh(context, () => optimizers.sgd(rate), {
      ...sweepSettings,
      batchSize: options.batchSize,
    });
    model.dispose();
    const score = finalValidationAccuracy(history);
    notebook.show(
      `  learning rate ${String(rate).padEnd(6)} validation accuracy ${formatPercent(score)}`,
    );
    return score;
  });
  // #endregion
  await context.chart(
    "learning_rate_sweep.svg",
    sweepSpec(
      rateSweep.results.map((r) => ({ setting: r.learningRate, score: r.score })),
      {
        title: "SGD: validation accuracy by learning rate",
        xTitle: "learning rate (log scale)",
        yTitle: "validation accuracy",
      },
    ),
    "final validation accuracy against the learning rate",
  );
  notebook.explain(`
    The best rate here is ${rateSweep.best.learningRate}. ${describeSweepShape(rateSweep.results)}
    A sweep over powers of ten finds the right order of magnitude cheaply; a finer sweep around
    the top can follow.
  `);

  notebook.heading("6. The batch size: accuracy per epoch against time per epoch");
  const batchSizes = options.full ? SWEEP_BATCHES.full : SWEEP_BATCHES.quick;
  notebook.explain(`
    Small batches give more, noisier steps per epoch; large batches give fewer, smoother steps
    that each cost more but use the machine better. We train Adam with batches of
    ${batchSizes.join(", ")}, ${formatCount(sweepSettings.epochs, "epoch")} each.
  `);
  // #region 6. The batch size: accuracy per epoch against time per epoch
  const batchSweep: { batchSize: number; accuracy: number; seconds: number }[] = [];
  for (const batchSize of batchSizes) {
    const { model, history } = await trainFresh(context, () => optimizers.adam(ADAPTIVE_RATE), {
      ...sweepSettings,
      batchSize,
    });
    model.dispose();
    const point = {
      batchSize,
      accuracy: finalValidationAccuracy(history),
      seconds: secondsPerEpoch(history),
    };
    batchSweep.push(point);
    notebook.show(
      `  batch ${String(batchSize).padEnd(4)} validation accuracy ${
        formatPercent(point.accuracy)
      }   ` +
        `${point.seconds.toFixed(2)} s per epoch`,
    );
  }
  // #endregion
  await context.chart(
    "batch_size_sweep.svg",
    sweepSpec(
      batchSweep.map((p) => ({ setting: p.batchSize, score: p.accuracy })),
      {
        title: `Adam: validation accuracy after ${
          formatCount(sweepSettings.epochs, "epoch")
        } by batch size`,
        xTitle: "batch size (log scale)",
        yTitle: "validation accuracy",
      },
    ),
    "validation accuracy against the batch size",
  );
  await context.chart(
    "batch_size_time.svg",
    barChartSpec(
      batchSweep.map((p) => ({ name: `batch ${p.batchSize}`, value: p.seconds })),
      { title: "Seconds per epoch by batch size", xTitle: "batch size", yTitle: "seconds" },
    ),
    "training time per epoch against the batch size",
  );
  notebook.explain(`
    For a fixed number of epochs, small batches take more steps and usually reach a higher
    accuracy, but each epoch costs more time; large batches are fast per epoch but need more
    epochs (or a larger learning rate). Batch 128, the article's choice, sits in between.
  `);

  notebook.heading("7. The test set");
  notebook.show(
    `${winner.name}, the best on validation, scores ${
      formatPercent(winner.test.accuracy)
    } on the test ` +
      `set (test loss ${winner.test.loss.toFixed(4)}).`,
  );
  const resultsPath = await writeResults(context, {
    config: {
      model:
        "Dense(128, relu) > Dropout(0.3) > Dense(128, relu) > Dropout(0.3) > Dense(10, softmax)",
      optimizers: contenders.map((c) => c.name),
      adaptiveLearningRate: ADAPTIVE_RATE,
      momentum: MOMENTUM,
      validationSplit: 0.2,
      trainSize: train.count,
      validationSize: validation.count,
      sweepTrainSize: sweepSettings.train.count,
      sweepEpochs: sweepSettings.epochs,
      testSize: mnist.test.count,
    },
    history: winner.history,
    test: winner.test,
    extra: {
      best: winner.name,
      race: race.map((entry) => ({
        optimizer: entry.name,
        history: entry.history,
        test: entry.test,
      })),
      learningRateSweep: rateSweep.results,
      batchSizeSweep: batchSweep,
    },
  });

  notebook.heading("Done");
  notebook.show(`Results: ${resultsPath}`);
  notebook.explain(`
    Next: open exercises/04_optimizers.ts and write the four update rules yourself; run
    deno task check 4 to compare them with TensorFlow.js step by step.
  `);
}

if (import.meta.main) await runCommand(() => run(Deno.args));

/**
 * What the loss chart of the race shows in this run: which optimizers lowered the training
 * loss fastest (lowest after the first epoch) and how plain SGD compares at the end.
 */
function describeRace(race: NamedRun[]): string {
  const firstLoss = (run: NamedRun) => run.history[0].loss;
  const lastLoss = (run: NamedRun) => run.history[run.history.length - 1].loss;
  const byFirst = [...race].sort((a, b) => firstLoss(a) - firstLoss(b));
  const sgd = race.find((run) => run.name === "SGD");
  const fastest = byFirst.slice(0, 2).map((run) => run.name).join(" and ");
  const sgdEnd = sgd && race.every((run) => lastLoss(run) >= lastLoss(sgd))
    ? "plain SGD ends with the lowest training loss all the same"
    : sgd && race.every((run) => lastLoss(run) <= lastLoss(sgd))
    ? "plain SGD ends with the highest: with one fixed step size it needs more epochs to get as far"
    : "plain SGD ends in between";
  return `Look at the loss chart: after the first epoch ${fastest} have the lowest training loss, ` +
    `and ${sgdEnd}.`;
}

/** The shape of a learning-rate sweep in this run, in one sentence. */
function describeSweepShape(results: { learningRate: number; score: number }[]): string {
  const best = results.reduce((a, b) => (b.score > a.score ? b : a));
  const at = results.indexOf(best);
  if (at === results.length - 1) {
    return "Accuracy still rises at the largest rate tried, so the top lies beyond this sweep.";
  }
  if (at === 0) {
    return "Accuracy is highest at the smallest rate tried, so the top lies below this sweep.";
  }
  return "The curve is the typical one: a slope up as the rate grows, a top, then a fall once " +
    "steps overshoot.";
}
