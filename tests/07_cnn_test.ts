/**
 * Tests for lesson 7's exercises. They import the code under test through `@exercises/`, which
 * `deno.json` maps to `exercises/`; the suite and the grader point it at `solutions/` or a
 * student's folder without changing this file.
 */
import * as tf from "@tensorflow/tfjs";
import { assertAlmostEquals, assertEquals, assertLess } from "@std/assert";
import { buildCnn, confusionMatrix, topMistakes } from "@exercises/07_cnn.ts";
import { testName } from "../lib/exercise/test_name.ts";
import { plainAs, plainData, plainModel } from "../lib/exercise/plain_data.ts";
import { startBackend } from "../lib/backend/backend.ts";
import { loadMnist } from "../lib/data/mnist.ts";
import { randomSubset } from "../lib/data/split.ts";
import { evaluate } from "../lib/train/evaluate.ts";
import { fit } from "../lib/train/fit.ts";
import { seedEverything } from "../lib/cli/random.ts";
import { inBothLanguages } from "../lib/cli/two_languages.ts";

/** The article's summary: layer type, output shape and parameters, layer by layer. */
const EXPECTED_LAYERS: [string, (number | null)[], number][] = [
  ["Conv2D", [null, 26, 26, 32], 320],
  ["Conv2D", [null, 24, 24, 64], 18_496],
  ["MaxPooling2D", [null, 12, 12, 64], 0],
  ["Dropout", [null, 12, 12, 64], 0],
  ["Flatten", [null, 9216], 0],
  ["Dense", [null, 128], 1_179_776],
  ["Dropout", [null, 128], 0],
  ["Dense", [null, 10], 1_290],
];

Deno.test(
  testName("7.1", "matches the article's summary: shapes and 1,199,882 parameters", 3),
  async () => {
    await startBackend("wasm");
    const model = await plainModel(buildCnn(), "buildCnn()");
    assertEquals(
      model.inputs[0].shape,
      [null, 28, 28, 1],
      inBothLanguages({
        en: "the model should take 28x28x1 images",
        zh: "模型的输入应当是 28x28x1 的图片",
      }),
    );
    const got = model.layers.map((layer) =>
      `${layer.getClassName()} ${JSON.stringify(layer.outputShape)}`
    );
    const expected = EXPECTED_LAYERS.map(([type, shape]) => `${type} ${JSON.stringify(shape)}`);
    assertEquals(
      got,
      expected,
      inBothLanguages({
        en: "the layers (type and output shape), in order",
        zh: "各层（类型和输出形状），按顺序",
      }),
    );
    model.layers.forEach((layer, i) =>
      assertEquals(
        layer.countParams(),
        EXPECTED_LAYERS[i][2],
        inBothLanguages({
          en: `layer ${i + 1} (${layer.getClassName()}) should have ${
            EXPECTED_LAYERS[i][2]
          } parameters`,
          zh: `第 ${i + 1} 层（${layer.getClassName()}）应当有 ${EXPECTED_LAYERS[i][2]} 个参数`,
        }),
      )
    );
    assertEquals(
      model.countParams(),
      1_199_882,
      inBothLanguages({
        en: "the whole model should have 1,199,882 parameters",
        zh: "整个模型应当有 1,199,882 个参数",
      }),
    );
    model.dispose();
  },
);

Deno.test(
  testName("7.1", "uses relu, dropout rates 0.25 and 0.5, and a softmax output"),
  async () => {
    await startBackend("wasm");
    const model = await plainModel(buildCnn(), "buildCnn()");
    const config = (i: number) => model.layers[i].getConfig();
    for (const i of [0, 1, 5]) {
      assertEquals(
        config(i).activation,
        "relu",
        inBothLanguages({
          en: `layer ${i + 1} should use a relu activation`,
          zh: `第 ${i + 1} 层应当使用 relu 激活函数`,
        }),
      );
    }
    assertEquals(
      config(3).rate,
      0.25,
      inBothLanguages({
        en: "the first dropout should drop 25% (rate 0.25)",
        zh: "第一个 Dropout 应当丢弃 25%（rate 0.25）",
      }),
    );
    assertEquals(
      config(6).rate,
      0.5,
      inBothLanguages({
        en: "the second dropout should drop 50% (rate 0.5)",
        zh: "第二个 Dropout 应当丢弃 50%（rate 0.5）",
      }),
    );
    const sums = tf.tidy(() =>
      (model.predict(tf.ones([2, 28, 28, 1])) as tf.Tensor).sum(1).arraySync() as number[]
    );
    sums.forEach((sum) =>
      assertAlmostEquals(
        sum,
        1,
        1e-5,
        inBothLanguages({
          en: "each output row must sum to 1: use a softmax activation",
          zh: "每一行输出之和必须为 1：请用 softmax 激活函数",
        }),
      )
    );
    model.dispose();
  },
);

Deno.test(
  testName("7.1", "learns: 4 Adam steps on 256 digits lower their loss", 2),
  async () => {
    await startBackend("wasm");
    const rng = seedEverything(7);
    const digits = randomSubset((await loadMnist()).train, 256, rng.next);
    const model = await plainModel(buildCnn(), "buildCnn()");
    const before = evaluate(model, digits, { layout: "image" }).loss;
    await fit(model, digits, {
      epochs: 1,
      batchSize: 64,
      optimizer: tf.train.adam(0.001),
      rng,
      layout: "image",
    });
    const after = evaluate(model, digits, { layout: "image" }).loss;
    model.dispose();
    assertLess(
      after,
      before - 0.05,
      inBothLanguages({
        en: `the loss was ${before.toFixed(3)} before training and ${after.toFixed(3)} after; ` +
          "expected it to drop by more than 0.05",
        zh: `训练前损失是 ${before.toFixed(3)}，训练后是 ${after.toFixed(3)}；` +
          "应当下降 0.05 以上",
      }),
    );
  },
);

Deno.test(
  testName("7.2", "counts (true, predicted) pairs in the right cells", 2),
  () => {
    const what = "confusionMatrix([0, 1, 1, 2, 2, 2], [0, 1, 0, 2, 1, 2], 3)";
    assertEquals(
      plainData(confusionMatrix([0, 1, 1, 2, 2, 2], [0, 1, 0, 2, 1, 2], 3), what),
      [[1, 0, 0], [1, 1, 0], [0, 1, 2]],
      inBothLanguages({
        en:
          "confusionMatrix([0, 1, 1, 2, 2, 2], [0, 1, 0, 2, 1, 2], 3): rows are true labels, columns predictions",
        zh: "confusionMatrix([0, 1, 1, 2, 2, 2], [0, 1, 0, 2, 1, 2], 3)：行是真实标签，列是预测",
      }),
    );
  },
);

Deno.test(
  testName(
    "7.2",
    "has classes x classes cells, rows summing to each label's count",
  ),
  () => {
    const labels = [3, 3, 0, 9, 9, 9, 5];
    const predicted = [3, 8, 0, 9, 4, 9, 5];
    const matrix = plainAs(
      confusionMatrix(labels.slice(), predicted.slice(), 10),
      "confusionMatrix(labels, predicted, 10)",
      [["number"]],
    );
    assertEquals(
      matrix.length,
      10,
      inBothLanguages({ en: "one row per class", zh: "每个类别一行" }),
    );
    matrix.forEach((row, t) => {
      assertEquals(
        row.length,
        10,
        inBothLanguages({
          en: `row ${t} should have one column per class`,
          zh: `第 ${t} 行应当每个类别一列`,
        }),
      );
      const count = labels.filter((label) => label === t).length;
      assertEquals(
        row.reduce((a, b) => a + b, 0),
        count,
        inBothLanguages({
          en: `row ${t} should add up to the ${count} examples labelled ${t}`,
          zh: `第 ${t} 行加起来应当等于标签为 ${t} 的 ${count} 个样本`,
        }),
      );
    });
    const diagonal = matrix.reduce((sum, row, i) => sum + row[i], 0);
    assertEquals(
      diagonal,
      5,
      inBothLanguages({
        en: "the diagonal should hold the 5 correct predictions",
        zh: "对角线上应当是 5 个正确的预测",
      }),
    );
  },
);

const PROBABILITIES = [
  [0.9, 0.05, 0.05], // right (0)
  [0.1, 0.2, 0.7], // label 1, predicted 2 at 0.7
  [0.05, 0.9, 0.05], // label 0, predicted 1 at 0.9
  [0.6, 0.3, 0.1], // label 2, predicted 0 at 0.6
  [0.2, 0.1, 0.7], // label 0, predicted 2 at 0.7 (ties with row 1)
  [0.1, 0.8, 0.1], // right (1)
];
const LABELS = [0, 1, 0, 2, 0, 1];
/** A mistake as topMistakes returns it. */
const MISTAKE = {
  index: "number",
  label: "number",
  predicted: "number",
  confidence: "number",
} as const;

Deno.test(
  testName("7.3", "returns only mistakes, most confident first, ties by index", 2),
  () => {
    const what = "topMistakes(labels, probabilities, 10)";
    const mistakes = plainAs(topMistakes(LABELS, PROBABILITIES, 10), what, [MISTAKE]);
    assertEquals(
      mistakes.map((m) => m.index),
      [2, 1, 4, 3],
      inBothLanguages({
        en:
          "the indices of the mistakes, most confident first (rows 1 and 4 tie at 0.7: lower index first)",
        zh: "错误预测的下标，把握最大的排在前面（第 1 行和第 4 行都是 0.7：下标小的在前）",
      }),
    );
    assertEquals(
      mistakes[0],
      { index: 2, label: 0, predicted: 1, confidence: 0.9 },
      inBothLanguages({
        en: "the most confident mistake: row 2, true 0, predicted 1 with probability 0.9",
        zh: "把握最大的错误：第 2 行，真实为 0，以 0.9 的概率预测为 1",
      }),
    );
  },
);

Deno.test(testName("7.3", "keeps at most k, and none when all are right"), () => {
  const what = "topMistakes(labels, probabilities, 2)";
  assertEquals(
    plainAs(topMistakes(LABELS, PROBABILITIES, 2), what, [MISTAKE]).map((m) => m.index),
    [2, 1],
    inBothLanguages({
      en: "topMistakes(..., k = 2) should keep the 2 most confident mistakes",
      zh: "topMistakes(..., k = 2) 应当保留把握最大的 2 个错误",
    }),
  );
  assertEquals(
    plainData(topMistakes([0, 1], [[0.9, 0.1], [0.2, 0.8]], 5), {
      en: "topMistakes(two right rows, 5)",
      zh: "topMistakes(两行都预测正确, 5)",
    }),
    [],
    inBothLanguages({
      en: "with every prediction right there are no mistakes",
      zh: "预测全部正确时没有错误",
    }),
  );
});
