/**
 * Tests for lesson 2's exercises. They import the code under test through `@exercises/`, which
 * `deno.json` maps to `exercises/`; the suite and the grader point it at `solutions/` or a
 * student's folder without changing this file.
 */
import * as tf from "@tensorflow/tfjs";
import { assertAlmostEquals, assertEquals, assertGreater } from "@std/assert";
import {
  backpropagate,
  buildDenseModel,
  countDenseParameters,
  denseForward,
  type OneHiddenLayer,
  relu,
  reluDerivative,
} from "@exercises/02_hidden_layers.ts";
import { assertCloseArrays } from "../lib/exercise/assert_close.ts";
import { plainAs, plainModel } from "../lib/exercise/plain_data.ts";
import { testName } from "../lib/exercise/test_name.ts";
import { startBackend } from "../lib/backend/backend.ts";
import { loadMnist } from "../lib/data/mnist.ts";
import { randomSubset } from "../lib/data/split.ts";
import { evaluate } from "../lib/train/evaluate.ts";
import { fit } from "../lib/train/fit.ts";
import { createRng, seedEverything } from "../lib/cli/random.ts";
import { inBothLanguages } from "../lib/cli/two_languages.ts";

/** A `rows x cols` matrix of seeded random numbers in [-1, 1). */
function randomMatrix(rows: number, cols: number, random: () => number): number[][] {
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => random() * 2 - 1));
}

Deno.test(testName("2.1", "keeps positive values and zeroes the rest"), () => {
  assertCloseArrays(
    relu([-2, -0.5, 0, 0.5, 3]),
    [0, 0, 0, 0.5, 3],
    0,
    "relu([-2, -0.5, 0, 0.5, 3])",
  );
});

Deno.test(testName("2.1", "agrees with tf.relu and leaves its input alone"), async () => {
  await startBackend("wasm");
  const values = [-1.5, 2.25, -0.001, 7, 0];
  const expected = Array.from(tf.relu(tf.tensor1d(values)).dataSync());
  assertCloseArrays(relu(values), expected, 1e-6, `relu(${JSON.stringify(values)})`);
  assertEquals(
    values,
    [-1.5, 2.25, -0.001, 7, 0],
    inBothLanguages({ en: "relu must return a new array", zh: "relu 必须返回一个新数组" }),
  );
});

Deno.test(testName("2.2", "is 1 for positive values and 0 otherwise"), () => {
  assertCloseArrays(
    reluDerivative([-2, 0, 0.1, 5]),
    [0, 0, 1, 1],
    0,
    "reluDerivative([-2, 0, 0.1, 5])",
  );
});

Deno.test(testName("2.2", "matches tf.grad of tf.relu"), async () => {
  await startBackend("wasm");
  const values = [-3, -0.2, 0.2, 4];
  const expected = Array.from(
    tf.grad((x: tf.Tensor) => tf.relu(x).sum())(tf.tensor1d(values))
      .dataSync(),
  );
  assertCloseArrays(reluDerivative(values), expected, 0, "reluDerivative([-3, -0.2, 0.2, 4])");
});

Deno.test(testName("2.3", "computes bias + input times each kernel column"), () => {
  assertCloseArrays(
    denseForward([1, 2], [[1, 0, 1], [0, 1, 1]], [0, 0, 10]),
    [1, 2, 13],
    1e-12,
    "denseForward([1, 2], [[1, 0, 1], [0, 1, 1]], [0, 0, 10])",
  );
});

Deno.test(
  testName("2.3", "matches a tfjs Dense layer with the same weights", 2),
  async () => {
    await startBackend("wasm");
    const random = createRng(3).next;
    const kernel = randomMatrix(6, 4, random);
    const bias = Array.from({ length: 4 }, () => random());
    const input = Array.from({ length: 6 }, () => random());
    const layer = tf.layers.dense({ inputShape: [6], units: 4 });
    layer.build([null, 6]);
    layer.setWeights([tf.tensor2d(kernel), tf.tensor1d(bias)]);
    const expected = Array.from((layer.apply(tf.tensor2d([input])) as tf.Tensor).dataSync());
    assertCloseArrays(
      denseForward(input, kernel, bias),
      expected,
      1e-5,
      {
        en: "denseForward against tf.layers.dense (6 inputs, 4 units)",
        zh: "denseForward 与 tf.layers.dense 对比（6 个输入，4 个单元）",
      },
    );
  },
);

Deno.test(testName("2.4", "counts softmax regression and 2x128"), () => {
  assertEquals(
    plainAs(countDenseParameters([784, 10]), "countDenseParameters([784, 10])", "number"),
    7850,
    "[784, 10]: 784 * 10 + 10",
  );
  assertEquals(
    plainAs(
      countDenseParameters([784, 128, 128, 10]),
      "countDenseParameters([784, 128, 128, 10])",
      "number",
    ),
    118_282,
    "[784, 128, 128, 10]: 784*128 + 128 + 128*128 + 128 + 128*10 + 10",
  );
});

Deno.test(testName("2.4", "agrees with tfjs's countParams"), () => {
  for (const sizes of [[784, 512, 10], [784, 256, 256, 256, 10], [3, 1]]) {
    const model = tf.sequential();
    sizes.slice(1).forEach((units, i) =>
      model.add(tf.layers.dense({ units, ...(i === 0 ? { inputShape: [sizes[0]] } : {}) }))
    );
    const what = `countDenseParameters(${JSON.stringify(sizes)})`;
    assertEquals(plainAs(countDenseParameters(sizes), what, "number"), model.countParams(), what);
    model.dispose();
  }
});

Deno.test(
  testName("2.5", "stacks ReLU layers of the given sizes and a softmax", 2),
  async () => {
    await startBackend("wasm");
    const model = await plainModel(buildDenseModel([128, 128]), "buildDenseModel([128, 128])");
    assertEquals(
      model.inputs[0].shape,
      [null, 784],
      inBothLanguages({
        en: "the model should take 784 flattened pixels",
        zh: "模型的输入应当是展平后的 784 个像素",
      }),
    );
    assertEquals(
      model.outputs[0].shape,
      [null, 10],
      inBothLanguages({
        en: "the model should output 10 probabilities",
        zh: "模型应当输出 10 个概率",
      }),
    );
    assertEquals(
      model.layers.length,
      3,
      inBothLanguages({
        en: "buildDenseModel([128, 128]) should have 3 Dense layers",
        zh: "buildDenseModel([128, 128]) 应当有 3 个 Dense 层",
      }),
    );
    const activations = model.layers.map((layer) => layer.getConfig().activation);
    assertEquals(
      activations,
      ["relu", "relu", "softmax"],
      inBothLanguages({ en: "activations of the three layers", zh: "三个层的激活函数" }),
    );
    assertEquals(
      model.countParams(),
      118_282,
      inBothLanguages({
        en: "parameters of 784 -> 128 -> 128 -> 10",
        zh: "784 -> 128 -> 128 -> 10 的参数量",
      }),
    );
    model.dispose();
    const regression = await plainModel(buildDenseModel([]), "buildDenseModel([])");
    assertEquals(
      regression.countParams(),
      7850,
      inBothLanguages({
        en: "buildDenseModel([]) is softmax regression: 7,850 parameters",
        zh: "buildDenseModel([]) 就是 softmax 回归：7,850 个参数",
      }),
    );
    regression.dispose();
  },
);

Deno.test(
  testName("2.5", "learns: 3 epochs on 2,000 digits reach over 85%", 2),
  async () => {
    await startBackend("wasm");
    const rng = seedEverything(7);
    const mnist = await loadMnist();
    const train = randomSubset(mnist.train, 2000, rng.next);
    const test = randomSubset(mnist.test, 1000, rng.next);
    const model = await plainModel(buildDenseModel([64]), "buildDenseModel([64])");
    const optimizer = tf.train.rmsprop(0.001);
    await fit(model, train, { epochs: 3, batchSize: 64, optimizer, rng, layout: "flat" });
    const { accuracy } = evaluate(model, test, { layout: "flat" });
    model.dispose();
    assertGreater(
      accuracy,
      0.85,
      inBothLanguages({
        en: `test accuracy after training was ${accuracy}; expected over 0.85`,
        zh: `训练后在测试集上的准确率是 ${accuracy}；应当超过 0.85`,
      }),
    );
  },
);

/** Random weights and data for a 5-input, 4-hidden, 3-class network on 6 rows. */
function problem(seed: number) {
  const random = createRng(seed).next;
  const weights: OneHiddenLayer = {
    w1: randomMatrix(5, 4, random),
    b1: randomMatrix(1, 4, random)[0],
    w2: randomMatrix(4, 3, random),
    b2: randomMatrix(1, 3, random)[0],
  };
  const inputs = randomMatrix(6, 5, random);
  const targets = inputs.map((_, n) => [0, 1, 2].map((k) => (k === n % 3 ? 1 : 0)));
  return { weights, inputs, targets };
}

/** The same network in TensorFlow.js: its loss and `tf.grads` with respect to every weight. */
function reference(weights: OneHiddenLayer, inputs: number[][], targets: number[][]) {
  return tf.tidy(() => {
    const x = tf.tensor2d(inputs);
    const t = tf.tensor2d(targets);
    const lossOf = (...[w1, b1, w2, b2]: tf.Tensor[]) => {
      const h = tf.relu(x.matMul(w1 as tf.Tensor2D).add(b1));
      const logits = h.matMul(w2 as tf.Tensor2D).add(b2);
      return tf.neg(tf.mean(tf.sum(t.mul(tf.logSoftmax(logits)), 1)));
    };
    const args = [
      tf.tensor2d(weights.w1),
      tf.tensor1d(weights.b1),
      tf.tensor2d(weights.w2),
      tf.tensor1d(weights.b2),
    ];
    const { value, grads } = tf.valueAndGrads(lossOf)(args);
    const list = (tensor: tf.Tensor) => Array.from(tensor.dataSync());
    return {
      loss: value.dataSync()[0],
      w1: list(grads[0]),
      b1: list(grads[1]),
      w2: list(grads[2]),
      b2: list(grads[3]),
    };
  });
}

Deno.test(
  testName("2.6", "computes the mean cross-entropy of the batch"),
  async () => {
    await startBackend("wasm");
    const { weights, inputs, targets } = problem(11);
    const expected = reference(weights, inputs, targets).loss;
    const { loss } = plainAs(
      backpropagate(weights, inputs, targets),
      "backpropagate(weights, inputs, targets)",
      {
        loss: "number",
      },
    );
    assertAlmostEquals(
      loss,
      expected,
      1e-5,
      inBothLanguages({
        en: "the loss should be the mean over rows of -sum(target * log(softmax))",
        zh: "损失应当是各行 -sum(target * log(softmax)) 的平均值",
      }),
    );
  },
);

Deno.test(
  testName("2.6", "gradients match tf.grads on random data (gradient check)", 4),
  async () => {
    await startBackend("wasm");
    for (const seed of [11, 12, 13]) {
      const { weights, inputs, targets } = problem(seed);
      const expected = reference(weights, inputs, targets);
      const { gradients } = plainAs(
        backpropagate(weights, inputs, targets),
        {
          en: `backpropagate(weights, inputs, targets) for seed ${seed}`,
          zh: `随机种子为 ${seed} 时的 backpropagate(weights, inputs, targets)`,
        },
        { gradients: { w1: [["number"]], b1: ["number"], w2: [["number"]], b2: ["number"] } },
      );
      assertCloseArrays(gradients.w2.flat(), expected.w2, 1e-5, {
        en: `dLoss/dW2 (seed ${seed})`,
        zh: `dLoss/dW2（随机种子 ${seed}）`,
      });
      assertCloseArrays(gradients.b2, expected.b2, 1e-5, {
        en: `dLoss/db2 (seed ${seed})`,
        zh: `dLoss/db2（随机种子 ${seed}）`,
      });
      assertCloseArrays(gradients.w1.flat(), expected.w1, 1e-5, {
        en: `dLoss/dW1 (seed ${seed})`,
        zh: `dLoss/dW1（随机种子 ${seed}）`,
      });
      assertCloseArrays(gradients.b1, expected.b1, 1e-5, {
        en: `dLoss/db1 (seed ${seed})`,
        zh: `dLoss/db1（随机种子 ${seed}）`,
      });
    }
  },
);
