/**
 * Lesson 5 reference solutions: weight penalties and their gradients, reading a history for
 * the best epoch, an early-stopping rule, and telling underfitting from overfitting. Same
 * exports as `exercises/05_regularization.ts`; `tests/05_regularization_test.ts` proves both.
 *
 * @module
 */
import type { History } from "@lib/train/history.ts";
import type { FitDiagnosis, FitThresholds } from "@lib/train/diagnose_fit.ts";
import type { EarlyStoppingDecision, EarlyStoppingRule } from "@lib/train/early_stopping_rule.ts";

/** A penalty's value and its gradient with respect to each weight. */
export interface Penalty {
  /** What the penalty adds to the loss. */
  penalty: number;
  /** d penalty / d weight, one per weight. */
  gradient: number[];
}

/**
 * Exercise 5.1: the L1 (lasso) penalty, as Keras's `l1(strength)`: `strength * sum(|w|)`.
 * Its gradient is `strength * sign(w)` (0 for a weight that is exactly 0): every weight is
 * pulled towards 0 by the same amount, so small weights end up exactly at 0.
 *
 * @example
 * ```ts
 * l1Penalty([1, -2, 0], 0.1); // { penalty: 0.3, gradient: [0.1, -0.1, 0] }
 * ```
 */
export function l1Penalty(weights: number[], strength: number): Penalty {
  return {
    penalty: strength * weights.reduce((sum, w) => sum + Math.abs(w), 0),
    gradient: weights.map((w) => strength * Math.sign(w)),
  };
}

/**
 * Exercise 5.2: the L2 (ridge) penalty, as Keras's `l2(strength)`: `strength * sum(w^2)`.
 * Its gradient is `2 * strength * w`: large weights are pulled back hard, small ones gently.
 *
 * @example
 * ```ts
 * l2Penalty([1, -2], 0.01); // { penalty: 0.05, gradient: [0.02, -0.04] }
 * ```
 */
export function l2Penalty(weights: number[], strength: number): Penalty {
  return {
    penalty: strength * weights.reduce((sum, w) => sum + w * w, 0),
    gradient: weights.map((w) => 2 * strength * w),
  };
}

/**
 * Exercise 5.3: the elastic-net penalty, as Keras's `l1_l2(l1, l2)`: the L1 and L2 penalties
 * added together, and so are their gradients.
 *
 * @example
 * ```ts
 * elasticNetPenalty([1, -2], 0.1, 0.01); // { penalty: 0.35, gradient: [0.12, -0.14] }
 * ```
 */
export function elasticNetPenalty(weights: number[], l1: number, l2: number): Penalty {
  const lasso = l1Penalty(weights, l1);
  const ridge = l2Penalty(weights, l2);
  return {
    penalty: lasso.penalty + ridge.penalty,
    gradient: lasso.gradient.map((g, i) => g + ridge.gradient[i]),
  };
}

/**
 * Exercise 5.4: the epoch (its `epoch` number) whose validation loss was the lowest; the
 * earliest one if several tie. Throws a `RangeError` if no epoch recorded a validation loss.
 *
 * @example
 * ```ts
 * bestEpoch([{ epoch: 1, val_loss: 0.5, ... }, { epoch: 2, val_loss: 0.3, ... }, { epoch: 3, val_loss: 0.4, ... }]); // 2
 * ```
 */
export function bestEpoch(history: History): number {
  let best: { epoch: number; loss: number } | undefined;
  for (const log of history) {
    if (log.val_loss === undefined) continue;
    if (best === undefined || log.val_loss < best.loss) {
      best = { epoch: log.epoch, loss: log.val_loss };
    }
  }
  if (best === undefined) throw new RangeError("bestEpoch: no epoch recorded a validation loss");
  return best.epoch;
}

/** The rule's knobs and its decision, as lesson 5 uses them (lib/train/early_stopping_rule.ts). */
export type { EarlyStoppingDecision, EarlyStoppingRule };

/**
 * Exercise 5.5: replays an early-stopping rule over a history of validation losses, epoch by
 * epoch, as Keras does: an epoch improves if its `val_loss` is below `best - minDelta` (then
 * it becomes the best and the wait restarts); otherwise the wait grows by one, and once it
 * reaches `patience` training stops after that epoch. The model keeps the best epoch's
 * weights with `restoreBest`, else the stop epoch's. An empty history is a `RangeError`.
 *
 * @example
 * ```ts
 * // val_loss: 0.5, 0.4, 0.45, 0.46, 0.3 with patience 2: stops after epoch 4, keeps epoch 2
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
  let bestAt = 0;
  let wait = 0;
  for (const [i, log] of history.entries()) {
    const loss = log.val_loss ?? Infinity;
    if (loss < best - rule.minDelta) {
      best = loss;
      bestAt = log.epoch;
      wait = 0;
    } else if (++wait >= rule.patience) {
      return {
        stopEpoch: log.epoch,
        stoppedEarly: i < history.length - 1,
        keptEpoch: rule.restoreBest ? bestAt : log.epoch,
      };
    }
  }
  const last = history[history.length - 1].epoch;
  return { stopEpoch: last, stoppedEarly: false, keptEpoch: rule.restoreBest ? bestAt : last };
}

export type { FitDiagnosis, FitThresholds };

/**
 * Exercise 5.6: which of the three cases a run is in, from its final training and validation
 * accuracy: `"underfit"` when the training accuracy is below `minTrainAccuracy` (checked
 * first: a model that cannot fit its training data is underfitting whatever the gap);
 * otherwise `"overfit"` when training beats validation by more than `maxGap`; otherwise
 * `"good fit"`.
 *
 * @example
 * ```ts
 * const thresholds = { minTrainAccuracy: 0.9, maxGap: 0.03 };
 * diagnoseFit(0.80, 0.79, thresholds); // "underfit"
 * diagnoseFit(0.99, 0.90, thresholds); // "overfit"
 * diagnoseFit(0.97, 0.96, thresholds); // "good fit"
 * ```
 */
export function diagnoseFit(
  trainAccuracy: number,
  validationAccuracy: number,
  thresholds: FitThresholds,
): FitDiagnosis {
  if (trainAccuracy < thresholds.minTrainAccuracy) return "underfit";
  if (trainAccuracy - validationAccuracy > thresholds.maxGap) return "overfit";
  return "good fit";
}
