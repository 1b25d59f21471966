/**
 * Categorical cross-entropy with its gradient in one kernel (`CrossentropyGrad`): the values
 * and the gradient of tfjs's own loss on the same backend, bit for bit.
 */
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { assert, assertEquals } from "@std/assert";
import {
  categoricalCrossentropy,
  CROSSENTROPY_GRAD,
} from "../../../lib/backend/kernels/crossentropy_grad.ts";
import { registerFastKernels } from "../../../lib/backend/kernels/mod.ts";
import { kernelsOn, values } from "./compare_with_cpu.ts";

tf.enableProdMode();
await tf.setBackend("wasm");
registerFastKernels();

type Loss = (target: tf.Tensor, p: tf.Tensor) => tf.Tensor;

/** The loss's values and its gradient for p, weighting each row's loss differently. */
function valueAndGradient(loss: Loss, target: tf.Tensor, p: tf.Tensor): Uint32Array[] {
  const weights = tf.tensor(values(p.shape[0], 5));
  const weighted = (q: tf.Tensor) => tf.sum(tf.mul(loss(target, q), weights));
  const { value, grad } = tf.valueAndGrad(weighted)(p);
  const perRow = loss(target, p);
  const bits = [perRow, value, grad].map((t) => new Uint32Array(t.dataSync().slice().buffer));
  tf.dispose([weights, value, grad, perRow]);
  return bits;
}

/** Probabilities: softmax rows, rows that do not sum to 1, and rows with clipped entries. */
function probabilities(rows: number, columns: number): tf.Tensor {
  return tf.tidy(() => {
    const softmax = tf.softmax(tf.mul(tf.tensor(values(rows * columns, 3), [rows, columns]), 8));
    const scaled = tf.mul(softmax, tf.reshape(tf.abs(tf.tensor(values(rows, 4))), [rows, 1]));
    const extreme = tf.tensor(
      Array.from({ length: rows * columns }, (_, i) => [0, 1, 1e-9, 0.5, 1 - 1e-8][i % 5]),
      [rows, columns],
    );
    const row = tf.reshape(tf.range(0, rows), [rows, 1]);
    return tf.where(
      tf.equal(tf.mod(row, 3), 0),
      softmax,
      tf.where(tf.equal(tf.mod(row, 3), 1), scaled, extreme),
    );
  });
}

Deno.test("cross-entropy's one-kernel gradient is tfjs's on wasm, bit for bit", () => {
  for (const [rows, columns] of [[1, 2], [7, 10], [128, 10], [5, 3]]) {
    const p = probabilities(rows, columns);
    const labels = values(rows, 6).map((v) => Math.floor((v + 1) * columns / 2));
    const oneHot = tf.oneHot(tf.tensor1d(labels, "int32"), columns);
    const soft = tf.add(tf.mul(oneHot, 0.9), 0.1 / columns);
    for (const target of [oneHot, soft]) {
      assertEquals(
        valueAndGradient(categoricalCrossentropy, target, p),
        valueAndGradient(tf.metrics.categoricalCrossentropy, target, p),
        `${rows}x${columns}, ${target.dtype} targets`,
      );
    }
    tf.dispose([p, oneHot, soft]);
  }
});

Deno.test("cross-entropy's gradient on wasm is one kernel; on cpu it is tfjs's", async () => {
  const gradient = () => {
    tf.grad((p: tf.Tensor) => tf.sum(categoricalCrossentropy(tf.oneHot([1, 0], 3), p)))(
      tf.tensor([[0.2, 0.5, 0.3], [0.6, 0.1, 0.3]]),
    );
  };
  const wasm = await kernelsOn("wasm", gradient);
  assert(wasm.includes(CROSSENTROPY_GRAD) && !wasm.includes("Select"), wasm.join(", "));
  const cpu = await kernelsOn("cpu", gradient);
  assert(!cpu.includes(CROSSENTROPY_GRAD) && cpu.includes("Select"), cpu.join(", "));
  await tf.setBackend("wasm");
});
