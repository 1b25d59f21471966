/**
 * Lesson 6: convolution by hand. A 3x3 kernel slid over an image finds vertical edges; stride,
 * padding and max pooling decide the size of what comes out; a convolution layer needs few
 * parameters because every position shares the same kernel. Nothing is trained here: the
 * lesson takes a few seconds.
 *
 * Run it with `deno task lesson 6`.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { mapGridSpec } from "../lib/charts/maps.ts";
import { imageAt } from "../lib/data/digits.ts";
import { scalePixels } from "../lib/data/prepare.ts";
import { shuffledIndices } from "../lib/data/split.ts";
import { lessonWithId } from "../lib/course/manifest.ts";
import { type LessonInfo, startLesson } from "../lib/lesson/context.ts";
import { runCommand } from "../lib/cli/errors.ts";
import { writeResults } from "../lib/lesson/results.ts";
import type * as Exercises from "../exercises/06_convolutions.ts";

/** Lesson 6's declaration. It trains nothing, so its training settings are unused. */
export const info: LessonInfo = {
  ...lessonWithId("06_convolutions"),
  source: import.meta.url,
  quick: { epochs: 1, batchSize: 1, learningRate: 1 },
  full: { epochs: 1, batchSize: 1, learningRate: 1 },
  trains: false,
};

/** The kernels the lesson applies, 3x3 each, row after row. */
const KERNELS: Record<string, number[][]> = {
  "vertical edges": [[1, 0, -1], [1, 0, -1], [1, 0, -1]],
  "horizontal edges": [[1, 1, 1], [0, 0, 0], [-1, -1, -1]],
  "Sobel vertical": [[1, 0, -1], [2, 0, -2], [1, 0, -1]],
  "Sobel horizontal": [[1, 2, 1], [0, 0, 0], [-1, -2, -1]],
};

/** The kernels' names in Chinese, for the charts. */
const KERNEL_NAMES_ZH: Record<string, string> = {
  "vertical edges": "竖直边缘",
  "horizontal edges": "水平边缘",
  "Sobel vertical": "Sobel 竖直",
  "Sobel horizontal": "Sobel 水平",
};

/** Digits the lesson runs through every kernel. */
const DIGITS_SHOWN = 3;

/** A single-channel image, rows of pixels, as a `[1, height, width, 1]` tensor. */
// #region 1. A kernel that finds vertical edges
function imageTensor(image: number[][]): tf.Tensor4D {
  return tf.tensor4d(image.flat(), [1, image.length, image[0].length, 1]);
}
// #endregion

/** A `[1, height, width, 1]` tensor's values as rows. */
function rowsOf(tensor: tf.Tensor): number[][] {
  const [, height, width] = tensor.shape;
  const values = tensor.dataSync();
  return Array.from(
    { length: height! },
    (_, row) => Array.from(values.subarray(row * width!, (row + 1) * width!)),
  );
}

/**
 * `tf.conv2d` of one image with one kernel (a cross-correlation, as in every deep-learning
 * library), stride 1 and no padding unless `options` say otherwise. Exercise 6.1 writes it by
 * hand; `--mine` draws this lesson's pictures with yours.
 */
// #region 1. A kernel that finds vertical edges
function convolve(
  image: number[][],
  kernel: number[][],
  options: Exercises.ConvOptions = {},
): number[][] {
  const { stride = 1, padding = "valid" } = options;
  return tf.tidy(() => {
    const weights = tf.tensor4d(kernel.flat(), [kernel.length, kernel[0].length, 1, 1]);
    return rowsOf(tf.conv2d(imageTensor(image), weights, stride, padding));
  });
}
// #endregion

/** `tf.maxPool` of one image: the largest value of each `size` x `size` window, no padding. */
// #region 4. Max pooling
function pool(image: number[][], size: number, stride = size): number[][] {
  return tf.tidy(() => rowsOf(tf.maxPool(imageTensor(image), size, stride, "valid")));
}
// #endregion

/** The side of a convolution's output: `(n + 2p - k) / s + 1`, rounded down. */
// #region 3. Stride, padding and the size of the output
function outputSide(n: number, k: number, stride: number, padding: number): number {
  return Math.floor((n + 2 * padding - k) / stride) + 1;
}
// #endregion

/** A convolution layer's parameters: `kh * kw` weights per input channel and a bias, per filter. */
// #region 5. How many parameters?
function convLayerParameters(filters: number, inChannels: number, kh: number, kw: number): number {
  return filters * (inChannels * kh * kw + 1);
}
// #endregion

/**
 * The course's own versions of the exercises this lesson runs, on plain arrays as the exercises
 * take them; `deno task lesson 6 --mine` runs yours in their place.
 */
const COURSE: Pick<typeof Exercises, "conv2d" | "maxPool" | "outputSize" | "convParameters"> = {
  conv2d: convolve,
  maxPool: pool,
  outputSize: outputSide,
  convParameters: convLayerParameters,
};

/** A square image given row after row (a digit's 784 pixels), as 28 rows. */
function square(values: ArrayLike<number>): number[][] {
  const all = Array.from(values);
  const side = Math.round(Math.sqrt(all.length));
  return Array.from({ length: side }, (_, row) => all.slice(row * side, (row + 1) * side));
}

/** A square grid of numbers as aligned text rows. */
function formatGrid(values: ArrayLike<number>): string {
  const side = Math.round(Math.sqrt(values.length));
  const cells = Array.from(values, (value) => String(Math.round(value * 100) / 100 + 0));
  const width = Math.max(...cells.map((cell) => cell.length));
  return Array.from(
    { length: side },
    (_, row) =>
      "  " + cells.slice(row * side, (row + 1) * side).map((c) => c.padStart(width)).join(" "),
  ).join("\n");
}

/** Runs lesson 6 with command-line arguments. */
export async function run(argv: string[]): Promise<void> {
  const context = await startLesson(info, argv);
  if (context === "help") return;
  const { notebook, mnist } = context;
  const code = context.code(COURSE);

  notebook.heading({ en: "1. A kernel that finds vertical edges", zh: "1. 找出竖直边缘的卷积核" });
  notebook.explain({
    en: `
    A convolution slides a small grid of weights, the kernel, over the image. At each
    position it multiplies every weight by the pixel under it and adds the products up: one
    output number per position. Here is an 8x8 image whose left half is bright (10) and right
    half dark (0), so it has one vertical edge down the middle, and the kernel
  `,
    zh: `
    卷积就是让一小块权重网格（卷积核）在图片上滑动。在每个位置，把每个权重与它下面的像素相乘，再把乘积加起来：
    每个位置得到一个输出数。下面是一张 8x8 的图片，左半边亮（10）、右半边暗（0），正中间有一条竖直边缘；卷积核是
  `,
  });
  // #region 1. A kernel that finds vertical edges
  const edge = Array.from({ length: 8 }, () => Array.from({ length: 8 }, (_, x) => x < 4 ? 10 : 0));
  const vertical = KERNELS["vertical edges"];
  notebook.show(formatGrid(vertical.flat()));
  const edgeOutput = code.conv2d(edge, vertical);
  // #endregion
  notebook.explain({
    en: `
    Where the 3x3 window sits entirely on the bright side, the left column (+1 x 10 x 3) and
    the right column (-1 x 10 x 3) cancel: 0. Entirely on the dark side: 0 again. Only where
    the window straddles the edge does the left column see 10s and the right column 0s:
    30. The 6x6 result is zero except for its middle two columns:
  `,
    zh: `
    3x3 的窗口完全落在亮的一侧时，左列（+1 x 10 x 3）与右列（-1 x 10 x 3）相互抵消，结果为 0；完全落在暗的一侧，
    结果还是 0。只有窗口跨在边缘上时，左列看到的是 10、右列看到的是 0，结果为 30。所以 6x6 的结果除了中间两列，
    其余都是 0：
  `,
  });
  const [image, after] = [formatGrid(edge.flat()), formatGrid(edgeOutput.flat())];
  notebook.show({
    en: `image:\n${image}\n\nafter the vertical-edge kernel:\n${after}`,
    zh: `图片：\n${image}\n\n经过竖直边缘卷积核之后：\n${after}`,
  });
  await context.chart(
    "edge_example.svg",
    mapGridSpec({
      maps: [edge.flat(), edgeOutput.flat()],
      captions: [
        notebook.say({ en: "8x8 image", zh: "8x8 图片" }),
        notebook.say({ en: "6x6 output", zh: "6x6 输出" }),
      ],
      title: notebook.say({
        en: "An 8x8 vertical edge, before and after the kernel",
        zh: "8x8 的竖直边缘：经过卷积核之前和之后",
      }),
      columns: 2,
      images: [0],
      imageLook: "light",
      values: true,
      legendTitle: notebook.say({ en: "value", zh: "数值" }),
    }),
    {
      en: "the 8x8 example before and after the vertical-edge kernel",
      zh: "8x8 的例子经过竖直边缘卷积核前后",
    },
  );

  notebook.heading({ en: "2. Kernels on real digits", zh: "2. 真实数字上的卷积核" });
  notebook.explain({
    en: `
    The same idea on handwritten digits (pixels scaled to 0-1), with four kernels: vertical
    and horizontal edges, and their Sobel versions, which weigh the centre row or column
    twice. Red is a positive response (ink to the left of, or above, the kernel's centre),
    blue a negative one (ink on the other side). Each kernel sees a different part of the
    stroke: this is what the first layer of a CNN learns to do by itself.
  `,
    zh: `
    把同样的做法用在手写数字上（像素已归一化到 0-1），用四个卷积核：竖直边缘、水平边缘，以及它们的 Sobel 版本
    （Sobel 算子把中间一行或一列的权重加倍）。红色是正响应（笔迹在卷积核中心的左边或上边），蓝色是负响应（笔迹在另一侧）。
    每个卷积核看到的是笔画的不同部分：卷积神经网络的第一层，学到的正是这类卷积核。
  `,
  });
  // #region 2. Kernels on real digits
  const chosen = Array.from(
    shuffledIndices(mnist.test.count, context.rng.next).subarray(0, DIGITS_SHOWN),
  );
  const digits = chosen.map((index) => square(scalePixels(imageAt(mnist.test, index))));
  const maps: number[][] = [];
  const captions: string[] = [];
  digits.forEach((digit, i) => {
    maps.push(digit.flat());
    const label = mnist.test.labels[chosen[i]];
    captions.push(notebook.say({ en: `a ${label}`, zh: `数字 ${label}` }));
    for (const [name, kernel] of Object.entries(KERNELS)) {
      maps.push(code.conv2d(digit, kernel, { padding: "same" }).flat());
      captions.push(notebook.say({ en: name, zh: KERNEL_NAMES_ZH[name] }));
    }
  });
  // #endregion
  await context.chart(
    "digit_kernels.svg",
    mapGridSpec({
      maps,
      captions,
      title: notebook.say({
        en: "Digits through edge kernels (same padding: 28x28 in, 28x28 out)",
        zh: "数字经过边缘卷积核（same 填充：输入 28x28，输出 28x28）",
      }),
      columns: 1 + Object.keys(KERNELS).length,
      legendTitle: notebook.say({ en: "response", zh: "响应" }),
      images: digits.map((_, i) => i * (1 + Object.keys(KERNELS).length)),
    }),
    { en: "each digit through each kernel", zh: "每个数字经过每个卷积核" },
  );

  notebook.heading({
    en: "3. Stride, padding and the size of the output",
    zh: "3. 步幅、填充与输出的尺寸",
  });
  notebook.explain({
    en: `
    With no padding ("valid"), a k-wide kernel fits n - k + 1 times across n pixels: the
    output shrinks (28 -> 26 for a 3x3 kernel). Padding p zeros on each side lets the kernel
    reach the border; "same" padding picks p so that the output keeps the input's size
    (p = 1 for 3x3). The stride s is how far the kernel moves each time; a stride of 2 halves
    the output. Together:
      output size = (n + 2p - k) / s + 1   (rounded down)
    Checked against TensorFlow.js on a 28x28 digit:
  `,
    zh: `
    不填充（"valid"）时，宽为 k 的卷积核在 n 个像素上能放 n - k + 1 次：输出变小（3x3 卷积核时 28 -> 26）。
    在四周各填充 p 个零，卷积核就能够到边界；"same" 填充选取合适的 p，使输出和输入一样大（3x3 时 p = 1）。
    步幅 s 是卷积核每次移动的距离；步幅为 2 时输出减半。合起来就是：
      输出尺寸 = (n + 2p - k) / s + 1   （向下取整）
    在一个 28x28 的数字上用 TensorFlow.js 验证：
  `,
  });
  // #region 3. Stride, padding and the size of the output
  const sizes = [
    { padding: "valid", stride: 1, p: 0 },
    { padding: "same", stride: 1, p: 1 },
    { padding: "valid", stride: 2, p: 0 },
    { padding: "same", stride: 2, p: 1 },
  ] as const;
  const sizeRows = sizes.map(({ padding, stride, p }) => {
    const formula = code.outputSize(28, 3, stride, p);
    const measured = convolve(digits[0], vertical, { stride, padding }).length;
    return { padding, stride, p, formula, measured };
  });
  // #endregion
  notebook.show({
    en: sizeRows.map(({ padding, stride, p, formula, measured }) =>
      `  ${
        padding.padEnd(5)
      } stride ${stride}: (28 + 2 * ${p} - 3) / ${stride} + 1 = ${formula}, ` +
      `tf.conv2d gives ${measured}x${measured}`
    ).join("\n"),
    zh: sizeRows.map(({ padding, stride, p, formula, measured }) =>
      `  ${padding.padEnd(5)} 步幅 ${stride}：(28 + 2 * ${p} - 3) / ${stride} + 1 = ${formula}，` +
      `tf.conv2d 得到 ${measured}x${measured}`
    ).join("\n"),
  });

  notebook.heading({ en: "4. Max pooling", zh: "4. 最大池化" });
  notebook.explain({
    en: `
    Max pooling keeps the largest value of each 2x2 block (stride 2): the map halves in each
    direction, keeps where the strong responses are, roughly, and forgets exactly where. Here
    is the Sobel vertical response of the first digit, kept only where positive (as a ReLU
    does), before and after 2x2 max pooling:
  `,
    zh: `
    最大池化在每个 2x2 的小块（步幅 2）里只保留最大值：特征图在两个方向上都减半，大致记住强响应在哪里，
    而忘掉它的精确位置。下面是第一个数字的 Sobel 竖直响应（像 ReLU 一样只保留正值），以及 2x2 最大池化之后的结果：
  `,
  });
  // #region 4. Max pooling
  const response = code.conv2d(digits[0], KERNELS["Sobel vertical"], { padding: "same" })
    .map((row) => row.map((v) => Math.max(v, 0)));
  const pooled = code.maxPool(response, 2);
  // #endregion
  await context.chart(
    "max_pooling.svg",
    mapGridSpec({
      maps: [response.flat(), pooled.flat()],
      captions: [
        notebook.say({ en: "28x28 feature map", zh: "28x28 特征图" }),
        notebook.say({ en: "14x14 after 2x2 max pooling", zh: "2x2 最大池化后 14x14" }),
      ],
      title: notebook.say({
        en: "A feature map before and after max pooling",
        zh: "特征图：最大池化前后",
      }),
      columns: 2,
      legendTitle: notebook.say({ en: "response", zh: "响应" }),
    }),
    { en: "a feature map and its 2x2 max-pooled version", zh: "特征图及其 2x2 最大池化结果" },
  );

  notebook.heading({ en: "5. How many parameters?", zh: "5. 有多少个参数？" });
  notebook.explain({
    en: `
    A convolution layer with F filters of kh x kw on C input channels has
    F * (C * kh * kw + 1) parameters: each filter's weights and one bias. The same weights
    are used at every position of the image, so the count does not depend on the image size.
  `,
    zh: `
    一个卷积层有 F 个 kh x kw 的卷积核、输入有 C 个通道时，参数量是 F * (C * kh * kw + 1)：每个卷积核的权重加一个偏置。
    图片的每个位置用的都是同一组权重，所以参数量与图片大小无关。
  `,
  });
  // #region 5. How many parameters?
  const layers = [
    { filters: 64, channels: 1 },
    { filters: 32, channels: 1 },
    { filters: 64, channels: 32 },
  ];
  const counts = layers.map(({ filters, channels }) => {
    const layer = tf.layers.conv2d({ filters, kernelSize: 3 });
    layer.build([null, 28, 28, channels]);
    const count = layer.countParams();
    layer.weights.forEach((weight) => weight.dispose());
    return {
      filters,
      channels,
      formula: code.convParameters(filters, channels, 3, 3),
      tfjs: count,
    };
  });
  // #endregion
  notebook.show({
    en: counts.map((row) =>
      `  Conv2D(${row.filters}, 3x3) on ${row.channels} channel${row.channels > 1 ? "s" : ""}: ` +
      `${row.filters} * (${row.channels} * 9 + 1) = ${row.formula.toLocaleString("en-US")} ` +
      `(tfjs counts ${row.tfjs.toLocaleString("en-US")})`
    ).join("\n"),
    zh: counts.map((row) =>
      `  Conv2D(${row.filters}, 3x3)，输入 ${row.channels} 个通道：` +
      `${row.filters} * (${row.channels} * 9 + 1) = ${row.formula.toLocaleString("en-US")}` +
      `（tfjs 统计为 ${row.tfjs.toLocaleString("en-US")}）`
    ).join("\n"),
  });
  notebook.explain({
    en: `
    Compare a dense layer of 128 units on the 784 pixels: 784 * 128 + 128 = 100,480
    parameters, each tied to one pixel position, so a pattern it learns in one place does
    not help it anywhere else. Lesson 7 stacks two convolutions into a network that goes past
    98% on the test set after a single pass over the training digits.
  `,
    zh: `
    对比一下：784 个像素上的一个 128 单元全连接层有 784 * 128 + 128 = 100,480 个参数，每个参数都绑定在一个像素位置上，
    在一处学到的模式到了别处就用不上。第 7 课把两个卷积层叠起来，只把训练数字过一遍，在测试集上的准确率就超过 98%。
  `,
  });

  const resultsPath = await writeResults(context, {
    config: { kernels: Object.keys(KERNELS), digits: chosen },
    extra: {
      edgeExample: edgeOutput.flat(),
      outputSizes: sizeRows,
      parameterCounts: counts,
    },
  });

  notebook.heading({ en: "Done", zh: "完成" });
  notebook.show({ en: `Results: ${resultsPath}`, zh: `结果：${resultsPath}` });
  notebook.explain({
    en: `
    Next: open exercises/06_convolutions.ts and write the convolution and max pooling
    yourself; run deno task check 6 to see how you are doing.
  `,
    zh: `
    下一步：打开 exercises/06_convolutions.ts，自己实现卷积和最大池化；运行 deno task check 6 看看做得怎么样。
  `,
  });
}

if (import.meta.main) await runCommand(() => run(Deno.args));
