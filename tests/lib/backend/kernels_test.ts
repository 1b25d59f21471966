/**
 * The fast wasm kernels against tfjs's pure-JavaScript `cpu` backend, the reference, within
 * the relative error `compare_with_cpu.ts` defines.
 */
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { assert, assertEquals, assertLess } from "@std/assert";
import { FAST_KERNELS, registerFastKernels } from "../../../lib/backend/kernels/mod.ts";
import {
  compareWithCpu,
  CONV_CASES,
  type ConvCase,
  convOutShape,
  type Pad,
  random,
  relativeError,
  runOn,
  type Shape4,
  TOLERANCE,
} from "./compare_with_cpu.ts";

tf.enableProdMode();
await tf.setBackend("wasm");
registerFastKernels();

/**
 * The shared convolution cases, a 1x1 filter with same padding, and two more whose output
 * channels (multiples of 8) take the direct filter gradient with rows left over after its
 * tiles of 4 (27 and 45 rows), one with a last row no output reads.
 */
const CASES: ConvCase[] = [
  ...CONV_CASES,
  { x: [2, 6, 6, 3], k: 1, cOut: 8, stride: 2, pad: "same" },
  { x: [2, 6, 6, 3], k: 3, cOut: 16, stride: 2, pad: "valid" },
  { x: [3, 9, 8, 5], k: 3, cOut: 24, stride: 1, pad: "same" },
];

Deno.test("registerFastKernels installs every fast kernel for wasm, idempotently", () => {
  registerFastKernels();
  registerFastKernels();
  for (const config of FAST_KERNELS) {
    assert(tf.getKernel(config.kernelName, "wasm") === config, `${config.kernelName} installed`);
  }
});

Deno.test("Conv2DBackpropFilter matches cpu (strides 1 and 2, valid and same)", async () => {
  let worst = 0;
  for (const { x, k, cOut, stride, pad } of CASES) {
    const filterShape: Shape4 = [k, k, x[3], cOut];
    worst = Math.max(
      worst,
      await compareWithCpu(
        `filter grad ${x} k${k} s${stride} ${pad}`,
        () =>
          tf.engine().runKernel("Conv2DBackpropFilter", {
            x: random(x, 1),
            dy: random(convOutShape(x, filterShape, stride, pad), 2),
          }, { strides: stride, pad, dataFormat: "NHWC", filterShape }) as tf.Tensor,
      ),
    );
  }
  console.log(`Conv2DBackpropFilter: max relative error ${worst.toExponential(2)}`);
});

Deno.test("Conv2DBackpropInput matches cpu (strides 1 and 2, valid and same)", async () => {
  let worst = 0;
  for (const { x, k, cOut, stride, pad } of CASES) {
    const filterShape: Shape4 = [k, k, x[3], cOut];
    worst = Math.max(
      worst,
      await compareWithCpu(`input grad ${x} k${k} s${stride} ${pad}`, () =>
        tf.conv2dTranspose(
          random(convOutShape(x, filterShape, stride, pad), 2) as tf.Tensor4D,
          random(filterShape, 3) as tf.Tensor4D,
          x,
          stride,
          pad,
        )),
    );
  }
  console.log(`Conv2DBackpropInput: max relative error ${worst.toExponential(2)}`);
});

Deno.test("both convolution gradients accept explicit padding", async () => {
  const x: Shape4 = [2, 6, 7, 3];
  const paddings: tf.backend_util.ExplicitPadding[] = [
    [[0, 0], [2, 0], [1, 2], [0, 0]],
    [[0, 0], [3, 1], [0, 4], [0, 0]], // wider than the filter: "full" padding goes negative
  ];
  // 4 output channels take the XNNPACK filter gradient, 8 the direct one.
  for (const [pad, outChannels] of paddings.flatMap((p) => [[p, 4], [p, 8]] as const)) {
    const filterShape: Shape4 = [3, 3, 3, outChannels];
    const dyShape = tf.backend_util.computeConv2DInfo(x, filterShape, 2, 1, pad).outShape;
    await compareWithCpu(`explicit padding ${pad}, ${outChannels} channels`, () => [
      tf.engine().runKernel("Conv2DBackpropFilter", { x: random(x, 4), dy: random(dyShape, 5) }, {
        strides: 2,
        pad,
        dataFormat: "NHWC",
        filterShape,
      }) as tf.Tensor,
      tf.engine().runKernel("Conv2DBackpropInput", {
        dy: random(dyShape, 5),
        filter: random(filterShape, 6),
      }, { strides: 2, pad, dataFormat: "NHWC", inputShape: x }) as tf.Tensor,
    ]);
  }
});

Deno.test("tf.grad of a convolution through the fast kernels matches cpu", async () => {
  for (const { x, k, cOut, stride, pad } of CONV_CASES.slice(0, 5)) {
    const filterShape: Shape4 = [k, k, x[3], cOut];
    await compareWithCpu(`tf.grads conv ${x} k${k} s${stride} ${pad}`, () => {
      const weights = random(convOutShape(x, filterShape, stride, pad), 7);
      const loss = (input: tf.Tensor, filter: tf.Tensor) =>
        tf.sum(
          tf.mul(tf.conv2d(input as tf.Tensor4D, filter as tf.Tensor4D, stride, pad), weights),
        );
      return tf.grads(loss)([random(x, 8), random(filterShape, 9)]);
    });
  }
});

Deno.test("BatchMatMul with transposed operands, or taken transposed, matches cpu", async () => {
  let worst = 0;
  const cases: [number[], number[], boolean, boolean][] = [
    [[7, 5], [7, 3], true, false],
    [[5, 7], [3, 7], false, true],
    [[7, 5], [3, 7], true, true],
    [[5, 7], [7, 3], false, false],
    [[2, 7, 5], [2, 7, 3], true, false],
    [[3, 5, 7], [1, 4, 7], false, true],
    // Few rows and a wide b: taken as (bᵀ · aᵀ)ᵀ, so that XNNPACK repacks the smaller operand.
    [[5, 40], [300, 40], false, true],
    [[300, 5], [300, 40], true, false],
    [[2, 64], [64, 64], false, true],
    // n a multiple of 8: the course's product (k in two chunks, rows 64 + 4 + 2), b plain or
    // read transposed in place.
    [[5, 300], [300, 40], false, false],
    [[70, 300], [300, 16], false, false],
    [[8, 20], [64, 20], false, true],
    [[70, 300], [16, 300], false, true],
    // More rows than the course's product takes: XNNPACK's.
    [[300, 20], [20, 16], false, false],
    [[1, 5, 300], [1, 300, 40], false, false],
    [[5, 300], [1, 300, 40], false, false],
  ];
  for (const [a, b, transposeA, transposeB] of cases) {
    worst = Math.max(
      worst,
      await compareWithCpu(
        `matMul ${a} ${b} ${transposeA} ${transposeB}`,
        () => tf.matMul(random(a, 10), random(b, 11), transposeA, transposeB),
      ),
    );
  }
  console.log(`BatchMatMul: max relative error ${worst.toExponential(2)}`);
});

Deno.test("_FusedMatMul with bias and activations matches cpu", async () => {
  const cases: {
    a: number[];
    b: number[];
    bias?: number[];
    activation?: "relu" | "elu";
    transposeB?: boolean;
  }[] = [
    // The course's product, then bias and ReLU in one pass.
    { a: [32, 300], b: [300, 16], bias: [16], activation: "relu" },
    { a: [5, 40], b: [40, 8], bias: [8] },
    { a: [5, 40], b: [40, 8], activation: "relu" },
    // tfjs's own wasm kernel gets these two wrong.
    { a: [5, 40], b: [40, 8], bias: [1] },
    { a: [5, 40], b: [8, 40], bias: [8], transposeB: true },
    // XNNPACK's product: too many rows for the course's.
    { a: [300, 20], b: [20, 16], bias: [16], activation: "relu" },
    // tfjs's kernel: another activation.
    { a: [5, 40], b: [40, 8], bias: [8], activation: "elu" },
  ];
  for (const { a, b, bias, activation, transposeB = false } of cases) {
    await compareWithCpu(
      `fused matMul ${a} ${b} bias ${bias} ${activation} ${transposeB}`,
      () =>
        tf.fused.matMul({
          a: random(a, 12) as tf.Tensor2D,
          b: random(b, 13) as tf.Tensor2D,
          transposeB,
          bias: bias && random(bias, 14),
          activation,
        }),
    );
  }
});

Deno.test("MaxPoolGrad matches cpu, sending each gradient to the first maximum", async () => {
  // relu-like inputs (many zeros), negative inputs and whole numbers (many ties): the
  // built-in wasm kernel gets all three wrong. NaN never wins; windows of nothing but -∞ and
  // NaN (a third of them in the last kind) send nothing.
  const inputs: [string, (shape: number[]) => tf.Tensor][] = [
    ["relu", (shape) => tf.relu(random(shape, 12))],
    ["negative", (shape) => tf.sub(tf.abs(random(shape, 13)), 2)],
    ["ties", (shape) => tf.round(tf.mul(random(shape, 14), 2))],
    ["-inf", (shape) => {
      const x = random(shape, 19);
      return tf.where(tf.less(x, -0.3), tf.fill(shape, -Infinity), x);
    }],
    ["nan", (shape) => {
      const x = random(shape, 20);
      return tf.where(tf.less(x, -0.3), tf.fill(shape, NaN), x);
    }],
    ["-inf and nan", (shape) => {
      const x = tf.round(tf.mul(random(shape, 21), 2)); // a quarter 0: ties
      const nan = tf.where(tf.greater(x, 0), tf.fill(shape, NaN), x);
      return tf.where(tf.less(x, 0), tf.fill(shape, -Infinity), nan);
    }],
  ];
  // 2×2 windows with stride 2 and no padding run max_pool_grad.wat: 4 channels at a time,
  // then one at a time (3, 5, 6 and 1 channels), leftover rows and columns (7×7, 5×9).
  const pools: { x: Shape4; size: number; stride: number; pad: Pad }[] = [
    { x: [2, 6, 6, 3], size: 2, stride: 2, pad: "valid" },
    { x: [2, 7, 7, 3], size: 2, stride: 2, pad: "valid" }, // last row and column unused
    { x: [2, 7, 7, 5], size: 2, stride: 2, pad: "valid" },
    { x: [2, 5, 9, 64], size: 2, stride: 2, pad: "valid" },
    { x: [3, 4, 4, 1], size: 2, stride: 2, pad: "valid" },
    { x: [2, 6, 8, 6], size: 2, stride: 2, pad: "same" }, // even sizes: no padding
    { x: [2, 7, 5, 8], size: 2, stride: 2, pad: "same" }, // padding at the bottom and right
    { x: [3, 8, 8, 1], size: 3, stride: 3, pad: "same" }, // padding on all four sides
    { x: [2, 28, 28, 8], size: 2, stride: 2, pad: "valid" },
    { x: [2, 7, 7, 3], size: 3, stride: 2, pad: "same" }, // overlapping windows
    { x: [2, 6, 5, 4], size: 2, stride: 1, pad: "valid" },
  ];
  let worst = 0;
  for (const [kind, make] of inputs) {
    for (const { x, size, stride, pad } of pools) {
      worst = Math.max(
        worst,
        await compareWithCpu(`max pool grad ${kind} ${x} ${size}/${stride} ${pad}`, () => {
          const pool = (t: tf.Tensor) => tf.maxPool(t as tf.Tensor4D, size, stride, pad);
          const input = make(x);
          const weights = random(pool(input).shape, 15);
          return tf.grad((t: tf.Tensor) => tf.sum(tf.mul(pool(t), weights)))(input);
        }),
      );
    }
  }
  console.log(`MaxPoolGrad: max relative error ${worst.toExponential(2)}`);
});

Deno.test("batch norm's gradient matches autodiff of its formula on cpu", async () => {
  // (tfjs differentiates a batch norm only with both an offset and a scale.)
  const grads = (norm: (...t: tf.Tensor[]) => tf.Tensor, shape: number[], params: number[]) => {
    const dy = random(shape, 30);
    const inputs = [
      random(shape, 31),
      random(params, 32),
      tf.add(tf.abs(random(params, 33)), 0.1),
      random(params, 34),
      random(params, 35),
    ];
    return tf.grads((...t: tf.Tensor[]) => tf.sum(tf.mul(norm(...t), dy)))(inputs);
  };
  // y = o + (x - m) · s / √(v + ε), written out so that cpu differentiates each op.
  const formula = (x: tf.Tensor, m: tf.Tensor, v: tf.Tensor, o: tf.Tensor, s: tf.Tensor) =>
    tf.add(tf.mul(tf.div(tf.sub(x, m), tf.sqrt(tf.add(v, 0.001))), s), o);
  const fused = (x: tf.Tensor, m: tf.Tensor, v: tf.Tensor, o: tf.Tensor, s: tf.Tensor) =>
    tf.batchNorm(x, m, v, o, s, 0.001);
  // Parameters per channel (the sums kernel: 4800 rows make several blocks, 5 channels a
  // SIMD tail), and (tfjs's own gradient) per value.
  const cases = [
    [[2, 3, 3, 4], [4]],
    [[3, 40, 40, 5], [5]],
    [[2, 9, 9, 64], [64]],
    [[5, 6], [6]],
    [[3, 1], [1]],
    [[2, 3], [2, 3]],
  ];
  for (const [shape, params] of cases) {
    const actual = await runOn("wasm", () => grads(fused, shape, params));
    const expected = await runOn("cpu", () => grads(formula, shape, params));
    await tf.setBackend("wasm");
    assertEquals(actual.length, 5);
    expected.forEach((e, i) => {
      assertEquals(actual[i].shape, e.shape);
      const error = relativeError(actual[i].data, e.data);
      assertLess(error, TOLERANCE, `batch norm ${shape}/${params} gradient ${i}: error ${error}`);
    });
  }
});

Deno.test("Sum and Mean match cpu over leading and other axes", async () => {
  let worst = 0;
  const cases: [number[], number | number[], boolean][] = [
    [[3, 5, 6, 8], [0, 1, 2], false],
    [[2, 28, 28, 8], [0, 1, 2], true],
    [[7, 6], 0, false],
    [[5, 4, 3], [1, 0], true],
    [[3, 5, 6, 8], [1, 2], false], // inner axes: built-in kernel
    [[3, 5, 6, 8], [0, 1, 2, 3], false], // everything: built-in kernel
  ];
  for (const [shape, axis, keepDims] of cases) {
    worst = Math.max(
      worst,
      await compareWithCpu(`sum and mean ${shape} axis ${axis} keepDims ${keepDims}`, () => {
        const x = random(shape, 18);
        return [tf.sum(x, axis, keepDims), tf.mean(x, axis, keepDims)];
      }),
    );
  }
  console.log(`Sum, Mean: max relative error ${worst.toExponential(2)}`);
});

Deno.test("Sum of whole numbers over leading axes is exact", async () => {
  await tf.setBackend("wasm");
  const labels = Array.from({ length: 100 }, (_, i) => (i * 7) % 10);
  const counts = tf.tidy(() =>
    tf.sum(tf.oneHot(tf.tensor1d(labels, "int32"), 10).toFloat(), 0).arraySync()
  );
  assertEquals(counts, [10, 10, 10, 10, 10, 10, 10, 10, 10, 10]);
  const tally = tf.tidy(() => tf.sum(tf.ones([100, 28, 3]), [0, 1]).arraySync());
  assertEquals(tally, [2800, 2800, 2800]);
  const ints = tf.tidy(() => tf.sum(tf.tensor2d([[1, 2], [3, 4]], [2, 2], "int32"), 0).arraySync());
  assertEquals(ints, [4, 6]);
});

Deno.test("Tile matches cpu exactly", async () => {
  const cases: [number[], number[]][] = [
    [[1, 1, 1, 8], [3, 5, 6, 1]], // batch norm's per-channel tile
    [[2, 3], [3, 2]],
    [[2, 1, 3], [2, 4, 1]],
    [[2, 2, 2, 2], [2, 2, 2, 2]], // 8 broadcast axes: built-in kernel
  ];
  for (const [shape, reps] of cases) {
    assertEquals(
      await compareWithCpu(`tile ${shape} ${reps}`, () => tf.tile(random(shape, 19), reps)),
      0,
    );
  }
  const ints = tf.tidy(() => tf.tile(tf.tensor1d([1, 2], "int32"), [2]).arraySync());
  assertEquals(ints, [1, 2, 1, 2]);
});

Deno.test("Identity shares the buffer, and a clone outlives its original", async () => {
  await tf.setBackend("wasm");
  const wasmBackend = tf.findBackend("wasm")!;
  const original = tf.tensor1d([1, 2, 3]);
  const buffers = wasmBackend.numDataIds();
  const copy = tf.clone(original);
  assertEquals(wasmBackend.numDataIds(), buffers);
  original.dispose();
  assertEquals(Array.from(copy.dataSync()), [1, 2, 3]);
  copy.dispose();
  assertEquals(wasmBackend.numDataIds(), buffers - 1);
});

Deno.test("Cast to the same type shares the buffer; to another type it converts", async () => {
  await tf.setBackend("wasm");
  const wasmBackend = tf.findBackend("wasm")!;
  const original = tf.tensor1d([1.5, -2, 0]);
  const buffers = wasmBackend.numDataIds();
  const same = tf.cast(original, "float32");
  assertEquals(wasmBackend.numDataIds(), buffers);
  original.dispose();
  assertEquals(Array.from(same.dataSync()), [1.5, -2, 0]);
  same.dispose();
  await compareWithCpu("cast to int32 and bool", () => {
    const x = tf.mul(random([4, 5], 18), 3);
    return [tf.cast(tf.cast(x, "int32"), "float32"), tf.cast(tf.cast(x, "bool"), "float32")];
  });
});

Deno.test("a small CNN's gradients through every fast kernel match cpu", async () => {
  await compareWithCpu("cnn gradients", () => {
    const x = random([3, 10, 10, 1], 20);
    const labels = tf.oneHot(tf.tensor1d([1, 0, 2], "int32"), 3);
    const variables = [
      random([3, 3, 1, 4], 21),
      random([4], 22),
      random([3, 3, 4, 6], 23),
      random([4 * 4 * 6, 3], 24),
    ];
    const loss = (w1: tf.Tensor, b1: tf.Tensor, w2: tf.Tensor, w3: tf.Tensor) => {
      let h = tf.relu(tf.add(tf.conv2d(x as tf.Tensor4D, w1 as tf.Tensor4D, 1, "same"), b1));
      h = tf.relu(tf.conv2d(h as tf.Tensor4D, w2 as tf.Tensor4D, 1, "valid"));
      h = tf.maxPool(h as tf.Tensor4D, 2, 2, "valid");
      const { mean, variance } = tf.moments(h, [0, 1, 2]);
      h = tf.batchNorm(h, mean, variance, tf.zeros([6]), tf.ones([6]), 1e-3);
      const logits = tf.matMul(tf.reshape(h, [3, -1]), w3);
      return tf.losses.softmaxCrossEntropy(labels, logits) as tf.Scalar;
    };
    return tf.grads(loss)(variables);
  });
});

Deno.test("batch norm's gradient on wasm takes its channel sums from one BatchNormSums", async () => {
  const x = random([2, 4, 4, 8], 1);
  const [m, v, o, s] = [random([8], 2), tf.ones([8]), random([8], 3), random([8], 4)];
  const profile = await tf.profile(() => {
    tf.grad((t: tf.Tensor) => tf.batchNorm(t, m, v, o, s, 0.001))(x);
  });
  const names = profile.kernels.map((k) => k.name);
  assert(names.includes("BatchNormSums") && !names.includes("Sub"), names.join(", "));
  tf.dispose([x, m, v, o, s]);
});
