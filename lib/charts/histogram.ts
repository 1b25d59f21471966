/**
 * Histograms: how many values fall in each bin, for one or several sets of values drawn over
 * each other (for example a layer's weights with and without a penalty).
 *
 * @module
 */
import type { TopLevelSpec } from "vega-lite";

/** One named set of values to count. */
export interface NamedValues {
  /** Legend label. */
  name: string;
  /** The values. */
  values: ArrayLike<number>;
}

/** Titles and binning of a histogram. */
export interface HistogramOptions {
  /** Chart title. */
  title: string;
  /** Title of the x-axis (what the values are). */
  xTitle: string;
  /** Number of equal-width bins over the range of all values (default 60). */
  bins?: number;
}

/** A bin's share of its set, at the bin's centre. */
interface BinRow {
  name: string;
  center: number;
  share: number;
}

/**
 * Counts each set into the same equal-width bins, in TypeScript, so the chart carries one row
 * per bin rather than every value, and draws each set's share of values per bin as a line.
 *
 * @example
 * ```ts
 * const spec = histogramSpec(
 *   [{ name: "no penalty", values: plain }, { name: "L2 0.01", values: penalised }],
 *   { title: "First-layer weights", xTitle: "weight" },
 * );
 * ```
 */
export function histogramSpec(sets: NamedValues[], options: HistogramOptions): TopLevelSpec {
  const { title, xTitle, bins = 60 } = options;
  let low = Infinity;
  let high = -Infinity;
  for (const { values } of sets) {
    for (let i = 0; i < values.length; i++) {
      low = Math.min(low, values[i]);
      high = Math.max(high, values[i]);
    }
  }
  if (!Number.isFinite(low)) throw new Error("histogramSpec: there are no values to count");
  const width = (high - low) / bins || 1;
  const rows: BinRow[] = sets.flatMap(({ name, values }) => {
    const counts = new Array<number>(bins).fill(0);
    for (let i = 0; i < values.length; i++) {
      counts[Math.min(bins - 1, Math.floor((values[i] - low) / width))]++;
    }
    return counts.map((count, bin) => ({
      name,
      center: low + (bin + 0.5) * width,
      share: count / values.length,
    }));
  });
  return {
    title,
    width: 420,
    height: 240,
    data: { values: rows },
    mark: { type: "line", interpolate: "step" },
    encoding: {
      x: { field: "center", type: "quantitative", title: xTitle },
      y: { field: "share", type: "quantitative", title: "share of values", axis: { format: "%" } },
      color: { field: "name", type: "nominal", sort: null, title: null },
    },
  };
}
