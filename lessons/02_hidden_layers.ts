/**
 * Lesson 2: hidden layers. Between the pixels and the softmax we put layers of ReLU units;
 * three configurations from the articles are trained side by side, and one hidden layer of
 * 512 units trained with RMSprop for 5 epochs reaches about 98% of the test digits.
 *
 * Run it with `deno task lesson 2` (quick) or `deno task lesson 2 --full` (the articles'
 * epochs on all 48,000 training digits).
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { barChartSpec } from "../lib/charts/bars.ts";
import { comparisonCurvesSpec, type NamedRun } from "../lib/charts/curves.ts";
import { CLASSES, PIXELS } from "../lib/data/digits.ts";
import { randomSubset, validationSplit } from "../lib/data/split.ts";
import { lessonWithId } from "../lib/course/manifest.ts";
import { type LessonInfo, startLesson } from "../lib/lesson/context.ts";
import { runCommand } from "../lib/cli/errors.ts";
import { formatCount, formatPercent } from "../lib/lesson/format.ts";
import { writeResults } from "../lib/lesson/results.ts";
import { formatSummary } from "../lib/model/summary.ts";
import { evaluate, type Evaluation } from "../lib/train/evaluate.ts";
import { fit } from "../lib/train/fit.ts";
import type { History } from "../lib/train/history.ts";
import { createProgress } from "../lib/train/progress.ts";
import { info as softmaxLesson, softmaxRegression } from "./01_softmax.ts";
import type * as Exercises from "../exercises/02_hidden_layers.ts";

/**
 * Lesson 2's declaration. The flags set the featured model, one hidden layer of 512 units
 * trained with RMSprop (the article: batch 128, learning rate 0.001, 5 epochs).
 */
export const info: LessonInfo = {
  ...lessonWithId("02_hidden_layers"),
  source: import.meta.url,
  quick: { epochs: 3, batchSize: 128, learningRate: 0.001 },
  full: { epochs: 5, batchSize: 128, learningRate: 0.001 },
};

/** The test accuracy the article reports for the 512-unit RMSprop model. */
const ARTICLE_ACCURACY = 0.9808;

/** The momentum of the quick run's SGD networks. */
const MOMENTUM = 0.9;

/** Training digits of the quick run; the full run uses all of them. */
const QUICK_DIGITS = 20_000;

/** One configuration of the comparison. */
interface Configuration {
  /** Legend label. */
  name: string;
  /** Units of each hidden layer. */
  hidden: number[];
  /** `sgd` or `rmsprop`. */
  optimizer: "sgd" | "rmsprop";
  /** Its learning rate. */
  learningRate: number;
  /** Examples per step. */
  batchSize: number;
  /** Epochs with `--full` (the article's); quick runs give every network `--epochs`. */
  fullEpochs: number;
  /**
   * A quick run's learning rate for an SGD network, which then also uses momentum 0.9 (Keras's
   * `SGD(momentum=0.9)`): a few epochs of plain SGD at the article's small rate leave a
   * network below softmax regression.
   */
  quickLearningRate?: number;
  /** Whether its article holds out 20% for validation; with `--full` the others use all 60,000. */
  holdsOut: boolean;
}

/** What training one configuration gave. */
interface Outcome {
  configuration: Configuration;
  parameters: number;
  history: History;
  trainSize: number;
  test: Evaluation;
  seconds: number;
}

/** The three networks of the articles; the 512-unit one follows the command-line flags. */
function configurations(options: { epochs: number; batchSize: number; learningRate: number }) {
  const featured: Configuration = {
    name: "1x512 rmsprop",
    hidden: [512],
    optimizer: "rmsprop",
    learningRate: options.learningRate,
    batchSize: options.batchSize,
    fullEpochs: options.epochs,
    holdsOut: false,
  };
  const configs: Configuration[] = [
    {
      name: "2x128 sgd",
      hidden: [128, 128],
      optimizer: "sgd",
      learningRate: 0.01,
      batchSize: 128,
      fullEpochs: 20,
      quickLearningRate: 0.02,
      holdsOut: true,
    },
    featured,
    {
      name: "3x256 sgd",
      hidden: [256, 256, 256],
      optimizer: "sgd",
      learningRate: 0.05,
      batchSize: 256,
      fullEpochs: 20,
      quickLearningRate: 0.05,
      holdsOut: true,
    },
  ];
  return { featured, configs };
}

/** The parameters of a stack of dense layers, sizes input first: `n*m + m` per layer. */
function denseParameters(sizes: number[]): number {
  return sizes.slice(1).reduce((sum, units, i) => sum + sizes[i] * units + units, 0);
}

/** `784*128 + 128 + ... = 118,282`: a parameter count `total` of dense layers, spelled out. */
function parameterFormula(sizes: number[], total: number): string {
  const terms = sizes.slice(1).map((units, i) => `${sizes[i]}*${units} + ${units}`);
  return `${terms.join(" + ")} = ${total.toLocaleString("en-US")}`;
}

/**
 * The lesson's networks: the flattened 784 pixels, one ReLU `Dense` layer per entry of
 * `hidden` (its units, input side first; at least one), and a 10-way softmax. `[512]` is the
 * featured network: 784 * 512 + 512 + 512 * 10 + 10 = 407,050 parameters.
 *
 * @example
 * ```ts
 * hiddenLayersNetwork([128, 128]).countParams(); // 118282
 * ```
 */
// #region 1. Beyond one layer: hidden units and ReLU
export function hiddenLayersNetwork(hidden: number[]): tf.Sequential {
  return tf.sequential({
    name: `dense_${hidden.join("x")}`,
    layers: [
      ...hidden.map((units, i) =>
        tf.layers.dense({
          ...(i === 0 ? { inputShape: [PIXELS] } : {}),
          units,
          activation: "relu",
          name: `hidden_${i + 1}`,
        })
      ),
      tf.layers.dense({ units: CLASSES, activation: "softmax", name: "output" }),
    ],
  });
}
// #endregion

/**
 * The course's own versions of the exercises this lesson runs, on plain arrays as the exercises
 * take them; `deno task lesson 2 --mine` runs yours in their place. ReLU and its derivative are
 * TensorFlow.js's own (the derivative by automatic differentiation).
 */
const COURSE: Pick<
  typeof Exercises,
  "relu" | "reluDerivative" | "countDenseParameters" | "buildDenseModel"
> = {
  relu: (values) => Array.from(tf.tidy(() => tf.relu(tf.tensor1d(values)).dataSync())),
  reluDerivative: (values) =>
    Array.from(tf.tidy(() => tf.grad((z) => tf.relu(z))(tf.tensor1d(values)).dataSync())),
  countDenseParameters: denseParameters,
  buildDenseModel: hiddenLayersNetwork,
};

/** Runs lesson 2 with command-line arguments. */
export async function run(argv: string[]): Promise<void> {
  const context = await startLesson(info, argv);
  if (context === "help") return;
  const { notebook, mnist, options } = context;
  const code = context.code(COURSE);
  const { featured, configs } = configurations(options);
  const epochsOf = (c: Configuration) => options.full ? c.fullEpochs : options.epochs;
  const rateOf = (c: Configuration) =>
    options.full ? c.learningRate : c.quickLearningRate ?? c.learningRate;
  const momentumOf = (c: Configuration) =>
    !options.full && c.quickLearningRate !== undefined ? MOMENTUM : 0;

  notebook.heading("1. Beyond one layer: hidden units and ReLU");
  notebook.explain(`
    Softmax regression (lesson 1) scores each digit with one weighted sum of the pixels: one
    template per digit, about 92% right. A hidden layer first computes many weighted sums of
    the pixels, each detecting some pattern of strokes, and the softmax then weighs those
    patterns instead of raw pixels.

    Between the layers sits a non-linearity. Without one, two layers would collapse into one:
    a matrix times a matrix is just another matrix. The rectified linear unit is the simplest
    that works: relu(z) = max(0, z). It passes positive values and silences negative ones; its
    derivative is 1 for z > 0 and 0 for z < 0, so gradients flow through the active units
    unchanged instead of shrinking as they do through a sigmoid.
  `);
  const zs = [-2, -0.5, 0, 0.5, 2];
  const row = (values: number[]) => values.map((v) => String(v).padStart(5)).join("");
  notebook.show(
    `  z        ${row(zs)}\n  relu(z)  ${row(code.relu(zs))}\n` +
      `  relu'(z) ${row(code.reluDerivative(zs))}`,
  );

  notebook.heading("2. The data");
  // #region 2. The data
  const split = validationSplit(mnist.train, 0.2);
  const train = options.full
    ? split.train
    : randomSubset(split.train, QUICK_DIGITS, context.rng.next);
  const validation = split.validation;
  // #endregion
  notebook.explain(`
    As in lesson 1: flattened 784-pixel rows scaled to [0, 1], the last 20% of the training
    set held out for validation. This run trains on ${train.count.toLocaleString("en-US")}
    digits${
    options.full
      ? ` (the 512-unit network's article holds nothing out: it trains on all ${
        mnist.train.count.toLocaleString("en-US")
      })`
      : train.count < split.train.count
      ? " (a random slice, to stay quick; --full uses all of them)"
      : ""
  }, validates on ${validation.count.toLocaleString("en-US")} and tests on
    ${mnist.test.count.toLocaleString("en-US")}.
  `);

  notebook.heading("3. Counting parameters");
  notebook.explain(`
    A Dense layer from n inputs to m units holds an n x m weight matrix and m biases: n*m + m
    parameters. Deeper or wider networks can represent more patterns, and pay for it in
    parameters, memory and time per step:
  `);
  notebook.show(
    configs.map((c) => {
      const sizes = [PIXELS, ...c.hidden, CLASSES];
      return `  ${c.name.padEnd(14)} ${parameterFormula(sizes, code.countDenseParameters(sizes))}`;
    }).join("\n"),
  );
  notebook.explain(`The summary of the featured network, one hidden layer of 512 units:`);
  // #region 3. Counting parameters
  const preview = code.buildDenseModel(featured.hidden);
  notebook.show(formatSummary(preview));
  preview.dispose();
  // #endregion

  notebook.heading("4. Training three configurations");
  notebook.explain(`
    The articles try three networks: two hidden layers of 128 units with plain SGD (learning
    rate 0.01, batch 128, 20 epochs); one layer of 512 units with RMSprop (batch 128, 5
    epochs), an optimizer that scales each weight's step by a running average of its recent
    gradients; and three layers of 256 units with SGD at learning rate 0.05, batch 256, 20
    epochs.
  `);
  const baselineEpochs = options.full ? softmaxLesson.quick.epochs : options.epochs;
  const baselineRate = softmaxLesson.quick.learningRate;
  notebook.explain(
    options.full
      ? `With --full each trains for the articles' epochs: ${
        configs.map((c) => `${c.name} ${epochsOf(c)}`).join(", ")
      }.`
      : `This quick run gives each ${formatCount(options.epochs, "epoch")}. Plain SGD at the
    articles' small learning rates is meant for their 20 epochs, so here the SGD networks add
    momentum ${MOMENTUM} (each step keeps ${MOMENTUM * 100}% of the previous one; lesson 4
    explains it): ${
        configs.filter((c) => c.quickLearningRate !== undefined)
          .map((c) => `${c.name} at learning rate ${c.quickLearningRate}`)
          .join(", ")
      }. --full trains them with the articles' settings on all the training digits.`,
  );
  notebook.explain(`
    First, the baseline: lesson 1's softmax regression, trained on the same
    ${train.count.toLocaleString("en-US")} digits with SGD at learning rate ${baselineRate}
    (lesson 1's quick setting) for ${formatCount(baselineEpochs, "epoch")}. Every hidden-layer
    network should beat it.
  `);
  notebook.show(`\nsoftmax baseline:`);
  const baseline = await (async () => {
    const model = softmaxRegression();
    const optimizer = tf.train.sgd(baselineRate);
    const started = performance.now();
    const history = await fit(model, train, {
      epochs: baselineEpochs,
      batchSize: softmaxLesson.quick.batchSize,
      optimizer,
      rng: context.rng,
      layout: "flat",
      workers: options.workers,
      validation,
      progress: createProgress(),
    });
    const seconds = (performance.now() - started) / 1000;
    const test = evaluate(model, mnist.test, { layout: "flat" });
    const parameters = model.countParams();
    model.dispose();
    optimizer.dispose();
    return { history, test, seconds, parameters };
  })();
  const outcomes: Outcome[] = [];
  // #region 4. Training three configurations
  for (const configuration of configs) {
    notebook.show(`\n${configuration.name}:`);
    const model = code.buildDenseModel(configuration.hidden);
    const optimizer = configuration.optimizer === "rmsprop"
      ? tf.train.rmsprop(rateOf(configuration))
      : momentumOf(configuration) > 0
      ? tf.train.momentum(rateOf(configuration), momentumOf(configuration))
      : tf.train.sgd(rateOf(configuration));
    const started = performance.now();
    const whole = options.full && !configuration.holdsOut;
    const data = whole ? { train: mnist.train } : { train, validation };
    const history = await fit(model, data.train, {
      epochs: epochsOf(configuration),
      batchSize: configuration.batchSize,
      optimizer,
      rng: context.rng,
      layout: "flat",
      workers: options.workers,
      validation: data.validation,
      progress: createProgress(),
    });
    const seconds = (performance.now() - started) / 1000;
    const test = evaluate(model, mnist.test, { layout: "flat" });
    outcomes.push({
      configuration,
      parameters: model.countParams(),
      history,
      trainSize: data.train.count,
      test,
      seconds,
    });
    model.dispose();
    optimizer.dispose();
  }
  // #endregion

  notebook.heading("5. Side by side");
  notebook.show(
    [
      "  configuration   params    epochs  seconds  test accuracy",
      `  ${"softmax".padEnd(14)} ${baseline.parameters.toLocaleString("en-US").padStart(8)}` +
      `  ${String(baseline.history.length).padStart(6)}  ${
        baseline.seconds.toFixed(1).padStart(7)
      }` +
      `  ${formatPercent(baseline.test.accuracy).padStart(13)}`,
      ...outcomes.map((o) =>
        `  ${o.configuration.name.padEnd(14)} ${o.parameters.toLocaleString("en-US").padStart(8)}` +
        `  ${String(o.history.length).padStart(6)}  ${o.seconds.toFixed(1).padStart(7)}` +
        `  ${formatPercent(o.test.accuracy).padStart(13)}`
      ),
    ].join("\n"),
  );
  const best = outcomes.find((o) => o.configuration === featured)!;
  notebook.show(
    `The 512-unit RMSprop network: test accuracy ${formatPercent(best.test.accuracy)} ` +
      `(the article reports ${formatPercent(ARTICLE_ACCURACY)} after 5 epochs on all ` +
      `60,000 training digits).`,
  );
  await context.chart(
    "test_accuracy.svg",
    barChartSpec(
      [
        { name: "softmax (baseline)", value: baseline.test.accuracy },
        ...outcomes.map((o) => ({ name: o.configuration.name, value: o.test.accuracy })),
      ],
      {
        title: "Test accuracy by configuration",
        xTitle: "network",
        yTitle: "test accuracy",
        format: ".2%",
      },
    ),
    "test accuracy of the three networks beside the softmax baseline trained in this run",
  );
  await context.chart(
    "training_time.svg",
    barChartSpec(
      outcomes.map((o) => ({ name: o.configuration.name, value: Number(o.seconds.toFixed(1)) })),
      { title: "Training time by configuration", xTitle: "network", yTitle: "seconds" },
    ),
    "training time of the three networks (validation included)",
  );
  notebook.explain(`
    The learning curves show how fast each network learns: training accuracy and loss after
    every epoch (each network's validation numbers are in its progress lines above).
  `);
  const runs: NamedRun[] = [
    { name: "softmax (baseline)", history: baseline.history },
    ...outcomes.map((o) => ({ name: o.configuration.name, history: o.history })),
  ];
  await context.chart(
    "training_accuracy.svg",
    comparisonCurvesSpec(runs, { metric: "accuracy", title: "Training accuracy per epoch" }),
    "training accuracy per epoch of each network and the softmax baseline",
  );
  await context.chart(
    "training_loss.svg",
    comparisonCurvesSpec(runs, { metric: "loss", title: "Training loss per epoch" }),
    "training loss per epoch of each network and the softmax baseline",
  );
  const winner = outcomes.reduce((a, b) => (b.test.accuracy > a.test.accuracy ? b : a));
  notebook.explain(`
    Best in this run: ${winner.configuration.name}, ${formatPercent(winner.test.accuracy)}
    of the test digits. ${compareWithBaseline(outcomes, baseline.test.accuracy)} How fast a
    network gets there depends on its optimizer as much as on its size: RMSprop's adaptive
    steps need no tuning of the learning rate here, while SGD needs a well-chosen rate${
    options.full ? " and many epochs" : " and momentum to get far in a few epochs"
  } (lesson 4 looks at optimizers closely).
  `);

  const resultsPath = await writeResults(context, {
    config: {
      model: "Dense(512, relu) -> Dense(10, softmax)",
      parameters: best.parameters,
      optimizer: "rmsprop",
      loss: "categoricalCrossentropy",
      validationSplit: best.trainSize === train.count ? 0.2 : 0,
      trainSize: best.trainSize,
      validationSize: best.trainSize === train.count ? validation.count : 0,
      testSize: mnist.test.count,
    },
    history: best.history,
    test: best.test,
    extra: {
      articleAccuracy: ARTICLE_ACCURACY,
      baseline: {
        name: "softmax",
        model: "Dense(10, softmax)",
        optimizer: "sgd",
        learningRate: baselineRate,
        epochs: baseline.history.length,
        trainSize: train.count,
        parameters: baseline.parameters,
        seconds: Number(baseline.seconds.toFixed(2)),
        test: baseline.test,
        history: baseline.history,
      },
      configurations: outcomes.map((o) => ({
        ...o.configuration,
        learningRate: rateOf(o.configuration),
        momentum: momentumOf(o.configuration),
        epochs: o.history.length,
        trainSize: o.trainSize,
        parameters: o.parameters,
        seconds: Number(o.seconds.toFixed(2)),
        test: o.test,
        history: o.history,
      })),
    },
  });

  notebook.heading("Done");
  notebook.show(`Results: ${resultsPath}`);
  notebook.explain(`
    Next: open exercises/02_hidden_layers.ts: ReLU, a dense layer, parameter counts, a model
    builder and backpropagation by hand; run deno task check 2 to see how you are doing.
  `);
}

/** Which networks beat the softmax baseline's test accuracy, and by how much, in one sentence. */
function compareWithBaseline(outcomes: Outcome[], baseline: number): string {
  const points = (o: Outcome) => ((o.test.accuracy - baseline) * 100).toFixed(2);
  const beat = outcomes.filter((o) => o.test.accuracy > baseline);
  const lost = outcomes.filter((o) => o.test.accuracy <= baseline);
  const against = `the softmax baseline (${formatPercent(baseline)})`;
  if (lost.length === 0) {
    return `Every hidden-layer network beats ${against}: by ${
      outcomes.map((o) => `${points(o)} points (${o.configuration.name})`).join(", ")
    }.`;
  }
  if (beat.length === 0) return `No hidden-layer network beats ${against} in this run.`;
  return `${beat.map((o) => o.configuration.name).join(" and ")} beat${
    beat.length === 1 ? "s" : ""
  } ${against}; ${
    lost.map((o) => `${o.configuration.name} (${formatPercent(o.test.accuracy)})`)
      .join(" and ")
  } do${lost.length === 1 ? "es" : ""} not.`;
}

if (import.meta.main) await runCommand(() => run(Deno.args));
