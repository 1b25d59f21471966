/** Softmax's gradient in one kernel on wasm: tfjs's formula on the same backend, bit for bit. */
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { assert, assertEquals } from "@std/assert";
import { registerFastKernels } from "../../../lib/backend/kernels/mod.ts";
import { SOFTMAX_GRAD } from "../../../lib/backend/kernels/softmax_grad.ts";
import { kernelsOn, values } from "./compare_with_cpu.ts";

tf.enableProdMode();
await tf.setBackend("wasm");
registerFastKernels();

const bits = (t: tf.Tensor) => new Uint32Array(t.dataSync().slice().buffer);

Deno.test("softmax's one-kernel gradient is tfjs's formula on wasm, bit for bit", () => {
  for (const shape of [[1, 1], [7, 10], [128, 10], [2, 3, 5]]) {
    const size = shape.reduce((a, b) => a * b);
    const x = tf.mul(tf.tensor(values(size, 21), shape), 6);
    const dy = tf.tensor(values(size, 22), shape);
    const fast = tf.grad((logits: tf.Tensor) => tf.softmax(logits))(x, dy);
    // tfjs's own gradient of Softmax, op by op.
    const y = tf.softmax(x);
    const dyTimesY = tf.mul(dy, y);
    const tfjs = tf.sub(dyTimesY, tf.mul(tf.sum(dyTimesY, -1, true), y));
    assertEquals(bits(fast), bits(tfjs), `shape ${shape}`);
    tf.dispose([x, dy, fast, y, dyTimesY, tfjs]);
  }
});

Deno.test("softmax's gradient on wasm is one kernel; on cpu it is tfjs's", async () => {
  const gradient = () => {
    tf.grad((x: tf.Tensor) => tf.softmax(x))(tf.tensor([[1, 2, 3], [0, -1, 4]]));
  };
  const wasm = await kernelsOn("wasm", gradient);
  assert(wasm.includes(SOFTMAX_GRAD) && !wasm.includes("Sub"), wasm.join(", "));
  const cpu = await kernelsOn("cpu", gradient);
  assert(!cpu.includes(SOFTMAX_GRAD) && cpu.includes("Sub"), cpu.join(", "));
  await tf.setBackend("wasm");
});
