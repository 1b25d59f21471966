/** The broadcast gradients of `Mean` and `Sum`: tfjs's values, bit for bit, on wasm and cpu. */
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { assertEquals } from "@std/assert";
import { meanGradConfig, sumGradConfig } from "../../../lib/backend/kernels/reduction_grads.ts";
import { registerFastKernels } from "../../../lib/backend/kernels/mod.ts";
import { values } from "./compare_with_cpu.ts";

const TFJS = { Mean: tf.getGradient("Mean")!, Sum: tf.getGradient("Sum")! };

tf.enableProdMode();
await tf.setBackend("wasm");
registerFastKernels();

/** Shapes and axes as batch norm (leading axes), losses (all) and rows (last) reduce them. */
const CASES: { shape: number[]; axis: number | number[] }[] = [
  { shape: [4, 5, 5, 3], axis: [0, 1, 2] },
  { shape: [6, 7], axis: 0 },
  { shape: [6, 7], axis: 1 },
  { shape: [6, 7], axis: [0, 1] },
  { shape: [2, 3, 4], axis: [0, 2] },
];

function bits(t: tf.Tensor): Uint32Array {
  return new Uint32Array(Float32Array.from(t.dataSync()).buffer);
}

for (const backend of ["wasm", "cpu"]) {
  Deno.test(`Mean and Sum gradients match tfjs's bit for bit on ${backend}`, async () => {
    await tf.setBackend(backend);
    for (const { shape, axis } of CASES) {
      tf.tidy(() => {
        const x = tf.tensor(values(tf.util.sizeFromShape(shape), 3), shape);
        const dy = tf.tensor(values(tf.sum(x, axis).size, 5), tf.sum(x, axis).shape).mul(7);
        const attrs = { axis, keepDims: false };
        for (const [ours, theirs] of [[meanGradConfig, TFJS.Mean], [sumGradConfig, TFJS.Sum]]) {
          const got = ours.gradFunc(dy, [x], attrs) as Record<string, () => tf.Tensor>;
          const want = theirs.gradFunc(dy, [x], attrs) as Record<string, () => tf.Tensor>;
          assertEquals(got.x().shape, shape);
          assertEquals(bits(got.x()), bits(want.x()), `${ours.kernelName} ${shape} ${axis}`);
        }
      });
    }
  });
}
