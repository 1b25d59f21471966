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
import type { Bilingual } from "../lib/cli/language.ts";
import { displayWidth } from "../lib/lesson/notebook.ts";
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

/** The remedies' names in Chinese where they have words in them (the numbers stay). */
const REMEDY_NAMES_ZH: Record<string, string> = {
  "no remedy": "无正则化",
  "elastic net": "弹性网络",
  "early stopping": "提前停止",
};

/** A remedy's name in both languages. */
function remedyName(name: string): Bilingual {
  return { en: name, zh: REMEDY_NAMES_ZH[name] ?? name.replace(/^dropout /, "Dropout ") };
}

/** The diagnoses of exercise 5.6 in Chinese. */
const DIAGNOSES_ZH: Record<string, string> = {
  "underfit": "欠拟合",
  "good fit": "拟合良好",
  "overfit": "过拟合",
};

/** A diagnosis in both languages. */
function diagnosisName(diagnosis: string): Bilingual {
  return { en: diagnosis, zh: DIAGNOSES_ZH[diagnosis] ?? diagnosis };
}

/** `text` padded with spaces to `width` terminal columns (a Chinese character takes two). */
function padDisplay(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - displayWidth(text)));
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

  notebook.heading({ en: "1. A recipe for overfitting", zh: "1. 过拟合的配方" });
  // #region 1. A recipe for overfitting
  const split = validationSplit(mnist.train, 0.2);
  const train = randomSubset(split.train, sizes.train, context.rng.next);
  const validation = randomSubset(split.validation, sizes.validation, context.rng.next);
  const preview = remedyNetwork(REMEDIES[0], sizes.hidden);
  const parameters = preview.countParams();
  // #endregion
  const [parameterCount, trainCount, validationCount] = [
    parameters.toLocaleString("en-US"),
    train.count.toLocaleString("en-US"),
    validation.count.toLocaleString("en-US"),
  ];
  notebook.explain({
    en: `
    Overfitting is learning the training examples by heart instead of what makes a digit a
    digit. It needs a model with far more parameters than there are examples: here two hidden
    layers of ${sizes.hidden} units (${parameterCount}
    parameters) trained on just ${trainCount} digits for
    ${options.epochs} epoch${options.epochs === 1 ? "" : "s"} with Adam (learning rate
    ${options.learningRate}), watched on ${validationCount}
    validation digits.
  `,
    zh: `
    过拟合就是把训练样本死记硬背下来，而没有学会一个数字之所以是这个数字的特征。这需要一个参数远多于样本的模型：
    这里是两个各有 ${sizes.hidden} 个单元的隐藏层（${parameterCount} 个参数），只在 ${trainCount} 个数字上用 Adam
    （学习率 ${options.learningRate}）训练 ${options.epochs} 轮，并在 ${validationCount} 个验证数字上观察。
  `,
  });
  notebook.show(formatSummary(preview));
  preview.dispose();

  notebook.heading({ en: "2. Five remedies, one seed", zh: "2. 五种手段，同一个随机种子" });
  notebook.explain({
    en: `
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
  `,
    zh: `
    下面每次运行在构建网络之前都重新设置随机种子 ${options.seed}，所以都从同样的权重出发、看到同样的批次。
    各种正则化手段如下：

    L2（岭回归），l2(${L2_STRENGTH})（原文在一个小得多的层上用 l2(0.01)；惩罚项是对所有权重求和，
    这么大的网络需要更小的强度）：把每层权重矩阵（kernel）的 ${L2_STRENGTH} * sum(w^2) 加到损失上。
    它的梯度 2 * ${L2_STRENGTH} * w 按每个权重的大小成比例地把它拉向零（即权重衰减）：
    没有哪个权重能长得很大，去记住某一个样本。

    L1（lasso），l1(${L1_STRENGTH})：加上 ${L1_STRENGTH} * sum(|w|)。它的梯度对每个权重都一样大，
    所以小的权重会被一路推到零：得到一个稀疏的网络。

    弹性网络，l1_l2(${ELASTIC.l1}, ${ELASTIC.l2})：两者同时使用。

    Dropout ${DROPOUT}：第 3 课的手段，训练时随机让一部分单元失活。

    提前停止：模型本身不变；验证损失连续 ${PATIENCE} 轮没有改善就停止训练，并保留最好那一轮的权重。

    三种惩罚项都是作用在一层权重的普通数组上的函数，返回惩罚项的值及其梯度（练习 5.1-5.3）：
    每个训练步都把每层的权重读回成数组，函数返回的值和梯度分别加到损失和损失的梯度上。
    提前停止的那次运行每轮结束后，由练习 5.5 的规则回放到目前为止的历史，决定是否停止；
    练习 5.6 给每次运行作出诊断。deno task lesson 5 --mine 会用你写的版本来训练和判断。
  `,
  });

  // #region 2. Five remedies, one seed
  const runs: RemedyRun[] = [];
  const table: Bilingual[] = [];
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
    const stoppedEarly = history.length < options.epochs;
    const [epochs, trained, validated] = [
      String(history.length).padStart(3),
      formatPercent(kept.accuracy),
      formatPercent(kept.val_accuracy!),
    ];
    const [loss, tested] = [kept.val_loss!.toFixed(4), formatPercent(test.accuracy)];
    table.push({
      en: `${remedy.name.padEnd(15)} ${epochs} epochs  ` +
        `train ${trained}  validation ${validated} ` +
        `(loss ${loss})  ` +
        `test ${tested}  -> ${diagnosis}` +
        (stopper ? ` (${stoppedEarly ? "stopped, " : ""}kept epoch ${keptEpoch})` : ""),
      zh: `${padDisplay(remedyName(remedy.name).zh, 15)} ${epochs} 轮  ` +
        `训练 ${trained}  验证 ${validated}（损失 ${loss}）  ` +
        `测试 ${tested}  -> ${diagnosisName(diagnosis).zh}` +
        (stopper ? `（${stoppedEarly ? "已停止，" : ""}保留第 ${keptEpoch} 轮）` : ""),
    });
  }
  notebook.show({
    en: table.map((row) => row.en).join("\n"),
    zh: table.map((row) => row.zh).join("\n"),
  });
  // #endregion

  notebook.heading({ en: "3. What overfitting looks like", zh: "3. 过拟合是什么样子" });
  // #region 3. What overfitting looks like
  const plain = runs[0];
  const turn = code.bestEpoch(plain.history);
  const last = plain.history[plain.history.length - 1];
  // #endregion
  const lowest = plain.history[turn - 1].val_loss!;
  const climbed = last.val_loss! / lowest - 1;
  const trend: Bilingual = turn < last.epoch && climbed > 0.01
    ? {
      en: `is lowest at epoch ${turn} (${lowest.toFixed(4)}) and ends at
    ${last.val_loss!.toFixed(4)}, ${formatPercent(climbed, 0)} higher. From epoch ${turn} on,
    every step that helps the training digits hurts unseen ones: the network is memorising.`,
      zh: `在第 ${turn} 轮最低（${lowest.toFixed(4)}），最后却是 ${last.val_loss!.toFixed(4)}，
    高了 ${
        formatPercent(climbed, 0)
      }。从第 ${turn} 轮起，每一步对训练数字有帮助，对没见过的数字却有害：
    网络在死记硬背。`,
    }
    : {
      en: `ends at ${last.val_loss!.toFixed(4)}, at or near its lowest: this run is too short
    for the validation loss to turn around (try more epochs).`,
      zh: `最后为 ${last.val_loss!.toFixed(4)}，处于或接近最低点：这次运行太短，
    验证损失还来不及回升（试试更多轮）。`,
    };
  notebook.explain({
    en: `
    Without a remedy the training loss falls all the way to ${last.loss.toFixed(4)}, while the
    validation loss ${trend.en} Training accuracy ${formatPercent(last.accuracy)} against
    validation ${formatPercent(last.val_accuracy!)}: "${plain.diagnosis}" (more than
    ${Math.round(FIT_THRESHOLDS.maxGap * 100)} points apart is overfitting).
  `,
    zh: `
    不加正则化时，训练损失一路降到 ${last.loss.toFixed(4)}，而验证损失${trend.zh}
    训练准确率 ${formatPercent(last.accuracy)}，验证准确率 ${
      formatPercent(last.val_accuracy!)
    }：诊断为${diagnosisName(plain.diagnosis).zh}（两者相差超过 ${
      Math.round(FIT_THRESHOLDS.maxGap * 100)
    } 个百分点就算过拟合）。
  `,
  });
  await context.chart(
    "overfitting.svg",
    trainingCurvesSpec(plain.history, {
      title: notebook.say({
        en: `No remedy: ${sizes.hidden}x2 units on ${train.count} digits`,
        zh: `无正则化：${sizes.hidden}x2 个单元，${train.count} 个训练数字`,
      }),
    }),
    {
      en: "training vs validation loss and accuracy without a remedy",
      zh: "无正则化时训练集与验证集的损失和准确率",
    },
  );

  notebook.heading({ en: "4. The remedies side by side", zh: "4. 各种手段并排比较" });
  const runsShown = runs.map((r) => ({ ...r, name: notebook.say(remedyName(r.name)) }));
  await context.chart(
    "remedies_val_loss.svg",
    comparisonCurvesSpec(runsShown, {
      metric: "val_loss",
      title: notebook.say({
        en: "Validation loss by remedy, relative to no remedy (from epoch 2)",
        zh: "各手段的验证损失，相对于无正则化（从第 2 轮起）",
      }),
      relativeTo: notebook.say(remedyName(plain.name)),
      fromEpoch: 2,
    }),
    {
      en: "each remedy's validation loss divided by no remedy's, epoch by epoch",
      zh: "每种手段的验证损失除以无正则化的，逐轮比较",
    },
  );
  await context.chart(
    "remedies_train_loss.svg",
    comparisonCurvesSpec(runsShown, {
      metric: "loss",
      title: notebook.say({
        en: "Training loss by remedy (penalties included)",
        zh: "各手段的训练损失（含惩罚项）",
      }),
    }),
    { en: "training loss per epoch for each remedy", zh: "每种手段每轮的训练损失" },
  );
  await context.chart(
    "remedies_test_accuracy.svg",
    barChartSpec(runsShown.map((r) => ({ name: r.name, value: r.test.accuracy })), {
      title: notebook.say({ en: "Test accuracy by remedy", zh: "各手段的测试准确率" }),
      xTitle: notebook.say({ en: "remedy", zh: "手段" }),
      yTitle: notebook.say({ en: "test accuracy", zh: "测试准确率" }),
      format: ".2%",
    }),
    { en: "test accuracy of each remedy", zh: "每种手段的测试准确率" },
  );
  // #region 4. The remedies side by side
  const keptLoss = (r: RemedyRun) => r.history[r.keptEpoch - 1].val_loss!;
  const best = runs.reduce((top, r) => (keptLoss(r) < keptLoss(top) ? r : top));
  // #endregion
  const verdict = remedyVerdict(runs, keptLoss, best, PATIENCE, train.count);
  notebook.explain({
    en: `
    The first chart divides each remedy's validation loss by no remedy's at the same epoch, so
    no remedy is the flat line at 1 and a remedy that works sinks below it as the no-remedy
    network memorises (epoch 1, where every network is still far off, is left out). The
    training losses of the penalised runs include the penalty itself.
    ${verdict.en}
  `,
    zh: `
    第一张图把每种手段的验证损失除以同一轮无正则化的验证损失，所以无正则化是一条位于 1 的水平线；
    随着无正则化的网络开始死记硬背，有效的手段会落到这条线以下（第 1 轮所有网络都还差得远，没有画出）。
    加了惩罚项的运行，训练损失里包含惩罚项本身。${verdict.zh}
  `,
  });

  notebook.heading({ en: "5. What L2 and L1 do to the weights", zh: "5. L2 和 L1 对权重做了什么" });
  const byName = (name: string) => runs.find((r) => r.name === name)!;
  const l2 = byName(`L2 ${L2_STRENGTH}`);
  const l1 = byName(`L1 ${L1_STRENGTH}`);
  await context.chart(
    "weights_histogram.svg",
    histogramSpec(
      [
        { name: notebook.say(remedyName("no remedy")), values: plain.firstLayer },
        { name: notebook.say(remedyName(l2.name)), values: l2.firstLayer },
        { name: notebook.say(remedyName(l1.name)), values: l1.firstLayer },
      ],
      {
        title: notebook.say({
          en: "First-layer weights with and without a penalty",
          zh: "有无惩罚项时第一层的权重",
        }),
        xTitle: notebook.say({ en: "weight", zh: "权重" }),
      },
    ),
    {
      en: "histogram of the first layer's weights with and without L2 and L1",
      zh: "有无 L2、L1 时第一层权重的直方图",
    },
  );
  const weightCount = plain.firstLayer.length.toLocaleString("en-US");
  const [plainSpread, l2Spread, l1Spread] = [plain, l2, l1].map((r) =>
    spread(r.firstLayer).toFixed(4)
  );
  const [l1Zeros, plainZeros] = [l1, plain].map((r) => formatPercent(nearZero(r.firstLayer)));
  notebook.explain({
    en: `
    Spread of the first layer's ${weightCount} weights
    (standard deviation): no remedy ${plainSpread}, L2
    ${l2Spread}, L1 ${l1Spread}. L2 squeezes
    the weights towards zero; L1 piles many of them up at (almost exactly) zero:
    ${l1Zeros} of its weights are within 0.001 of zero, against
    ${plainZeros} without a penalty.
  `,
    zh: `
    第一层 ${weightCount} 个权重的离散程度（标准差）：无正则化 ${plainSpread}，L2 ${l2Spread}，
    L1 ${l1Spread}。L2 把权重整体往零挤；L1 则把其中许多权重堆在（几乎正好）零处：
    它有 ${l1Zeros} 的权重与零相差不到 0.001，不加惩罚项时只有 ${plainZeros}。
  `,
  });

  notebook.heading({ en: "6. The test set", zh: "6. 测试集" });
  const bestName = remedyName(best.name);
  const [plainAccuracy, plainLoss, bestAccuracy, bestLoss] = [
    formatPercent(plain.test.accuracy),
    plain.test.loss.toFixed(4),
    formatPercent(best.test.accuracy),
    best.test.loss.toFixed(4),
  ];
  notebook.show({
    en: `Without a remedy: ${plainAccuracy} on the test set (test loss ` +
      `${plainLoss}). Chosen on validation loss, ${bestName.en}: ` +
      `${bestAccuracy} (test loss ${bestLoss}).`,
    zh: `无正则化：在测试集上准确率为 ${plainAccuracy}（测试损失 ${plainLoss}）。` +
      `按验证损失选出的是 ${bestName.zh}：${bestAccuracy}（测试损失 ${bestLoss}）。`,
  });
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

  notebook.heading({ en: "Done", zh: "完成" });
  notebook.show({ en: `Results: ${resultsPath}`, zh: `结果：${resultsPath}` });
  notebook.explain({
    en: `
    Next: open exercises/05_regularization.ts and write the penalties, the early-stopping rule
    and the fit diagnosis yourself; run deno task check 5 to see how you are doing.
  `,
    zh: `
    下一步：打开 exercises/05_regularization.ts，自己写出这几个惩罚项、提前停止的规则和拟合诊断；
    运行 deno task check 5 看看做得怎么样。
  `,
  });
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
): Bilingual {
  const plain = runs[0];
  const bestZh = remedyName(best.name).zh;
  const points = (a: number, b: number) => `${((a - b) * 100).toFixed(2)} points`;
  const pointsZh = (a: number, b: number) => `${((a - b) * 100).toFixed(2)} 个百分点`;
  const lower = 1 - keptLoss(best) / keptLoss(plain);
  const lossText: Bilingual = best === plain
    ? {
      en: `In this run no remedy lowered the validation loss below no remedy's
      ${keptLoss(plain).toFixed(4)}.`,
      zh: `这次运行中，没有哪种手段把验证损失降到无正则化的 ${keptLoss(plain).toFixed(4)} 以下。`,
    }
    : {
      en: `In this run the lowest validation loss is ${best.name}'s, ${keptLoss(best).toFixed(4)},
      ${formatPercent(lower, 0)} below no remedy's ${keptLoss(plain).toFixed(4)}.`,
      zh: `这次运行中，验证损失最低的是 ${bestZh}：${keptLoss(best).toFixed(4)}，比无正则化的 ${
        keptLoss(plain).toFixed(4)
      } 低 ${formatPercent(lower, 0)}。`,
    };
  const better = runs.slice(1).filter((r) => r.test.accuracy > plain.test.accuracy);
  const plainAccuracy = formatPercent(plain.test.accuracy);
  const accuracyText: Bilingual = better.length === 0
    ? {
      en: `On the test set none beats no remedy's ${plainAccuracy}: a lower
      loss means less overconfident mistakes, not necessarily fewer.`,
      zh:
        `在测试集上，没有哪种手段超过无正则化的 ${plainAccuracy}：损失更低，说明犯错时没那么过度自信，不一定说明错得更少。`,
    }
    : {
      en: `On the test set ${
        better.map((r) =>
          `${r.name} (${formatPercent(r.test.accuracy)}, +${
            points(r.test.accuracy, plain.test.accuracy)
          })`
        ).join(", ")
      } ${better.length === 1 ? "beats" : "beat"} no remedy's
      ${plainAccuracy}${
        better.includes(best)
          ? ""
          : `, but ${best.name} does not (${formatPercent(best.test.accuracy)}): a lower loss
      means less overconfident mistakes, not necessarily fewer`
      }.`,
      zh: `在测试集上，${
        better.map((r) =>
          `${remedyName(r.name).zh}（${formatPercent(r.test.accuracy)}，+${
            pointsZh(r.test.accuracy, plain.test.accuracy)
          }）`
        ).join("、")
      }超过了无正则化的 ${plainAccuracy}${
        better.includes(best)
          ? ""
          : `，但 ${bestZh} 没有（${
            formatPercent(best.test.accuracy)
          }）：损失更低，说明犯错时没那么过度自信，不一定说明错得更少`
      }。`,
    };
  const stopper = runs.find((r) => r.name === "early stopping");
  const stopText: Bilingual = !stopper ? { en: "", zh: "" } : stopper.history.length <
      plain.history.length
    ? {
      en: `Early stopping stopped after epoch ${stopper.history.length}, ${patience} epochs without
      improvement, and kept epoch ${stopper.keptEpoch}.`,
      zh:
        `提前停止在第 ${stopper.history.length} 轮后停了下来（连续 ${patience} 轮没有改善），保留了第 ${stopper.keptEpoch} 轮。`,
    }
    : {
      en: `Early stopping never stopped: the validation loss improved at least every ${patience}
      epochs (it kept epoch ${stopper.keptEpoch}).`,
      zh:
        `提前停止一直没有停：验证损失至少每 ${patience} 轮改善一次（保留了第 ${stopper.keptEpoch} 轮）。`,
    };
  const gap = (r: RemedyRun) => {
    const kept = r.history[r.keptEpoch - 1];
    return kept.accuracy - kept.val_accuracy!;
  };
  const narrows = best.diagnosis === "overfit" && gap(best) < gap(plain);
  const diagnosisText: Bilingual = best === plain ? { en: "", zh: "" } : {
    en: `Training minus validation accuracy:
      ${points(gap(plain), 0)} without a remedy ("${plain.diagnosis}"),
      ${points(gap(best), 0)} with ${best.name} ("${best.diagnosis}")${
      narrows
        ? `: with only ${trainCount.toLocaleString("en-US")} training digits the remedy narrows
      the gap but does not close it`
        : ""
    }.`,
    zh: `训练准确率减去验证准确率：无正则化时为 ${pointsZh(gap(plain), 0)}（${
      diagnosisName(plain.diagnosis).zh
    }），用 ${bestZh} 时为 ${pointsZh(gap(best), 0)}（${diagnosisName(best.diagnosis).zh}）${
      narrows
        ? `：只有 ${
          trainCount.toLocaleString("en-US")
        } 个训练数字，这种手段缩小了差距，但没有消除它`
        : ""
    }。`,
  };
  const texts = [lossText, accuracyText, stopText, diagnosisText];
  return {
    en: texts.map((t) => t.en).filter((t) => t).join(" ").replace(/\s+/g, " "),
    zh: texts.map((t) => t.zh).filter((t) => t).join(""),
  };
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
