/**
 * Checkpointing: after each epoch, save the model to disk if its validation accuracy is the
 * best so far, as Keras's `ModelCheckpoint(monitor="val_accuracy", save_best_only=True)`
 * does. The folder always holds the best model seen, in tfjs's format (`model.json` +
 * `weights.bin`), loadable with `tf.loadLayersModel(fileSystem(dir))`.
 *
 * @module
 */
import { fileSystem } from "../model/file_io.ts";
import type { EpochCallback } from "./fit.ts";

/** A running checkpoint rule. */
export interface Checkpoint {
  /** Pass to `fit` in `callbacks`. */
  callback: EpochCallback;
  /** The epoch whose model is on disk (0 before any), and its validation accuracy. */
  best(): { epoch: number; valAccuracy: number };
}

/**
 * Saves the best model by validation accuracy into `dir`. Throws if an epoch has no
 * validation accuracy.
 *
 * @example
 * ```ts
 * const checkpoint = bestModelCheckpoint("out/08_modern_cnn/best_model");
 * await fit(model, train, { ...options, validation, callbacks: [checkpoint.callback] });
 * checkpoint.best().epoch;
 * ```
 */
export function bestModelCheckpoint(dir: string): Checkpoint {
  let best = { epoch: 0, valAccuracy: -Infinity };
  return {
    async callback(log, model) {
      if (log.val_accuracy === undefined) {
        throw new Error("bestModelCheckpoint needs validation data: pass `validation` to fit");
      }
      if (log.val_accuracy > best.valAccuracy) {
        best = { epoch: log.epoch, valAccuracy: log.val_accuracy };
        await model.save(fileSystem(dir));
      }
    },
    best: () => best,
  };
}
