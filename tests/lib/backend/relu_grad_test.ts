/** ReLU's gradient through `ReluGrad` on wasm: tfjs's dy · step(x) on cpu, bit for bit. */
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { assert, assertEquals } from "@std/assert";
import { RELU_GRAD } from "../../../lib/backend/kernels/relu_grad.ts";
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

Deno.test("ReluGrad gives the bits of tfjs's relu gradient on cpu", async () => {
  for (const size of [1, 2, 3, 4, 5, 7, 64, 1001]) {
    const gradient = () =>
      tf.grad((x: tf.Tensor) => tf.relu(x))(input(size), tf.tensor(values(size, 13)));
    const [fast] = await runOn("wasm", gradient);
    const [cpu] = await runOn("cpu", gradient);
    assertEquals(
      new Uint32Array(fast.data.buffer),
      new Uint32Array(cpu.data.buffer),
      `size ${size}`,
    );
  }
  await tf.setBackend("wasm");
});

Deno.test("relu's gradient on wasm is one ReluGrad, not Step and Multiply", async () => {
  await tf.setBackend("wasm");
  const profile = await tf.profile(() => {
    tf.grad((x: tf.Tensor) => tf.relu(x))(tf.ones([8]));
  });
  const names = profile.kernels.map((k) => k.name);
  assert(names.includes(RELU_GRAD) && !names.includes("Step"), names.join(", "));
});
