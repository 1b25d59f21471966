import * as tf from "@tensorflow/tfjs";
import { assert, assertEquals } from "@std/assert";
import { startBackend } from "../../../lib/backend/backend.ts";
import { arrayOptimizer } from "../../../lib/train/array_optimizer.ts";
import { sgdStep } from "../../../lib/train/update_rules.ts";
import { captureOptimizer, restoreOptimizer } from "../../../lib/train/parallel/optimizer_state.ts";
import { createRng } from "../../../lib/cli/random.ts";

const OPTIMIZERS: Record<string, () => tf.Optimizer> = {
  sgd: () => tf.train.sgd(0.1),
  momentum: () => tf.train.momentum(0.1, 0.9),
  rmsprop: () => tf.train.rmsprop(0.01, 0.9, 0.5, 1e-7, true),
  adam: () => tf.train.adam(0.01),
  adamax: () => tf.train.adamax(0.01),
  adagrad: () => tf.train.adagrad(0.1),
  adadelta: () => tf.train.adadelta(1),
};

/** Two variables and a gradient for each, drawn from `seed`. */
function problem(seed: number) {
  const random = createRng(seed).next;
  const draw = (shape: number[]) =>
    tf.tensor(
      Float32Array.from({ length: shape[0] * (shape[1] ?? 1) }, () => random() - 0.5),
      shape,
    );
  return {
    variables: [tf.variable(draw([3, 4])), tf.variable(draw([4]))],
    gradients: () => [draw([3, 4]), draw([4])],
  };
}

/** Bit patterns, so that equality means equal to the last bit. */
const bits = (tensor: tf.Tensor) =>
  new Uint32Array((tensor.dataSync() as Float32Array).slice().buffer);

for (const [name, make] of Object.entries(OPTIMIZERS)) {
  Deno.test(`a copy of ${name} mid-training takes the same steps as the original, bit for bit`, async () => {
    await startBackend("wasm");
    // Two equal optimizers train two equal pairs of variables; the second is then copied,
    // after a change of learning rate, and the copy carries on in its place.
    const [original, twin] = [make(), make()];
    const a = problem(1);
    const b = problem(1);
    const step = (optimizer: tf.Optimizer, variables: tf.Variable[], gradients: tf.Tensor[]) =>
      optimizer.applyGradients(
        variables.map((variable, i) => ({ name: variable.name, tensor: gradients[i] })),
      );
    for (let i = 0; i < 3; i++) {
      const gradients = a.gradients();
      step(original, a.variables, gradients);
      step(twin, b.variables, gradients);
      tf.dispose(gradients);
    }
    for (const optimizer of [original, twin]) {
      (optimizer as unknown as { learningRate: number }).learningRate /= 2;
    }
    const copy = restoreOptimizer(captureOptimizer(twin)!);
    twin.dispose();
    assertEquals(copy.getConfig(), original.getConfig());
    for (let i = 0; i < 3; i++) {
      const gradients = a.gradients();
      step(original, a.variables, gradients);
      step(copy, b.variables, gradients);
      tf.dispose(gradients);
    }
    a.variables.forEach((variable, i) => assertEquals(bits(b.variables[i]), bits(variable)));
    tf.dispose([...a.variables, ...b.variables]);
    original.dispose();
    copy.dispose();
  });
}

Deno.test("an optimizer whose update rule is a function cannot be copied", async () => {
  await startBackend("wasm");
  const optimizer = arrayOptimizer(0.1, {
    start: () => undefined,
    step: (params, grads, state, rate) => ({ params: sgdStep(params, grads, rate), state }),
  });
  assert(captureOptimizer(optimizer) === undefined);
  assert(captureOptimizer(tf.train.adam(0.1)) !== undefined);
});
