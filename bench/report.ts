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
  /** Floating-point operations in one training step, counted as `bench/flops.ts` explains. */
  flops_per_step: number;
  /** Milliseconds per step, by tfjs backend. */
  ms_per_step: Partial<Record<BackendName, number>>;
  /** Images per second, by tfjs backend. */
  images_per_second: Partial<Record<BackendName, number>>;
  /** Achieved GFLOP/s (FLOPs per step over time per step), by tfjs backend. */
  gflops: Partial<Record<BackendName, number>>;
  /**
   * wasm's achieved GFLOP/s as a percentage of the machine's WebAssembly matmul ceiling times
   * the threads sharing the step; null when wasm was not timed or the ceiling not measured.
   */
  wasm_ceiling_percent: number | null;
  /** Timed steps, by tfjs backend. */
  steps_per_backend: Partial<Record<BackendName, number>>;
  /** Seconds for one lesson epoch (48,000 images) on the default backend, for dense models. */
  epoch_seconds?: number;
  /** PyTorch's milliseconds per step, or null when it was not run. */
  pytorch_ms_per_step: number | null;
  /** PyTorch's achieved GFLOP/s, or null. */
  pytorch_gflops: number | null;
  /** Each backend's tfjs time over PyTorch's (how many times slower), or null. */
  ratio: Partial<Record<BackendName, number>> | null;
}

/** The PyTorch that ran the reference, as `bench.json` records it. */
export interface PytorchEntry {
  /** `torch.__version__`. */
  version: string;
  /** The interpreter. */
  python: string;
  /** How it was chosen: `BENCH_PYTHON`, the bench's `venv`, or `debian`. */
  source: string;
  /** Threads it used. */
  threads: number;
  /** `BLAS_INFO` from its build settings. */
  blas_info: string;
  /** The config line naming its BLAS, or the BLAS library it loaded. */
  blas: string;
  /** Whether that is the slow reference BLAS (the bench warns). */
  reference_blas: boolean;
  /** Its `torch.mm` GFLOP/s on 1024x1024 matrices with `threads` threads. */
  matmul_gflops: number;
  /** `torch.__config__.show()`. */
  config: string;
}

/** The whole `bench.json`. */
export interface BenchReport {
  /** The tfjs backend `ratio` compares (the course's default, when it was timed). */
  default_backend: BackendName;
  /** Seed used. */
  seed: number;
  /**
   * Where it ran, with its measured WebAssembly matmul ceiling: GFLOP/s of tfjs's wasm
   * `matMul` on 1024x1024 matrices, one thread, best of 10 (null when wasm could not start).
   */
  machine: Machine & { wasm_matmul_gflops: number | null };
  /** The PyTorch of `--vs-pytorch`, or null. */
  pytorch: PytorchEntry | null;
  /** One entry per model. */
  models: BenchEntry[];
}

/** What {@linkcode benchEntry} combines with the timings. */
export interface EntryContext {
  /** FLOPs per training step of the model. */
  flops: number;
  /** The WebAssembly matmul ceiling in GFLOP/s for one thread, when measured. */
  wasmCeiling?: number;
  /** PyTorch's ms/step, when it ran. */
  pytorchMs?: number;
}

/**
 * Combines a model's tfjs timings (default backend first), its FLOPs per step, the wasm
 * ceiling and PyTorch's time into an entry.
 *
 * @example
 * ```ts
 * benchEntry("cnn", [wasmTiming], { flops: 9.16e9, wasmCeiling: 36.5, pytorchMs: 78.7 }).ratio;
 * // { wasm: wasm ms/step / 78.7 }
 * ```
 */
export function benchEntry(
  model: ModelName,
  timings: Timing[],
  { flops, wasmCeiling, pytorchMs }: EntryContext,
): BenchEntry {
  const spec = BENCH_MODELS[model];
  const [main] = timings;
  const byBackend = <T>(pick: (timing: Timing) => T) =>
    Object.fromEntries(timings.map((timing) => [timing.backend, pick(timing)]));
  const wasm = timings.find((timing) => timing.backend === "wasm");
  return {
    model,
    batch_size: spec.batchSize,
    steps: main.steps,
    workers: main.workers,
    flops_per_step: flops,
    ms_per_step: byBackend((timing) => round(timing.msPerStep, 2)),
    images_per_second: byBackend((timing) => Math.round(timing.imagesPerSecond)),
    gflops: byBackend((timing) => round(gflops(flops, timing.msPerStep), 2)),
    wasm_ceiling_percent: wasm && wasmCeiling
      ? round((100 * gflops(flops, wasm.msPerStep)) / (wasmCeiling * wasm.workers), 1)
      : null,
    steps_per_backend: byBackend((timing) => timing.steps),
    ...(spec.perEpoch
      ? { epoch_seconds: round(epochSeconds(main.msPerStep, spec.batchSize), 2) }
      : {}),
    pytorch_ms_per_step: pytorchMs === undefined ? null : round(pytorchMs, 2),
    pytorch_gflops: pytorchMs === undefined ? null : round(gflops(flops, pytorchMs), 2),
    ratio: pytorchMs === undefined
      ? null
      : byBackend((timing) => round(timing.msPerStep / pytorchMs, 2)),
  };
}

/**
 * The results as a Markdown table: per model its GFLOP per step, per backend ms/step, images/s
 * and GFLOP/s, wasm's share of the ceiling times threads, seconds per epoch where the target is
 * per epoch, and PyTorch side by side when it ran.
 *
 * @example
 * ```ts
 * console.log(formatTable(report.models, ["wasm"])); // "| model | batch | ..."
 * ```
 */
export function formatTable(entries: BenchEntry[], backends: BackendName[]): string {
  const withPytorch = entries.some((entry) => entry.pytorch_ms_per_step !== null);
  const withCeiling = entries.some((entry) => entry.wasm_ceiling_percent !== null);
  const header = [
    "model",
    "batch",
    "threads",
    "GFLOP/step",
    ...backends.flatMap((name) => [`${name} ms/step`, `${name} img/s`, `${name} GFLOP/s`]),
    ...(withCeiling ? ["% of wasm ceiling x threads"] : []),
    "epoch s",
    ...(withPytorch
      ? [
        "PyTorch ms/step",
        "PyTorch GFLOP/s",
        "PyTorch epoch s",
        ...backends.map((name) => `${name} / PyTorch`),
      ]
      : []),
  ];
  const rows = entries.map((entry) => {
    const pytorch = entry.pytorch_ms_per_step;
    const ceiling = entry.wasm_ceiling_percent;
    return [
      entry.model,
      String(entry.batch_size),
      String(entry.workers),
      String(Number((entry.flops_per_step / 1e9).toPrecision(3))),
      ...backends.flatMap((name) => [
        fixed(entry.ms_per_step[name]),
        entry.images_per_second[name]?.toLocaleString("en-US") ?? "-",
        fixed(entry.gflops[name]),
      ]),
      ...(withCeiling ? [ceiling === null ? "-" : `${ceiling.toFixed(0)}%`] : []),
      fixed(entry.epoch_seconds),
      ...(withPytorch
        ? [
          fixed(pytorch ?? undefined),
          fixed(entry.pytorch_gflops ?? undefined),
          entry.epoch_seconds !== undefined && pytorch !== null
            ? fixed(epochSeconds(pytorch, entry.batch_size))
            : "-",
          ...backends.map((name) => {
            const ratio = entry.ratio?.[name];
            return ratio === undefined ? "-" : `${ratio.toFixed(2)}x`;
          }),
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

/** GFLOP/s of `flops` operations done in `ms` milliseconds. */
function gflops(flops: number, ms: number): number {
  return flops / (ms * 1e6);
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
