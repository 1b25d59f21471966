/**
 * The `deno task bench` command line, parsed with `node:util`'s `parseArgs` (through
 * `parseCommandLine`, as every course command does).
 *
 * @module
 */
import { type BackendName, BACKENDS } from "../lib/backend/backend.ts";
import { UsageError } from "../lib/cli/errors.ts";
import { chooseLanguage, type Language } from "../lib/cli/language.ts";
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
  /** Also time every kernel (main thread) and print the slowest per model and backend. */
  kernels: boolean;
  /** The language of the lines the bench prints (the table stays as it is). */
  language: Language;
}

const FLAGS = {
  models: { type: "string" },
  backends: { type: "string" },
  steps: { type: "string" },
  "vs-pytorch": { type: "boolean" },
  workers: { type: "string" },
  seed: { type: "string" },
  out: { type: "string" },
  kernels: { type: "boolean" },
  lang: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

/** The usage every bad flag quotes, and the `--help` text, in both languages. */
const BENCH_HELP = {
  usage: { en: "see --help", zh: "参见 --help" },
  text: {
    en: [
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
      "  --kernels          also time every kernel and print the slowest, in ms per step (the",
      "                     main thread's only: use --workers 1 to see a CNN's whole step)",
      "  --lang en|zh       the language of the lines the bench prints (default: from LANG)",
      "  -h, --help         show this help",
      "",
      "Example: deno task bench --models mlp,cnn --vs-pytorch",
    ].join("\n"),
    zh: [
      "用法：deno task bench [选项]",
      "",
      "测量 WebAssembly 矩阵乘法的性能上限，在每个后端上把课程的每个模型训练固定的步数，",
      "打印 ms/step、images/s 和 GFLOP/s；写出 OUT/bench/bench.json。",
      "",
      "选项：",
      `  --models LIST      用逗号分隔，取自 ${MODEL_NAMES.join(",")}（默认全部）`,
      `  --backends LIST    用逗号分隔，取自 ${BACKENDS.join(",")}（默认 wasm；加上 native`,
      "                     就用系统的 BLAS，和各课一样）",
      "  --steps N          每个模型、每个后端计时的步数（默认：按模型和后端而定，",
      "                     见 bench/models.ts；softmax 和 mlp 在 wasm 上跑一轮）",
      "  --vs-pytorch       再用 PyTorch 以相同的模型、批大小和步数训练一遍",
      "                     （bench/pytorch_reference.py，2 个线程）：用 $BENCH_PYTHON；没有的话，",
      "                     用基准测试在你的缓存目录里一次性 pip install torch 建好的 venv",
      "                     （约 200 MB）；再不行就用 Debian 的 /usr/bin/python3（python3-torch）",
      "  --workers N        每一步 tfjs 训练由几个线程分担，同各课的 --workers（默认：",
      "                     和各模型所在的课一样：CNN 用 2 个，其余用 1 个）",
      `  --seed N           权重、批次顺序和 Dropout 的随机种子（默认 ${DEFAULT_SEED}）`,
      "  --out DIR          写出 DIR/bench/bench.json（默认 out）",
      "  --kernels          同时给每个内核计时，打印最慢的几个，单位是每步毫秒数",
      "                     （只计主线程：用 --workers 1 才能看到 CNN 完整的一步）",
      "  --lang en|zh       基准测试打印内容的语言（默认取自 LANG）",
      "  -h, --help         显示本帮助",
      "",
      "示例：deno task bench --models mlp,cnn --vs-pytorch",
    ].join("\n"),
  },
};

/**
 * Parses bench flags; throws a `HelpRequested` with the `--help` text when asked for
 * it, and a {@linkcode UsageError} naming the flag for anything malformed.
 *
 * @example
 * ```ts
 * parseBenchOptions(["--models", "softmax", "--steps", "2"]).steps; // 2
 * ```
 */
export function parseBenchOptions(argv: string[]): BenchOptions {
  const { values, positionals } = parseCommandLine(argv, FLAGS, BENCH_HELP);
  if (positionals.length > 0) {
    throw new UsageError({
      en: `unexpected argument "${positionals[0]}" (see --help)`,
      zh: `多余的参数 "${positionals[0]}"（参见 --help）`,
    });
  }
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
    kernels: values.kernels ?? false,
    language: chooseLanguage(values.lang),
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
    const names = allowed.join(", ");
    throw new UsageError({
      en: `${flag} must be a comma-separated list of distinct names from ${names}, got "${text}"`,
      zh: `${flag} 必须是用逗号分隔、互不重复的名字，取自 ${names}，收到的是 "${text}"`,
    });
  }
  return items as T[];
}
