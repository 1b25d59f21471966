/**
 * A sweep: one score measured at several settings of one knob (learning rate, batch size,
 * hidden units), drawn as a line with a dot per setting. A log-scale x-axis suits knobs that
 * are tried in multiples (0.001, 0.01, 0.1 or 32, 128, 512).
 *
 * @module
 */
import type { TopLevelSpec } from "vega-lite";

/** One measurement of a sweep. */
export interface SweepPoint {
  /** The knob's setting. */
  setting: number;
  /** What was measured there. */
  score: number;
  /** Which line it belongs to when several are drawn (default: one unnamed line). */
  series?: string;
}

/** Titles and scale of a sweep chart. */
export interface SweepChartOptions {
  /** Chart title. */
  title: string;
  /** Title of the x-axis (the knob). */
  xTitle: string;
  /** Title of the y-axis (the score). */
  yTitle: string;
  /** Log-scale x-axis (default true). */
  log?: boolean;
}

/**
 * A Vega-Lite line chart of `points`, settings on x (log scale unless `log: false`), each
 * point labelled with its score (up to 4 significant digits).
 *
 * @example
 * ```ts
 * const spec = sweepSpec(
 *   [{ setting: 0.01, score: 0.91 }, { setting: 0.1, score: 0.95 }, { setting: 1, score: 0.3 }],
 *   { title: "Validation accuracy by learning rate", xTitle: "learning rate", yTitle: "accuracy" },
 * );
 * ```
 */
export function sweepSpec(points: SweepPoint[], options: SweepChartOptions): TopLevelSpec {
  const { title, xTitle, yTitle, log = true } = options;
  const named = points.some((point) => point.series !== undefined);
  return {
    title,
    width: 360,
    height: 240,
    data: { values: points.map((point) => ({ ...point, series: point.series ?? "" })) },
    encoding: {
      x: {
        field: "setting",
        type: "quantitative",
        scale: log ? { type: "log" } : { zero: false },
        axis: {
          title: xTitle,
          values: [...new Set(points.map((point) => point.setting))],
          labelOverlap: false,
        },
      },
      y: { field: "score", type: "quantitative", scale: { zero: false }, title: yTitle },
      ...(named ? { color: { field: "series", type: "nominal", sort: null, title: null } } : {}),
    },
    layer: [
      { mark: { type: "line", point: true } },
      {
        mark: { type: "text", baseline: "bottom", dy: -6, fontSize: 11 },
        encoding: { text: { field: "score", type: "quantitative", format: ".4~r" } },
      },
    ],
  };
}
