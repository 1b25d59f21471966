/**
 * Tests for lesson 8's exercises. They import the code under test through `@exercises/`, which
 * `deno.json` maps to `exercises/`; the suite and the grader point it at `solutions/` or a
 * student's folder without changing this file.
 */
import * as tf from "@tensorflow/tfjs";
import { assertEquals } from "@std/assert";
import {
  augmentationMatrix,
  batchNormInference,
  batchNormParameters,
  plateauRates,
} from "@exercises/08_modern_cnn.ts";
import { assertCloseArrays } from "../lib/exercise/assert_close.ts";
import { testName } from "../lib/exercise/test_name.ts";
import { plainAs, plainData } from "../lib/exercise/plain_data.ts";
import { startBackend } from "../lib/backend/backend.ts";
import { inBothLanguages } from "../lib/cli/two_languages.ts";

/** Where the single inked pixel of a `size` x `size` image lands after `matrix`. */
function whereItLands(matrix: number[], size: number, x: number, y: number): [number, number][] {
  return tf.tidy(() => {
    const pixels = new Float32Array(size * size);
    pixels[y * size + x] = 1;
    const image = tf.tensor4d(pixels, [1, size, size, 1]);
    const moved = tf.image.transform(image, tf.tensor2d([matrix]), "nearest", "constant", 0);
    const values = moved.dataSync();
    const lit: [number, number][] = [];
    values.forEach((value, i) => {
      if (value > 0.5) lit.push([i % size, Math.floor(i / size)]);
    });
    return lit;
  });
}

Deno.test(
  testName("8.1", "no change gives the identity; a shift moves the origin"),
  () => {
    assertCloseArrays(
      augmentationMatrix({ degrees: 0, zoom: 1, shiftX: 0, shiftY: 0 }, 28),
      [1, 0, 0, 0, 1, 0, 0, 0],
      1e-6,
      { en: "no rotation, zoom 1, no shift", zh: "不旋转、缩放 1、不平移" },
    );
    assertCloseArrays(
      augmentationMatrix({ degrees: 0, zoom: 1, shiftX: 2, shiftY: -3 }, 28),
      [1, 0, -2, 0, 1, 3, 0, 0],
      1e-6,
      {
        en: "shift right by 2 and up by 3 (each output pixel samples 2 to its left and 3 below)",
        zh: "向右平移 2、向上平移 3（每个输出像素取自它左边 2 格、下面 3 格的位置）",
      },
    );
  },
);

Deno.test(
  testName("8.1", "rotates anticlockwise and zooms about the centre", 2),
  async () => {
    await startBackend("wasm");
    // A 29x29 image has its centre on pixel (14, 14).
    const rotate = plainAs(
      augmentationMatrix({ degrees: 90, zoom: 1, shiftX: 0, shiftY: 0 }, 29),
      { en: "augmentationMatrix(90 degrees, 29)", zh: "augmentationMatrix(旋转 90 度, 29)" },
      ["number"],
    );
    assertEquals(
      whereItLands(rotate, 29, 20, 14),
      [[14, 8]],
      inBothLanguages({
        en: "a pixel 6 right of the centre, turned 90 degrees anticlockwise, should end 6 above it",
        zh: "中心右边 6 格的像素逆时针旋转 90 度后，应当落在中心上方 6 格",
      }),
    );
    const zoom = plainAs(
      augmentationMatrix({ degrees: 0, zoom: 0.5, shiftX: 0, shiftY: 0 }, 29),
      { en: "augmentationMatrix(zoom 0.5, 29)", zh: "augmentationMatrix(缩放 0.5, 29)" },
      ["number"],
    );
    assertEquals(
      whereItLands(zoom, 29, 18, 14),
      [[16, 14]],
      inBothLanguages({
        en: "zoom 0.5 should halve a pixel's distance from the centre: 4 right becomes 2 right",
        zh: "缩放 0.5 应当让像素到中心的距离减半：右边 4 格变成右边 2 格",
      }),
    );
    const all = plainAs(
      augmentationMatrix({ degrees: 90, zoom: 0.5, shiftX: 1, shiftY: 2 }, 29),
      {
        en: "augmentationMatrix(90 degrees, zoom 0.5, shift (1, 2), 29)",
        zh: "augmentationMatrix(旋转 90 度、缩放 0.5、平移 (1, 2), 29)",
      },
      ["number"],
    );
    assertEquals(
      whereItLands(all, 29, 18, 14),
      [[15, 14]],
      inBothLanguages({
        en:
          "zoom 0.5, then 90 degrees anticlockwise, then shift (1, 2): (18, 14) should land on (15, 14)",
        zh: "先缩放 0.5，再逆时针旋转 90 度，再平移 (1, 2)：(18, 14) 应当落在 (15, 14)",
      }),
    );
  },
);

const PLATEAU = { factor: 0.5, patience: 2, minLearningRate: 0.01 };

Deno.test(
  testName("8.2", "halves the rate after `patience` epochs without improvement", 2),
  () => {
    assertEquals(
      plainData(
        plateauRates([1, 0.9, 0.95, 0.95], 0.1, PLATEAU),
        "plateauRates(losses, rate, options)",
      ),
      [0.1, 0.1, 0.1, 0.05],
      inBothLanguages({
        en: "two epochs worse than the best (0.9) should halve the rate after the 4th epoch",
        zh: "连续两轮比最好值（0.9）差，应当在第 4 轮之后把学习率减半",
      }),
    );
    assertEquals(
      plainData(
        plateauRates([1, 0.9, 0.8, 0.7, 0.6], 0.1, PLATEAU),
        "plateauRates(losses, rate, options)",
      ),
      [0.1, 0.1, 0.1, 0.1, 0.1],
      inBothLanguages({
        en: "a loss that keeps improving should never reduce the rate",
        zh: "损失一直在改善时，永远不应降低学习率",
      }),
    );
    assertEquals(
      plainData(
        plateauRates([1, 2, 2, 2, 2, 2, 0.5, 2], 0.1, { ...PLATEAU, patience: 3 }),
        "plateauRates(losses, rate, options)",
      ),
      [0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.05, 0.05],
      inBothLanguages({
        en: "after a reduction the wait starts again from 0, and a new best also resets it",
        zh: "降低学习率之后等待计数从 0 重新开始，出现新的最好值也会把它清零",
      }),
    );
  },
);

Deno.test(
  testName("8.2", "never goes below the minimum; tiny improvements do not count"),
  () => {
    assertEquals(
      plainData(
        plateauRates([1, 1, 1, 1, 1, 1, 1, 1, 1], 0.04, PLATEAU),
        "plateauRates(losses, rate, options)",
      ),
      [0.04, 0.04, 0.02, 0.02, 0.01, 0.01, 0.01, 0.01, 0.01],
      inBothLanguages({
        en: "the rate should halve every 2 flat epochs and then stay at minLearningRate 0.01",
        zh: "每 2 个停滞的轮次学习率应当减半，之后停在 minLearningRate 0.01",
      }),
    );
    assertEquals(
      plainData(
        plateauRates([1, 0.99995, 0.9999], 0.1, PLATEAU),
        "plateauRates(losses, rate, options)",
      ),
      [0.1, 0.1, 0.05],
      inBothLanguages({
        en: "improvements smaller than minDelta (default 1e-4) should count as no improvement",
        zh: "小于 minDelta（默认 1e-4）的改善应当算作没有改善",
      }),
    );
    assertEquals(
      plainData(
        plateauRates([1, 0.99995, 0.9999], 0.1, { ...PLATEAU, minDelta: 0 }),
        "plateauRates(losses, rate, options)",
      ),
      [0.1, 0.1, 0.1],
      inBothLanguages({
        en: "with minDelta 0 every lower loss is an improvement",
        zh: "minDelta 为 0 时，任何更低的损失都算改善",
      }),
    );
  },
);

Deno.test(
  testName("8.3", "matches a tfjs BatchNormalization layer at inference", 2),
  async () => {
    await startBackend("wasm");
    const weights = {
      gamma: [1.5, 0.5, -1],
      beta: [0.1, -0.2, 0.3],
      movingMean: [0.2, -1, 3],
      movingVariance: [0.5, 2, 0.01],
    };
    const rows = [[0, 0, 0], [1, -2, 3.5], [-0.7, 4, 2.9]];
    const layer = tf.layers.batchNormalization({ inputShape: [3] });
    layer.build([null, 3]);
    layer.setWeights([
      tf.tensor1d(weights.gamma),
      tf.tensor1d(weights.beta),
      tf.tensor1d(weights.movingMean),
      tf.tensor1d(weights.movingVariance),
    ]);
    const expected = (layer.apply(tf.tensor2d(rows), { training: false }) as tf.Tensor)
      .arraySync() as number[][];
    const what = "batchNormInference(rows, weights)";
    const got = plainAs(batchNormInference(rows, weights), what, [["number"]]);
    assertEquals(
      got.length,
      rows.length,
      inBothLanguages({ en: "one output row per input row", zh: "每个输入行对应一个输出行" }),
    );
    got.forEach((row, r) =>
      assertCloseArrays(
        row,
        expected[r],
        1e-6,
        {
          en: `row ${r} (tfjs with epsilon 0.001)`,
          zh: `第 ${r} 行（tfjs，epsilon 0.001）`,
        },
      )
    );
    const single = plainAs(
      batchNormInference([[3]], { gamma: [2], beta: [1], movingMean: [1], movingVariance: [4] }, 0),
      "batchNormInference([[3]], weights, 0)",
      [["number"]],
    );
    assertCloseArrays(
      single[0],
      [3],
      1e-6,
      {
        en: "with epsilon 0: 2 * (3 - 1) / sqrt(4) + 1",
        zh: "epsilon 为 0 时：2 * (3 - 1) / sqrt(4) + 1",
      },
    );
  },
);

Deno.test(
  testName("8.4", "counts what a tfjs BatchNormalization layer holds"),
  async () => {
    await startBackend("wasm");
    for (const channels of [1, 64, 256]) {
      const layer = tf.layers.batchNormalization({ inputShape: [channels] });
      layer.build([null, channels]);
      const size = (weights: tf.LayerVariable[]) =>
        weights.reduce((total, weight) => total + weight.read().size, 0);
      assertEquals(
        plainData(batchNormParameters(channels), `batchNormParameters(${channels})`),
        { trainable: size(layer.trainableWeights), nonTrainable: size(layer.nonTrainableWeights) },
        inBothLanguages({
          en: `a BatchNorm layer over ${channels} channels`,
          zh: `${channels} 个通道上的 BatchNorm 层`,
        }),
      );
    }
    const modern = [64, 128, 256].map((channels) =>
      plainAs(batchNormParameters(channels), `batchNormParameters(${channels})`, {
        nonTrainable: "number",
      })
    );
    assertEquals(
      modern.reduce((total, counts) => total + counts.nonTrainable, 0),
      896,
      inBothLanguages({
        en: "the lesson's model has BatchNorm over 64, 128 and 256 channels: 896 non-trainable",
        zh: "这一课的模型在 64、128、256 个通道上各有一个 BatchNorm：共 896 个不可训练参数",
      }),
    );
  },
);
