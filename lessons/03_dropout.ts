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
import type { Bilingual } from "../lib/cli/language.ts";
import { formatCount, formatPercent } from "../lib/lesson/format.ts";
import { writeResults } from "../lib/lesson/results.ts";
import { formatSummary } from "../lib/model/summary.ts";
import { displayWidth } from "../lib/lesson/notebook.ts";
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
  /** `dropout 0.3` or `no dropout`, in both languages. */
  name: Bilingual;
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
  const name = dropout > 0
    ? { en: `dropout ${dropout}`, zh: `Dropout ${dropout}` }
    : { en: "no dropout", zh: "无 Dropout" };
  notebook.show({ en: `\n2x128, ${name.en}:`, zh: `\n2x128，${name.zh}：` });
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
  const [accuracy, loss] = [formatPercent(test.accuracy), test.loss.toFixed(4)];
  notebook.show({
    en: `Test accuracy with ${name.en}: ${accuracy} (loss ${loss}).`,
    zh: `${name.zh} 的测试准确率：${accuracy}（损失 ${loss}）。`,
  });
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
function describeDiagnosis({ name }: Trained, diagnosis: Diagnosis): Bilingual {
  const advice = {
    overfitting: "more epochs would mostly widen its gap",
    underfitting: "more epochs would still help",
    "good fit": "more epochs may help a little before the gap opens",
  }[diagnosis];
  const [diagnosisZh, adviceZh] = {
    overfitting: ["过拟合", "再多训练几轮，大多只会拉大差距"],
    underfitting: ["欠拟合", "再多训练几轮仍有帮助"],
    "good fit": ["拟合良好", "再多训练几轮也许还能提高一点，之后差距就会拉开"],
  }[diagnosis];
  return {
    en: `In this run the network with ${name.en} ends ${
      diagnosis === "good fit" ? "in a good fit" : diagnosis
    }: ${advice}.`,
    zh: `这次运行中，${name.zh} 的网络最后${diagnosisZh}：${adviceZh}。`,
  };
}

/** `train 99.1%  validation 95.2%  gap +3.9 points` for the last epoch of a run. */
function lastEpochGap({ name, history }: Trained): Bilingual {
  const last = history[history.length - 1];
  const gap = (last.accuracy - last.val_accuracy!) * 100;
  const [training, validation] = [formatPercent(last.accuracy), formatPercent(last.val_accuracy!)];
  const signed = `${gap >= 0 ? "+" : ""}${gap.toFixed(2)}`;
  const zhName = name.zh + " ".repeat(Math.max(0, 12 - displayWidth(name.zh)));
  return {
    en: `  ${
      name.en.padEnd(12)
    } training ${training}  validation ${validation}  gap ${signed} points`,
    zh: `  ${zhName} 训练 ${training}  验证 ${validation}  差距 ${signed} 个百分点`,
  };
}

/** Runs lesson 3 with command-line arguments. */
export async function run(argv: string[]): Promise<void> {
  const context = await startLesson(info, argv);
  if (context === "help") return;
  const { notebook, mnist, options } = context;
  const code = context.code(COURSE);

  notebook.heading({ en: "1. When a network memorises", zh: "1. 当网络开始死记硬背" });
  notebook.explain({
    en: `
    The 2x128 network of lesson 2 has 118,282 parameters: enough to memorise thousands of
    training digits rather than learn what digits look like. The sign is a gap: accuracy on
    the training digits keeps rising while accuracy on held-out digits stalls, and the
    validation loss turns back up. That is overfitting.
  `,
    zh: `
    第 2 课的 2x128 网络有 118,282 个参数：足以把几千个训练数字背下来，而不必学会数字长什么样。征兆是一道差距：
    训练数字上的准确率不断上升，留出数字上的准确率却停滞不前，验证损失还掉头往上走。这就是过拟合。
  `,
  });

  notebook.heading({ en: "2. Dropout", zh: "2. Dropout（随机失活）" });
  notebook.explain({
    en: `
    Dropout is a regulariser: on every training step each hidden unit is switched off with
    probability rate (here ${DROPOUT}), a different random set each step. No unit can rely on
    one particular partner being there, so the network has to spread what it knows over many
    units; it behaves like an average of many thinned networks.

    At inference nothing is dropped. To keep the expected input of the next layer the same in
    both modes, the surviving units are scaled up by 1 / (1 - rate) during training
    ("inverted" dropout): a unit kept with probability 0.7 and multiplied by 1/0.7 still
    contributes its value on average. Here is a Dropout(${DROPOUT}) layer applied to ten ones,
    and the same rule by hand (exercise 3.2's applyDropout, with its own random draws):
  `,
    zh: `
    Dropout 是一种正则化方法：每个训练步里，每个隐藏单元都以概率 rate（这里是 ${DROPOUT}）被关掉，
    每一步关掉的是另一批随机的单元。没有哪个单元能指望某个特定的搭档一定在场，所以网络只能把学到的东西分散到
    许多单元上；它的效果就像许多个“变瘦”的网络取平均。

    推理时什么都不丢弃。为了让下一层输入的期望在两种模式下相同，训练时把保留下来的单元放大 1 / (1 - rate) 倍
    （反向 Dropout）：一个以概率 0.7 保留、再乘以 1/0.7 的单元，平均来说贡献的仍是它原来的值。
    下面是一个 Dropout(${DROPOUT}) 层作用在十个 1 上的结果，以及按同样的规则手算的结果（练习 3.2 的 applyDropout，
    用它自己的随机数）：
  `,
  });
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
  const [training, inference] = [show(true), show(false)];
  const byHandRow = byHand.map((v) => v.toFixed(2)).join(" ");
  notebook.show({
    en: `  training:  ${training}\n  inference: ${inference}\n  by hand:   ${byHandRow}`,
    zh: `  训练： ${training}\n  推理： ${inference}\n  手算： ${byHandRow}`,
  });
  ones.dispose();
  // #endregion

  notebook.heading({ en: "3. Two networks, one seed", zh: "3. 两个网络，同一个随机种子" });
  const split = validationSplit(mnist.train, 0.2);
  const data = {
    train: options.full ? split.train : randomSubset(split.train, QUICK_DIGITS, context.rng.next),
    validation: options.full
      ? split.validation
      : randomSubset(split.validation, QUICK_DIGITS, context.rng.next),
  };
  const validationCount = data.validation.count.toLocaleString("en-US");
  notebook.explain({
    en: `
    Both networks start from the same weights and see the batches in the same order (the run's
    seed, ${options.seed}, is applied afresh before each); the only difference is a
    Dropout(${DROPOUT}) after each hidden layer. They train with SGD, learning rate
    ${options.learningRate}, batch ${options.batchSize}, for ${
      formatCount(options.epochs, "epoch")
    } on ${formatCount(data.train.count, "digit")}, validating on
    ${validationCount}.
  `,
    zh: `
    两个网络从同样的权重出发，以同样的顺序看到各个批次（每个网络训练前都重新应用本次运行的随机种子 ${options.seed}）；
    唯一的区别是每个隐藏层之后多了一个 Dropout(${DROPOUT})。它们用 SGD 训练，学习率 ${options.learningRate}，
    批大小 ${options.batchSize}，在 ${
      data.train.count.toLocaleString("en-US")
    } 个数字上训练 ${options.epochs} 轮，在 ${validationCount} 个数字上验证。
  `,
  });
  const slice = data.train.count < split.train.count;
  notebook.explain(
    options.full
      ? {
        en: `These are the article's settings (--full): it trains 250 epochs on all 48,000
    training digits.`,
        zh: `这是文章的设置（--full）：在全部 48,000 个训练数字上训练 250 轮。`,
      }
      : {
        en: `The article trains 250 epochs on all 48,000 digits (--full). This quick run uses ${
          slice
            ? `a random slice of them (and at most as many for validation)`
            : "every training digit of its subset"
        } and a larger learning rate, so that memorising shows within a minute.`,
        zh: `文章在全部 48,000 个数字上训练 250 轮（--full）。这次快速运行${
          slice ? "随机取了其中一部分（验证数字最多也取这么多）" : "用上了子集里的每一个训练数字"
        }，并用了更大的学习率，好让死记硬背在一分钟之内就显现出来。`,
      },
  );
  const preview = code.buildDropoutModel(DROPOUT);
  notebook.show(formatSummary(preview));
  const parameters = preview.countParams();
  preview.dispose();
  notebook.explain({
    en: `Dropout layers have no parameters: the count is the same as without them.`,
    zh: `Dropout 层没有参数：参数量和不加它们时一样。`,
  });
  // #region 3. Two networks, one seed
  const withDropout = await trainNetwork(context, data, code.buildDropoutModel, DROPOUT);
  const plain = await trainNetwork(context, data, code.buildDropoutModel, 0);
  // #endregion

  notebook.heading({ en: "4. Training against validation", zh: "4. 训练集与验证集对比" });
  await context.chart(
    "dropout_curves.svg",
    trainingCurvesSpec([
      { name: notebook.say(plain.name), history: plain.history },
      { name: notebook.say(withDropout.name), history: withDropout.history },
    ], {
      title: notebook.say({
        en: "Training vs validation, with and without dropout (same seed)",
        zh: "训练集与验证集：有无 Dropout（同一随机种子）",
      }),
    }),
    {
      en: "training and validation loss and accuracy with and without dropout",
      zh: "有无 Dropout 时训练集和验证集的损失和准确率",
    },
  );
  notebook.explain({ en: `At the last epoch:`, zh: `最后一轮：` });
  const gaps = [plain, withDropout].map(lastEpochGap);
  notebook.show({
    en: gaps.map((gap) => gap.en).join("\n"),
    zh: gaps.map((gap) => gap.zh).join("\n"),
  });
  // #region 4. Training against validation
  const plainFit = code.diagnoseFit(accuracies(plain.history), FIT_TOLERANCE);
  const dropoutFit = code.diagnoseFit(accuracies(withDropout.history), FIT_TOLERANCE);
  // #endregion
  const [plainVerdict, dropoutVerdict] = [
    describeDiagnosis(plain, plainFit),
    describeDiagnosis(withDropout, dropoutFit),
  ];
  notebook.explain({
    en: `
    One rule reads the last epoch (exercise 3.4's diagnoseFit builds it): training accuracy
    below validation accuracy means the network underfits and is still learning, so more
    epochs help; training accuracy above validation accuracy by more than
    ${FIT_TOLERANCE * 100} points means it overfits, and more epochs mostly widen the gap; in
    between is a good fit. With dropout the training accuracy is measured with units dropped,
    so it tends to stay close to, or even below, the validation accuracy.
    ${plainVerdict.en} ${dropoutVerdict.en}
  `,
    zh: `
    有一条规则专看最后一轮（练习 3.4 的 diagnoseFit 实现的就是它）：训练准确率低于验证准确率，说明网络欠拟合、
    还在学习，多训练几轮会有帮助；训练准确率比验证准确率高出 ${
      FIT_TOLERANCE * 100
    } 个百分点以上，说明它过拟合了，
    多训练几轮大多只会拉大差距；介于两者之间就是拟合良好。加了 Dropout 后，训练准确率是在丢弃部分单元的情况下测的，
    所以它往往贴近、甚至低于验证准确率。${plainVerdict.zh}${dropoutVerdict.zh}
  `,
  });
  const [plainAccuracy, dropoutAccuracy] = [plain.test.accuracy, withDropout.test.accuracy]
    .map((accuracy) => formatPercent(accuracy));
  notebook.show({
    en: `Test accuracy: ${plainAccuracy} without dropout, ` +
      `${dropoutAccuracy} with dropout ${DROPOUT}.`,
    zh: `测试准确率：无 Dropout ${plainAccuracy}，Dropout ${DROPOUT} ${dropoutAccuracy}。`,
  });

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

  notebook.heading({ en: "Done", zh: "完成" });
  notebook.show({ en: `Results: ${resultsPath}`, zh: `结果：${resultsPath}` });
  notebook.explain({
    en: `
    Next: open exercises/03_dropout.ts: an inverted-dropout mask, the dropout model and a
    diagnosis of a training history; run deno task check 3 to see how you are doing.
  `,
    zh: `
    下一步：打开 exercises/03_dropout.ts：反向 Dropout 的掩码、Dropout 模型，以及对训练历史的诊断；
    运行 deno task check 3 看看做得怎么样。
  `,
  });
}

if (import.meta.main) await runCommand(() => run(Deno.args));
