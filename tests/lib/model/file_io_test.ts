/** The Deno file IO handler: a tfjs model saved to a folder loads back identical; bad files are named. */
import * as tf from "@tensorflow/tfjs";
import { assertEquals, assertRejects } from "@std/assert";
import { join } from "node:path";
import { startBackend } from "../../../lib/backend/backend.ts";
import { DataError } from "../../../lib/cli/errors.ts";
import { fileSystem, MODEL_JSON, WEIGHTS_BIN } from "../../../lib/model/file_io.ts";
import { seedEverything } from "../../../lib/cli/random.ts";

function smallModel(): tf.Sequential {
  return tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [6, 6, 1], filters: 2, kernelSize: 3, activation: "relu" }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 3, activation: "softmax" }),
    ],
  });
}

Deno.test("fileSystem saves model.json + weights.bin and loads the same model back", async () => {
  await startBackend("wasm");
  seedEverything(3);
  const dir = join(await Deno.makeTempDir(), "nested", "model");
  const model = smallModel();
  const result = await model.save(fileSystem(dir));
  assertEquals(result.modelArtifactsInfo.weightDataBytes, model.countParams() * 4);
  const json = JSON.parse(await Deno.readTextFile(join(dir, MODEL_JSON)));
  assertEquals(json.format, "layers-model");
  assertEquals(json.weightsManifest[0].paths, [WEIGHTS_BIN]);
  assertEquals((await Deno.stat(join(dir, WEIGHTS_BIN))).size, model.countParams() * 4);

  const loaded = await tf.loadLayersModel(fileSystem(dir));
  assertEquals(loaded.layers.map((l) => l.getClassName()), ["Conv2D", "Flatten", "Dense"]);
  const weights = (m: tf.LayersModel) => m.getWeights().map((w) => Array.from(w.dataSync()));
  assertEquals(weights(loaded), weights(model));
  const input = tf.randomUniform([2, 6, 6, 1]);
  const predict = (m: tf.LayersModel) => Array.from((m.predict(input) as tf.Tensor).dataSync());
  assertEquals(predict(loaded), predict(model));
  tf.dispose(input);
  model.dispose();
  loaded.dispose();
});

Deno.test("loading a missing folder names model.json and what to do", async () => {
  const dir = join(await Deno.makeTempDir(), "nothing");
  await assertRejects(
    () => tf.loadLayersModel(fileSystem(dir)),
    DataError,
    `${join(dir, MODEL_JSON)}: does not exist`,
  );
});

Deno.test("a truncated weights.bin or a malformed model.json is named", async () => {
  await startBackend("wasm");
  const dir = await Deno.makeTempDir();
  await smallModel().save(fileSystem(dir));
  const bytes = await Deno.readFile(join(dir, WEIGHTS_BIN));
  await Deno.writeFile(join(dir, WEIGHTS_BIN), bytes.subarray(0, bytes.length - 4));
  await assertRejects(
    () => tf.loadLayersModel(fileSystem(dir)),
    DataError,
    `${join(dir, WEIGHTS_BIN)}: holds ${bytes.length - 4} bytes`,
  );
  await Deno.writeTextFile(join(dir, MODEL_JSON), "{ not json");
  await assertRejects(
    () => tf.loadLayersModel(fileSystem(dir)),
    DataError,
    `${join(dir, MODEL_JSON)}: is not valid JSON`,
  );
  await Deno.writeTextFile(join(dir, MODEL_JSON), "{}");
  await assertRejects(
    () => tf.loadLayersModel(fileSystem(dir)),
    DataError,
    "has no modelTopology",
  );
  await Deno.remove(dir, { recursive: true });
});
