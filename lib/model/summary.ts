/**
 * A model summary table as Keras prints it: each layer's name and type, output shape and
 * number of parameters, then the totals split into trainable and non-trainable.
 *
 * @module
 */
import type * as tf from "@tensorflow/tfjs";

/** Parameter totals of a model. */
export interface ParameterCounts {
  /** All weights. */
  total: number;
  /** Weights the optimizer updates. */
  trainable: number;
  /** Weights it does not (for example BatchNorm's moving mean and variance). */
  nonTrainable: number;
}

/** Counts a model's parameters. */
export function countParameters(model: tf.LayersModel): ParameterCounts {
  const size = (weights: tf.LayerVariable[]) =>
    weights.reduce(
      (sum, weight) => sum + weight.shape.reduce((a: number, b) => a * (b ?? 1), 1),
      0,
    );
  const trainable = size(model.trainableWeights);
  const nonTrainable = size(model.nonTrainableWeights);
  return { total: trainable + nonTrainable, trainable, nonTrainable };
}

/**
 * The summary table, one string with newlines.
 *
 * @example
 * ```ts
 * console.log(formatSummary(model));
 * // Model: "sequential_1"
 * // ...
 * // Total params: 7,850
 * ```
 */
export function formatSummary(model: tf.LayersModel): string {
  const rows = model.layers.map((layer) => [
    `${layer.name} (${layer.getClassName()})`,
    formatShape(layer.outputShape),
    layer.countParams().toLocaleString("en-US"),
  ]);
  const header = ["Layer (type)", "Output Shape", "Param #"];
  const widths = [0, 1, 2].map((column) =>
    Math.max(header[column].length, ...rows.map((row) => row[column].length)) + 2
  );
  const line = (cells: string[]) =>
    cells.map((cell, i) => cell.padEnd(widths[i])).join("").trimEnd();
  const rule = (char: string) => char.repeat(widths.reduce((a, b) => a + b, 0));
  const counts = countParameters(model);
  return [
    `Model: "${model.name}"`,
    rule("_"),
    line(header),
    rule("="),
    ...rows.flatMap((row, i) => i === 0 ? [line(row)] : [rule("_"), line(row)]),
    rule("="),
    `Total params: ${counts.total.toLocaleString("en-US")}`,
    `Trainable params: ${counts.trainable.toLocaleString("en-US")}`,
    `Non-trainable params: ${counts.nonTrainable.toLocaleString("en-US")}`,
    rule("_"),
  ].join("\n");
}

function formatShape(shape: tf.Shape | tf.Shape[]): string {
  const one = (s: tf.Shape) => `(${s.map((d) => d ?? "None").join(", ")})`;
  return Array.isArray(shape[0])
    ? (shape as tf.Shape[]).map(one).join(", ")
    : one(shape as tf.Shape);
}
