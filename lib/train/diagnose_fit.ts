/**
 * Underfit, good fit or overfit: a run's case read from its training and validation accuracy.
 * Lesson 5 labels every remedy with it; exercise 5.6 rebuilds it.
 *
 * @module
 */

/** The three cases of fitting. */
export type FitDiagnosis = "underfit" | "good fit" | "overfit";

/** Where one case ends and the next begins. */
export interface FitThresholds {
  /** Training accuracy below this is underfitting: the model cannot even fit what it sees. */
  minTrainAccuracy: number;
  /** Training accuracy above validation accuracy by more than this is overfitting. */
  maxGap: number;
}

/**
 * `"underfit"` when the training accuracy is below `minTrainAccuracy` (checked first: a model
 * that cannot fit its training data underfits whatever the gap); otherwise `"overfit"` when
 * training beats validation by more than `maxGap`; otherwise `"good fit"`.
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
