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
import type { Bilingual } from "../lib/cli/language.ts";
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

  notebook.heading({ en: "1. The data: MNIST", zh: "1. 数据：MNIST" });
  const shown = Math.min(25, mnist.train.count);
  const firstDigits = notebook.say({
    en: shown === 1 ? "The first training digit" : `The first ${shown} training digits`,
    zh: `训练集的前 ${shown} 个数字`,
  });
  const trainCount = mnist.train.count.toLocaleString("en-US");
  const testCount = mnist.test.count.toLocaleString("en-US");
  notebook.explain({
    en: `
    MNIST is a set of 70,000 handwritten digits: 60,000 for training and 10,000 for testing${
      options.subset
        ? `. This run uses a random subset of them (--subset ${options.subset}): ${
          formatCount(mnist.train.count, "digit")
        } for training and ${testCount} for testing`
        : ""
    }. Each is a 28x28 grayscale image whose pixels run from 0 (background) to 255 (ink), with a
    label from 0 to 9 saying which digit it is. ${firstDigits}${shown === 1 ? " is" : " are"}
    drawn here:
  `,
    zh: `
    MNIST 是一个手写数字数据集，共 70,000 张：60,000 张用于训练，10,000 张用于测试${
      options.subset
        ? `。这次运行从中随机抽取了一个子集（--subset ${options.subset}）：${trainCount} 张训练、${testCount} 张测试`
        : ""
    }。每张都是 28x28 的灰度图，像素值从 0（背景）到 255（笔迹），并带有一个 0 到 9 的标签，说明写的是哪个数字。
    下面画出了${firstDigits}：
  `,
  });
  // #region 1. The data: MNIST
  const samples = Array.from({ length: shown }, (_, i) => i);
  await context.chart(
    "samples.svg",
    digitGridSpec({
      images: samples.map((i) => imageAt(mnist.train, i)),
      captions: samples.map((i) =>
        notebook.say({
          en: `label ${mnist.train.labels[i]}`,
          zh: `标签 ${mnist.train.labels[i]}`,
        })
      ),
      title: firstDigits,
    }),
    { en: "sample digits with their labels", zh: "样本数字及其标签" },
  );
  // #endregion

  notebook.heading({ en: "2. From images to numbers", zh: "2. 从图片到数字" });
  // #region 2. From images to numbers
  const encoding = encodingFrom(code.scalePixels, code.oneHot);
  // #endregion
  const label = mnist.train.labels[0];
  const row = code.oneHot([label], 10)[0].join(", ");
  notebook.explain({
    en: `
    A softmax regression does not know that pixels sit on a grid: we flatten each 28x28 image
    into one row of 784 numbers, and divide by 255 so every input lies between 0 and 1 (large
    raw values would make the first steps of training jump around).

    The labels become one-hot rows: the digit ${label} becomes
    [${row}]. The model will output ten
    probabilities, and one-hot rows are the probabilities it should have given.
  `,
    zh: `
    softmax 回归并不知道像素排列在网格上：我们把每张 28x28 的图片展平成一行 784 个数，再除以 255，
    让每个输入都落在 0 到 1 之间（原始数值太大，训练的头几步会来回乱跳）。

    标签变成独热编码（one-hot）的一行：数字 ${label} 变成 [${row}]。模型会输出十个概率，
    而独热编码的这一行，正是它本该给出的概率。
  `,
  });

  notebook.heading({
    en: "3. Training, validation and test sets",
    zh: "3. 训练集、验证集和测试集",
  });
  // #region 3. Training, validation and test sets
  const { train, validation } = validationSplit(mnist.train, 0.2);
  // #endregion
  const validationCount = validation.count.toLocaleString("en-US");
  notebook.explain({
    en: `
    We learn from the training set, watch the validation set to see how well the model
    generalises while we tune it, and touch the test set once, at the very end. As Keras's
    validationSplit: 0.2 does, the last 20% of the training images are held out:
    ${formatCount(train.count, "digit")} to train on, ${validationCount} to
    validate on.
  `,
    zh: `
    我们在训练集上学习，调参时看验证集来判断模型的泛化能力，测试集只在最后用一次。和 Keras 的
    validationSplit: 0.2 一样，训练图片的最后 20% 被留出：${
      train.count.toLocaleString("en-US")
    } 张用于训练，
    ${validationCount} 张用于验证。
  `,
  });

  notebook.heading({
    en: "4. The model: one dense layer and a softmax",
    zh: "4. 模型：一个全连接层加 softmax",
  });
  notebook.explain({
    en: `
    For each of the 10 digits the model computes a score z = x . w + b: every pixel x times a
    weight w for that digit, plus a bias b. Softmax turns the 10 scores into probabilities that
    are positive and sum to 1: p_k = exp(z_k) / sum_j exp(z_j). That is 784 x 10 weights plus
    10 biases: 7,850 parameters.
  `,
    zh: `
    对 10 个数字中的每一个，模型计算一个得分 z = x . w + b：每个像素 x 乘以该数字对应的权重 w，
    再加上偏置 b。softmax 把 10 个得分变成都为正、总和为 1 的概率：p_k = exp(z_k) / sum_j exp(z_j)。
    一共是 784 x 10 个权重加 10 个偏置，即 7,850 个参数。
  `,
  });
  // #region 4. The model: one dense layer and a softmax
  const model = code.buildSoftmaxModel();
  notebook.show(formatSummary(model));
  // #endregion

  notebook.heading({
    en: "5. Learning: cross-entropy and stochastic gradient descent",
    zh: "5. 学习：交叉熵与随机梯度下降",
  });
  notebook.explain({
    en: `
    Cross-entropy measures how wrong the probabilities are: -log(p of the true digit), so 0
    when the model is certain and right, and large when it is confident and wrong. Stochastic
    gradient descent (SGD) lowers it a little at a time: take a batch of ${options.batchSize}
    images, compute the gradient of the loss with respect to every weight, and step each
    weight against its gradient, scaled by the learning rate. One pass over all the training
    batches is an epoch.
  `,
    zh: `
    交叉熵衡量概率错得有多离谱：-log(真实数字的概率)。模型有把握且答对时它为 0，很自信却答错时它很大。
    随机梯度下降（SGD）每次把它降低一点：取一批 ${options.batchSize} 张图片，计算损失对每个权重的梯度，
    让每个权重沿梯度的反方向走一步，步长由学习率决定。把所有训练批次完整过一遍，叫作一轮（epoch）。
  `,
  });
  const rate = options.learningRate;
  notebook.explain(
    options.full
      ? {
        en: `The article trains for 200 epochs at learning rate 0.01; this run (--full) takes
    ${formatCount(options.epochs, "epoch")} at learning rate ${rate}.`,
        zh:
          `原文以学习率 0.01 训练 200 轮；这次运行（--full）以学习率 ${rate} 训练 ${options.epochs} 轮。`,
      }
      : {
        en: `
    The article trains for 200 epochs at learning rate 0.01. This quick run takes
    ${formatCount(options.epochs, "epoch")} at learning rate ${rate}: a larger step gets to
    the same place in far fewer epochs on a problem this simple (add --full for the article's
    settings).
  `,
        zh: `
    原文以学习率 0.01 训练 200 轮。这次快速运行以学习率 ${rate} 训练 ${options.epochs} 轮：
    对这么简单的问题，步子大一些，用少得多的轮数就能走到同样的位置（加 --full 使用原文的设置）。
  `,
      },
  );
  notebook.explain({
    en: `
    How to read the progress lines: each epoch ends with one. "Epoch 1/${options.epochs}" numbers the
    pass; the fraction after it counts the batches done out of the epoch's total, then come the
    epoch's time and the time per batch (step). loss and accuracy are the cross-entropy and the
    share of digits classified right on the training batches, averaged over the epoch while the
    weights were still moving; val_loss and val_accuracy are the same two measured on the
    validation digits after the epoch. Loss going down and accuracy going up mean the model is
    learning; the val_ numbers say how well that carries over to digits it has not trained on.
  `,
    zh: `
    怎么看进度行：每一轮结束时打印一行。"Epoch 1/${options.epochs}" 是第几轮；后面的分数是这一轮已完成的批次数
    与总批次数，接着是这一轮的用时和每批（step）的用时。loss 和 accuracy 是训练批次上的交叉熵和分类正确的比例，
    是权重还在变化时整轮的平均值；val_loss 和 val_accuracy 是这一轮结束后在验证集上测得的同样两个数。
    损失下降、准确率上升，说明模型在学习；val_ 开头的数说明学到的东西对没见过的数字有多大用处。
  `,
  });
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
    trainingCurvesSpec(history, {
      title: notebook.say({
        en: "Softmax regression: loss and accuracy per epoch",
        zh: "softmax 回归：每轮的损失和准确率",
      }),
    }),
    { en: "training vs validation loss and accuracy", zh: "训练集与验证集的损失和准确率" },
  );
  const gap = describeGap(history.at(-1));
  notebook.explain({
    en: `
    How to read the curves: each point is one epoch's numbers from the lines above, the
    training ones and the validation ones side by side. Loss should fall and accuracy rise,
    steeply at first, then levelling off as the model runs out of things it can still learn.
    While the training and validation curves stay close, what the model learns from its
    training digits holds for new ones; when training keeps improving but validation stalls
    or turns worse, it has started to memorise its training digits (overfitting, lesson 3).
    ${gap.en}
  `,
    zh: `
    怎么看曲线：每个点就是上面某一轮的数，训练集和验证集并排画出。损失应当下降、准确率应当上升，
    开始时很陡，之后随着模型能学的东西越来越少而趋于平缓。只要训练曲线和验证曲线靠得很近，
    模型从训练数字中学到的东西对新数字也成立；如果训练集还在变好，验证集却停滞甚至变差，
    说明它开始死记训练数字了（过拟合，第 3 课）。${gap.zh}
  `,
  });

  notebook.heading({ en: "6. The test set", zh: "6. 测试集" });
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
  const trained = train.count.toLocaleString("en-US");
  notebook.show({
    en: `Test loss ${test.loss.toFixed(4)}, test accuracy ${formatPercent(test.accuracy)} ` +
      `(the article reports ${formatPercent(ARTICLE_ACCURACY)}${
        options.subset ? ` after training on 48,000 digits; this run trained on ${trained}` : ""
      }).`,
    zh: `测试损失 ${test.loss.toFixed(4)}，测试准确率 ${formatPercent(test.accuracy)}` +
      `（原文报告 ${formatPercent(ARTICLE_ACCURACY)}${
        options.subset ? `，训练了 48,000 个数字；这次运行只训练了 ${trained} 个` : ""
      }）。`,
  });
  const predicted = argMaxRows(Float32Array.from(probabilities.flat()), 10);
  const matrix = confusionMatrix(mnist.test.labels, predicted, 10);
  // #endregion
  notebook.explain({
    en: `
    The confusion matrix counts, for each true digit (row), what the model predicted (column).
    The diagonal is what it got right; the darker a cell off the diagonal, the more often the
    model mistook that row's digit for that column's.
  `,
    zh: `
    混淆矩阵统计每个真实数字（行）被模型预测成了什么（列）。对角线是预测正确的；对角线以外的格子颜色越深，
    说明模型越常把这一行的数字错认成这一列的数字。
  `,
  });
  await context.chart(
    "confusion_matrix.svg",
    confusionMatrixSpec(matrix, {
      title: notebook.say({
        en: "Test set: true digit vs predicted digit",
        zh: "测试集：真实数字与预测数字",
      }),
    }),
    { en: "confusion matrix on the test set", zh: "测试集上的混淆矩阵" },
  );

  notebook.heading({ en: "7. What the model learned", zh: "7. 模型学到了什么" });
  notebook.explain({
    en: `
    Each digit's 784 weights can be drawn as a 28x28 image: red pixels push the score up when
    there is ink there, blue pixels push it down. You can see rough templates of each digit:
    softmax regression compares the image with one template per class.
  `,
    zh: `
    每个数字的 784 个权重可以画成一张 28x28 的图：红色像素处有笔迹时得分升高，蓝色像素处有笔迹时得分降低。
    可以看出每个数字的大致模板：softmax 回归就是拿图片和每一类的模板作比较。
  `,
  });
  // #region 7. What the model learned
  const kernel = model.layers[0].getWeights()[0];
  await context.chart(
    "weight_templates.svg",
    weightTemplatesSpec(kernel.dataSync() as Float32Array, {
      title: notebook.say({ en: "Learned weights per digit", zh: "每个数字学到的权重" }),
    }),
    { en: "the ten learned weight templates", zh: "学到的十个权重模板" },
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

  notebook.heading({ en: "Done", zh: "完成" });
  notebook.show({ en: `Results: ${resultsPath}`, zh: `结果：${resultsPath}` });
  notebook.explain({
    en: `
    Next: open exercises/01_softmax.ts and build these pieces yourself; run
    deno task check 1 to see how you are doing.
  `,
    zh: `
    下一步：打开 exercises/01_softmax.ts，自己动手实现这些部分；运行 deno task check 1 看看做得怎么样。
  `,
  });
}

/** What the last epoch's training and validation accuracy say, in one sentence. */
function describeGap(last: EpochLog | undefined): Bilingual {
  if (last?.val_accuracy === undefined) return { en: "", zh: "" };
  const gap = (last.accuracy - last.val_accuracy) * 100;
  const size = Math.abs(gap).toFixed(1);
  const points = size === "0.0"
    ? "less than 0.1 percentage points"
    : `${size} percentage point${size === "1.0" ? "" : "s"}`;
  const zhPoints = size === "0.0" ? "不到 0.1 个百分点" : `${size} 个百分点`;
  return Math.abs(gap) < 2
    ? {
      en:
        `In this run they end ${points} apart: one layer of 7,850 weights has little room to memorise.`,
      zh:
        `这次运行中两者最后相差${zhPoints}：只有 7,850 个权重的一层网络，没有多少死记硬背的余地。`,
    }
    : {
      en: `In this run training accuracy ends ${points} ${
        gap > 0 ? "above" : "below"
      } validation accuracy.`,
      zh: `这次运行中训练准确率最后比验证准确率${gap > 0 ? "高" : "低"} ${zhPoints}。`,
    };
}

if (import.meta.main) await runCommand(() => run(Deno.args));
