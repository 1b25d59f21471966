/**
 * The bench's results: one entry per model as `bench.json` stores it, and the table printed
 * for people (Markdown, so it can be pasted into the README as it is).
 *
 * @module
 */
import type { BackendName } from "../lib/backend/backend.ts";
import type { Machine } from "./machine.ts";
import type { Timing } from "./measure.ts";
import { BENCH_MODELS, EPOCH_IMAGES, type ModelName } from "./models.ts";

/** One model's line of `bench.json`. */
export interface BenchEntry {
  /** Model name, e.g. `cnn`. */
  model: ModelName;
  /** Images per step. */
  batch_size: number;
  /** Timed steps on the default (first) backend. */
  steps: number;
  /** Threads that shared each tfjs step (`--workers`). */
  workers: number;
  /** Milliseconds per step, by tfjs backend. */
  ms_per_step: Partial<Record<BackendName, number>>;
  /** Images per second, by tfjs backend. */
  images_per_second: Partial<Record<BackendName, number>>;
  /** Timed steps, by tfjs backend. */
  steps_per_backend: Partial<Record<BackendName, number>>;
  /** Seconds for one lesson epoch (48,000 images) on the default backend, for dense models. */
  epoch_seconds?: number;
  /** PyTorch's milliseconds per step, or null when it was not run. */
  pytorch_ms_per_step: number | null;
  /** Default-backend tfjs time over PyTorch time, or null. */
  ratio: number | null;
}

/** The whole `bench.json`. */
export interface BenchReport {
  /** The tfjs backend `ratio` compares (the course's default, when it was timed). */
  default_backend: BackendName;
  /** Seed used. */
  seed: number;
  /** Where it ran; `torch`, `torch_threads` and `python` when PyTorch ran too. */
  machine: Machine & { torch?: string; torch_threads?: number; python?: string };
  /** One entry per model. */
  models: BenchEntry[];
}

/**
 * Combines a model's tfjs timings (default backend first) and PyTorch's time into an entry.
 *
 * @example
 * ```ts
 * benchEntry("cnn", [wasmTiming, cpuTiming], 550).ratio; // wasm ms/step / 550
 * ```
 */
export function benchEntry(model: ModelName, timings: Timing[], pytorchMs?: number): BenchEntry {
  const spec = BENCH_MODELS[model];
  const [main] = timings;
  const byBackend = <T>(pick: (timing: Timing) => T) =>
    Object.fromEntries(timings.map((timing) => [timing.backend, pick(timing)]));
  return {
    model,
    batch_size: spec.batchSize,
    steps: main.steps,
    workers: main.workers,
    ms_per_step: byBackend((timing) => round(timing.msPerStep, 2)),
    images_per_second: byBackend((timing) => Math.round(timing.imagesPerSecond)),
    steps_per_backend: byBackend((timing) => timing.steps),
    ...(spec.perEpoch
      ? { epoch_seconds: round(epochSeconds(main.msPerStep, spec.batchSize), 2) }
      : {}),
    pytorch_ms_per_step: pytorchMs === undefined ? null : round(pytorchMs, 2),
    ratio: pytorchMs === undefined ? null : round(main.msPerStep / pytorchMs, 2),
  };
}

/**
 * The results as a Markdown table: per model and backend ms/step and images/s, seconds per
 * epoch where the target is per epoch, and PyTorch side by side when it ran.
 */
export function formatTable(entries: BenchEntry[], backends: BackendName[]): string {
  const withPytorch = entries.some((entry) => entry.pytorch_ms_per_step !== null);
  const header = [
    "model",
    "batch",
    "threads",
    ...backends.flatMap((name) => [`${name} ms/step`, `${name} img/s`]),
    "epoch s",
    ...(withPytorch ? ["PyTorch ms/step", "PyTorch epoch s", "ratio"] : []),
  ];
  const rows = entries.map((entry) => {
    const pytorch = entry.pytorch_ms_per_step;
    return [
      entry.model,
      String(entry.batch_size),
      String(entry.workers),
      ...backends.flatMap((name) => [
        fixed(entry.ms_per_step[name]),
        entry.images_per_second[name]?.toLocaleString("en-US") ?? "-",
      ]),
      fixed(entry.epoch_seconds),
      ...(withPytorch
        ? [
          fixed(pytorch ?? undefined),
          entry.epoch_seconds !== undefined && pytorch !== null
            ? fixed(epochSeconds(pytorch, entry.batch_size))
            : "-",
          entry.ratio === null ? "-" : `${entry.ratio.toFixed(2)}x`,
        ]
        : []),
    ];
  });
  const widths = header.map((cell, i) =>
    Math.max(cell.length, ...rows.map((row) => row[i].length))
  );
  const line = (cells: string[]) =>
    `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(" | ")} |`;
  return [line(header), line(widths.map((width) => "-".repeat(width))), ...rows.map(line)].join(
    "\n",
  );
}

function epochSeconds(msPerStep: number, batchSize: number): number {
  return (msPerStep * Math.ceil(EPOCH_IMAGES / batchSize)) / 1000;
}

function fixed(value: number | undefined): string {
  if (value === undefined) return "-";
  return value >= 100 ? value.toFixed(0) : value.toFixed(value >= 10 ? 1 : 2);
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
