/**
 * The confusion matrix as a heatmap: for each true class (row) and predicted class (column),
 * how many examples fell there, written in the cell. The mistakes (off the diagonal) are shaded
 * on a red scale of their own, from white for none to dark red for the most common mistake; the
 * correct answers on the diagonal, far larger, are drawn in neutral grey so they do not set
 * the scale.
 *
 * @module
 */
import type { TopLevelSpec } from "vega-lite";

/** Side of one cell, in screen pixels: room for a four-digit count. */
const CELL = 40;

/** Fill of the diagonal (correct) cells: neutral, so the mistakes carry the colour. */
const DIAGONAL_GREY = "#d9d9d9";

/** What {@linkcode confusionMatrixSpec} needs besides the counts. */
export interface ConfusionMatrixOptions {
  /** Chart title. */
  title: string;
  /** Class names in matrix order (default "0", "1", ... one per row). */
  labels?: string[];
}

/**
 * A Vega-Lite heatmap of `matrix[truth][predicted]` counts (as `confusionMatrix` in
 * `lib/train/evaluate.ts` makes them): true class on y, predicted class on x. The colour scale
 * is a square root, so the few mistakes off the diagonal still show next to its large counts.
 * Throws a `RangeError` if the matrix is not square or the labels do not match it.
 *
 * @example
 * ```ts
 * const spec = confusionMatrixSpec([[50, 2], [3, 45]], { title: "Test set", labels: ["cat", "dog"] });
 * ```
 */
export function confusionMatrixSpec(
  matrix: number[][],
  options: ConfusionMatrixOptions,
): TopLevelSpec {
  const { title, labels = matrix.map((_, i) => String(i)) } = options;
  if (matrix.some((row) => row.length !== matrix.length) || labels.length !== matrix.length) {
    throw new RangeError(
      `Expected a square matrix with one label per row: got ${matrix.length} rows of lengths ` +
        `[${matrix.map((row) => row.length)}] and ${labels.length} labels.`,
    );
  }
  const cells = matrix.flatMap((row, truth) =>
    row.map((count, predicted) => ({
      truth: labels[truth],
      predicted: labels[predicted],
      count,
      correct: truth === predicted,
    }))
  );
  const largestMistake = Math.max(1, ...cells.filter((c) => !c.correct).map((c) => c.count));
  // On the square-root scale 30% of the largest mistake is 55% of the way up the colour ramp:
  // from there on cells are dark enough to need white text.
  const darkFrom = largestMistake * 0.3;
  return {
    title,
    width: CELL * labels.length,
    height: CELL * labels.length,
    data: { values: cells },
    encoding: {
      x: {
        field: "predicted",
        type: "ordinal",
        sort: labels,
        title: "predicted",
        axis: { labelAngle: 0 },
      },
      y: { field: "truth", type: "ordinal", sort: labels, title: "true" },
    },
    layer: [
      {
        transform: [{ filter: "datum.correct" }],
        mark: { type: "rect", color: DIAGONAL_GREY },
      },
      {
        transform: [{ filter: "!datum.correct" }],
        mark: "rect",
        encoding: {
          color: {
            field: "count",
            type: "quantitative",
            scale: {
              type: "sqrt",
              domain: [0, largestMistake],
              range: ["white", "#a50f15"],
              interpolate: "lab",
            },
            title: "mistakes",
          },
        },
      },
      {
        mark: { type: "text", fontSize: 12 },
        encoding: {
          text: { field: "count", type: "quantitative" },
          color: {
            condition: { test: `!datum.correct && datum.count > ${darkFrom}`, value: "white" },
            value: "black",
          },
        },
      },
    ],
  };
}
