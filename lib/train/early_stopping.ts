/**
 * Early stopping as a {@linkcode fit} callback: watch the validation loss, stop when it has
 * not improved for `patience` epochs, and optionally put back the weights of the best epoch,
 * as Keras's `EarlyStopping(monitor="val_loss", restore_best_weights=True)` does.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import type { EpochCallback } from "./fit.ts";

/** When to stop. */
export interface EarlyStoppingOptions {
  /** Epochs without improvement to wait before stopping. */
  patience: number;
  /** How much lower the validation loss must be to count as an improvement (default 0). */
  minDelta?: number;
}

/** A running early-stopping rule. */
export interface EarlyStopper {
  /** Pass to `fit` in `callbacks`. */
  callback: EpochCallback;
  /** The epoch with the lowest validation loss so far (0 before any). */
  bestEpoch(): number;
  /** Puts the best epoch's weights back into `model` and frees the saved copy. */
  restoreBest(model: tf.LayersModel): void;
}

/**
 * An early-stopping rule on `val_loss`. Throws if an epoch has no validation loss.
 *
 * @example
 * ```ts
 * const stopper = earlyStopping({ patience: 3 });
 * await fit(model, train, { ...options, validation, callbacks: [stopper.callback] });
 * stopper.restoreBest(model);
 * ```
 */
export function earlyStopping(options: EarlyStoppingOptions): EarlyStopper {
  const { patience, minDelta = 0 } = options;
  let best = Infinity;
  let bestEpoch = 0;
  let waited = 0;
  let saved: tf.Tensor[] = [];
  return {
    callback(log, model) {
      if (log.val_loss === undefined) {
        throw new Error("earlyStopping needs validation data: pass `validation` to fit");
      }
      if (log.val_loss < best - minDelta) {
        best = log.val_loss;
        bestEpoch = log.epoch;
        waited = 0;
        tf.dispose(saved);
        saved = model.getWeights().map((weight) => weight.clone());
        return;
      }
      waited++;
      return waited >= patience ? "stop" : undefined;
    },
    bestEpoch: () => bestEpoch,
    restoreBest(model) {
      if (saved.length > 0) model.setWeights(saved);
      tf.dispose(saved);
      saved = [];
    },
  };
}
