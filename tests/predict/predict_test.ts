/**
 * `deno task predict` end to end: a small model trained here and saved as a lesson saves its
 * model, pictures of test digits drawn larger on white paper, and bad files.
 */
import * as tf from "@tensorflow/tfjs";
import { assertEquals, assertGreaterOrEqual, assertStringIncludes } from "@std/assert";
import { join } from "node:path";
import { startBackend } from "../../lib/backend/backend.ts";
import { loadMnist } from "../../lib/data/mnist.ts";
import { randomSubset } from "../../lib/data/split.ts";
import { fit } from "../../lib/train/fit.ts";
import { seedEverything } from "../../lib/cli/random.ts";
import { fileSystem } from "../../lib/model/file_io.ts";
import { drawnDigit, encodeJpeg, encodePng } from "../lib/predict/fixtures.ts";
import { predictCli } from "./predict_cli.ts";

const mnist = await loadMnist();

/** A lesson-like output folder holding a small dense model trained on 6,000 digits. */
async function outWithTrainedModel(): Promise<string> {
  await startBackend("wasm");
  const rng = seedEverything(7);
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [784], units: 64, activation: "relu" }),
      tf.layers.dense({ units: 10, activation: "softmax" }),
    ],
  });
  const train = randomSubset(mnist.train, 6000, rng.next);
  await fit(model, train, {
    epochs: 4,
    batchSize: 64,
    optimizer: tf.train.adam(0.002),
    rng,
    layout: "flat",
  });
  const out = await Deno.makeTempDir();
  await model.save(fileSystem(join(out, "02_demo", "model")));
  await Deno.writeTextFile(
    join(out, "02_demo", "results.json"),
    JSON.stringify({ lesson: "02_demo", test: { accuracy: 0.95 } }),
  );
  model.dispose();
  return out;
}

Deno.test("predict reads drawings of digits at other sizes on white paper and names them", async () => {
  const out = await outWithTrainedModel();
  const pictures = await Deno.makeTempDir();
  const indices = [0, 1, 2, 3, 4, 5, 6, 7];
  let right = 0;
  for (const index of indices) {
    const picture = drawnDigit(mnist.test, index, { zoom: 4 + (index % 4), left: 5 + 9 * index });
    const path = join(pictures, `digit_${index}.${index % 2 ? "jpg" : "png"}`);
    await Deno.writeFile(path, index % 2 ? encodeJpeg(picture) : encodePng(picture));
    const run = await predictCli([path, "--out", out]);
    assertEquals(run.code, 0, run.stderr);
    assertStringIncludes(run.stdout, `Model: ${join(out, "02_demo", "model")} (lesson 02_demo`);
    const top = Number(/most likely\n\s+(\d)/.exec(run.stdout)?.[1]);
    if (top === mnist.test.labels[index]) right++;
    const svg = await Deno.readTextFile(join(out, "predict", `digit_${index}.svg`));
    assertStringIncludes(svg, `digit_${index}`);
  }
  assertGreaterOrEqual(right, 7, `only ${right} of ${indices.length} drawings were recognised`);
  await Deno.remove(out, { recursive: true });
  await Deno.remove(pictures, { recursive: true });
});

Deno.test("predict refuses bad files and a missing model with one line and exit code 2", async () => {
  const dir = await Deno.makeTempDir();
  const text = join(dir, "notes.png");
  await Deno.writeTextFile(text, "not a picture");
  const blank = join(dir, "blank.png");
  await Deno.writeFile(
    blank,
    encodePng({ width: 40, height: 40, rgba: new Uint8Array(6400).fill(255) }),
  );
  const digit = join(dir, "seven.png");
  await Deno.writeFile(digit, encodePng(drawnDigit(mnist.test, 0)));
  const cases: [string[], string][] = [
    [[join(dir, "missing.png")], "missing.png: cannot read the image (no such file)"],
    [[text], "notes.png: not a PNG or JPEG image"],
    [[blank], "blank.png: no ink found"],
    [[digit, "--out", dir], "no saved model under"],
    [[digit, "--model", dir], "--model"],
    [[], "expected one image file, got 0"],
    [["--colour"], "unknown option --colour"],
  ];
  for (const [args, message] of cases) {
    const run = await predictCli(args);
    assertEquals(run.code, 2, `${args.join(" ")}: ${run.stderr}`);
    assertStringIncludes(run.stderr, message);
    assertEquals(run.stderr.includes("    at "), false, "no stack trace");
  }
  await Deno.remove(dir, { recursive: true });
});
