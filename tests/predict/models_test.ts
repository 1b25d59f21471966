/**
 * Which model predict uses: every `<lesson>/<folder>/model.json` under `--out` (lesson 7's
 * `07_cnn/model`, lesson 8's `08_modern_cnn/best_model`), the most accurate by its lesson's
 * results.json, named with its accuracy and the others found; a broken model is one line.
 */
import * as tf from "@tensorflow/tfjs";
import { assertEquals, assertStringIncludes } from "@std/assert";
import { join } from "node:path";
import { startBackend } from "../../lib/backend/backend.ts";
import { loadMnist } from "../../lib/data/mnist.ts";
import { fileSystem } from "../../lib/model/file_io.ts";
import { drawnDigit, encodePng } from "../lib/predict/fixtures.ts";
import { predictCli } from "./predict_cli.ts";

const mnist = await loadMnist();
await startBackend("wasm");

/** Saves an untrained model taking `inputShape` as `<out>/<lesson>/<folder>`, and its results. */
async function saveModel(
  out: string,
  lesson: string,
  folder: string,
  accuracy: number,
  inputShape = [784],
) {
  const model = tf.sequential({
    layers: [
      inputShape.length === 1
        ? tf.layers.dense({ inputShape, units: 8 })
        : tf.layers.flatten({ inputShape }),
      tf.layers.dense({ units: 10, activation: "softmax" }),
    ],
  });
  await model.save(fileSystem(join(out, lesson, folder)));
  model.dispose();
  await Deno.writeTextFile(
    join(out, lesson, "results.json"),
    JSON.stringify({ test: { accuracy } }),
  );
}

async function pictureIn(dir: string): Promise<string> {
  const path = join(dir, "seven.png");
  await Deno.writeFile(path, encodePng(drawnDigit(mnist.test, 0)));
  return path;
}

Deno.test("predict uses lesson 8's best_model when it is the most accurate, and says so", async () => {
  const out = await Deno.makeTempDir();
  const picture = await pictureIn(out);
  await saveModel(out, "08_modern_cnn", "best_model", 0.9931, [28, 28, 1]);
  let run = await predictCli([picture, "--out", out]);
  assertEquals(run.code, 0, run.stderr);
  const lesson8 = `Model: ${join(out, "08_modern_cnn", "best_model")} (lesson 08_modern_cnn, ` +
    "test accuracy 99.31%)";
  assertStringIncludes(run.stdout, lesson8);

  await saveModel(out, "07_cnn", "model", 0.9902);
  await saveModel(out, "02_hidden_layers", "model", 0.975);
  run = await predictCli([picture, "--out", out]);
  assertEquals(run.code, 0, run.stderr);
  assertStringIncludes(run.stdout, lesson8);
  assertStringIncludes(
    run.stdout,
    `the most accurate of 3 saved models; also saved: ${join(out, "07_cnn", "model")} ` +
      `(lesson 07_cnn, test accuracy 99.02%); ${join(out, "02_hidden_layers", "model")}`,
  );
  await Deno.remove(out, { recursive: true });
});

Deno.test("a model.json that cannot be built, or takes other input, is one line naming it", async () => {
  const out = await Deno.makeTempDir();
  const picture = await pictureIn(out);
  await saveModel(out, "07_cnn", "model", 0.99);
  const json = join(out, "07_cnn", "model", "model.json");
  const saved = JSON.parse(await Deno.readTextFile(json));
  saved.modelTopology.config.layers[1].class_name = "NoSuchLayer";
  await Deno.writeTextFile(json, JSON.stringify(saved));
  await saveModel(out, "09_other", "model", 0.5, [32, 32, 3]);
  const cases: [string, string][] = [
    [join(out, "07_cnn", "model"), `error: ${json}: cannot build the model (`],
    [
      join(out, "09_other", "model"),
      `model.json: takes input of shape [null, 32, 32, 3]; expected [null, 784] or [null, 28, 28, 1]`,
    ],
  ];
  for (const [model, message] of cases) {
    const run = await predictCli([picture, "--model", model]);
    assertEquals(run.code, 2, run.stderr);
    assertStringIncludes(run.stderr, message);
    assertEquals(run.stderr.trim().split("\n").length, 1, run.stderr);
  }
  await Deno.remove(out, { recursive: true });
});

Deno.test("a picture unlike a digit on paper is still predicted, with a warning line", async () => {
  const out = await Deno.makeTempDir();
  await saveModel(out, "07_cnn", "model", 0.99);
  const picture = drawnDigit(mnist.test, 0);
  const faint = { ...picture, rgba: picture.rgba.map((v, i) => i % 4 === 3 ? v : 200 + v * 0.2) };
  const path = join(out, "faint.png");
  await Deno.writeFile(path, encodePng(faint));
  const run = await predictCli([path, "--out", out]);
  assertEquals(run.code, 0, run.stderr);
  assertStringIncludes(
    run.stderr,
    `warning: ${path}: low contrast: the ink differs from the paper`,
  );
  assertStringIncludes(run.stdout, "most likely");
  const chinese = await predictCli([path, "--out", out, "--lang", "zh"]);
  assertStringIncludes(chinese.stderr, `警告：${path}：对比度太低`);
  assertStringIncludes(chinese.stdout, "模型：");
  assertStringIncludes(chinese.stdout, "最可能是");
  await Deno.remove(out, { recursive: true });
});
