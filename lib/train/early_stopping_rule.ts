/**
 * Keras's early-stopping rule as a pure function: replayed over a history of validation
 * losses, where does it stop and which epoch's weights does it keep? Lesson 5's early
 * stopping decides with it after every epoch (see `early_stopping.ts`, option `replay`);
 * exercise 5.5 rebuilds it.
 *
 * @module
 */
import type { History } from "./history.ts";

/** The knobs of the rule, as Keras's `EarlyStopping(monitor="val_loss")`. */
export interface EarlyStoppingRule {
  /** Epochs without improvement to wait before stopping. */
  patience: number;
  /** An epoch improves only if its validation loss is below the best so far minus this. */
  minDelta: number;
  /** Keep the weights of the best epoch rather than those of the last epoch trained. */
  restoreBest: boolean;
}

/** What the rule decides over a history. */
export interface EarlyStoppingDecision {
  /** The last epoch that is trained: where the rule stops, or the history's last epoch. */
  stopEpoch: number;
  /** Whether the rule stopped training before the history's end. */
  stoppedEarly: boolean;
  /** The epoch whose weights the model keeps (0 if no epoch ever improved). */
  keptEpoch: number;
}

/**
 * Walks `history` epoch by epoch: an epoch whose `val_loss` is below `best - minDelta` is the
 * new best and restarts the wait; any other (a missing `val_loss` included) adds one to the
 * wait, and when the wait reaches `patience` training stops after that epoch. Throws a
 * `RangeError` for an empty history.
 *
 * @example
 * ```ts
 * // val_loss 0.5, 0.4, 0.45, 0.46, 0.3 with patience 2
 * earlyStoppingDecision(history, { patience: 2, minDelta: 0, restoreBest: true });
 * // { stopEpoch: 4, stoppedEarly: true, keptEpoch: 2 }
 * ```
 */
export function earlyStoppingDecision(
  history: History,
  rule: EarlyStoppingRule,
): EarlyStoppingDecision {
  if (history.length === 0) throw new RangeError("earlyStoppingDecision: the history is empty");
  let best = Infinity;
  let bestEpoch = 0;
  let waited = 0;
  let stop = history.length - 1;
  for (let i = 0; i < history.length; i++) {
    const loss = history[i].val_loss;
    if (loss !== undefined && loss < best - rule.minDelta) {
      best = loss;
      bestEpoch = history[i].epoch;
      waited = 0;
      continue;
    }
    waited++;
    if (waited >= rule.patience) {
      stop = i;
      break;
    }
  }
  const stopEpoch = history[stop].epoch;
  return {
    stopEpoch,
    stoppedEarly: stop < history.length - 1,
    keptEpoch: rule.restoreBest ? bestEpoch : stopEpoch,
  };
}
