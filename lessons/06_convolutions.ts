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

  notebook.heading("1. A kernel that finds vertical edges");
  notebook.explain(`
    A convolution slides a small grid of weights, the kernel, over the image. At each
    position it multiplies every weight by the pixel under it and adds the products up: one
    output number per position. Here is an 8x8 image whose left half is bright (10) and right
    half dark (0), so it has one vertical edge down the middle, and the kernel
  `);
  // #region 1. A kernel that finds vertical edges
  const edge = Array.from({ length: 8 }, () => Array.from({ length: 8 }, (_, x) => x < 4 ? 10 : 0));
  const vertical = KERNELS["vertical edges"];
  notebook.show(formatGrid(vertical.flat()));
  const edgeOutput = code.conv2d(edge, vertical);
  // #endregion
  notebook.explain(`
    Where the 3x3 window sits entirely on the bright side, the left column (+1 x 10 x 3) and
    the right column (-1 x 10 x 3) cancel: 0. Entirely on the dark side: 0 again. Only where
    the window straddles the edge does the left column see 10s and the right column 0s:
    30. The 6x6 result is zero except for its middle two columns:
  `);
  notebook.show(
    `image:\n${formatGrid(edge.flat())}\n\nafter the vertical-edge kernel:\n${
      formatGrid(edgeOutput.flat())
    }`,
  );
  await context.chart(
    "edge_example.svg",
    mapGridSpec({
      maps: [edge.flat(), edgeOutput.flat()],
      captions: ["8x8 image", "6x6 output"],
      title: "An 8x8 vertical edge, before and after the kernel",
      columns: 2,
      images: [0],
      imageLook: "light",
      values: true,
    }),
    "the 8x8 example before and after the vertical-edge kernel",
  );

  notebook.heading("2. Kernels on real digits");
  notebook.explain(`
    The same idea on handwritten digits (pixels scaled to 0-1), with four kernels: vertical
    and horizontal edges, and their Sobel versions, which weigh the centre row or column
    twice. Red is a positive response (ink to the left of, or above, the kernel's centre),
    blue a negative one (ink on the other side). Each kernel sees a different part of the
    stroke: this is what the first layer of a CNN learns to do by itself.
  `);
  // #region 2. Kernels on real digits
  const chosen = Array.from(
    shuffledIndices(mnist.test.count, context.rng.next).subarray(0, DIGITS_SHOWN),
  );
  const digits = chosen.map((index) => square(scalePixels(imageAt(mnist.test, index))));
  const maps: number[][] = [];
  const captions: string[] = [];
  digits.forEach((digit, i) => {
    maps.push(digit.flat());
    captions.push(`a ${mnist.test.labels[chosen[i]]}`);
    for (const [name, kernel] of Object.entries(KERNELS)) {
      maps.push(code.conv2d(digit, kernel, { padding: "same" }).flat());
      captions.push(name);
    }
  });
  // #endregion
  await context.chart(
    "digit_kernels.svg",
    mapGridSpec({
      maps,
      captions,
      title: "Digits through edge kernels (same padding: 28x28 in, 28x28 out)",
      columns: 1 + Object.keys(KERNELS).length,
      legendTitle: "response",
      images: digits.map((_, i) => i * (1 + Object.keys(KERNELS).length)),
    }),
    "each digit through each kernel",
  );

  notebook.heading("3. Stride, padding and the size of the output");
  notebook.explain(`
    With no padding ("valid"), a k-wide kernel fits n - k + 1 times across n pixels: the
    output shrinks (28 -> 26 for a 3x3 kernel). Padding p zeros on each side lets the kernel
    reach the border; "same" padding picks p so that the output keeps the input's size
    (p = 1 for 3x3). The stride s is how far the kernel moves each time; a stride of 2 halves
    the output. Together:
      output size = (n + 2p - k) / s + 1   (rounded down)
    Checked against TensorFlow.js on a 28x28 digit:
  `);
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
  notebook.show(
    sizeRows.map(({ padding, stride, p, formula, measured }) =>
      `  ${
        padding.padEnd(5)
      } stride ${stride}: (28 + 2 * ${p} - 3) / ${stride} + 1 = ${formula}, ` +
      `tf.conv2d gives ${measured}x${measured}`
    ).join("\n"),
  );

  notebook.heading("4. Max pooling");
  notebook.explain(`
    Max pooling keeps the largest value of each 2x2 block (stride 2): the map halves in each
    direction, keeps where the strong responses are, roughly, and forgets exactly where. Here
    is the Sobel vertical response of the first digit, kept only where positive (as a ReLU
    does), before and after 2x2 max pooling:
  `);
  // #region 4. Max pooling
  const response = code.conv2d(digits[0], KERNELS["Sobel vertical"], { padding: "same" })
    .map((row) => row.map((v) => Math.max(v, 0)));
  const pooled = code.maxPool(response, 2);
  // #endregion
  await context.chart(
    "max_pooling.svg",
    mapGridSpec({
      maps: [response.flat(), pooled.flat()],
      captions: ["28x28 feature map", "14x14 after 2x2 max pooling"],
      title: "A feature map before and after max pooling",
      columns: 2,
      legendTitle: "response",
    }),
    "a feature map and its 2x2 max-pooled version",
  );

  notebook.heading("5. How many parameters?");
  notebook.explain(`
    A convolution layer with F filters of kh x kw on C input channels has
    F * (C * kh * kw + 1) parameters: each filter's weights and one bias. The same weights
    are used at every position of the image, so the count does not depend on the image size.
  `);
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
  notebook.show(
    counts.map(({ filters, channels, formula, tfjs }) =>
      `  Conv2D(${filters}, 3x3) on ${channels} channel${channels > 1 ? "s" : ""}: ` +
      `${filters} * (${channels} * 9 + 1) = ${formula.toLocaleString("en-US")} ` +
      `(tfjs counts ${tfjs.toLocaleString("en-US")})`
    ).join("\n"),
  );
  notebook.explain(`
    Compare a dense layer of 128 units on the 784 pixels: 784 * 128 + 128 = 100,480
    parameters, each tied to one pixel position, so a pattern it learns in one place does
    not help it anywhere else. Lesson 7 stacks two convolutions into a network that goes past
    98% on the test set after a single pass over the training digits.
  `);

  const resultsPath = await writeResults(context, {
    config: { kernels: Object.keys(KERNELS), digits: chosen },
    extra: {
      edgeExample: edgeOutput.flat(),
      outputSizes: sizeRows,
      parameterCounts: counts,
    },
  });

  notebook.heading("Done");
  notebook.show(`Results: ${resultsPath}`);
  notebook.explain(`
    Next: open exercises/06_convolutions.ts and write the convolution and max pooling
    yourself; run deno task check 6 to see how you are doing.
  `);
}

if (import.meta.main) await runCommand(() => run(Deno.args));
