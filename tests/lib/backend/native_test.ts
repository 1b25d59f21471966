/**
 * The `native` backend (matrix products on the system's BLAS through FFI) against tfjs's
 * `cpu` backend, within the relative error `compare_with_cpu.ts` defines; its determinism; and
 * its one-line fallback to wasm.
 *
 * It runs wherever a BLAS can be present: on Linux, where CI installs Debian's
 * `libopenblas0-pthread` (a missing library fails here, saying what to install), and on macOS
 * (Accelerate). Elsewhere the tests are skipped.
 */
import * as tf from "@tensorflow/tfjs";
import { assert, assertEquals, assertLess, assertStringIncludes } from "@std/assert";
import { startBackend } from "../../../lib/backend/backend.ts";
import { type Blas, openBlas } from "../../../lib/backend/native/blas.ts";
import {
  convGrid,
  convolveOnGrid,
  inputGradientOnGrid,
} from "../../../lib/backend/native/conv_grid.ts";
import {
  compareWithCpu,
  CONV_CASES,
  type ConvCase,
  convOutShape,
  random,
  relativeError,
  runOn,
  type Shape4,
  values,
} from "./compare_with_cpu.ts";

const ignore = Deno.build.os !== "linux" && Deno.build.os !== "darwin";

if (!ignore) {
  const blas = openBlas();
  assert(typeof blas === "object", `the native backend needs a BLAS: ${blas}`);
  assertEquals(await startBackend("native"), "native");
}

/** [a shape, b shape, transposeA, transposeB]. */
const PRODUCTS: [number[], number[], boolean, boolean][] = [
  [[5, 7], [7, 3], false, false],
  [[7, 5], [7, 3], true, false],
  [[5, 7], [3, 7], false, true],
  [[7, 5], [3, 7], true, true],
  [[2, 7, 5], [2, 7, 3], true, false],
  [[3, 5, 7], [1, 4, 7], false, true], // b reused for every matrix of a
  [[1, 5, 7], [3, 7, 4], false, false], // a reused
  [[2, 3, 4, 5], [2, 3, 5, 6], false, false], // two batch axes
  [[128, 784], [784, 100], false, false], // a dense layer's forward pass
  [[128, 784], [128, 100], true, false], // its weight gradient, xᵀ·dy
  [[128, 100], [784, 100], false, true], // its input gradient, dy·wᵀ
  [[1, 1], [1, 1], false, false],
  [[0, 4], [4, 3], false, false],
  [[2, 0], [0, 3], false, false],
];

Deno.test({
  name: "native BatchMatMul matches cpu (transposes, batches, broadcasting, empty)",
  ignore,
  fn: async () => {
    let worst = 0;
    for (const [a, b, transposeA, transposeB] of PRODUCTS) {
      worst = Math.max(
        worst,
        await compareWithCpu(
          `matMul ${a} ${b} ${transposeA} ${transposeB}`,
          () => tf.matMul(random(a, 10), random(b, 11), transposeA, transposeB),
          "native",
        ),
      );
    }
    console.log(`native BatchMatMul: max relative error ${worst.toExponential(2)}`);
  },
});

Deno.test({
  name: "native _FusedMatMul matches cpu (every bias shape and activation)",
  ignore,
  fn: async () => {
    let worst = 0;
    const activations = ["linear", "relu", "sigmoid", "leakyrelu", "elu", "relu6"] as const;
    for (const activation of activations) {
      for (const [a, b, transposeA, transposeB] of PRODUCTS.slice(0, 11)) {
        const m = transposeA ? a.at(-1)! : a.at(-2)!;
        const n = transposeB ? b.at(-2)! : b.at(-1)!;
        for (const biasShape of [undefined, [n], [1], [1, n], [m, n]]) {
          worst = Math.max(
            worst,
            await compareWithCpu(
              `fused ${activation} ${a} ${b} ${transposeA} ${transposeB} bias ${biasShape}`,
              () =>
                tf.fused.matMul({
                  a: random(a, 12),
                  b: random(b, 13),
                  transposeA,
                  transposeB,
                  bias: biasShape && random(biasShape, 14),
                  activation,
                }),
              "native",
            ),
          );
        }
      }
    }
    console.log(`native _FusedMatMul: max relative error ${worst.toExponential(2)}`);
  },
});

Deno.test({
  name: "a dense network's gradients on native match cpu",
  ignore,
  fn: async () => {
    await compareWithCpu("mlp gradients", () => {
      const x = random([64, 784], 20);
      const labels = tf.oneHot(tf.tensor1d([...Array(64).keys()].map((i) => i % 10), "int32"), 10);
      const variables = [
        random([784, 100], 21),
        random([100], 22),
        random([100, 10], 23),
        random([10], 24),
      ];
      const loss = (w1: tf.Tensor, b1: tf.Tensor, w2: tf.Tensor, b2: tf.Tensor) => {
        const h = tf.fused.matMul({ a: x, b: w1, bias: b1, activation: "relu" });
        const logits = tf.fused.matMul({ a: h, b: w2, bias: b2 });
        return tf.losses.softmaxCrossEntropy(labels, logits) as tf.Scalar;
      };
      return tf.grads(loss)(variables);
    }, "native");
  },
});

/** The shared convolution cases, and one big enough for several im2col chunks. */
const CASES: ConvCase[] = [
  ...CONV_CASES,
  { x: [3, 64, 64, 64], k: 5, cOut: 2, stride: 1, pad: "same" },
  // Enough input channels for one product per filter tap (conv_grid.ts).
  { x: [2, 16, 16, 16], k: 3, cOut: 8, stride: 1, pad: "valid" },
  { x: [2, 16, 16, 16], k: 3, cOut: 8, stride: 1, pad: "same" },
  { x: [3, 9, 9, 32], k: 1, cOut: 5, stride: 1, pad: "valid" },
  { x: [2, 10, 12, 24], k: 3, cOut: 4, stride: 1, pad: "same" },
];

Deno.test({
  name: "native Conv2D and FusedConv2D match cpu (strides, padding, dilation, bias, relu)",
  ignore,
  fn: async () => {
    let worst = 0;
    for (const { x, k, cOut, stride, pad } of CASES) {
      const filter: Shape4 = [k, k, x[3], cOut];
      worst = Math.max(
        worst,
        await compareWithCpu(`conv ${x} k${k} s${stride} ${pad}`, () => [
          tf.conv2d(random(x, 40) as tf.Tensor4D, random(filter, 41) as tf.Tensor4D, stride, pad),
          tf.fused.conv2d({
            x: random(x, 40) as tf.Tensor4D,
            filter: random(filter, 41) as tf.Tensor4D,
            strides: stride,
            pad,
            bias: random([cOut], 42),
            activation: "relu",
          }),
        ], "native"),
      );
    }
    for (const x of [[2, 9, 9, 3], [2, 24, 24, 16]] as Shape4[]) {
      await compareWithCpu(`dilated conv ${x}`, () =>
        tf.conv2d(
          random(x, 43) as tf.Tensor4D,
          random([3, 3, x[3], 4], 44) as tf.Tensor4D,
          1,
          "same",
          "NHWC",
          2,
        ), "native");
    }
    console.log(`native Conv2D: max relative error ${worst.toExponential(2)}`);
  },
});

Deno.test({
  name: "native convolution gradients match cpu (filter and input)",
  ignore,
  fn: async () => {
    let worst = 0;
    for (const { x, k, cOut, stride, pad } of CASES) {
      const filterShape: Shape4 = [k, k, x[3], cOut];
      const dyShape = convOutShape(x, filterShape, stride, pad);
      worst = Math.max(
        worst,
        await compareWithCpu(`conv grads ${x} k${k} s${stride} ${pad}`, () => [
          tf.engine().runKernel("Conv2DBackpropFilter", {
            x: random(x, 45),
            dy: random(dyShape, 46),
          }, { strides: stride, pad, dataFormat: "NHWC", filterShape }) as tf.Tensor,
          tf.conv2dTranspose(
            random(dyShape, 46) as tf.Tensor4D,
            random(filterShape, 47) as tf.Tensor4D,
            x,
            stride,
            pad,
          ),
        ], "native"),
      );
    }
    console.log(`native convolution gradients: max relative error ${worst.toExponential(2)}`);
  },
});

Deno.test("stride-1 convolutions with enough channels take one product per filter tap", () => {
  const grid = (x: Shape4, k: number, stride: number, pad: "valid" | "same") =>
    convGrid(tf.backend_util.computeConv2DInfo(x, [k, k, x[3], 8], stride, 1, pad));
  assertEquals(grid([2, 26, 26, 32], 3, 1, "valid")?.offsets, [0, 1, 2, 26, 27, 28, 52, 53, 54]);
  assertEquals(grid([2, 14, 14, 64], 3, 1, "same")?.height, 16);
  assertEquals(grid([2, 28, 28, 32], 3, 2, "same"), undefined); // stride 2: im2col
  assertEquals(grid([2, 28, 28, 1], 3, 1, "same"), undefined); // one channel: im2col
  assertEquals(grid([2, 7, 7, 128], 3, 1, "same"), undefined); // 81 grid pixels for 49
});

Deno.test({
  name: "native convolutions match cpu with uneven explicit padding",
  ignore,
  fn: async () => {
    const x: Shape4 = [2, 12, 12, 16]; // enough channels for the per-tap products
    const filterShape: Shape4 = [3, 3, 16, 4];
    const paddings: tf.backend_util.ExplicitPadding[] = [
      [[0, 0], [2, 0], [1, 3], [0, 0]],
      [[0, 0], [0, 1], [2, 0], [0, 0]],
    ];
    for (const pad of paddings) {
      const g = tf.backend_util.computeConv2DInfo(x, filterShape, 1, 1, pad);
      assert(convGrid(g) !== undefined, `${pad} should take the per-tap products`);
      await compareWithCpu(`explicit padding ${pad}`, () => [
        tf.conv2d(random(x, 60) as tf.Tensor4D, random(filterShape, 61) as tf.Tensor4D, 1, pad),
        tf.engine().runKernel("Conv2DBackpropFilter", {
          x: random(x, 60),
          dy: random(g.outShape, 62),
        }, { strides: 1, pad, dataFormat: "NHWC", filterShape }) as tf.Tensor,
        tf.engine().runKernel("Conv2DBackpropInput", {
          dy: random(g.outShape, 62),
          filter: random(filterShape, 61),
        }, { strides: 1, pad, dataFormat: "NHWC", inputShape: x }) as tf.Tensor,
      ], "native");
    }
  },
});

Deno.test({
  name: "the per-tap products give the same result in chunks of one image",
  ignore,
  fn: () => {
    const blas = openBlas() as Blas;
    const g = tf.backend_util.computeConv2DInfo([3, 12, 11, 16], [3, 3, 16, 4], 1, 1, "same");
    const grid = convGrid(g)!;
    assertEquals(grid.images, 3);
    const x = values(3 * 12 * 11 * 16, 50);
    const w = values(3 * 3 * 16 * 4, 51);
    const dy = values(3 * 12 * 11 * 4, 52);
    const outputs = [grid, { ...grid, images: 1 }].map((chunked) => {
      const y = new Float32Array(dy.length);
      const dx = new Float32Array(x.length);
      convolveOnGrid(blas, x, w, g, chunked, 0, y);
      inputGradientOnGrid(blas, dy, w, g, chunked, dx);
      return [y, dx];
    });
    assertLess(relativeError(outputs[1][0], outputs[0][0]), 1e-6);
    assertLess(relativeError(outputs[1][1], outputs[0][1]), 1e-6);
  },
});

Deno.test({
  name: "a small product leaves the process's thread cap as another opener set it",
  ignore,
  fn: () => {
    const [main, worker] = [openBlas() as Blas, openBlas() as Blas];
    const before = main.threads();
    try {
      main.setThreads(2);
      worker.setThreads(1); // as a replica worker does, for the whole process
      main.sgemm(
        false,
        false,
        2,
        2,
        2,
        new Float32Array(4),
        new Float32Array(4),
        0,
        new Float32Array(4),
      );
      assertEquals([main.threads(), worker.threads()], [1, 1]);
    } finally {
      main.setThreads(before);
    }
  },
});

Deno.test({
  name: "a small CNN's gradients on native match cpu",
  ignore,
  fn: async () => {
    await compareWithCpu("cnn gradients", () => {
      const x = random([3, 10, 10, 1], 50);
      const labels = tf.oneHot(tf.tensor1d([1, 0, 2], "int32"), 3);
      const variables = [
        random([3, 3, 1, 4], 51),
        random([4], 52),
        random([3, 3, 4, 6], 53),
        random([4 * 4 * 6, 3], 54),
      ];
      const loss = (w1: tf.Tensor, b1: tf.Tensor, w2: tf.Tensor, w3: tf.Tensor) => {
        let h = tf.fused.conv2d({
          x: x as tf.Tensor4D,
          filter: w1 as tf.Tensor4D,
          strides: 1,
          pad: "same",
          bias: b1,
        });
        h = tf.relu(tf.conv2d(tf.relu(h), w2 as tf.Tensor4D, 1, "valid"));
        h = tf.maxPool(h, 2, 2, "valid");
        const logits = tf.matMul(tf.reshape(h, [3, -1]), w3);
        return tf.losses.softmaxCrossEntropy(labels, logits) as tf.Scalar;
      };
      return tf.grads(loss)(variables);
    }, "native");
  },
});

Deno.test({
  name: "native products are the same bits run to run",
  ignore,
  fn: async () => {
    const product = () => tf.matMul(random([384, 512], 30), random([512, 640], 31));
    const transposed = () => tf.matMul(random([384, 512], 30), random([640, 512], 31), false, true);
    for (const compute of [product, transposed]) {
      const [first] = await runOn("native", compute);
      for (let run = 0; run < 3; run++) {
        const [again] = await runOn("native", compute);
        assertEquals(again.data, first.data);
      }
    }
  },
});

Deno.test({
  name: "without --allow-ffi, native falls back to wasm with one line saying why",
  ignore,
  fn: async () => {
    const script = `import { startBackend } from "${new URL(
      "../../../lib/backend/backend.ts",
      import.meta.url,
    )}"; console.log(await startBackend("native"));`;
    const child = new Deno.Command(Deno.execPath(), {
      args: ["run", "--allow-read", "--allow-env", "--allow-sys", "-"],
      cwd: new URL("../../..", import.meta.url),
      stdin: "piped",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(script));
    await writer.close();
    const { stdout, stderr } = await child.output();
    assertEquals(new TextDecoder().decode(stdout).trim(), "wasm");
    const lines = new TextDecoder().decode(stderr).trim().split("\n");
    assertEquals(lines.length, 1, lines.join("\n"));
    assertStringIncludes(lines[0], "native backend unavailable (--allow-ffi not granted)");
  },
});
