/**
 * Tests for lesson 6's exercises. They import the code under test through `@exercises/`, which
 * `deno.json` maps to `exercises/`; the suite and the grader point it at `solutions/` or a
 * student's folder without changing this file. Images and kernels hold small whole numbers, so
 * TensorFlow.js's float32 results are exact and the comparisons can be too.
 */
import * as tf from "@tensorflow/tfjs";
import { assertEquals } from "@std/assert";
import { conv2d, convParameters, maxPool, outputSize } from "@exercises/06_convolutions.ts";
import { testName } from "../lib/exercise/test_name.ts";
import { labelOf, plainAs, plainData } from "../lib/exercise/plain_data.ts";
import { startBackend } from "../lib/backend/backend.ts";
import { createRng } from "../lib/cli/random.ts";
import { inBothLanguages } from "../lib/cli/two_languages.ts";
import type { Text } from "../lib/cli/language.ts";

/** A `rows` x `cols` grid of whole numbers from -4 to 4, the same for the same seed. */
function randomGrid(rows: number, cols: number, seed: number): number[][] {
  const rng = createRng(seed);
  return Array.from(
    { length: rows },
    () => Array.from({ length: cols }, () => Math.floor(rng.next() * 9) - 4),
  );
}

/** What `tf.conv2d` gives for one image and one kernel. */
function tfConv(
  image: number[][],
  kernel: number[][],
  stride: number,
  padding: "valid" | "same",
): number[][] {
  return tf.tidy(() => {
    const x = tf.tensor4d(image.flat(), [1, image.length, image[0].length, 1]);
    const w = tf.tensor4d(kernel.flat(), [kernel.length, kernel[0].length, 1, 1]);
    return tf.conv2d(x, w, stride, padding).squeeze([0, 3]).arraySync() as number[][];
  });
}

/** What `tf.maxPool` gives with `valid` padding. */
function tfMaxPool(image: number[][], size: number, stride: number): number[][] {
  return tf.tidy(() => {
    const x = tf.tensor4d(image.flat(), [1, image.length, image[0].length, 1]);
    return tf.maxPool(x, size, stride, "valid").squeeze([0, 3]).arraySync() as number[][];
  });
}

/**
 * Asserts that the grid learner code returned equals `expected`. `expected` is computed before
 * the learner's function runs, from inputs the function cannot have changed yet.
 */
function assertSameGrid(returned: unknown, expected: number[][], what: Text) {
  const named = labelOf(what);
  const actual = plainAs(returned, what, [["number"]]);
  const size = (grid: number[][]) => `${grid.length}x${grid[0]?.length ?? 0}`;
  assertEquals(
    size(actual),
    size(expected),
    inBothLanguages({
      en: `${named.en}: the output should be ${size(expected)}`,
      zh: `${named.zh}：输出应当是 ${size(expected)}`,
    }),
  );
  // Adding 0 turns -0 into 0: tf and plain JavaScript may disagree on the sign of a zero sum.
  const clean = (grid: number[][]) => grid.map((row) => row.map((value) => value + 0));
  assertEquals(
    clean(actual),
    clean(expected),
    inBothLanguages({
      en: `${named.en}: values differ from TensorFlow.js's`,
      zh: `${named.zh}：数值与 TensorFlow.js 算出的不同`,
    }),
  );
}

const VERTICAL_EDGE = [[1, 0, -1], [1, 0, -1], [1, 0, -1]];

Deno.test(
  testName(
    "6.1",
    "finds the vertical edge of the 8x8 example: only the middle two columns",
    2,
  ),
  () => {
    const image = Array.from({ length: 8 }, () => [10, 10, 10, 10, 0, 0, 0, 0]);
    const expected = Array.from({ length: 6 }, () => [0, 0, 30, 30, 0, 0]);
    assertSameGrid(
      conv2d(image, VERTICAL_EDGE),
      expected,
      {
        en: "conv2d(8x8 edge, vertical kernel)",
        zh: "conv2d(8x8 边缘, 竖直边缘卷积核)",
      },
    );
  },
);

Deno.test(
  testName("6.1", "matches tf.conv2d with valid padding, stride 1 and 2", 2),
  async () => {
    await startBackend("wasm");
    const image = randomGrid(7, 9, 1);
    const kernel = randomGrid(3, 3, 2);
    const wide = randomGrid(2, 4, 3);
    const expected = [
      tfConv(image, kernel, 1, "valid"),
      tfConv(image, kernel, 2, "valid"),
      tfConv(image, wide, 1, "valid"),
    ];
    assertSameGrid(conv2d(image, kernel), expected[0], {
      en: "conv2d 7x9, 3x3",
      zh: "conv2d 7x9，3x3 卷积核",
    });
    assertSameGrid(conv2d(image, kernel, { stride: 2 }), expected[1], {
      en: "conv2d 7x9, 3x3, stride 2",
      zh: "conv2d 7x9，3x3 卷积核，步幅 2",
    });
    assertSameGrid(
      conv2d(image, wide, { padding: "valid" }),
      expected[2],
      { en: "conv2d 7x9 with a 2x4 kernel", zh: "conv2d 7x9，2x4 卷积核" },
    );
  },
);

Deno.test(
  testName("6.1", "matches tf.conv2d with same padding, odd and even kernels", 2),
  async () => {
    await startBackend("wasm");
    const image = randomGrid(8, 7, 4);
    for (const [kh, kw, stride] of [[3, 3, 1], [3, 3, 2], [4, 2, 1], [2, 2, 3], [5, 5, 2]]) {
      const kernel = randomGrid(kh, kw, 10 + kh * kw + stride);
      const expected = tfConv(image, kernel, stride, "same");
      assertSameGrid(
        conv2d(image.map((row) => row.slice()), kernel, { stride, padding: "same" }),
        expected,
        {
          en: `conv2d 8x7 with a ${kh}x${kw} kernel, stride ${stride}, same padding`,
          zh: `conv2d 8x7，${kh}x${kw} 卷积核，步幅 ${stride}，same 填充`,
        },
      );
    }
  },
);

Deno.test(testName("6.2", "keeps the largest value of each 2x2 block"), () => {
  const image = [[1, 2, 0, 0], [3, 4, 0, 1], [0, 0, 5, 0], [0, -1, 0, 0]];
  assertSameGrid(maxPool(image, 2), [[4, 1], [0, 5]], "maxPool(4x4, 2)");
});

Deno.test(
  testName("6.2", "matches tf.maxPool for 2x2 and 3x3 windows and strides", 2),
  async () => {
    await startBackend("wasm");
    const image = randomGrid(7, 9, 5);
    for (const [size, stride] of [[2, 2], [3, 2], [2, 1], [3, 3]]) {
      const expected = tfMaxPool(image, size, stride);
      assertSameGrid(
        maxPool(image.map((row) => row.slice()), size, stride),
        expected,
        {
          en: `maxPool(7x9, size ${size}, stride ${stride})`,
          zh: `maxPool(7x9, 窗口 ${size}, 步幅 ${stride})`,
        },
      );
    }
    const negative = randomGrid(4, 4, 6).map((row) => row.map((v) => -Math.abs(v) - 1));
    const expected = tfMaxPool(negative, 2, 2);
    assertSameGrid(
      maxPool(negative, 2),
      expected,
      { en: "maxPool of negative values", zh: "对负数做 maxPool" },
    );
  },
);

Deno.test(testName("6.3", "applies (n + 2p - k) / s + 1, rounded down"), () => {
  const cases: [number, number, number, number, number][] = [
    [28, 3, 1, 0, 26],
    [28, 3, 1, 1, 28],
    [28, 3, 2, 0, 13],
    [28, 3, 2, 1, 14],
    [8, 3, 1, 0, 6],
    [32, 5, 1, 2, 32],
    [7, 2, 2, 0, 3],
  ];
  for (const [n, k, s, p, expected] of cases) {
    assertEquals(
      plainData(outputSize(n, k, s, p), `outputSize(${n}, ${k}, ${s}, ${p})`),
      expected,
      inBothLanguages({
        en: `outputSize(n ${n}, k ${k}, stride ${s}, padding ${p})`,
        zh: `outputSize(n ${n}, k ${k}, 步幅 ${s}, 填充 ${p})`,
      }),
    );
  }
});

Deno.test(
  testName("6.4", "counts filters * (inChannels * kh * kw + 1), as tfjs does"),
  async () => {
    await startBackend("wasm");
    assertEquals(
      plainData(convParameters(64, 1, 3, 3), "convParameters(64, 1, 3, 3)"),
      640,
      inBothLanguages({
        en: "64 filters of 3x3 on 1 channel",
        zh: "1 个通道上的 64 个 3x3 卷积核",
      }),
    );
    for (const [filters, channels, kh, kw] of [[32, 1, 3, 3], [64, 32, 3, 3], [8, 3, 5, 2]]) {
      const layer = tf.layers.conv2d({ filters, kernelSize: [kh, kw] });
      layer.build([null, 28, 28, channels]);
      assertEquals(
        plainData(
          convParameters(filters, channels, kh, kw),
          `convParameters(${filters}, ${channels}, ${kh}, ${kw})`,
        ),
        layer.countParams(),
        `convParameters(${filters} filters, ${channels} channels, ${kh}x${kw})`,
      );
      layer.weights.forEach((weight) => weight.dispose());
    }
  },
);
