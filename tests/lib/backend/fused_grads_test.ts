/** ReLU's and Square's gradients through the fused kernels on wasm: tfjs's on cpu, bit for bit. */
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { assert, assertEquals } from "@std/assert";
import { RELU_GRAD, SQUARE_GRAD } from "../../../lib/backend/kernels/fused_grads.ts";
import { registerFastKernels } from "../../../lib/backend/kernels/mod.ts";
import { runOn, values } from "./compare_with_cpu.ts";

tf.enableProdMode();
await tf.setBackend("wasm");
registerFastKernels();

/** x with zeros, negatives, NaN and infinities; sizes with every remainder after the 4-wide loop. */
function input(size: number): tf.Tensor {
  const x = values(size, 11);
  const special = [0, -0, NaN, Infinity, -Infinity, 1e-30, -1e-30];
  special.forEach((v, i) => {
    if (i < size) x[(i * 7) % size] = v;
  });
  return tf.tensor(x);
}

for (const [name, op] of [["relu", tf.relu], ["square", tf.square]] as const) {
  Deno.test(`the fused ${name} gradient gives the bits of tfjs's on cpu`, async () => {
    for (const size of [1, 2, 3, 4, 5, 7, 64, 1001]) {
      const gradient = () =>
        tf.grad((x: tf.Tensor) => op(x))(input(size), tf.tensor(values(size, 13)));
      const [fast] = await runOn("wasm", gradient);
      const [cpu] = await runOn("cpu", gradient);
      assertEquals(
        new Uint32Array(fast.data.buffer),
        new Uint32Array(cpu.data.buffer),
        `${name}, size ${size}`,
      );
    }
    await tf.setBackend("wasm");
  });
}

Deno.test("relu's and square's gradients on wasm are one kernel each", async () => {
  await tf.setBackend("wasm");
  const profile = await tf.profile(() => {
    tf.grad((x: tf.Tensor) => tf.square(tf.relu(x)))(tf.ones([8]));
  });
  const names = profile.kernels.map((k) => k.name);
  for (const fused of [RELU_GRAD, SQUARE_GRAD]) {
    assert(names.includes(fused.kernel.kernelName), names.join(", "));
  }
  assert(!names.includes("Step") && !names.includes("Multiply"), names.join(", "));
});
