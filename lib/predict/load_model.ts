/**
 * Loading a saved model for prediction, with one clear line naming the file when it cannot be
 * built (a damaged or hand-edited `model.json`) or does not take MNIST's 28x28 digits.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { join } from "node:path";
import { DataError } from "../cli/errors.ts";
import { fileSystem, MODEL_JSON } from "../model/file_io.ts";

/** Input shapes a course model has: 784 flat pixels, or a 28x28 one-channel image. */
function takesDigits(shape: (number | null)[]): boolean {
  const rest = shape.slice(1).join("x");
  return rest === "784" || rest === "28x28x1";
}

/**
 * The layers model saved in `dir`. Throws a {@linkcode DataError} naming `dir/model.json`
 * when it cannot be built or its input is not an MNIST digit.
 *
 * @example
 * ```ts
 * const model = await loadModel("out/07_cnn/model");
 * ```
 */
export async function loadModel(dir: string): Promise<tf.LayersModel> {
  const path = join(dir, MODEL_JSON);
  let model: tf.LayersModel;
  try {
    model = await tf.loadLayersModel(fileSystem(dir));
  } catch (error) {
    if (error instanceof DataError) throw error;
    const reason = String((error as Error).message ?? error).split("\n")[0];
    throw new DataError(path, {
      en: `cannot build the model (${reason})`,
      zh: `无法构建模型（${reason}）`,
    });
  }
  const shape = model.inputs[0].shape;
  if (model.inputs.length !== 1 || !takesDigits(shape)) {
    model.dispose();
    const given = `[${shape.map(String).join(", ")}]`;
    throw new DataError(path, {
      en: `takes input of shape ${given}; expected [null, 784] or [null, 28, 28, 1]`,
      zh: `的输入形状是 ${given}；应当是 [null, 784] 或 [null, 28, 28, 1]`,
    });
  }
  return model;
}
