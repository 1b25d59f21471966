/**
 * Test helper: a small CNN and a small dense network, each trained in a few seconds on 2,000
 * MNIST digits (one seed) and saved as lessons save their models (`<out>/<lesson>/model` and a
 * `results.json` with its test accuracy), and the course's server started on any free port over
 * that folder.
 */
import * as tf from "@tensorflow/tfjs";
import { join } from "node:path";
import { startBackend } from "../../lib/backend/backend.ts";
import { type Digits, sliceDigits } from "../../lib/data/digits.ts";
import { fileSystem } from "../../lib/model/file_io.ts";
import { bundlePage } from "../../lib/serve/bundle.ts";
import { courseHandler } from "../../lib/serve/handler.ts";

const SEED = 7;

function tensors({ images, labels, count }: Digits, shape: number[]): [tf.Tensor, tf.Tensor] {
  return [
    tf.tensor(Float32Array.from(images, (v) => v / 255), [count, ...shape]),
    tf.oneHot(tf.tensor1d(labels, "int32"), 10),
  ];
}

/**
 * Trains `model` (compiled here) on the first 2,000 `train` digits, measures it on the first
 * 1,000 `test` ones, and saves both as `lesson` would (`<out>/<lesson>/model` and its
 * `results.json`); returns the model folder.
 */
async function trainAndSave(
  model: tf.Sequential,
  out: string,
  lesson: string,
  { train, test }: { train: Digits; test: Digits },
): Promise<string> {
  const started = performance.now();
  const shape = model.inputs[0].shape.slice(1) as number[];
  model.compile({ optimizer: tf.train.adam(0.01), loss: "categoricalCrossentropy" });
  const [x, y] = tensors(sliceDigits(train, 0, 2000), shape);
  await model.fit(x, y, { epochs: 3, batchSize: 100, shuffle: false, verbose: 0 });
  const [testX, testY] = tensors(sliceDigits(test, 0, 1000), shape);
  const accuracy = tf.tidy(() =>
    (model.predict(testX) as tf.Tensor).argMax(-1).equal(testY.argMax(-1)).mean().dataSync()[0]
  );
  tf.dispose([x, y, testX, testY]);
  const dir = join(out, lesson, "model");
  await model.save(fileSystem(dir));
  model.dispose();
  await Deno.writeTextFile(
    join(out, lesson, "results.json"),
    JSON.stringify({
      lesson,
      title: lesson,
      config: { mode: "subset" },
      test: { accuracy },
      wallSeconds: (performance.now() - started) / 1000,
    }),
  );
  return dir;
}

const init = (offset: number) => tf.initializers.glorotUniform({ seed: SEED + offset });

/**
 * A small CNN with batch normalisation (the layers of lessons 7 and 8) trained in a few seconds,
 * saved as lesson 7 saves its model; returns its folder.
 */
export async function saveSmallCnn(out: string, mnist: { train: Digits; test: Digits }) {
  await startBackend("wasm");
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({
        inputShape: [28, 28, 1],
        filters: 8,
        kernelSize: 3,
        activation: "relu",
        kernelInitializer: init(0),
      }),
      tf.layers.batchNormalization({ momentum: 0.9 }), // settles within 60 steps
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 10, activation: "softmax", kernelInitializer: init(1) }),
    ],
  });
  return await trainAndSave(model, out, "07_cnn", mnist);
}

/** A dense network (flat 784-pixel input, no convolution) saved as lesson 2's; its folder. */
export async function saveSmallDense(out: string, mnist: { train: Digits; test: Digits }) {
  await startBackend("wasm");
  const model = tf.sequential({
    layers: [
      tf.layers.dense({
        inputShape: [784],
        units: 32,
        activation: "relu",
        kernelInitializer: init(2),
      }),
      tf.layers.dense({ units: 10, activation: "softmax", kernelInitializer: init(3) }),
    ],
  });
  return await trainAndSave(model, out, "02_hidden_layers", mnist);
}

/** A running course server and its address. */
export interface Served {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  origin: string;
  /** Stops the server. */
  stop(): Promise<void>;
}

/** Serves `outRoot` as `deno task serve --out outRoot --port 0` would, in English. */
export async function serveCourse(outRoot: string): Promise<Served> {
  const handler = courseHandler({ outRoot, language: "en", script: await bundlePage() });
  const listening = Promise.withResolvers<number>();
  const server = Deno.serve({
    hostname: "127.0.0.1",
    port: 0,
    onListen: ({ port }) => listening.resolve(port),
  }, handler);
  const port = await listening.promise;
  return { origin: `http://127.0.0.1:${port}`, stop: () => server.shutdown() };
}
