/**
 * Adam in one pass per variable on the wasm backend: the kernel `AdamUpdate`, which runs the
 * hand-written WebAssembly of `adam_update.wat` on the backend's own memory, and
 * {@linkcode fuseAdam}, which makes `tf.train.adam`'s optimizers use it.
 *
 * tfjs's `AdamOptimizer.applyGradients` updates each variable with 14 kernels (multiplies,
 * adds, divides, a square and a square root), each a pass over the whole variable: for the
 * lesson-7 CNN's 1.2 million weights, 9.7 ms of every step on one thread. The fused kernel
 * reads the value, gradient and both moments once and writes the three new tensors (1.4 ms).
 * Its float32 operations are tfjs's, in tfjs's order, so training gives the same bits either way
 * (the tests compare them), except that a moment below the smallest normal float32 becomes 0
 * (see `adam_update.wat`): in lesson 7, 17% of the dense layer's first moments had sunk into
 * that slow "denormal" range by step 800, and steps took 20% longer from then on. On a backend
 * without the kernel (cpu) Adam runs as tfjs wrote it.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import type { KernelConfig, KernelFunc, NamedTensorMap, TensorInfo } from "@tensorflow/tfjs";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import { WASM_BYTES } from "./adam_update_wasm.ts";
import { addressOf, exportsOn } from "./own_wasm.ts";

/** The kernel's name. */
export const ADAM_UPDATE = "AdamUpdate";

/** The exported function of `adam_update.wat`: byte offsets, a count, then the scalars. */
type AdamFunction = (
  value: number,
  gradient: number,
  m: number,
  v: number,
  newValue: number,
  newM: number,
  newV: number,
  count: number,
  beta1: number,
  oneMinusBeta1: number,
  beta2: number,
  oneMinusBeta2: number,
  oneMinusAccBeta1: number,
  oneMinusAccBeta2: number,
  epsilon: number,
  negativeRate: number,
) => void;

/** The kernel's attributes: the optimizer's settings, as numbers. */
interface AdamAttrs {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
}

interface Args {
  inputs: {
    value: TensorInfo;
    gradient: TensorInfo;
    firstMoment: TensorInfo;
    secondMoment: TensorInfo;
    oneMinusAccBeta1: TensorInfo;
    oneMinusAccBeta2: TensorInfo;
  };
  backend: BackendWasm;
  attrs: AdamAttrs;
}

function adamUpdate({ inputs, backend, attrs }: Args): TensorInfo[] {
  const { value, gradient, firstMoment, secondMoment } = inputs;
  const outputs = [firstMoment, secondMoment, value].map((t) =>
    backend.makeOutput(t.shape, "float32")
  );
  const at = (t: TensorInfo) => addressOf(backend, t);
  const scalar = (t: TensorInfo) => (backend.typedArrayFromHeap(t) as Float32Array)[0];
  const [newM, newV, newValue] = outputs;
  const { learningRate, beta1, beta2, epsilon } = attrs;
  const { adam } = exportsOn(backend, WASM_BYTES) as { adam: AdamFunction };
  adam(
    at(value),
    at(gradient),
    at(firstMoment),
    at(secondMoment),
    at(newValue),
    at(newM),
    at(newV),
    tf.util.sizeFromShape(value.shape),
    beta1,
    1 - beta1,
    beta2,
    1 - beta2,
    scalar(inputs.oneMinusAccBeta1),
    scalar(inputs.oneMinusAccBeta2),
    epsilon,
    -learningRate,
  );
  return outputs;
}

/** `AdamUpdate` for the wasm backend: outputs the new first moment, second moment and value. */
export const adamUpdateConfig: KernelConfig = {
  kernelName: ADAM_UPDATE,
  backendName: "wasm",
  kernelFunc: adamUpdate as unknown as KernelFunc,
};

/** The fields of tfjs's `AdamOptimizer` that its update reads (they are private in its types). */
interface AdamFields {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
  accumulatedFirstMoment: { originalName: string; variable: tf.Variable }[];
  accumulatedSecondMoment: { originalName: string; variable: tf.Variable }[];
  incrementIterations(): void;
}

type Gradients = Parameters<tf.AdamOptimizer["applyGradients"]>[0];

const tfjsApplyGradients = tf.AdamOptimizer.prototype.applyGradients;

/** A slot variable of zeros shaped like `value`, named as tfjs names Adam's moments. */
function zeroSlot(value: tf.Variable, name: string) {
  return { originalName: name, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
}

/**
 * tfjs's `AdamOptimizer.applyGradients` (tfjs-core 4.22, adam_optimizer.ts) with the 14
 * per-variable kernels replaced by one `AdamUpdate`; the same slots, in the same order.
 */
function fusedApplyGradients(this: AdamFields, variableGradients: Gradients): void {
  if (tf.getKernel(ADAM_UPDATE, tf.getBackend()) === undefined) {
    return tfjsApplyGradients.call(this as unknown as tf.AdamOptimizer, variableGradients);
  }
  const list = Array.isArray(variableGradients) ? variableGradients : undefined;
  const names = list ? list.map((v) => v.name) : Object.keys(variableGradients);
  tf.tidy(() => {
    const oneMinusAccBeta1 = tf.sub(1, this.accBeta1);
    const oneMinusAccBeta2 = tf.sub(1, this.accBeta2);
    names.forEach((name, i) => {
      const value = tf.engine().registeredVariables[name];
      this.accumulatedFirstMoment[i] ??= zeroSlot(value, `${name}/m`);
      this.accumulatedSecondMoment[i] ??= zeroSlot(value, `${name}/v`);
      const gradient = list ? list[i].tensor : (variableGradients as NamedTensorMap)[name];
      if (gradient == null) return;
      const firstMoment = this.accumulatedFirstMoment[i].variable;
      const secondMoment = this.accumulatedSecondMoment[i].variable;
      const inputs = {
        value,
        gradient,
        firstMoment,
        secondMoment,
        oneMinusAccBeta1,
        oneMinusAccBeta2,
      };
      const attrs = {
        learningRate: this.learningRate,
        beta1: this.beta1,
        beta2: this.beta2,
        epsilon: this.epsilon,
      };
      const [m, v, updated] = tf.engine().runKernel(
        ADAM_UPDATE,
        inputs as unknown as NamedTensorMap,
        attrs as unknown as tf.NamedAttrMap,
      ) as tf.Tensor[];
      firstMoment.assign(m);
      secondMoment.assign(v);
      value.assign(updated);
    });
    this.accBeta1.assign(tf.mul(this.accBeta1, this.beta1));
    this.accBeta2.assign(tf.mul(this.accBeta2, this.beta2));
  });
  this.incrementIterations();
}

/**
 * Makes every `tf.train.adam` optimizer update through `AdamUpdate` where the backend has it
 * (wasm, and native, which takes wasm's kernels). Calling it again changes nothing.
 *
 * @example
 * ```ts
 * fuseAdam();
 * tf.train.adam(0.001).minimize(loss); // one AdamUpdate per variable on wasm
 * ```
 */
export function fuseAdam(): void {
  tf.AdamOptimizer.prototype.applyGradients = fusedApplyGradients as unknown as (
    gradients: Gradients,
  ) => void;
}
