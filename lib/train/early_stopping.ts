/**
 * Early stopping as a {@linkcode fit} callback: watch the validation loss, stop when it has
 * not improved for `patience` epochs, and optionally put back the weights of the best epoch,
 * as Keras's `EarlyStopping(monitor="val_loss", restore_best_weights=True)` does.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import type { EpochCallback } from "./fit.ts";
import type { History } from "./history.ts";
import type { EarlyStoppingDecision, EarlyStoppingRule } from "./early_stopping_rule.ts";

/** When to stop. */
export interface EarlyStoppingOptions {
  /** Epochs without improvement to wait before stopping. */
  patience: number;
  /** How much lower the validation loss must be to count as an improvement (default 0). */
  minDelta?: number;
  /**
   * Decide with this replay of the rule (`earlyStoppingDecision` of `early_stopping_rule.ts`,
   * or the learner's exercise 5.5) instead of the built-in one. After each epoch it is asked
   * about the history so far followed by one more epoch that improves nothing, so that
   * `stoppedEarly` means "stops after this epoch"; the weights kept are its `keptEpoch`'s.
   */
  replay?: (history: History, rule: EarlyStoppingRule) => EarlyStoppingDecision;
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
  const { patience, minDelta = 0, replay } = options;
  if (replay) return replayed(replay, { patience, minDelta, restoreBest: true });
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

/** Early stopping deciding with `replay` of `rule` after each epoch. */
function replayed(
  replay: NonNullable<EarlyStoppingOptions["replay"]>,
  rule: EarlyStoppingRule,
): EarlyStopper {
  const history: History = [];
  let bestEpoch = 0;
  let saved: { epoch: number; weights: tf.Tensor[] } | undefined;
  return {
    callback(log, model) {
      if (log.val_loss === undefined) {
        throw new Error("earlyStopping needs validation data: pass `validation` to fit");
      }
      history.push(log);
      const ahead = { ...log, epoch: log.epoch + 1, val_loss: Infinity };
      const decision = replay([...history, ahead], rule);
      bestEpoch = decision.keptEpoch;
      if (bestEpoch === log.epoch) {
        tf.dispose(saved?.weights ?? []);
        saved = { epoch: log.epoch, weights: model.getWeights().map((weight) => weight.clone()) };
      } else if (bestEpoch !== 0 && bestEpoch !== saved?.epoch) {
        throw new Error(
          `the early-stopping rule now keeps epoch ${bestEpoch}, which was not the best epoch ` +
            `when it ran, so its weights were not saved`,
        );
      }
      return decision.stoppedEarly ? "stop" : undefined;
    },
    bestEpoch: () => bestEpoch,
    restoreBest(model) {
      if (saved) model.setWeights(saved.weights);
      tf.dispose(saved?.weights ?? []);
      saved = undefined;
    },
  };
}
