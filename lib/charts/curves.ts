/**
 * Learning curves: how loss and accuracy change epoch after epoch, for one run (training
 * against validation) or for several runs side by side (one line per run).
 *
 * @module
 */
import type { TopLevelSpec } from "vega-lite";
import type { History } from "../train/history.ts";

/** A metric that {@linkcode History} records each epoch. */
export type CurveMetric = "loss" | "val_loss" | "accuracy" | "val_accuracy";

/** One named run, for {@linkcode comparisonCurvesSpec}. */
export interface NamedRun {
  /** Legend label, such as `"sgd 0.5"`. */
  name: string;
  /** Its per-epoch record. */
  history: History;
}

/** One point of one line: the value of a series at an epoch. */
interface CurvePoint {
  epoch: number;
  series: string;
  value: number;
  /** The run a line belongs to, when several runs share a chart (one colour per run). */
  run?: string;
  /** "training", "validation" or "learning rate": solid, dashed or dotted. */
  kind?: string;
}

/** One panel of a curves chart: its y-axis title and the points of all its lines. */
interface CurvePanel {
  yTitle: string;
  points: CurvePoint[];
}

/** Axis titles of the metrics. */
const METRIC_TITLES: Record<CurveMetric, string> = {
  loss: "training loss",
  val_loss: "validation loss",
  accuracy: "training accuracy",
  val_accuracy: "validation accuracy",
};

/** The dash of each kind of line: training solid, validation dashed, learning rate dotted. */
const DASHES = new Map<string, number[]>([
  ["training", [1, 0]],
  ["validation", [6, 4]],
  ["learning rate", [2, 2]],
]);

/** Up to this many epochs each epoch gets a dot; beyond, dots would hide the lines. */
const DOTS_UP_TO_EPOCHS = 30;

/**
 * Training and validation curves: loss on the left, accuracy on the right, epoch on the
 * x-axis, and with `learningRate: true` a third panel with the learning rate each epoch ran
 * with (to see a schedule at work). Give one run's history (lines `training` and `validation`) or several named runs
 * (lines such as `dropout 0.3, training`) to compare them on the same axes. Validation lines
 * appear only for epochs that recorded validation.
 *
 * @example
 * ```ts
 * const history = await fit(model, train, { epochs: 15, validation, ... });
 * await writeChart("out/curves.svg", trainingCurvesSpec(history, { title: "Learning curves" }));
 * trainingCurvesSpec([{ name: "no dropout", history: a }, { name: "dropout", history: b }], {
 *   title: "With and without dropout",
 * });
 * ```
 */
export function trainingCurvesSpec(
  runs: History | NamedRun[],
  options: { title: string; learningRate?: boolean },
): TopLevelSpec {
  const named = isHistory(runs) ? [{ name: "", history: runs }] : runs;
  const series = (run: NamedRun, kind: string) => run.name ? `${run.name}, ${kind}` : kind;
  const tagged = (run: NamedRun, kind: string) => (point: CurvePoint) => ({
    ...point,
    run: run.name,
    kind,
  });
  const panel = (metric: "loss" | "accuracy"): CurvePanel => ({
    yTitle: metric,
    points: [
      ...named.flatMap((run) =>
        pointsOf(run.history, metric, series(run, "training")).map(tagged(run, "training"))
      ),
      ...named.flatMap((run) =>
        pointsOf(run.history, `val_${metric}`, series(run, "validation"))
          .map(tagged(run, "validation"))
      ),
    ],
  });
  const panels = [panel("loss"), panel("accuracy")];
  if (options.learningRate) {
    panels.push({
      yTitle: "learning rate",
      points: named.flatMap((run) =>
        run.history.flatMap((log) =>
          log.learning_rate === undefined ? [] : [{
            epoch: log.epoch,
            series: series(run, "learning rate"),
            value: log.learning_rate,
            run: run.name,
            kind: "learning rate",
          }]
        )
      ),
    });
  }
  return curvesChart(options.title, null, panels, isHistory(runs) ? "series" : "run", true);
}

function isHistory(runs: History | NamedRun[]): runs is History {
  return runs.length === 0 || "epoch" in runs[0];
}

/**
 * One metric of several runs, one line per run, to compare optimizers or configurations.
 * Throws if a run never recorded the metric (for example `val_loss` without validation data).
 *
 * @example
 * ```ts
 * const spec = comparisonCurvesSpec(
 *   [{ name: "sgd", history: sgdHistory }, { name: "adam", history: adamHistory }],
 *   { metric: "val_accuracy", title: "Validation accuracy by optimizer" },
 * );
 * ```
 */
export function comparisonCurvesSpec(
  runs: NamedRun[],
  options: { metric: CurveMetric; title: string; relativeTo?: string; fromEpoch?: number },
): TopLevelSpec {
  const { metric, title, relativeTo, fromEpoch = 1 } = options;
  const reference = relativeTo === undefined
    ? undefined
    : runs.find((run) => run.name === relativeTo);
  if (relativeTo !== undefined && !reference) throw new Error(`No run named "${relativeTo}".`);
  const referenceAt = new Map(
    reference ? pointsOf(reference.history, metric, "").map((p) => [p.epoch, p.value]) : [],
  );
  const points = runs.flatMap((run) => {
    const line = pointsOf(run.history, metric, run.name);
    if (line.length === 0) throw new Error(`Run "${run.name}" has no ${metric} to plot.`);
    return line.flatMap((point) => {
      if (point.epoch < fromEpoch) return [];
      if (!reference) return [point];
      const base = referenceAt.get(point.epoch);
      return base === undefined || base === 0 ? [] : [{ ...point, value: point.value / base }];
    });
  });
  const yTitle = reference
    ? `${METRIC_TITLES[metric]} ÷ ${reference.name}'s`
    : METRIC_TITLES[metric];
  return curvesChart(title, "run", [{ yTitle, points }]);
}

/**
 * Training loss batch after batch, for runs too short for per-epoch curves to show learning:
 * the losses `fit` recorded with `batchLosses: true`, on an x-axis in epochs (batch `i` of `n`
 * in epoch `e` sits at `e - 1 + i / n`), with the validation loss as a dot at each epoch's end.
 * Throws if no epoch recorded its batch losses.
 *
 * @example
 * ```ts
 * const history = await fit(model, train, { epochs: 1, batchLosses: true, validation, ... });
 * batchCurvesSpec(history, { title: "Loss batch by batch" });
 * ```
 */
export function batchCurvesSpec(history: History, options: { title: string }): TopLevelSpec {
  const points: CurvePoint[] = history.flatMap((log) => {
    const losses = log.batch_losses ?? [];
    return losses.map((value, i) => ({
      epoch: log.epoch - 1 + (i + 1) / losses.length,
      series: "training (each batch)",
      value,
    }));
  });
  if (points.length === 0) throw new Error("No epoch recorded its batch losses.");
  const validation: CurvePoint[] = history.flatMap((log) =>
    log.val_loss === undefined
      ? []
      : [{ epoch: log.epoch, series: "validation (end of epoch)", value: log.val_loss }]
  );
  const color = {
    field: "series",
    type: "nominal" as const,
    sort: null,
    title: null,
    scale: {
      domain: ["training (each batch)", "validation (end of epoch)"],
      range: ["#4c78a8", "#f58518"],
    },
    legend: { labelLimit: 300 },
  };
  const x = {
    field: "epoch",
    type: "quantitative" as const,
    scale: { domainMin: 0 },
    axis: { title: "epoch" },
  };
  const y = {
    field: "value",
    type: "quantitative" as const,
    scale: { type: "log" as const },
    title: "loss (log scale)",
  };
  return {
    title: options.title,
    width: 660,
    height: 260,
    layer: [
      { data: { values: points }, mark: { type: "line" }, encoding: { x, y, color } },
      {
        data: { values: validation },
        mark: { type: "point", filled: true, size: 80 },
        encoding: { x, y, color },
      },
    ],
  };
}

/** The points of `metric` in `history` labelled `series`, skipping epochs without it. */
function pointsOf(history: History, metric: CurveMetric, series: string): CurvePoint[] {
  return history.flatMap((log) => {
    const value = log[metric];
    return value === undefined ? [] : [{ epoch: log.epoch, series, value }];
  });
}

/** Curve panels side by side, epoch on x, sharing one colour legend for the series. */
function curvesChart(
  title: string,
  legendTitle: string | null,
  panels: CurvePanel[],
  colorBy: "series" | "run" = "series",
  dashed = false,
): TopLevelSpec {
  const kinds = [...DASHES.keys()].filter((kind) =>
    panels.some((panel) => panel.points.some((point) => point.kind === kind))
  );
  const epochs = Math.max(...panels.flatMap((panel) => panel.points.map((point) => point.epoch)));
  return {
    title,
    hconcat: panels.map(({ yTitle, points }) => ({
      width: 320,
      height: 220,
      data: { values: points },
      mark: { type: "line", point: epochs <= DOTS_UP_TO_EPOCHS },
      encoding: {
        x: {
          field: "epoch",
          type: "quantitative",
          axis: { title: "epoch", format: "d", tickMinStep: 1 },
        },
        y: { field: "value", type: "quantitative", scale: { zero: false }, title: yTitle },
        color: {
          field: colorBy,
          type: "nominal",
          sort: null,
          title: colorBy === "run" ? "run" : legendTitle,
          legend: { labelLimit: 300 },
        },
        // Training solid, validation dashed: a run's pair of lines shares its colour.
        // With one run the colour legend already names each line: the dashes need none.
        ...(dashed
          ? {
            strokeDash: {
              field: "kind",
              type: "nominal",
              scale: { domain: kinds, range: kinds.map((kind) => DASHES.get(kind)!) },
              title: "line",
              legend: colorBy === "run"
                ? {
                  symbolType: "stroke",
                  symbolStrokeWidth: 2,
                  symbolSize: 300,
                  // Vega-Lite paints these symbols transparent: draw each dash in dark grey.
                  // (all four properties given, so the two panels' legends merge without a warning).
                  encoding: {
                    symbols: {
                      fill: { value: "black" },
                      fillOpacity: { value: 1 },
                      opacity: { value: 1 },
                      stroke: { value: "#555" },
                    },
                  },
                }
                : null,
            },
          }
          : {}),
      },
    })),
  };
}
