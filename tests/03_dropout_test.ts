/**
 * Tests for lesson 3's exercises. They import the code under test through `@exercises/`, which
 * `deno.json` maps to `exercises/`; the suite and the grader point it at `solutions/` or a
 * student's folder without changing this file.
 */
import * as tf from "@tensorflow/tfjs";
import { assert, assertAlmostEquals, assertEquals, assertNotEquals } from "@std/assert";
import {
  applyDropout,
  buildDropoutModel,
  diagnoseFit,
  dropoutMask,
} from "@exercises/03_dropout.ts";
import { testName } from "../lib/exercise/test_name.ts";
import { plainAs, plainData, plainModel } from "../lib/exercise/plain_data.ts";
import { startBackend } from "../lib/backend/backend.ts";
import { createRng } from "../lib/cli/random.ts";
import { inBothLanguages } from "../lib/cli/two_languages.ts";

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

Deno.test(testName("3.1", "holds only 0 and 1 / (1 - rate)"), () => {
  const what = "dropoutMask(1000, 0.3, random)";
  const mask = plainAs(dropoutMask(1000, 0.3, createRng(1).next), what, ["number"]);
  assertEquals(
    mask.length,
    1000,
    inBothLanguages({
      en: "dropoutMask(1000, ...) should have 1000 entries",
      zh: "dropoutMask(1000, ...) 应当有 1000 个元素",
    }),
  );
  const odd = mask.find((m) => m !== 0 && Math.abs(m - 1 / 0.7) > 1e-9);
  assertEquals(
    odd,
    undefined,
    inBothLanguages({
      en: `with rate 0.3 every entry should be 0 or 1/0.7 = 1.4286`,
      zh: `rate 为 0.3 时，每个元素都应当是 0 或 1/0.7 = 1.4286`,
    }),
  );
  assertEquals(
    plainData(dropoutMask(50, 0, createRng(1).next), "dropoutMask(50, 0, random)"),
    new Array(50).fill(1),
    inBothLanguages({
      en: "with rate 0 nothing is dropped and nothing scaled: all ones",
      zh: "rate 为 0 时既不丢弃也不缩放：全部是 1",
    }),
  );
});

Deno.test(
  testName("3.1", "drops about `rate` of the units and keeps the mean at 1", 2),
  () => {
    for (const rate of [0.2, 0.5, 0.8]) {
      const what = `dropoutMask(100_000, ${rate}, random)`;
      const mask = plainAs(dropoutMask(100_000, rate, createRng(7).next), what, ["number"]);
      const dropped = mask.filter((m) => m === 0).length / mask.length;
      assertAlmostEquals(
        dropped,
        rate,
        0.01,
        inBothLanguages({
          en: `with rate ${rate} about ${rate * 100}% of 100,000 entries should be 0, got ${
            (dropped * 100).toFixed(1)
          }%`,
          zh: `rate 为 ${rate} 时，100,000 个元素中大约 ${rate * 100}% 应当为 0，实际是 ${
            (dropped * 100).toFixed(1)
          }%`,
        }),
      );
      assertAlmostEquals(
        mean(mask),
        1,
        0.03,
        inBothLanguages({
          en: `with rate ${rate} the mask's mean should be close to 1, got ${mean(mask)}`,
          zh: `rate 为 ${rate} 时，掩码的平均值应当接近 1，实际是 ${mean(mask)}`,
        }),
      );
    }
  },
);

Deno.test(testName("3.1", "draws from the given generator only"), () => {
  const a = plainData(dropoutMask(200, 0.5, createRng(3).next), "dropoutMask(200, 0.5, random)");
  assertEquals(
    plainData(dropoutMask(200, 0.5, createRng(3).next), "dropoutMask(200, 0.5, random)"),
    a,
    inBothLanguages({
      en: "the same seed must give the same mask",
      zh: "同一个随机种子必须给出同样的掩码",
    }),
  );
  assertNotEquals(
    plainData(dropoutMask(200, 0.5, createRng(4).next), "dropoutMask(200, 0.5, random)"),
    a,
    inBothLanguages({
      en: "another seed should give another mask: use `random`, not Math.random",
      zh: "换一个随机种子应当得到不同的掩码：要用 `random`，不要用 Math.random",
    }),
  );
});

Deno.test(testName("3.2", "is the identity at inference"), () => {
  const values = [0.5, -1, 2, 3.25];
  const out = applyDropout(values, 0.5, createRng(1).next, false);
  assertEquals(
    plainData(out, "applyDropout(values, 0.5, random, false)"),
    [0.5, -1, 2, 3.25],
    inBothLanguages({
      en: "at inference (training false) nothing changes",
      zh: "推理时（training 为 false）什么都不变",
    }),
  );
  assert(
    out !== values,
    inBothLanguages({
      en: "applyDropout should return a new array",
      zh: "applyDropout 应当返回一个新数组",
    }),
  );
});

Deno.test(
  testName("3.2", "while training, zeroes or scales each value, mean preserved", 2),
  () => {
    const values = Array.from({ length: 50_000 }, (_, i) => 1 + (i % 5));
    const out = plainAs(
      applyDropout(values.slice(), 0.4, createRng(9).next, true),
      {
        en: "applyDropout(50,000 values, 0.4, random, true)",
        zh: "applyDropout(50,000 个值, 0.4, random, true)",
      },
      ["number"],
    );
    assertEquals(
      out.length,
      values.length,
      inBothLanguages({
        en: "applyDropout should return one value per input",
        zh: "applyDropout 应当为每个输入返回一个值",
      }),
    );
    out.forEach((v, i) => {
      if (v !== 0) {
        assertAlmostEquals(
          v,
          values[i] / 0.6,
          1e-9,
          inBothLanguages({
            en: `a kept value ${values[i]} should become ${values[i]} / (1 - 0.4), got ${v}`,
            zh: `保留下来的值 ${values[i]} 应当变成 ${values[i]} / (1 - 0.4)，实际是 ${v}`,
          }),
        );
      }
    });
    const zeros = out.filter((v) => v === 0).length / out.length;
    assertAlmostEquals(
      zeros,
      0.4,
      0.01,
      inBothLanguages({
        en: `about 40% should be dropped, got ${zeros}`,
        zh: `应当丢弃大约 40%，实际是 ${zeros}`,
      }),
    );
    assertAlmostEquals(
      mean(out),
      mean(values),
      0.05,
      inBothLanguages({
        en: `the mean should stay about ${mean(values)}, got ${mean(out)}`,
        zh: `平均值应当保持在 ${mean(values)} 左右，实际是 ${mean(out)}`,
      }),
    );
  },
);

Deno.test(
  testName("3.3", "puts Dropout(rate) after each hidden layer", 2),
  async () => {
    await startBackend("wasm");
    const model = await plainModel(buildDropoutModel(0.3), "buildDropoutModel(0.3)");
    assertEquals(
      model.layers.map((layer) => layer.getClassName()),
      ["Dense", "Dropout", "Dense", "Dropout", "Dense"],
      inBothLanguages({ en: "the layers, in order", zh: "各层，按顺序" }),
    );
    assertEquals(
      model.layers.filter((layer) => layer.getClassName() === "Dropout")
        .map((layer) => layer.getConfig().rate),
      [0.3, 0.3],
      inBothLanguages({
        en: "both dropout layers should use the rate given",
        zh: "两个 Dropout 层都应当使用给定的 rate",
      }),
    );
    assertEquals(
      model.inputs[0].shape,
      [null, 784],
      inBothLanguages({
        en: "the model should take 784 flattened pixels",
        zh: "模型的输入应当是展平后的 784 个像素",
      }),
    );
    assertEquals(
      model.countParams(),
      118_282,
      inBothLanguages({
        en: "dropout adds no parameters: still 118,282",
        zh: "Dropout 不增加参数：仍是 118,282 个",
      }),
    );
    assertEquals(
      model.layers.map((layer) => layer.getConfig().activation).filter(Boolean),
      ["relu", "relu", "softmax"],
      inBothLanguages({
        en: "activations of the three Dense layers",
        zh: "三个 Dense 层的激活函数",
      }),
    );
    const half = await plainModel(buildDropoutModel(0.5), "buildDropoutModel(0.5)");
    assertEquals(
      half.layers[1].getConfig().rate,
      0.5,
      inBothLanguages({
        en: "buildDropoutModel(0.5) should use rate 0.5",
        zh: "buildDropoutModel(0.5) 应当使用 rate 0.5",
      }),
    );
    half.dispose();
    model.dispose();
  },
);

Deno.test(
  testName("3.3", "drops units while training, none at inference"),
  async () => {
    await startBackend("wasm");
    const model = await plainModel(buildDropoutModel(0.5), "buildDropoutModel(0.5)");
    const x = tf.randomUniform([4, 784], 0, 1, "float32", 5);
    const run = (training: boolean) =>
      tf.tidy(() => Array.from((model.apply(x, { training }) as tf.Tensor).dataSync()));
    assertEquals(
      run(false),
      run(false),
      inBothLanguages({
        en: "at inference the same input gives the same output",
        zh: "推理时，同样的输入给出同样的输出",
      }),
    );
    assertNotEquals(
      run(true),
      run(false),
      inBothLanguages({
        en: "while training, dropout should change the output",
        zh: "训练时，Dropout 应当改变输出",
      }),
    );
    x.dispose();
    model.dispose();
  },
);

Deno.test(testName("3.4", "names the three cases from the last epoch", 2), () => {
  const log = (accuracy: number, val_accuracy: number) => ({ accuracy, val_accuracy });
  const cases: [ReturnType<typeof log>[], string][] = [
    [[log(0.9, 0.9), log(0.995, 0.95)], "overfitting"],
    [[log(0.9, 0.92), log(0.93, 0.95)], "underfitting"],
    [[log(0.9, 0.85), log(0.97, 0.96)], "good fit"],
    [[log(0.99, 0.9), log(0.94, 0.95)], "underfitting"],
  ];
  for (const [history, expected] of cases) {
    const last = history[history.length - 1];
    assertEquals(
      plainData(diagnoseFit(history), "diagnoseFit(history)"),
      expected,
      inBothLanguages({
        en: `last epoch training ${last.accuracy}, validation ${last.val_accuracy}`,
        zh: `最后一轮训练准确率 ${last.accuracy}，验证准确率 ${last.val_accuracy}`,
      }),
    );
  }
});

Deno.test(testName("3.4", "uses the tolerance it is given"), () => {
  const history = [{ accuracy: 0.97, val_accuracy: 0.94 }];
  assertEquals(
    plainData(diagnoseFit(history, 0.05), "diagnoseFit(history, 0.05)"),
    "good fit",
    inBothLanguages({
      en: "a gap of 0.03 is within tolerance 0.05",
      zh: "0.03 的差距在容差 0.05 之内",
    }),
  );
  assertEquals(
    plainData(diagnoseFit(history, 0.01), "diagnoseFit(history, 0.01)"),
    "overfitting",
    inBothLanguages({
      en: "a gap of 0.03 exceeds tolerance 0.01",
      zh: "0.03 的差距超过了容差 0.01",
    }),
  );
});
