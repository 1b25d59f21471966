/**
 * A plain bar chart of named values, such as the test accuracy or training time of several
 * configurations, with each value written above its bar.
 *
 * @module
 */
import type { TopLevelSpec } from "vega-lite";

/** One bar: its name on the x-axis and its height. */
export interface Bar {
  /** Label under the bar. */
  name: string;
  /** Height of the bar. */
  value: number;
}

/** Titles of a bar chart. */
export interface BarChartOptions {
  /** Chart title. */
  title: string;
  /** Title of the x-axis, which lists the names. */
  xTitle: string;
  /** Title of the y-axis, which measures the values. */
  yTitle: string;
  /** d3 format of the values on the bars and the y-axis (default: up to 4 significant digits). */
  format?: string;
}

/**
 * A Vega-Lite bar chart of `rows`, bars in the given order, each value printed on top (up to
 * 4 significant digits).
 *
 * @example
 * ```ts
 * const spec = barChartSpec(
 *   [{ name: "sgd", value: 0.921 }, { name: "adam", value: 0.978 }],
 *   { title: "Test accuracy by optimizer", xTitle: "optimizer", yTitle: "test accuracy" },
 * );
 * ```
 */
export function barChartSpec(rows: Bar[], options: BarChartOptions): TopLevelSpec {
  const { title, xTitle, yTitle, format } = options;
  return {
    title,
    width: { step: 56 },
    height: 240,
    data: { values: rows },
    encoding: {
      x: {
        field: "name",
        type: "nominal",
        sort: null,
        axis: { title: xTitle, labelAngle: -30, labelLimit: 300 },
      },
      y: {
        field: "value",
        type: "quantitative",
        title: yTitle,
        ...(format ? { axis: { format: format.replace(/\.\d+/, ".0") } } : {}),
      },
    },
    layer: [
      { mark: { type: "bar", color: "#4c78a8" } },
      {
        mark: { type: "text", baseline: "bottom", dy: -3, fontSize: 12 },
        encoding: { text: { field: "value", type: "quantitative", format: format ?? ".4~r" } },
      },
    ],
  };
}
