/**
 * Winograd's 3x3 convolutions (`winograd.ts`, `products.wat`) and the padding they read
 * (`pad.ts`) against tfjs's `cpu` backend: forward (with bias and ReLU), input gradient and
 * filter gradient, on odd and even sizes, valid, same and explicit padding, through the
 * registered kernels, so the tests also fail if the kernels stop choosing Winograd for the
 * course's layers.
 */
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import { assert, assertEquals, assertThrows } from "@std/assert";
import { registerFastKernels } from "../../../lib/backend/kernels/mod.ts";
import { padImages } from "../../../lib/backend/kernels/pad.ts";
import { withWasmKernels } from "../../../lib/backend/kernels/wasm_calls.ts";
import { winogradFits } from "../../../lib/backend/kernels/winograd.ts";
import { compareWithCpu, random, type Shape4 } from "./compare_with_cpu.ts";

tf.enableProdMode();
await tf.setBackend("wasm");
registerFastKernels();

type Padding = "valid" | "same" | tf.backend_util.ExplicitPadding;

/** Input shape, output channels, padding: each fits Winograd (3x3, stride 1, 4 | ci, 8 | co). */
const CASES: [Shape4, number, Padding][] = [
  [[2, 8, 8, 4], 8, "valid"], // even output: every 2x2 block whole
  [[2, 7, 9, 4], 8, "same"], // odd height: the last blocks half outside
  [[1, 3, 3, 8], 16, "valid"], // a single output pixel
  [[3, 5, 6, 12], 24, [[0, 0], [2, 1], [0, 3], [0, 0]]],
  [[1, 6, 6, 64], 128, "same"], // the channels of lesson 8's second and third layers
  [[1, 7, 7, 128], 192, "same"],
  [[1, 10, 10, 32], 64, "valid"], // lesson 7's second layer
];

function outShape(x: Shape4, outChannels: number, pad: Padding): number[] {
  return tf.backend_util.computeConv2DInfo(x, [3, 3, x[3], outChannels], 1, 1, pad).outShape;
}

Deno.test("the course's 3x3 layers with 4k input and 8k output channels take Winograd", () => {
  for (const shape of [[3, 3, 32, 64], [3, 3, 64, 128], [3, 3, 128, 192], [3, 3, 64, 32]]) {
    assert(winogradFits(shape, 1, 1), `${shape}`);
  }
  assert(!winogradFits([3, 3, 1, 32], 1, 1), "first layers: one input channel");
  assert(!winogradFits([3, 3, 32, 1], 1, 1), "first layers' input gradient: one output channel");
  assert(!winogradFits([3, 3, 8, 8], 2, 1), "stride 2");
  assert(!winogradFits([3, 3, 8, 8], 1, [2, 2]), "dilation 2");
  assert(!winogradFits([5, 5, 8, 8], 1, 1), "5x5");
});

Deno.test("Winograd's convolution matches cpu, with and without bias and ReLU", async () => {
  for (const [x, outChannels, pad] of CASES) {
    const filterShape: Shape4 = [3, 3, x[3], outChannels];
    const withBias = (activation: "linear" | "relu") =>
      tf.fused.conv2d({
        x: random(x, 1) as tf.Tensor4D,
        filter: random(filterShape, 2) as tf.Tensor4D,
        bias: random([outChannels], 3),
        strides: 1,
        pad,
        activation,
      });
    await compareWithCpu(`conv ${x} -> ${outChannels} ${pad}`, () => [
      tf.conv2d(random(x, 1) as tf.Tensor4D, random(filterShape, 2) as tf.Tensor4D, 1, pad),
      withBias("relu"),
      withBias("linear"),
    ]);
  }
});

Deno.test("Winograd's filter gradient matches cpu", async () => {
  for (const [x, outChannels, pad] of CASES) {
    const filterShape: Shape4 = [3, 3, x[3], outChannels];
    await compareWithCpu(
      `filter grad ${x} -> ${outChannels} ${pad}`,
      () =>
        tf.engine().runKernel("Conv2DBackpropFilter", {
          x: random(x, 4),
          dy: random(outShape(x, outChannels, pad), 5),
        }, { strides: 1, pad, dataFormat: "NHWC", filterShape }) as tf.Tensor,
    );
  }
});

Deno.test("Winograd's input gradient matches cpu", async () => {
  // The input gradient convolves dy (co channels) back to ci: co a multiple of 4, ci of 8.
  const cases: [Shape4, number, Padding][] = CASES.map(([[n, h, w, ci], co, pad]) => [
    [n, h, w, co],
    ci,
    pad,
  ]);
  for (const [x, outChannels, pad] of cases) {
    const filterShape: Shape4 = [3, 3, x[3], outChannels];
    await compareWithCpu(
      `input grad ${x} -> ${outChannels} ${pad}`,
      () =>
        tf.engine().runKernel("Conv2DBackpropInput", {
          dy: random(outShape(x, outChannels, pad), 6),
          filter: random(filterShape, 7),
        }, { strides: 1, pad, dataFormat: "NHWC", inputShape: x }) as tf.Tensor,
    );
  }
});

Deno.test("padImages puts the images among zeros exactly as tf.pad does", async () => {
  const x = random([2, 3, 4, 5], 8);
  const padded = tf.tidy(() =>
    tf.engine().makeTensorFromTensorInfo(
      withWasmKernels(
        tf.backend(),
        (_, constant) => padImages(tf.backend() as BackendWasm, constant, x, 2, 1, 6, 7),
      ),
    )
  );
  const expected = tf.pad(x, [[0, 0], [2, 1], [1, 2], [0, 0]]);
  assertEquals(padded.shape, expected.shape);
  assertEquals(await padded.data(), await expected.data());
  assertThrows(
    () =>
      withWasmKernels(
        tf.backend(),
        (_, c) => padImages(tf.backend() as BackendWasm, c, x, 1, 0, 3, 4),
      ),
    Error,
    "would crop it",
  );
  tf.dispose([x, padded, expected]);
});
