/**
 * Copying a TensorFlow.js optimizer, state and all, into another thread, so that a replica can
 * apply the same updates as the main thread's optimizer to the last bit.
 *
 * `getWeights`/`setWeights` are not enough: Adam's `setWeights` recomputes its running powers
 * of beta1 and beta2 with `pow`, which can differ in the last bit from the product the original
 * accumulated step by step. So the copy takes the optimizer's own fields as they are: numbers
 * (learning rate, betas, step count), tensors (Adam's running powers, SGD's `-learningRate`)
 * and lists of slot variables (moments, accumulators). That covers every optimizer of
 * `tf.train`: SGD, momentum, RMSprop, Adam, Adamax, Adagrad, Adadelta. An optimizer holding
 * anything else, or whose class tfjs cannot rebuild from its name (such as lesson 4's
 * `ArrayOptimizer`, whose update rule is a function), cannot be copied.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";

/** A tensor's values, as they can be posted to a worker. */
export interface TensorValues {
  values: Float32Array | Int32Array | Uint8Array;
  shape: number[];
  dtype: tf.DataType;
}

/** One own field of an optimizer. */
export type FieldState =
  | { kind: "value"; value: number | boolean | string | null }
  | { kind: "tensor"; tensor: TensorValues; variable: boolean; trainable: boolean }
  | { kind: "slots"; slots: ({ name: string; tensor: TensorValues } | null)[] };

/** An optimizer's class, configuration and every own field: enough to rebuild it exactly. */
export interface OptimizerState {
  /** The name tfjs registered the class under (`"Adam"`). */
  className: string;
  /** `optimizer.getConfig()`, to construct the copy. */
  config: tf.serialization.ConfigDict;
  /** Every own field, by name. */
  fields: Record<string, FieldState>;
}

/** An optimizer's slot variable, as tfjs's optimizers keep them. */
interface SlotVariable {
  originalName: string;
  variable: tf.Variable;
}

/**
 * The state of `optimizer`, to rebuild it elsewhere with {@linkcode restoreOptimizer}; or
 * `undefined` when it cannot be copied (see the module's documentation).
 *
 * @example
 * ```ts
 * captureOptimizer(tf.train.adam(0.001))?.config.learningRate; // 0.001
 * ```
 */
export function captureOptimizer(optimizer: tf.Optimizer): OptimizerState | undefined {
  const className = optimizer.getClassName();
  if (registered(className)?.[0] !== optimizer.constructor) return undefined;
  const fields: Record<string, FieldState> = {};
  for (const [name, value] of Object.entries(optimizer)) {
    const field = captureField(value);
    if (!field) return undefined;
    fields[name] = field;
  }
  return { className, config: optimizer.getConfig(), fields };
}

/**
 * A new optimizer equal to the one `state` was captured from: same class, configuration,
 * step count and slot values, bit for bit.
 *
 * @example
 * ```ts
 * const copy = restoreOptimizer(captureOptimizer(tf.train.adam(0.001))!);
 * ```
 */
export function restoreOptimizer(state: OptimizerState): tf.Optimizer {
  const [cls, fromConfig] = registered(state.className)!;
  const optimizer = fromConfig(cls, state.config) as tf.Optimizer;
  const fields = optimizer as unknown as Record<string, unknown>;
  for (const [name, field] of Object.entries(state.fields)) {
    disposeField(fields[name]);
    fields[name] = restoreField(field);
  }
  return optimizer;
}

function registered(className: string) {
  return tf.serialization.SerializationMap.getMap().classNameMap[className];
}

function captureField(value: unknown): FieldState | undefined {
  if (value === null || value === undefined) return { kind: "value", value: null };
  if (["number", "boolean", "string"].includes(typeof value)) {
    return { kind: "value", value: value as number | boolean | string };
  }
  if (value instanceof tf.Tensor) {
    return {
      kind: "tensor",
      tensor: tensorValues(value),
      variable: value instanceof tf.Variable,
      trainable: value instanceof tf.Variable && value.trainable,
    };
  }
  if (Array.isArray(value) && value.every((slot) => slot === null || isSlot(slot))) {
    return {
      kind: "slots",
      slots: value.map((slot: SlotVariable | null) =>
        slot && { name: slot.originalName, tensor: tensorValues(slot.variable) }
      ),
    };
  }
  return undefined;
}

function restoreField(field: FieldState): unknown {
  switch (field.kind) {
    case "value":
      return field.value;
    case "tensor": {
      const tensor = toTensor(field.tensor);
      return field.variable ? toVariable(tensor, field.trainable) : tensor;
    }
    case "slots":
      return field.slots.map((slot) =>
        slot && { originalName: slot.name, variable: toVariable(toTensor(slot.tensor), false) }
      );
  }
}

function toTensor({ values, shape, dtype }: TensorValues): tf.Tensor {
  return tf.tensor(values, shape, dtype);
}

/** A variable holding `tensor`'s values; disposes `tensor`. */
function toVariable(tensor: tf.Tensor, trainable: boolean): tf.Variable {
  const variable = tf.variable(tensor, trainable);
  tensor.dispose();
  return variable;
}

function disposeField(value: unknown): void {
  if (value instanceof tf.Tensor) value.dispose();
  else if (Array.isArray(value)) value.forEach((slot) => isSlot(slot) && slot.variable.dispose());
}

function isSlot(value: unknown): value is SlotVariable {
  const slot = value as SlotVariable | null;
  return typeof slot?.originalName === "string" && slot.variable instanceof tf.Variable;
}

function tensorValues(tensor: tf.Tensor): TensorValues {
  return {
    values: (tensor.dataSync() as TensorValues["values"]).slice(),
    shape: tensor.shape,
    dtype: tensor.dtype,
  };
}
