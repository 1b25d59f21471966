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
import type { Bilingual } from "../lib/cli/language.ts";
import { displayWidth } from "../lib/lesson/notebook.ts";
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

/** The optimizers' names in Chinese, for the tables, charts and prose. */
const OPTIMIZER_NAMES_ZH: Record<string, string> = {
  "SGD": "SGD",
  "SGD + momentum": "SGD + 动量",
  "RMSprop": "RMSprop",
  "Adam": "Adam",
};

/** An optimizer's name in both languages. */
function optimizerName(name: string): Bilingual {
  return { en: name, zh: OPTIMIZER_NAMES_ZH[name] ?? name };
}

/** `text` padded with spaces to `width` terminal columns (a Chinese character takes two). */
function padDisplay(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - displayWidth(text)));
}

/** Runs lesson 4 with command-line arguments. */
export async function run(argv: string[]): Promise<void> {
  const context = await startLesson(info, argv);
  if (context === "help") return;
  const { notebook, mnist, options } = context;
  const sizes = options.full ? SIZES.full : SIZES.quick;
  const code = context.code(COURSE);
  const optimizers = optimizersFrom(code);

  notebook.heading({ en: "1. The data", zh: "1. 数据" });
  // #region 1. The data
  const split = validationSplit(mnist.train, 0.2);
  const train = randomSubset(split.train, sizes.train, context.rng.next);
  const validation = randomSubset(split.validation, sizes.validation, context.rng.next);
  // #endregion
  const trainCount = train.count.toLocaleString("en-US");
  const validationCount = validation.count.toLocaleString("en-US");
  notebook.explain({
    en: `
    As in the earlier lessons the last 20% of the training images are held out for validation.
    This run trains on ${trainCount} of the training digits and
    validates on ${validationCount}
    ${
      options.full
        ? "(all of them, --full)"
        : "(a seeded random slice, so that four optimizers and two sweeps fit in about a " +
          "minute; --full uses everything)"
    }.
  `,
    zh: `
    和前几课一样，训练图片的最后 20% 留出来作为验证集。这次运行用其中 ${trainCount} 个数字训练，
    在 ${validationCount} 个数字上验证${
      options.full
        ? "（全部数据，--full）"
        : "（按随机种子抽取的一部分，好让四个优化器和两次扫描在一分钟左右跑完；--full 使用全部数据）"
    }。
  `,
  });

  notebook.heading({
    en: "2. The network: the same for every optimizer",
    zh: "2. 网络：每个优化器都一样",
  });
  notebook.explain({
    en: `
    Two hidden layers of 128 ReLU units with dropout 0.3, the network of the previous lessons.
    Each run below builds it afresh after re-applying seed ${options.seed}: the starting
    weights, the dropout masks and the order of the batches are identical, so any difference
    between the runs comes from the optimizer alone.
  `,
    zh: `
    两个各有 128 个 ReLU 单元的隐藏层，每层后面接 Dropout 0.3，就是前几课的网络。下面每次运行都先重新设置
    随机种子 ${options.seed}，再从头构建它：初始权重、Dropout 的掩码和批次的顺序完全相同，所以各次运行之间的差别只来自优化器。
  `,
  });
  const preview = optimizersNetwork();
  notebook.show(formatSummary(preview));
  preview.dispose();

  notebook.heading({ en: "3. Four update rules", zh: "3. 四条更新规则" });
  notebook.explain({
    en: `
    Every optimizer gets the same thing each step: the gradient g of the loss with respect to
    each weight w, averaged over a batch. They differ in what they do with it (lr is the
    learning rate):
  `,
    zh: `
    每个优化器每一步拿到的东西都一样：损失对每个权重 w 的梯度 g，在一个批次上取平均。它们的区别在于拿这个梯度做什么
    （lr 是学习率）：
  `,
  });
  notebook.show([
    "SGD       w = w - lr * g",
    `Momentum  v = ${MOMENTUM} * v + g;  w = w - lr * v`,
    "RMSprop   s = 0.9 * s + 0.1 * g^2;  w = w - lr * g / sqrt(s + eps)",
    "Adam      m = 0.9 * m + 0.1 * g;  v = 0.999 * v + 0.001 * g^2;",
    "          mHat = m / (1 - 0.9^t);  vHat = v / (1 - 0.999^t);  " +
    "w = w - lr * mHat / (sqrt(vHat) + eps)",
  ].join("\n"));
  notebook.explain({
    en: `
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
  `,
    zh: `
    SGD 对每个权重都用同一个固定的步长；损失曲面是一条狭长山谷的地方，它会在谷的两壁之间来回折返，而不是顺着谷底往下走。
    动量像一个沉重的球：速度 v 记住了过去的梯度，方向一致的步子越积越大，来回折返的部分则相互抵消。
    RMSprop 把每个权重的步长除以它近期梯度的大小，于是不管梯度大还是小，每个权重前进的速度都差不多。Adam 两者兼而有之，
    并修正 m 和 v 从零开始带来的偏差（t 是步数）：不修正的话，它最初几步会小得多。

    SGD 和动量用学习率 ${options.learningRate}（--learning-rate）；RMSprop 和 Adam 用 ${ADAPTIVE_RATE}，
    这是 Keras 给两者的默认值：它们的步长已经按每个权重缩放过，所以需要小得多的学习率。

    下面训练网络的正是这四条规则，写在普通的数字数组上：每个批次之后，从 TensorFlow.js 把每个权重矩阵及其梯度读回成数组，
    由规则算出新的权重（并更新它为这个矩阵记住的量：v、s，或 m、v 和 t），再把新权重写回去。
    练习 4.1-4.4 要你亲手写出这四条规则；deno task lesson 4 --mine 会用你写的规则训练。
  `,
  });

  notebook.heading({
    en: "4. The race: same network, same seed, four optimizers",
    zh: "4. 比赛：同一个网络、同一个随机种子、四个优化器",
  });
  // #region 4. The race: same network, same seed, four optimizers
  const contenders: { name: string; make: () => tf.Optimizer }[] = [
    { name: "SGD", make: () => optimizers.sgd(options.learningRate) },
    { name: "SGD + momentum", make: () => optimizers.momentum(options.learningRate) },
    { name: "RMSprop", make: () => optimizers.rmsprop(ADAPTIVE_RATE) },
    { name: "Adam", make: () => optimizers.adam(ADAPTIVE_RATE) },
  ];
  const race: (NamedRun & { test: ReturnType<typeof evaluate> })[] = [];
  for (const contender of contenders) {
    const name = optimizerName(contender.name);
    notebook.show({ en: `${name.en}:`, zh: `${name.zh}：` });
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
  const raceShown = race.map((entry) => ({
    ...entry,
    name: notebook.say(optimizerName(entry.name)),
  }));
  await context.chart(
    "optimizer_loss.svg",
    comparisonCurvesSpec(raceShown, {
      metric: "loss",
      title: notebook.say({ en: "Training loss by optimizer", zh: "各优化器的训练损失" }),
    }),
    { en: "training loss per epoch of the four optimizers", zh: "四个优化器每轮的训练损失" },
  );
  await context.chart(
    "optimizer_val_accuracy.svg",
    comparisonCurvesSpec(raceShown, {
      metric: "val_accuracy",
      title: notebook.say({
        en: "Validation accuracy by optimizer",
        zh: "各优化器的验证准确率",
      }),
    }),
    {
      en: "validation accuracy per epoch of the four optimizers",
      zh: "四个优化器每轮的验证准确率",
    },
  );
  notebook.show({
    en: race.map((entry) =>
      `${entry.name.padEnd(16)} validation ${
        formatPercent(finalValidationAccuracy(entry.history))
      }   ` +
      `test ${formatPercent(entry.test.accuracy)}`
    ).join("\n"),
    zh: race.map((entry) =>
      `${padDisplay(optimizerName(entry.name).zh, 16)} 验证 ${
        formatPercent(finalValidationAccuracy(entry.history))
      }   ` +
      `测试 ${formatPercent(entry.test.accuracy)}`
    ).join("\n"),
  });
  const winner = race.reduce((best, entry) =>
    finalValidationAccuracy(entry.history) > finalValidationAccuracy(best.history) ? entry : best
  );
  const winnerName = optimizerName(winner.name);
  const raceText = describeRace(race);
  notebook.explain({
    en: `
    ${winnerName.en} ends with the best validation accuracy in this run. ${raceText.en}
  `,
    zh: `
    这次运行中，${winnerName.zh} 最终的验证准确率最高。${raceText.zh}
  `,
  });

  notebook.heading({
    en: "5. The learning rate: the knob that matters most",
    zh: "5. 学习率：最要紧的那个旋钮",
  });
  const sweepSettings = {
    train: randomSubset(train, sizes.sweepTrain, context.rng.next),
    validation,
    epochs: Math.min(sizes.sweepEpochs, options.epochs),
    verbose: false,
  };
  const sweepEpochs = formatCount(sweepSettings.epochs, "epoch");
  const sweepEpochsZh = `${sweepSettings.epochs} 轮`;
  notebook.explain({
    en: `
    Too small a learning rate and training barely moves; too large and every step overshoots.
    We train plain SGD at ${SWEEP_RATES.join(", ")} (each about three times the last, so the chart
    uses a log scale), ${sweepEpochs} on ${formatCount(sweepSettings.train.count, "digit")}
    each, and compare validation accuracy. (Exercise 4.5 writes this sweep driver.)
  `,
    zh: `
    学习率太小，训练几乎不动；太大，每一步都会冲过头。我们用普通 SGD 分别以学习率 ${
      SWEEP_RATES.join(", ")
    }
    （每个大约是前一个的三倍，所以图用对数刻度）训练，每次 ${sweepEpochsZh}、
    ${sweepSettings.train.count.toLocaleString("en-US")} 个数字，比较验证准确率。
    （练习 4.5 要你写的就是这个学习率扫描的驱动函数。）
  `,
  });
  // #region 5. The learning rate: the knob that matters most
  const rateSweep = await code.learningRateSweep(SWEEP_RATES, async (rate) => {
    const { model, history } = await trainFresh(context, () => optimizers.sgd(rate), {
      ...sweepSettings,
      batchSize: options.batchSize,
    });
    model.dispose();
    const score = finalValidationAccuracy(history);
    notebook.show({
      en: `  learning rate ${String(rate).padEnd(6)} validation accuracy ${formatPercent(score)}`,
      zh: `  学习率 ${String(rate).padEnd(6)} 验证准确率 ${formatPercent(score)}`,
    });
    return score;
  });
  // #endregion
  await context.chart(
    "learning_rate_sweep.svg",
    sweepSpec(
      rateSweep.results.map((r) => ({ setting: r.learningRate, score: r.score })),
      {
        title: notebook.say({
          en: "SGD: validation accuracy by learning rate",
          zh: "SGD：不同学习率下的验证准确率",
        }),
        xTitle: notebook.say({ en: "learning rate (log scale)", zh: "学习率（对数刻度）" }),
        yTitle: notebook.say({ en: "validation accuracy", zh: "验证准确率" }),
      },
    ),
    {
      en: "final validation accuracy against the learning rate",
      zh: "最终验证准确率与学习率的关系",
    },
  );
  const shape = describeSweepShape(rateSweep.results);
  notebook.explain({
    en: `
    The best rate here is ${rateSweep.best.learningRate}. ${shape.en}
    A sweep over powers of ten finds the right order of magnitude cheaply; a finer sweep around
    the top can follow.
  `,
    zh: `
    这里最好的学习率是 ${rateSweep.best.learningRate}。${shape.zh}按 10 的幂来扫描，花不了多少代价就能找到正确的数量级；
    之后可以在最高点附近再做一次更细的扫描。
  `,
  });

  notebook.heading({
    en: "6. The batch size: accuracy per epoch against time per epoch",
    zh: "6. 批大小：每轮的准确率与每轮的用时",
  });
  const batchSizes = options.full ? SWEEP_BATCHES.full : SWEEP_BATCHES.quick;
  notebook.explain({
    en: `
    Small batches give more, noisier steps per epoch; large batches give fewer, smoother steps
    that each cost more but use the machine better. We train Adam with batches of
    ${batchSizes.join(", ")}, ${sweepEpochs} each.
  `,
    zh: `
    批次小，每轮走的步数多，但每一步噪声大；批次大，每轮步数少、每一步更平稳，每步的计算更多，却能更好地利用机器。
    我们用 Adam 分别以批大小 ${batchSizes.join(", ")} 各训练 ${sweepEpochsZh}。
  `,
  });
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
    const [size, accuracy, seconds] = [
      String(batchSize).padEnd(4),
      formatPercent(point.accuracy),
      point.seconds.toFixed(2),
    ];
    notebook.show({
      en: `  batch ${size} validation accuracy ${accuracy}   ${seconds} s per epoch`,
      zh: `  批大小 ${size} 验证准确率 ${accuracy}   每轮 ${seconds} 秒`,
    });
  }
  // #endregion
  await context.chart(
    "batch_size_sweep.svg",
    sweepSpec(
      batchSweep.map((p) => ({ setting: p.batchSize, score: p.accuracy })),
      {
        title: notebook.say({
          en: `Adam: validation accuracy after ${sweepEpochs} by batch size`,
          zh: `Adam：训练 ${sweepEpochsZh}后不同批大小下的验证准确率`,
        }),
        xTitle: notebook.say({ en: "batch size (log scale)", zh: "批大小（对数刻度）" }),
        yTitle: notebook.say({ en: "validation accuracy", zh: "验证准确率" }),
      },
    ),
    { en: "validation accuracy against the batch size", zh: "验证准确率与批大小的关系" },
  );
  await context.chart(
    "batch_size_time.svg",
    barChartSpec(
      batchSweep.map((p) => ({
        name: notebook.say({ en: `batch ${p.batchSize}`, zh: `批大小 ${p.batchSize}` }),
        value: p.seconds,
      })),
      {
        title: notebook.say({
          en: "Seconds per epoch by batch size",
          zh: "不同批大小下每轮的秒数",
        }),
        xTitle: notebook.say({ en: "batch size", zh: "批大小" }),
        yTitle: notebook.say({ en: "seconds", zh: "秒" }),
      },
    ),
    { en: "training time per epoch against the batch size", zh: "每轮训练用时与批大小的关系" },
  );
  notebook.explain({
    en: `
    For a fixed number of epochs, small batches take more steps and usually reach a higher
    accuracy, but each epoch costs more time; large batches are fast per epoch but need more
    epochs (or a larger learning rate). Batch 128, the article's choice, sits in between.
  `,
    zh: `
    轮数固定时，小批次走的步数更多，通常能达到更高的准确率，但每轮更花时间；大批次每轮很快，却需要更多轮
    （或更大的学习率）。原文选的批大小 128 介于两者之间。
  `,
  });

  notebook.heading({ en: "7. The test set", zh: "7. 测试集" });
  const [testAccuracy, testLoss] = [
    formatPercent(winner.test.accuracy),
    winner.test.loss.toFixed(4),
  ];
  notebook.show({
    en: `${winnerName.en}, the best on validation, scores ${testAccuracy} on the test ` +
      `set (test loss ${testLoss}).`,
    zh:
      `验证集上最好的 ${winnerName.zh} 在测试集上的准确率为 ${testAccuracy}（测试损失 ${testLoss}）。`,
  });
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

  notebook.heading({ en: "Done", zh: "完成" });
  notebook.show({ en: `Results: ${resultsPath}`, zh: `结果：${resultsPath}` });
  notebook.explain({
    en: `
    Next: open exercises/04_optimizers.ts and write the four update rules yourself; run
    deno task check 4 to compare them with TensorFlow.js step by step.
  `,
    zh: `
    下一步：打开 exercises/04_optimizers.ts，自己写出这四条更新规则；运行 deno task check 4，
    和 TensorFlow.js 一步一步地对比。
  `,
  });
}

if (import.meta.main) await runCommand(() => run(Deno.args));

/**
 * What the loss chart of the race shows in this run: which optimizers lowered the training
 * loss fastest (lowest after the first epoch) and how plain SGD compares at the end.
 */
function describeRace(race: NamedRun[]): Bilingual {
  const firstLoss = (run: NamedRun) => run.history[0].loss;
  const lastLoss = (run: NamedRun) => run.history[run.history.length - 1].loss;
  const byFirst = [...race].sort((a, b) => firstLoss(a) - firstLoss(b));
  const sgd = race.find((run) => run.name === "SGD");
  const leaders = byFirst.slice(0, 2).map((run) => optimizerName(run.name));
  const fastest = leaders.map((name) => name.en).join(" and ");
  const fastestZh = leaders.map((name) => name.zh).join(" 和 ");
  const sgdEnd: Bilingual = sgd && race.every((run) => lastLoss(run) >= lastLoss(sgd))
    ? {
      en: "plain SGD ends with the lowest training loss all the same",
      zh: "不过最终训练损失最低的仍是普通 SGD",
    }
    : sgd && race.every((run) => lastLoss(run) <= lastLoss(sgd))
    ? {
      en:
        "plain SGD ends with the highest: with one fixed step size it needs more epochs to get as far",
      zh: "普通 SGD 最终的训练损失最高：步长固定不变，它要多花几轮才能走到同样远",
    }
    : { en: "plain SGD ends in between", zh: "普通 SGD 最终居于中间" };
  return {
    en: `Look at the loss chart: after the first epoch ${fastest} have the lowest training loss, ` +
      `and ${sgdEnd.en}.`,
    zh: `看损失图：第一轮之后，训练损失最低的是 ${fastestZh}；${sgdEnd.zh}。`,
  };
}

/** The shape of a learning-rate sweep in this run, in one sentence. */
function describeSweepShape(results: { learningRate: number; score: number }[]): Bilingual {
  const best = results.reduce((a, b) => (b.score > a.score ? b : a));
  const at = results.indexOf(best);
  if (at === results.length - 1) {
    return {
      en: "Accuracy still rises at the largest rate tried, so the top lies beyond this sweep.",
      zh: "到试过的最大学习率，准确率还在上升，所以最高点在这次扫描的范围之外。",
    };
  }
  if (at === 0) {
    return {
      en: "Accuracy is highest at the smallest rate tried, so the top lies below this sweep.",
      zh: "准确率在试过的最小学习率处最高，所以最高点在这次扫描的范围之下。",
    };
  }
  return {
    en: "The curve is the typical one: a slope up as the rate grows, a top, then a fall once " +
      "steps overshoot.",
    zh: "曲线是典型的形状：学习率增大时先上升，到达最高点，步子一旦冲过头就下降。",
  };
}
