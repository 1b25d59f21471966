import * as tf from "@tensorflow/tfjs";
import { assertEquals, assertStringIncludes } from "@std/assert";
import { countParameters, formatSummary } from "../../../lib/model/summary.ts";

Deno.test("formatSummary lists layers, output shapes and Keras's totals", async () => {
  await tf.setBackend("cpu");
  const model = tf.sequential({
    name: "mlp",
    layers: [
      tf.layers.dense({ inputShape: [784], units: 128, activation: "relu", name: "hidden" }),
      tf.layers.batchNormalization({ name: "norm" }),
      tf.layers.dense({ units: 10, activation: "softmax", name: "output" }),
    ],
  });
  const text = formatSummary(model);
  assertStringIncludes(text, 'Model: "mlp"');
  assertStringIncludes(text, "hidden (Dense)");
  assertStringIncludes(text, "(None, 128)");
  assertStringIncludes(text, "100,480");
  assertStringIncludes(text, "Total params: 102,282");
  assertStringIncludes(text, "Trainable params: 102,026");
  assertStringIncludes(text, "Non-trainable params: 256");
  assertEquals(countParameters(model), { total: 102282, trainable: 102026, nonTrainable: 256 });
  model.dispose();
});
