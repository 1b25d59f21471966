/**
 * The `deno task bench` command line, parsed with `node:util`'s `parseArgs` (through
 * `parseCommandLine`, as every course command does).
 *
 * @module
 */
import { type BackendName, BACKENDS } from "../lib/backend/backend.ts";
import { UsageError } from "../lib/cli/errors.ts";
import { DEFAULT_SEED } from "../lib/lesson/options.ts";
import { parseCommandLine, parseCount } from "../lib/cli/args.ts";
import { MODEL_NAMES, type ModelName } from "./models.ts";

/** What to benchmark. */
export interface BenchOptions {
  /** Models to train, in table order. */
  models: ModelName[];
  /** tfjs backends to time, the default (first) one first. */
  backends: BackendName[];
  /** Steps for every model and backend; undefined for each model's defaults. */
  steps?: number;
  /** Also run `bench/pytorch_reference.py` in PyTorch and print the tfjs/PyTorch ratio. */
  vsPytorch: boolean;
  /** Threads sharing each tfjs step for every model; undefined for each model's default. */
  workers?: number;
  /** Seed for weights, batch order and dropout. */
  seed: number;
  /** Folder under which `bench/bench.json` is written. */
  out: string;
}

const FLAGS = {
  models: { type: "string" },
  backends: { type: "string" },
  steps: { type: "string" },
  "vs-pytorch": { type: "boolean" },
  workers: { type: "string" },
  seed: { type: "string" },
  out: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

/** The `--help` text. */
export const BENCH_USAGE = [
  "Usage: deno task bench [options]",
  "",
  "Measures the WebAssembly matmul ceiling, trains each course model for a fixed number of",
  "steps per backend and prints ms/step, images/s and GFLOP/s; writes OUT/bench/bench.json.",
  "",
  "Options:",
  `  --models LIST      comma-separated, from ${MODEL_NAMES.join(",")} (default all)`,
  `  --backends LIST    comma-separated, from ${BACKENDS.join(",")} (default wasm; add native`,
  "                     for the system's BLAS, as the lessons use it)",
  "  --steps N          timed steps for every model and backend (default: per model and",
  "                     backend, see bench/models.ts; one epoch for softmax and mlp on wasm)",
  "  --vs-pytorch       also train the same models, batch sizes and step counts in PyTorch",
  "                     (bench/pytorch_reference.py, 2 threads) with $BENCH_PYTHON, else a",
  "                     venv in your cache the bench prepares once with pip install torch",
  "                     (about 200 MB), else Debian's /usr/bin/python3 (python3-torch)",
  "  --workers N        threads sharing each tfjs step, as the lessons' --workers (default:",
  "                     as each model's lesson trains it: 2 for the CNNs, 1 for the others)",
  `  --seed N           seed for weights, batch order and dropout (default ${DEFAULT_SEED})`,
  "  --out DIR          write DIR/bench/bench.json (default out)",
  "  -h, --help         show this help",
  "",
  "Example: deno task bench --models mlp,cnn --vs-pytorch",
].join("\n");

/**
 * Parses bench flags; returns `"help"` when help was asked for and throws a
 * {@linkcode UsageError} naming the flag for anything malformed.
 *
 * @example
 * ```ts
 * parseBenchOptions(["--models", "softmax", "--steps", "2"]).steps; // 2
 * ```
 */
export function parseBenchOptions(argv: string[]): BenchOptions | "help" {
  const { values, positionals } = parseCommandLine(argv, FLAGS, "see --help");
  if (positionals.length > 0) {
    throw new UsageError(`unexpected argument "${positionals[0]}" (see --help)`);
  }
  if (values.help) return "help";
  return {
    models: parseList("--models", values.models, MODEL_NAMES),
    backends: values.backends === undefined
      ? ["wasm"]
      : parseList("--backends", values.backends, BACKENDS),
    steps: parseCount("--steps", values.steps),
    vsPytorch: values["vs-pytorch"] ?? false,
    workers: parseCount("--workers", values.workers),
    seed: parseCount("--seed", values.seed, 0) ?? DEFAULT_SEED,
    out: values.out ?? "out",
  };
}

function parseList<T extends string>(
  flag: string,
  text: string | undefined,
  allowed: readonly T[],
): T[] {
  if (text === undefined) return [...allowed];
  const items = text.split(",").map((item) => item.trim());
  const unknown = items.filter((item) => !(allowed as readonly string[]).includes(item));
  if (items.length === 0 || unknown.length > 0 || new Set(items).size !== items.length) {
    throw new UsageError(
      `${flag} must be a comma-separated list of distinct names from ${allowed.join(", ")}, ` +
        `got "${text}"`,
    );
  }
  return items as T[];
}
