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
import type { Bilingual } from "../lib/cli/language.ts";
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

  notebook.heading({
    en: "1. Beyond one layer: hidden units and ReLU",
    zh: "1. 不止一层：隐藏单元与 ReLU",
  });
  notebook.explain({
    en: `
    Softmax regression (lesson 1) scores each digit with one weighted sum of the pixels: one
    template per digit, about 92% right. A hidden layer first computes many weighted sums of
    the pixels, each detecting some pattern of strokes, and the softmax then weighs those
    patterns instead of raw pixels.

    Between the layers sits a non-linearity. Without one, two layers would collapse into one:
    a matrix times a matrix is just another matrix. The rectified linear unit is the simplest
    that works: relu(z) = max(0, z). It passes positive values and silences negative ones; its
    derivative is 1 for z > 0 and 0 for z < 0, so gradients flow through the active units
    unchanged instead of shrinking as they do through a sigmoid.
  `,
    zh: `
    softmax 回归（第 1 课）用像素的一个加权和给每个数字打分：每个数字一个模板，准确率约 92%。隐藏层则先对像素
    算出许多个加权和，每个加权和检测某种笔画模式，softmax 再去权衡这些模式，而不是原始像素。

    层与层之间要有一个非线性的激活函数。没有它，两层会塌缩成一层：矩阵乘矩阵还是一个矩阵。修正线性单元（ReLU）
    是最简单而管用的一个：relu(z) = max(0, z)。它让正值通过、把负值置零；导数在 z > 0 时为 1，在 z < 0 时为 0，
    所以梯度穿过激活的单元时原样传递，不会像经过 sigmoid 时那样越传越小。
  `,
  });
  const zs = [-2, -0.5, 0, 0.5, 2];
  const row = (values: number[]) => values.map((v) => String(v).padStart(5)).join("");
  notebook.show(
    `  z        ${row(zs)}\n  relu(z)  ${row(code.relu(zs))}\n` +
      `  relu'(z) ${row(code.reluDerivative(zs))}`,
  );

  notebook.heading({ en: "2. The data", zh: "2. 数据" });
  // #region 2. The data
  const split = validationSplit(mnist.train, 0.2);
  const train = options.full
    ? split.train
    : randomSubset(split.train, QUICK_DIGITS, context.rng.next);
  const validation = split.validation;
  // #endregion
  const [trainCount, allCount, validationCount, testCount] = [
    train.count,
    mnist.train.count,
    validation.count,
    mnist.test.count,
  ].map((n) => n.toLocaleString("en-US"));
  const slice = !options.full && train.count < split.train.count;
  notebook.explain({
    en: `
    As in lesson 1: flattened 784-pixel rows scaled to [0, 1], the last 20% of the training
    set held out for validation. This run trains on ${trainCount}
    digits${
      options.full
        ? ` (the 512-unit network's article holds nothing out: it trains on all ${allCount})`
        : slice
        ? " (a random slice, to stay quick; --full uses all of them)"
        : ""
    }, validates on ${validationCount} and tests on
    ${testCount}.
  `,
    zh: `
    和第 1 课一样：每张图片展平成 784 个像素的一行并缩放到 [0, 1]，训练集的最后 20% 留出来作为验证集。
    这次运行在 ${trainCount} 个数字上训练${
      options.full
        ? `（512 单元网络的那篇文章不留验证集：它在全部 ${allCount} 个数字上训练）`
        : slice
        ? "（为了快，随机取了其中一部分；--full 使用全部）"
        : ""
    }，在 ${validationCount} 个上验证，在 ${testCount} 个上测试。
  `,
  });

  notebook.heading({ en: "3. Counting parameters", zh: "3. 计算参数量" });
  notebook.explain({
    en: `
    A Dense layer from n inputs to m units holds an n x m weight matrix and m biases: n*m + m
    parameters. Deeper or wider networks can represent more patterns, and pay for it in
    parameters, memory and time per step:
  `,
    zh: `
    从 n 个输入到 m 个单元的全连接层有一个 n x m 的权重矩阵和 m 个偏置，共 n*m + m 个参数。更深或更宽的网络
    能表示更多的模式，代价是更多的参数、内存和每步的时间：
  `,
  });
  notebook.show(
    configs.map((c) => {
      const sizes = [PIXELS, ...c.hidden, CLASSES];
      return `  ${c.name.padEnd(14)} ${parameterFormula(sizes, code.countDenseParameters(sizes))}`;
    }).join("\n"),
  );
  notebook.explain({
    en: `The summary of the featured network, one hidden layer of 512 units:`,
    zh: `本课主打的网络（一个 512 单元的隐藏层）的模型摘要：`,
  });
  // #region 3. Counting parameters
  const preview = code.buildDenseModel(featured.hidden);
  notebook.show(formatSummary(preview));
  preview.dispose();
  // #endregion

  notebook.heading({ en: "4. Training three configurations", zh: "4. 训练三种配置" });
  notebook.explain({
    en: `
    The articles try three networks: two hidden layers of 128 units with plain SGD (learning
    rate 0.01, batch 128, 20 epochs); one layer of 512 units with RMSprop (batch 128, 5
    epochs), an optimizer that scales each weight's step by a running average of its recent
    gradients; and three layers of 256 units with SGD at learning rate 0.05, batch 256, 20
    epochs.
  `,
    zh: `
    文章试了三个网络：两个 128 单元的隐藏层，用普通 SGD（学习率 0.01，批大小 128，20 轮）；一个 512 单元的隐藏层，
    用 RMSprop（批大小 128，5 轮），这个优化器按每个权重近期梯度的滑动平均来缩放它的步长；以及三个 256 单元的
    隐藏层，用 SGD，学习率 0.05，批大小 256，20 轮。
  `,
  });
  const baselineEpochs = options.full ? softmaxLesson.quick.epochs : options.epochs;
  const baselineRate = softmaxLesson.quick.learningRate;
  const withMomentum = configs.filter((c) => c.quickLearningRate !== undefined);
  notebook.explain(
    options.full
      ? {
        en: `With --full each trains for the articles' epochs: ${
          configs.map((c) => `${c.name} ${epochsOf(c)}`).join(", ")
        }.`,
        zh: `使用 --full 时，每个网络都按文章的轮数训练：${
          configs.map((c) => `${c.name} ${epochsOf(c)} 轮`).join("，")
        }。`,
      }
      : {
        en: `This quick run gives each ${formatCount(options.epochs, "epoch")}. Plain SGD at the
    articles' small learning rates is meant for their 20 epochs, so here the SGD networks add
    momentum ${MOMENTUM} (each step keeps ${MOMENTUM * 100}% of the previous one; lesson 4
    explains it): ${
          withMomentum.map((c) => `${c.name} at learning rate ${c.quickLearningRate}`).join(", ")
        }. --full trains them with the articles' settings on all the training digits.`,
        zh:
          `这次快速运行每个网络训练 ${options.epochs} 轮。普通 SGD 配上文章里较小的学习率，是为 20 轮设计的，
    所以这里的 SGD 网络加上了动量 ${MOMENTUM}（每一步保留上一步的 ${
            MOMENTUM * 100
          }%；第 4 课会讲）：${
            withMomentum.map((c) => `${c.name} 学习率 ${c.quickLearningRate}`).join("，")
          }。--full 则在全部训练数字上用文章的设置训练它们。`,
      },
  );
  notebook.explain({
    en: `
    First, the baseline: lesson 1's softmax regression, trained on the same
    ${trainCount} digits with SGD at learning rate ${baselineRate}
    (lesson 1's quick setting) for ${formatCount(baselineEpochs, "epoch")}. Every hidden-layer
    network should beat it.
  `,
    zh: `
    先训练基线：第 1 课的 softmax 回归，在同样的 ${trainCount} 个数字上用 SGD 训练 ${baselineEpochs} 轮，
    学习率 ${baselineRate}（第 1 课的快速设置）。每个带隐藏层的网络都应该胜过它。
  `,
  });
  notebook.show({ en: `\nsoftmax baseline:`, zh: `\nsoftmax 基线：` });
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
    notebook.show({ en: `\n${configuration.name}:`, zh: `\n${configuration.name}：` });
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

  notebook.heading({ en: "5. Side by side", zh: "5. 并排比较" });
  const tableRows = [
    `  ${"softmax".padEnd(14)} ${baseline.parameters.toLocaleString("en-US").padStart(8)}` +
    `  ${String(baseline.history.length).padStart(6)}  ${baseline.seconds.toFixed(1).padStart(7)}` +
    `  ${formatPercent(baseline.test.accuracy).padStart(13)}`,
    ...outcomes.map((o) =>
      `  ${o.configuration.name.padEnd(14)} ${o.parameters.toLocaleString("en-US").padStart(8)}` +
      `  ${String(o.history.length).padStart(6)}  ${o.seconds.toFixed(1).padStart(7)}` +
      `  ${formatPercent(o.test.accuracy).padStart(13)}`
    ),
  ];
  notebook.show({
    en: ["  configuration   params    epochs  seconds  test accuracy", ...tableRows].join("\n"),
    zh: ["  配置" + " ".repeat(13) + "参数量    轮数     秒数     测试准确率", ...tableRows].join(
      "\n",
    ),
  });
  const best = outcomes.find((o) => o.configuration === featured)!;
  notebook.show({
    en: `The 512-unit RMSprop network: test accuracy ${formatPercent(best.test.accuracy)} ` +
      `(the article reports ${formatPercent(ARTICLE_ACCURACY)} after 5 epochs on all ` +
      `60,000 training digits).`,
    zh: `512 单元的 RMSprop 网络：测试准确率 ${formatPercent(best.test.accuracy)}` +
      `（文章报告在全部 60,000 个训练数字上训练 5 轮后为 ${formatPercent(ARTICLE_ACCURACY)}）。`,
  });
  const baselineName = notebook.say({ en: "softmax (baseline)", zh: "softmax（基线）" });
  const networkTitle = notebook.say({ en: "network", zh: "网络" });
  await context.chart(
    "test_accuracy.svg",
    barChartSpec(
      [
        { name: baselineName, value: baseline.test.accuracy },
        ...outcomes.map((o) => ({ name: o.configuration.name, value: o.test.accuracy })),
      ],
      {
        title: notebook.say({ en: "Test accuracy by configuration", zh: "各配置的测试准确率" }),
        xTitle: networkTitle,
        yTitle: notebook.say({ en: "test accuracy", zh: "测试准确率" }),
        format: ".2%",
      },
    ),
    {
      en: "test accuracy of the three networks beside the softmax baseline trained in this run",
      zh: "三个网络的测试准确率，旁边是本次运行训练的 softmax 基线",
    },
  );
  await context.chart(
    "training_time.svg",
    barChartSpec(
      outcomes.map((o) => ({ name: o.configuration.name, value: Number(o.seconds.toFixed(1)) })),
      {
        title: notebook.say({ en: "Training time by configuration", zh: "各配置的训练用时" }),
        xTitle: networkTitle,
        yTitle: notebook.say({ en: "seconds", zh: "秒" }),
      },
    ),
    {
      en: "training time of the three networks (validation included)",
      zh: "三个网络的训练用时（含验证）",
    },
  );
  notebook.explain({
    en: `
    The learning curves show how fast each network learns: training accuracy and loss after
    every epoch (each network's validation numbers are in its progress lines above).
  `,
    zh: `
    学习曲线显示每个网络学得多快：每轮之后的训练准确率和损失（各网络在验证集上的数字见上面的进度行）。
  `,
  });
  const runs: NamedRun[] = [
    { name: baselineName, history: baseline.history },
    ...outcomes.map((o) => ({ name: o.configuration.name, history: o.history })),
  ];
  await context.chart(
    "training_accuracy.svg",
    comparisonCurvesSpec(runs, {
      metric: "accuracy",
      title: notebook.say({ en: "Training accuracy per epoch", zh: "每轮的训练准确率" }),
    }),
    {
      en: "training accuracy per epoch of each network and the softmax baseline",
      zh: "每个网络和 softmax 基线每轮的训练准确率",
    },
  );
  await context.chart(
    "training_loss.svg",
    comparisonCurvesSpec(runs, {
      metric: "loss",
      title: notebook.say({ en: "Training loss per epoch", zh: "每轮的训练损失" }),
    }),
    {
      en: "training loss per epoch of each network and the softmax baseline",
      zh: "每个网络和 softmax 基线每轮的训练损失",
    },
  );
  const winner = outcomes.reduce((a, b) => (b.test.accuracy > a.test.accuracy ? b : a));
  const comparison = compareWithBaseline(outcomes, baseline.test.accuracy);
  notebook.explain({
    en: `
    Best in this run: ${winner.configuration.name}, ${formatPercent(winner.test.accuracy)}
    of the test digits. ${comparison.en} How fast a
    network gets there depends on its optimizer as much as on its size: RMSprop's adaptive
    steps need no tuning of the learning rate here, while SGD needs a well-chosen rate${
      options.full ? " and many epochs" : " and momentum to get far in a few epochs"
    } (lesson 4 looks at optimizers closely).
  `,
    zh: `
    本次运行最好的是 ${winner.configuration.name}，测试数字答对了 ${
      formatPercent(winner.test.accuracy)
    }。${comparison.zh}网络能多快达到这个水平，既取决于它的大小，也同样取决于优化器：
    在这里，RMSprop 的自适应步长不用调学习率，而 SGD 需要选好学习率${
      options.full ? "，还要训练很多轮" : "，还要加上动量，才能在几轮之内走得远"
    }（第 4 课会仔细讨论优化器）。
  `,
  });

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

  notebook.heading({ en: "Done", zh: "完成" });
  notebook.show({ en: `Results: ${resultsPath}`, zh: `结果：${resultsPath}` });
  notebook.explain({
    en: `
    Next: open exercises/02_hidden_layers.ts: ReLU, a dense layer, parameter counts, a model
    builder and backpropagation by hand; run deno task check 2 to see how you are doing.
  `,
    zh: `
    下一步：打开 exercises/02_hidden_layers.ts：ReLU、一个全连接层、参数量、模型构建函数，以及手算反向传播；
    运行 deno task check 2 看看做得怎么样。
  `,
  });
}

/** Which networks beat the softmax baseline's test accuracy, and by how much, in one sentence. */
function compareWithBaseline(outcomes: Outcome[], baseline: number): Bilingual {
  const points = (o: Outcome) => ((o.test.accuracy - baseline) * 100).toFixed(2);
  const beat = outcomes.filter((o) => o.test.accuracy > baseline);
  const lost = outcomes.filter((o) => o.test.accuracy <= baseline);
  const against = `the softmax baseline (${formatPercent(baseline)})`;
  const againstZh = `softmax 基线（${formatPercent(baseline)}）`;
  if (lost.length === 0) {
    return {
      en: `Every hidden-layer network beats ${against}: by ${
        outcomes.map((o) => `${points(o)} points (${o.configuration.name})`).join(", ")
      }.`,
      zh: `每个带隐藏层的网络都胜过 ${againstZh}：${
        outcomes.map((o) => `${o.configuration.name} 高出 ${points(o)} 个百分点`).join("，")
      }。`,
    };
  }
  if (beat.length === 0) {
    return {
      en: `No hidden-layer network beats ${against} in this run.`,
      zh: `这次运行中，没有一个带隐藏层的网络胜过 ${againstZh}。`,
    };
  }
  return {
    en: `${beat.map((o) => o.configuration.name).join(" and ")} beat${
      beat.length === 1 ? "s" : ""
    } ${against}; ${
      lost.map((o) => `${o.configuration.name} (${formatPercent(o.test.accuracy)})`)
        .join(" and ")
    } do${lost.length === 1 ? "es" : ""} not.`,
    zh: `${beat.map((o) => o.configuration.name).join(" 和 ")} 胜过 ${againstZh}；${
      lost.map((o) => `${o.configuration.name}（${formatPercent(o.test.accuracy)}）`).join("和 ")
    }没有。`,
  };
}

if (import.meta.main) await runCommand(() => run(Deno.args));
