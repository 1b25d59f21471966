/**
 * The lessons' own model builders (the benchmark trains the same ones): the parameter counts
 * the lessons quote, ten probabilities per input, the same starting weights for the same seed,
 * and lesson modules that do nothing when imported.
 */
import * as tf from "@tensorflow/tfjs";
import { assertEquals, assertNotEquals } from "@std/assert";
import { startBackend } from "../../lib/backend/backend.ts";
import { COURSE_ROOT } from "../../lib/cli/course_root.ts";
import { LESSONS } from "../../lib/course/manifest.ts";
import { seedEverything } from "../../lib/cli/random.ts";
import { softmaxRegression } from "../../lessons/01_softmax.ts";
import { hiddenLayersNetwork } from "../../lessons/02_hidden_layers.ts";
import { dropoutNetwork } from "../../lessons/03_dropout.ts";
import { optimizersNetwork } from "../../lessons/04_optimizers.ts";
import { remedyNetwork } from "../../lessons/05_regularization.ts";
import { simpleCnn } from "../../lessons/07_cnn.ts";
import { modernCnn } from "../../lessons/08_modern_cnn.ts";

const FLAT = [2, 784];
const IMAGES = [2, 28, 28, 1];
const noRemedy = { name: "no remedy", dropout: 0, earlyStopping: false };

Deno.test("each lesson's model has the parameters it quotes, 10 probabilities out", async () => {
  await startBackend("wasm");
  const cases: [string, () => tf.LayersModel, number, number[]][] = [
    ["lesson 1 softmaxRegression()", softmaxRegression, 7_850, FLAT],
    ["lesson 2 hiddenLayersNetwork([512])", () => hiddenLayersNetwork([512]), 407_050, FLAT],
    ["lesson 3 dropoutNetwork(0.3)", () => dropoutNetwork(0.3), 118_282, FLAT],
    ["lesson 3 dropoutNetwork(0.2, 512)", () => dropoutNetwork(0.2, 512), 669_706, FLAT],
    ["lesson 4 optimizersNetwork()", optimizersNetwork, 118_282, FLAT],
    ["lesson 5 remedyNetwork(no remedy, 256)", () => remedyNetwork(noRemedy, 256), 269_322, FLAT],
    ["lesson 7 simpleCnn()", simpleCnn, 1_199_882, IMAGES],
    ["lesson 8 modernCnn()", modernCnn, 742_858, IMAGES],
  ];
  for (const [name, build, parameters, inputShape] of cases) {
    const model = build();
    assertEquals(model.countParams(), parameters, `${name}: expected ${parameters} parameters`);
    const sums = tf.tidy(() => (model.predict(tf.zeros(inputShape)) as tf.Tensor).sum(1));
    assertEquals(sums.shape, [2], `${name}: expected one row of outputs per input`);
    sums.dataSync().forEach((sum) =>
      assertEquals(Math.abs(sum - 1) < 1e-5, true, `${name}: rows sum to ${sum}`)
    );
    sums.dispose();
    model.dispose();
  }
});

Deno.test("lesson 3's network has dropout after each hidden layer, none at rate 0", async () => {
  await startBackend("wasm");
  const names = (model: tf.Sequential) => {
    const layers = model.layers.map((layer) => layer.name);
    model.dispose();
    return layers;
  };
  assertEquals(names(dropoutNetwork(0.3)), [
    "hidden_1",
    "dropout_1",
    "hidden_2",
    "dropout_2",
    "output",
  ]);
  assertEquals(names(dropoutNetwork(0)), ["hidden_1", "hidden_2", "output"]);
});

Deno.test("a lesson's model starts from the same weights for the same seed", async () => {
  await startBackend("wasm");
  const weights = (seed: number) => {
    seedEverything(seed);
    const model = hiddenLayersNetwork([16]);
    const values = Array.from(model.getWeights()[0].dataSync());
    model.dispose();
    return values;
  };
  assertEquals(weights(3), weights(3));
  assertNotEquals(weights(3), weights(4));
});

Deno.test("importing every lesson and the benchmark's models runs nothing", async () => {
  const imports = [...LESSONS.map(({ id }) => `./lessons/${id}.ts`), "./bench/models.ts"]
    .map((path) => `await import("${path}");`).join("\n");
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["eval", imports],
    cwd: COURSE_ROOT,
    stdin: "null",
  }).output();
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  assertEquals([code, decode(stdout), decode(stderr)], [0, "", ""]);
});
