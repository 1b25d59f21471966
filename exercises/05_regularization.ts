// The stubs below do not use their parameters yet; your code will.
// deno-lint-ignore-file no-unused-vars
/**
 * Lesson 5 exercises: the L1, L2 and elastic-net penalties and their gradients, the epoch with
 * the lowest validation loss, an early-stopping rule replayed over a history, and telling
 * underfitting, a good fit and overfitting apart.
 *
 * Replace each `todo(...)` with your code, then run `deno task check 5`: it runs
 * `tests/05_regularization_test.ts` against this file and tells you what to do next.
 *
 * @module
 */
import { todo } from "@lib/exercise/todo.ts";
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
  // TODO: penalty = strength * sum of |w|; gradient = strength * sign(w) for each weight.
  // 待办：惩罚项 = strength * |w| 之和；每个权重的梯度 = strength * sign(w)。
  return todo("5.1", {
    en: "return { penalty: strength * sum(|w|), gradient: strength * sign(w) }",
    zh: "返回 { penalty: strength * sum(|w|), gradient: strength * sign(w) }",
  });
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
  // TODO: penalty = strength * sum of w^2; gradient = 2 * strength * w for each weight.
  // 待办：惩罚项 = strength * w^2 之和；每个权重的梯度 = 2 * strength * w。
  return todo("5.2", {
    en: "return { penalty: strength * sum(w^2), gradient: 2 * strength * w }",
    zh: "返回 { penalty: strength * sum(w^2), gradient: 2 * strength * w }",
  });
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
  // TODO: the L1 penalty plus the L2 penalty; add their gradients weight by weight.
  // 待办：L1 惩罚项加 L2 惩罚项；梯度逐个权重相加。
  return todo("5.3", {
    en: "add the L1 and L2 penalties and their gradients",
    zh: "把 L1 和 L2 惩罚项及它们的梯度相加",
  });
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
  // TODO: the `epoch` of the log with the smallest val_loss (the first one on a tie).
  // 待办：val_loss 最小的那一条记录的 `epoch`（并列时取第一个）。
  return todo("5.4", {
    en: "find the epoch with the lowest validation loss",
    zh: "找出验证损失最低的那一轮",
  });
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
  // TODO: walk the epochs keeping the best val_loss and a wait counter; stop when wait reaches patience.
  // 待办：逐轮记住最好的 val_loss 和等待计数；等待达到 patience 时停止。
  return todo("5.5", {
    en: "replay the rule epoch by epoch and say where it stops and which weights it keeps",
    zh: "逐轮重放这条规则，说出它在哪一轮停止、保留哪一轮的权重",
  });
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
  // TODO: "underfit" if training accuracy is too low, else "overfit" if the gap is too big, else "good fit".
  // 待办：训练准确率太低为 "underfit"；否则差距太大为 "overfit"；否则为 "good fit"。
  return todo("5.6", {
    en: "compare the training accuracy with the minimum, then the gap with the maximum",
    zh: "先把训练准确率和最低要求比较，再把差距和上限比较",
  });
}
