/** The wasm backend's fast `FusedBatchNorm` against the cpu backend. */
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { assert } from "@std/assert";
import { registerFastKernels } from "../../../lib/backend/kernels/mod.ts";
import { compareWithCpu, random } from "./compare_with_cpu.ts";

tf.enableProdMode();
await tf.setBackend("wasm");
registerFastKernels();

/** Channel counts with every remainder after the 4-wide loop, images and dense rows. */
const SHAPES = [[2, 5, 5, 64], [3, 4, 4, 3], [2, 3, 3, 5], [7, 6], [4, 256], [1, 1, 1, 1]];

Deno.test("FusedBatchNorm matches cpu, with and without scale and offset", async () => {
  let worst = 0;
  for (const shape of SHAPES) {
    const c = shape[shape.length - 1];
    // Variances in [0.5, 1.5): positive, as a batch's are.
    const variance = () => tf.add(random([c], 3), 1.5).mul(0.5);
    for (const withParameters of [true, false]) {
      worst = Math.max(
        worst,
        await compareWithCpu(`batch norm ${shape} ${withParameters}`, () =>
          tf.batchNorm(
            random(shape, 1).mul(3),
            random([c], 2),
            variance(),
            withParameters ? random([c], 4) : undefined,
            withParameters ? random([c], 5) : undefined,
            1e-3,
          )),
      );
    }
  }
  console.log(`FusedBatchNorm: max relative error ${worst.toExponential(2)}`);
});

Deno.test("FusedBatchNorm with parameters of another shape goes to the built-in kernel", async () => {
  // A mean per value rather than per channel: tfjs broadcasts it; the fast path does not apply.
  const error = await compareWithCpu(
    "batch norm, full-size mean",
    () => tf.batchNorm(random([2, 3, 4], 1), random([2, 3, 4], 2), tf.ones([2, 3, 4])),
  );
  assert(error < 1e-4);
});
