import * as tf from "@tensorflow/tfjs";
import { assertEquals, assertNotEquals } from "@std/assert";
import { denseNetwork } from "../../../lib/model/dense_network.ts";
import { startBackend } from "../../../lib/backend/backend.ts";
import { seedEverything } from "../../../lib/cli/random.ts";

Deno.test("denseNetwork stacks ReLU layers, optional dropout and a softmax output", async () => {
  await startBackend("wasm");
  const model = denseNetwork({ hidden: [128, 128], dropout: 0.3 });
  assertEquals(
    model.layers.map((layer) => layer.name),
    ["hidden_1", "dropout_1", "hidden_2", "dropout_2", "output"],
  );
  assertEquals(model.countParams(), 784 * 128 + 128 + 128 * 128 + 128 + 128 * 10 + 10);
  assertEquals(model.outputs[0].shape, [null, 10]);
  model.dispose();
  const regression = denseNetwork({ hidden: [] });
  assertEquals(regression.countParams(), 7850);
  regression.dispose();
});

Deno.test("denseNetwork starts from the same weights for the same seed", async () => {
  await startBackend("wasm");
  const weights = (seed: number) => {
    seedEverything(seed);
    const model = denseNetwork({ hidden: [16] });
    const values = Array.from(model.getWeights()[0].dataSync());
    model.dispose();
    return values;
  };
  assertEquals(weights(3), weights(3));
  assertNotEquals(weights(3), weights(4));
  tf.disposeVariables();
});
