/**
 * Lesson 7: the convolutional network. Two 3x3 convolutions, max pooling, dropout and a dense
 * head see the digit as a picture rather than a row of 784 numbers, and pass 99% test accuracy
 * where the dense networks stopped at 98%.
 *
 * Run it with `deno task lesson 7` (one epoch: about a minute and a half) or
 * `deno task lesson 7 --full` (the article's 15 epochs: about 15 minutes on an idle 2-core
 * machine with the native backend, 35 on wasm). Both share each step between two threads
 * (`--workers 2`).
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { join } from "node:path";
import { confusionMatrixSpec } from "../lib/charts/confusion.ts";
import { batchCurvesSpec, trainingCurvesSpec } from "../lib/charts/curves.ts";
import { digitGridSpec } from "../lib/charts/digits.ts";
import { mapGridSpec } from "../lib/charts/maps.ts";
import { CLASSES, imageAt, selectDigits, sliceDigits } from "../lib/data/digits.ts";
import { toTensors } from "../lib/data/prepare.ts";
import { lessonWithId } from "../lib/course/manifest.ts";
import { type LessonInfo, startLesson } from "../lib/lesson/context.ts";
import { runCommand } from "../lib/cli/errors.ts";
import type { Bilingual } from "../lib/cli/language.ts";
import type { BackendName } from "../lib/backend/backend.ts";
import { formatPercent } from "../lib/lesson/format.ts";
import { writeResults } from "../lib/lesson/results.ts";
import { fileSystem } from "../lib/model/file_io.ts";
import { formatSummary } from "../lib/model/summary.ts";
import {
  argMaxRows,
  confusionMatrix,
  predictProbabilities,
  probabilityRows,
} from "../lib/train/evaluate.ts";
import { fit } from "../lib/train/fit.ts";
import { confidentMistakes } from "../lib/train/mistakes.ts";
import { createProgress } from "../lib/train/progress.ts";
import type * as Exercises from "../exercises/07_cnn.ts";

/** Lesson 7's declaration: quick defaults and the article's configuration. */
export const info: LessonInfo = {
  ...lessonWithId("07_cnn"),
  source: import.meta.url,
  quick: { epochs: 1, batchSize: 128, learningRate: 0.001, workers: 2 },
  full: { epochs: 15, batchSize: 128, learningRate: 0.001, workers: 2 },
};

/** The test accuracy the article reports for this model. */
const ARTICLE_ACCURACY = 0.9921;

/**
 * How long this network trains per backend on an idle 2-core machine: a step of 128 as
 * `deno task bench --models cnn --backends native,wasm` measures it, and the article's 15
 * epochs as `--full` took on native (wasm's from its step time; cpu's from the 25x its
 * backend warns of).
 */
const PACE: Record<BackendName, { step: Bilingual; full: Bilingual }> = {
  native: {
    step: { en: "an eighth of a second", zh: "八分之一秒" },
    full: { en: "15 minutes", zh: " 15 分钟" },
  },
  wasm: {
    step: { en: "0.3 seconds", zh: " 0.3 秒" },
    full: { en: "35 minutes", zh: " 35 分钟" },
  },
  cpu: {
    step: { en: "7 seconds", zh: " 7 秒" },
    full: { en: "14 hours", zh: " 14 小时" },
  },
};

/** Runs with fewer epochs than this record and draw the loss of every batch. */
const BATCH_CURVE_BELOW_EPOCHS = 3;

/** How many of the most confident mistakes the lesson shows. */
const MISTAKES_SHOWN = 20;

/** Where the trained model is saved, inside the lesson's output folder. */
const MODEL_FOLDER = "model";

/**
 * The lesson's CNN, Keras's mnist_cnn, one line per layer (section 3 explains each):
 * 1,199,882 parameters. Its layers are named as Keras names them, so its summary reads like
 * the article's. The benchmark trains this same builder.
 *
 * @example
 * ```ts
 * simpleCnn().countParams(); // 1199882
 * ```
 */
// #region 3. The model
export function simpleCnn(): tf.Sequential {
  return tf.sequential({
    name: "cnn",
    layers: [
      tf.layers.conv2d({
        inputShape: [28, 28, 1],
        filters: 32,
        kernelSize: 3,
        activation: "relu",
        name: "conv2d",
      }),
      tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: "relu", name: "conv2d_1" }),
      tf.layers.maxPooling2d({ poolSize: 2, name: "max_pooling2d" }),
      tf.layers.dropout({ rate: 0.25, name: "dropout" }),
      tf.layers.flatten({ name: "flatten" }),
      tf.layers.dense({ units: 128, activation: "relu", name: "dense" }),
      tf.layers.dropout({ rate: 0.5, name: "dropout_1" }),
      tf.layers.dense({ units: CLASSES, activation: "softmax", name: "dense_1" }),
    ],
  });
}
// #endregion

/**
 * The course's own versions of the exercises this lesson runs, on plain arrays as the exercises
 * take them; `deno task lesson 7 --mine` trains your CNN and draws your confusion matrix and
 * mistakes in their place.
 */
const COURSE: Pick<typeof Exercises, "buildCnn" | "confusionMatrix" | "topMistakes"> = {
  buildCnn: simpleCnn,
  confusionMatrix,
  topMistakes: (labels, probabilities, k) =>
    confidentMistakes(labels, Float32Array.from(probabilities.flat()), CLASSES, k),
};

/** Channel `channel` of an `[h, w, channels]` (or `[1, h, w, channels]`) array, row-major. */
function channelOf(values: Float32Array, channels: number, channel: number): Float32Array {
  const out = new Float32Array(values.length / channels);
  for (let i = 0; i < out.length; i++) out[i] = values[i * channels + channel];
  return out;
}

/** Runs lesson 7 with command-line arguments. */
export async function run(argv: string[]): Promise<void> {
  const context = await startLesson(info, argv);
  if (context === "help") return;
  const { notebook, mnist, options } = context;
  const code = context.code(COURSE);

  notebook.heading({ en: "1. Why convolutions", zh: "1. 为什么用卷积" });
  notebook.explain({
    en: `
    The dense networks of the earlier lessons flatten each digit into 784 numbers: pixel 200
    and pixel 201 are as unrelated to them as pixel 200 and pixel 700, and a stroke shifted
    by two pixels looks like a new pattern. A convolution keeps the picture: it slides small
    3x3 filters over the image, so the same filter finds an edge or a curve wherever it is
    (lesson 6 did this by hand). Stacking two of them lets the second combine the edges the
    first one found into strokes and loops.
  `,
    zh: `
    前几课的全连接网络把每个数字展平成 784 个数：在它们看来，第 200 和第 201 个像素之间的关系，
    与第 200 和第 700 个像素之间没有两样；笔画平移两个像素，看起来就像一个全新的模式。卷积则保留了图片的结构：
    它让 3x3 的小卷积核在图片上滑动，同一个卷积核无论边缘或弯弧出现在哪里都能找到（第 6 课亲手做过）。
    把两个卷积层叠起来，第二层就能把第一层找到的边缘组合成笔画和圈。
  `,
  });

  notebook.heading({ en: "2. The data, as pictures", zh: "2. 数据：以图片的形式" });
  const train = mnist.train;
  const test = mnist.test;
  const trainCount = train.count.toLocaleString("en-US");
  const testCount = test.count.toLocaleString("en-US");
  notebook.explain({
    en: `
    A convolution wants images, not rows: each batch has the shape [batch, 28, 28, 1]
    (height, width and one colour channel, since MNIST is grayscale), pixels scaled to 0-1
    and labels one-hot as before. As the article does, we validate on the test set after
    every epoch: ${trainCount} digits to train on and
    ${testCount} to test on.
  `,
    zh: `
    卷积要的是图片，而不是一行数：每个批次的形状是 [batch, 28, 28, 1]（高、宽和一个颜色通道，因为 MNIST 是灰度图），
    像素归一化到 0-1，标签和以前一样用独热编码。和原文一样，每轮结束后在测试集上验证：
    ${trainCount} 个数字用于训练，${testCount} 个用于测试。
  `,
  });
  if (!options.full) {
    const passes = options.epochs === 1 ? "one pass" : `${options.epochs} passes`;
    const zhPasses = options.epochs === 1 ? "一遍" : ` ${options.epochs} 遍`;
    const steps = Math.ceil(train.count / options.batchSize);
    const stepCount = steps.toLocaleString("en-US");
    const pace = PACE[context.backend];
    notebook.explain({
      en: `
      One training step of this network on a batch of 128 takes about ${pace.step.en} on a
      2-core CPU with the ${context.backend} backend, so the article's 15 epochs over 60,000
      digits (7,035 steps) take about ${pace.full.en}. This quick run makes ${passes} over the ${trainCount}
      training digits (${stepCount} step${steps === 1 ? "" : "s"} each);
      section 5 shows the accuracy it reaches. Add --full for the article's run.
    `,
      zh: `
      在 2 核 CPU 上用 ${context.backend} 后端，这个网络在一个 128 张图片的批次上训练一步大约要${pace.step.zh}，
      所以原文在 60,000 个数字上训练 15 轮（7,035 步）大约要${pace.full.zh}。这次快速运行把 ${trainCount} 个训练数字过${zhPasses}
      （每遍 ${stepCount} 步），第 5 节给出它达到的准确率。加 --full 按原文的设置运行。
    `,
    });
  }

  notebook.heading({ en: "3. The model", zh: "3. 模型" });
  notebook.explain({
    en: `
    - Conv2D(32, 3x3, relu): 32 filters of 3x3 weights and a bias each: 32 * (9 + 1) = 320
      parameters; 28x28 becomes 26x26 because a 3x3 window fits 26 times across 28 pixels.
    - Conv2D(64, 3x3, relu): each of 64 filters looks at all 32 maps below it:
      64 * (32 * 9 + 1) = 18,496 parameters; 24x24x64 out.
    - MaxPooling2D(2x2): keeps the largest value of each 2x2 block: 12x12x64, no parameters.
    - Dropout(0.25), Flatten (12 * 12 * 64 = 9,216 numbers), Dense(128, relu), Dropout(0.5),
      Dense(10, softmax). The dense layer holds almost all the weights: 9,216 * 128 + 128.
    Dropout switches off a random fraction of the values at each training step, so the network
    cannot rely on any single one; it is off when we test. The code is simpleCnn() in this
    lesson's own file, lessons/07_cnn.ts: eight lines, one per layer (exercise 7.1 builds it
    as buildCnn; --mine trains yours).
  `,
    zh: `
    - Conv2D(32, 3x3, relu)：32 个卷积核，每个有 3x3 个权重和一个偏置：32 * (9 + 1) = 320
      个参数；28x28 变成 26x26，因为 3x3 的窗口在 28 个像素上能放 26 次。
    - Conv2D(64, 3x3, relu)：64 个卷积核，每个都看下面一层的全部 32 张特征图：
      64 * (32 * 9 + 1) = 18,496 个参数；输出 24x24x64。
    - MaxPooling2D(2x2)：每个 2x2 小块只保留最大值：得到 12x12x64，没有参数。
    - Dropout(0.25)、Flatten（12 * 12 * 64 = 9,216 个数）、Dense(128, relu)、Dropout(0.5)、
      Dense(10, softmax)。几乎所有权重都在这个全连接层里：9,216 * 128 + 128。
    Dropout 在每个训练步随机关掉一部分数值，让网络不能依赖其中任何一个；测试时它不起作用。
    代码是本课自己的文件 lessons/07_cnn.ts 里的 simpleCnn()：八行，每层一行
    （练习 7.1 以 buildCnn 的名字实现它；--mine 训练你自己的版本）。
  `,
  });
  // #region 3. The model
  const model = code.buildCnn();
  notebook.show(formatSummary(model));
  // #endregion

  notebook.heading({ en: "4. Training with Adam", zh: "4. 用 Adam 训练" });
  notebook.explain({
    en: `
    Adam adapts the step of every weight from the running mean and variance of its gradients,
    and needs no tuning here: learning rate ${options.learningRate}, batch ${options.batchSize},
    categorical cross-entropy, ${options.epochs} epoch${options.epochs === 1 ? "" : "s"}.
    ${
      options.workers > 1
        ? `Each batch is cut into ${options.workers} shares computed at once on separate
    threads (one per CPU core), and their gradients are averaged into the whole batch's
    gradient: about twice as fast on two cores (--workers 1 trains on one thread).`
        : ""
    }
  `,
    zh: `
    Adam 根据每个权重梯度的滑动均值和方差调整它的步长，这里不用调参：学习率 ${options.learningRate}，
    批大小 ${options.batchSize}，分类交叉熵，训练 ${options.epochs} 轮。${
      options.workers > 1
        ? `每个批次被切成 ${options.workers} 份，在不同的线程上（每个 CPU 核一个）同时计算，
    再把它们的梯度平均成整个批次的梯度：在两个核上大约快一倍（--workers 1 只用一个线程训练）。`
        : ""
    }
  `,
  });
  // #region 4. Training with Adam
  const history = await fit(model, train, {
    epochs: options.epochs,
    batchSize: options.batchSize,
    optimizer: tf.train.adam(options.learningRate),
    rng: context.rng,
    layout: "image",
    workers: options.workers,
    validation: test,
    progress: createProgress(),
    batchLosses: options.epochs < BATCH_CURVE_BELOW_EPOCHS,
  });
  // #endregion
  if (options.epochs < BATCH_CURVE_BELOW_EPOCHS) {
    notebook.explain({
      en: `
      With only ${options.epochs} epoch${options.epochs === 1 ? "" : "s"}, per-epoch curves
      would be ${options.epochs === 1 ? "a single dot" : "two dots"}: the chart shows the loss of
      every training batch instead (a noisy line, since each batch holds different digits),
      with the test loss as a dot at the end of each epoch.
    `,
      zh: `
      只训练 ${options.epochs} 轮，按轮画的曲线只有${options.epochs === 1 ? "一个点" : "两个点"}：
      所以图中画的是每个训练批次的损失（曲线有噪声，因为每个批次的数字都不同），
      每轮结束时的测试损失画成一个点。
    `,
    });
    await context.chart(
      "training_curves.svg",
      batchCurvesSpec(history, {
        title: notebook.say({
          en: "CNN: training loss batch by batch",
          zh: "CNN：逐批次的训练损失",
        }),
      }),
      {
        en: "training loss per batch and validation (test set) loss per epoch",
        zh: "每批次的训练损失与每轮的验证（测试集）损失",
      },
    );
  } else {
    await context.chart(
      "training_curves.svg",
      trainingCurvesSpec(history, {
        title: notebook.say({
          en: "CNN: loss and accuracy per epoch",
          zh: "CNN：每轮的损失和准确率",
        }),
      }),
      {
        en: "training vs validation (test set) loss and accuracy",
        zh: "训练集与验证集（测试集）的损失和准确率",
      },
    );
  }

  notebook.heading({ en: "5. The test set", zh: "5. 测试集" });
  // The validation set is the test set, so the last epoch's validation is the test result.
  // #region 5. The test set
  const last = history[history.length - 1];
  const measured = { loss: last.val_loss!, accuracy: last.val_accuracy! };
  notebook.show({
    en: `Test loss ${measured.loss.toFixed(4)}, test accuracy ${formatPercent(measured.accuracy)}` +
      ` (the article reports ${formatPercent(ARTICLE_ACCURACY)} after 15 epochs).`,
    zh: `测试损失 ${measured.loss.toFixed(4)}，测试准确率 ${formatPercent(measured.accuracy)}` +
      `（原文训练 15 轮后为 ${formatPercent(ARTICLE_ACCURACY)}）。`,
  });
  const probabilities = predictProbabilities(model, test, "image");
  const labels = Array.from(test.labels);
  const predicted = Array.from(argMaxRows(probabilities, CLASSES));
  const matrix = code.confusionMatrix(labels, predicted, CLASSES);
  // #endregion
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

  notebook.heading({ en: "6. What the first layer learned", zh: "6. 第一层学到了什么" });
  notebook.explain({
    en: `
    The 32 filters of the first convolution, each 3x3 weights: red weights respond to ink,
    blue ones to its absence. Many are edge detectors like the hand-made kernels of lesson 6:
    a red column next to a blue one finds vertical edges, red over blue horizontal ones.
  `,
    zh: `
    第一个卷积层的 32 个卷积核，每个是 3x3 个权重：红色的权重对笔迹有响应，蓝色的对没有笔迹的地方有响应。
    其中很多是边缘检测器，就像第 6 课亲手做的卷积核：红色一列挨着蓝色一列的找竖直边缘，红在上、蓝在下的找水平边缘。
  `,
  });
  // #region 6. What the first layer learned
  const kernel = model.layers[0].getWeights()[0].dataSync() as Float32Array; // [3, 3, 1, 32]
  // #endregion
  await context.chart(
    "filters.svg",
    mapGridSpec({
      maps: Array.from({ length: 32 }, (_, f) => channelOf(kernel, 32, f)),
      captions: Array.from(
        { length: 32 },
        (_, f) => notebook.say({ en: `filter ${f}`, zh: `卷积核 ${f}` }),
      ),
      title: notebook.say({
        en: "The 32 learned 3x3 filters of the first layer",
        zh: "第一层学到的 32 个 3x3 卷积核",
      }),
      legendTitle: notebook.say({ en: "weight", zh: "权重" }),
    }),
    { en: "the 32 first-layer filters", zh: "第一层的 32 个卷积核" },
  );

  notebook.explain({
    en: `
    Feature maps: what each filter reports for one test digit. After the first layer the maps
    still look like the digit, each lighting up a different kind of edge; after the second
    they are coarser and more abstract: where strokes, corners and curves are.
  `,
    zh: `
    特征图：每个卷积核对一个测试数字的输出。第一层之后的特征图还看得出是这个数字，每张亮起的是不同种类的边缘；
    第二层之后它们更粗糙、更抽象：标出的是笔画、拐角和弯弧在哪里。
  `,
  });
  const mapCaption = (f: number) => notebook.say({ en: `map ${f}`, zh: `特征图 ${f}` });
  // #region 6. What the first layer learned
  const digit = selectDigits(test, [0]);
  const probe = tf.model({
    inputs: model.inputs,
    outputs: [model.layers[0].output, model.layers[1].output] as tf.SymbolicTensor[],
  });
  const [first, second] = tf.tidy(() =>
    (probe.predict(toTensors(digit, "image").x) as tf.Tensor[]).map((t) =>
      t.dataSync() as Float32Array
    )
  );
  // #endregion
  await context.chart(
    "feature_maps_conv1.svg",
    mapGridSpec({
      maps: Array.from({ length: 32 }, (_, f) => channelOf(first, 32, f)),
      captions: Array.from({ length: 32 }, (_, f) => mapCaption(f)),
      title: notebook.say({
        en: `First convolution: 32 feature maps of a test ${test.labels[0]}`,
        zh: `第一个卷积层：测试数字 ${test.labels[0]} 的 32 张特征图`,
      }),
      legendTitle: notebook.say({ en: "activation", zh: "激活值" }),
    }),
    {
      en: "feature maps of one digit after the first convolution",
      zh: "一个数字经过第一个卷积层后的特征图",
    },
  );
  await context.chart(
    "feature_maps_conv2.svg",
    mapGridSpec({
      maps: Array.from({ length: 32 }, (_, f) => channelOf(second, 64, f)),
      captions: Array.from({ length: 32 }, (_, f) => mapCaption(f)),
      title: notebook.say({
        en: `Second convolution: the first 32 of 64 feature maps of the same ${test.labels[0]}`,
        zh: `第二个卷积层：同一个数字 ${test.labels[0]} 的 64 张特征图中的前 32 张`,
      }),
      legendTitle: notebook.say({ en: "activation", zh: "激活值" }),
    }),
    {
      en: "feature maps of the same digit after the second convolution",
      zh: "同一个数字经过第二个卷积层后的特征图",
    },
  );

  notebook.heading({ en: "7. The mistakes it was surest of", zh: "7. 最有把握的错误" });
  // #region 7. The mistakes it was surest of
  const rows = probabilityRows(probabilities, CLASSES);
  const mistakes = code.topMistakes(labels, rows, MISTAKES_SHOWN);
  const right = matrix.reduce((sum, row, digit) => sum + row[digit], 0);
  const wrong = test.count - right;
  // #endregion
  notebook.explain({
    en: `
    ${wrong} of ${testCount} test digits are wrong (everything off
    the confusion matrix's diagonal). Here are the
    ${mistakes.length} the model was most confident about: many would puzzle a person too,
    and a few look mislabelled.
  `,
    zh: `
    ${testCount} 个测试数字中有 ${wrong} 个预测错了（即混淆矩阵对角线以外的全部）。
    下面是模型最有把握的 ${mistakes.length} 个错误：其中很多连人看了也会犯难，还有几个看起来是标签标错了。
  `,
  });
  if (mistakes.length > 0) {
    await context.chart(
      "mistakes.svg",
      digitGridSpec({
        images: mistakes.map((m) => imageAt(test, m.index)),
        captions: mistakes.map((m) => notebook.say(mistakeCaption(m))),
        title: notebook.say({
          en: "The most confident mistakes on the test set",
          zh: "测试集上最有把握的错误",
        }),
      }),
      {
        en: "misclassified test digits with true and predicted labels",
        zh: "分错的测试数字，及其真实标签和预测标签",
      },
    );
  }

  notebook.heading({ en: "8. Saving the model", zh: "8. 保存模型" });
  // #region 8. Saving the model
  const modelDir = join(context.outDir, MODEL_FOLDER);
  await model.save(fileSystem(modelDir));
  const loaded = await tf.loadLayersModel(fileSystem(modelDir));
  const checked = sliceDigits(test, 0, Math.min(1000, test.count));
  const again = predictProbabilities(loaded, checked, "image");
  const largestDifference = again.reduce(
    (largest, p, i) => Math.max(largest, Math.abs(p - probabilities[i])),
    0,
  );
  // #endregion
  const shownDir = context.shown(modelDir);
  const checkedCount = checked.count.toLocaleString("en-US");
  notebook.explain({
    en: `
    The trained model is saved in TensorFlow.js's format: ${shownDir}/model.json (the layers
    and the list of weights) and ${shownDir}/weights.bin (all the weights as 32-bit floats).
    Any tfjs program can load it with tf.loadLayersModel. We load it back and predict the first
    ${checkedCount} test digits again: the largest difference from
    the probabilities before saving is ${largestDifference}.
  `,
    zh: `
    训练好的模型以 TensorFlow.js 的格式保存：${shownDir}/model.json（各层和权重清单）
    和 ${shownDir}/weights.bin（全部权重，32 位浮点数）。任何 tfjs 程序都能用 tf.loadLayersModel 加载它。
    我们把它重新加载，再预测一遍前 ${checkedCount} 个测试数字：与保存前的概率相比，最大差值是 ${largestDifference}。
  `,
  });

  const resultsPath = await writeResults(context, {
    config: {
      model:
        "Conv2D(32)-Conv2D(64)-MaxPool-Dropout(0.25)-Flatten-Dense(128)-Dropout(0.5)-Dense(10)",
      parameters: model.countParams(),
      optimizer: "adam",
      loss: "categoricalCrossentropy",
      validation: "test set",
      trainSize: train.count,
      testSize: test.count,
    },
    history,
    test: measured,
    extra: {
      articleAccuracy: ARTICLE_ACCURACY,
      modelDir: MODEL_FOLDER, // relative to this results.json, so runs compare across folders
      reloadedLargestDifference: largestDifference,
      wrongPredictions: wrong,
      confidentMistakes: mistakes,
    },
  });
  model.dispose();
  loaded.dispose();

  notebook.heading({ en: "Done", zh: "完成" });
  notebook.show({ en: `Results: ${resultsPath}`, zh: `结果：${resultsPath}` });
  notebook.explain({
    en: `
    Next: open exercises/07_cnn.ts, build this network yourself, then its confusion matrix
    and its most confident mistakes; run deno task check 7 to see how you are doing.
  `,
    zh: `
    下一步：打开 exercises/07_cnn.ts，自己搭建这个网络，再算出它的混淆矩阵和最有把握的错误；
    运行 deno task check 7 看看做得怎么样。
  `,
  });
}

/** A mistake's caption in the chart: its true and predicted digit and the model's confidence. */
function mistakeCaption(m: { label: number; predicted: number; confidence: number }): Bilingual {
  const confidence = formatPercent(m.confidence, 0);
  return {
    en: `true ${m.label} / pred ${m.predicted} (${confidence})`,
    zh: `真实 ${m.label} / 预测 ${m.predicted}（${confidence}）`,
  };
}

if (import.meta.main) await runCommand(() => run(Deno.args));
