/**
 * The command line every lesson shares, parsed with `node:util`'s `parseArgs` (through
 * `parseCommandLine`, as every course command does). A lesson gives
 * its quick defaults and the article's configuration (`--full`); flags the learner types win
 * over both.
 *
 * @module
 */
import { type BackendName, BACKENDS } from "../backend/backend.ts";
import { parseCommandLine, parseCount, parsePositive } from "../cli/args.ts";
import { type Bilingual, chooseLanguage, type Language } from "../cli/language.ts";
import { UsageError } from "../cli/errors.ts";

/** The training settings a lesson runs with. */
export interface TrainingConfig {
  /** Passes over the training data. */
  epochs: number;
  /** Examples per gradient step. */
  batchSize: number;
  /** Step size of the optimizer. */
  learningRate: number;
  /** Threads that share each training step (default 1; see `FitOptions.workers`). */
  workers?: number;
}

/** Everything the lesson command line decides. */
export interface LessonOptions extends TrainingConfig {
  /** Threads that share each training step. */
  workers: number;
  /** Seed for weights, shuffling, splits, dropout and augmentation. */
  seed: number;
  /** Folder with the four MNIST IDX files, or undefined for the packaged copy. */
  data?: string;
  /** Requested compute backend. */
  backend: BackendName;
  /** Whether `--full` (the article's configuration) was asked for. */
  full: boolean;
  /** Whether `--code` asked for each section's code to be printed in the terminal too. */
  code: boolean;
  /** Whether `--mine` asked to run with the learner's own functions from `exercises/`. */
  mine: boolean;
  /** The language the lesson speaks (`--lang`, else the environment's). */
  language: Language;
  /** Train on this many randomly chosen training examples (and at most as many test ones). */
  subset?: number;
  /** Folder under which `<lesson-id>/` receives charts and results. */
  out: string;
  /** Values of the lesson's own string flags (such as lesson 8's `--csv`), by flag name. */
  extra?: Record<string, string | undefined>;
}

/**
 * A lesson's own string flags: name (without `--`) to its `--help` line in both languages,
 * e.g. `{ en: "DIR  read ... from DIR", zh: "DIR  从 DIR 读取……" }`.
 */
export type ExtraFlags = Record<string, Bilingual>;

/** The smallest `--subset`: every lesson holds some digits out to validate on. */
export const MIN_SUBSET = 10;

/** The seed used when `--seed` is not given. */
export const DEFAULT_SEED = 42;

const FLAGS = {
  epochs: { type: "string" },
  "batch-size": { type: "string" },
  "learning-rate": { type: "string" },
  workers: { type: "string" },
  seed: { type: "string" },
  data: { type: "string" },
  backend: { type: "string" },
  subset: { type: "string" },
  out: { type: "string" },
  full: { type: "boolean" },
  code: { type: "boolean" },
  mine: { type: "boolean" },
  lang: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

/** The `--help` text listing the shared flags, with this lesson's defaults, in both languages. */
export function lessonUsage(
  command: string,
  quick: TrainingConfig,
  full: TrainingConfig,
  extra: ExtraFlags = {},
): Bilingual {
  const workers = { quick: quick.workers ?? 1, full: full.workers ?? 1 };
  return {
    en: [
      `Usage: ${command} [options]`,
      "",
      "Options:",
      `  --epochs N           passes over the training data (default ${quick.epochs}; --full: ${full.epochs})`,
      `  --batch-size N       examples per step (default ${quick.batchSize}; --full: ${full.batchSize})`,
      `  --learning-rate X    optimizer step size (default ${quick.learningRate}; --full: ${full.learningRate})`,
      `  --workers N          threads sharing each training step (default ${workers.quick}; --full: ${workers.full})`,
      "  --full               the article's configuration (slower)",
      `  --seed N             seed for weights, shuffling, splits and dropout (default ${DEFAULT_SEED})`,
      "  --data DIR           read the four MNIST IDX files (raw or .gz) from DIR",
      "  --backend NAME       native (default: matrix products and convolutions on the system's BLAS,",
      "                       wasm where there is none), wasm, or cpu (~25x slower)",
      `  --subset N           train on N random training examples (and at most N test ones; N >= ${MIN_SUBSET})`,
      "  --out DIR            write charts and results.json under DIR/<lesson-id>/ (default out)",
      "  --code               also print each section's code (the report always has it)",
      "  --mine               run with your own functions from exercises/ where the lesson uses them",
      "  --lang en|zh         the language the lesson speaks (default: from LANG)",
      ...Object.entries(extra).map(([name, help]) => `  --${name} ${help.en}`),
      "  -h, --help           show this help",
      "",
      `Example: ${command} --epochs 3 --code`,
    ].join("\n"),
    zh: [
      `用法：${command} [选项]`,
      "",
      "选项：",
      `  --epochs N           训练的轮数（默认 ${quick.epochs}；--full：${full.epochs}）`,
      `  --batch-size N       批大小（默认 ${quick.batchSize}；--full：${full.batchSize}）`,
      `  --learning-rate X    优化器的学习率（默认 ${quick.learningRate}；--full：${full.learningRate}）`,
      `  --workers N          分担每一步训练的线程数（默认 ${workers.quick}；--full：${workers.full}）`,
      "  --full               使用原文的配置（更慢）",
      `  --seed N             权重、打乱、划分和 Dropout 用的随机种子（默认 ${DEFAULT_SEED}）`,
      "  --data DIR           从 DIR 读取四个 MNIST IDX 文件（原始或 .gz）",
      "  --backend NAME       native（默认：矩阵乘法和卷积交给系统的 BLAS，没有 BLAS 时用 wasm）、",
      "                       wasm，或 cpu（慢约 25 倍）",
      `  --subset N           随机取 N 个训练样本来训练（测试样本最多也取 N 个；N >= ${MIN_SUBSET}）`,
      "  --out DIR            把图表和 results.json 写到 DIR/<lesson-id>/ 下（默认 out）",
      "  --code               同时打印每一节的代码（报告里总是有代码）",
      "  --mine               在这一课用到的地方，改用你在 exercises/ 里写的函数",
      "  --lang en|zh         这一课使用的语言（默认取自 LANG）",
      ...Object.entries(extra).map(([name, help]) => `  --${name} ${help.zh}`),
      "  -h, --help           显示本帮助",
      "",
      `示例：${command} --epochs 3 --code`,
    ].join("\n"),
  };
}

/**
 * Parses lesson flags. Returns `"help"` when help was asked for; throws a
 * {@linkcode UsageError} naming the flag for anything malformed.
 *
 * @example
 * ```ts
 * parseLessonOptions(["--epochs", "3"], quick, full).epochs; // 3
 * ```
 */
export function parseLessonOptions(
  argv: string[],
  quick: TrainingConfig,
  full: TrainingConfig,
  extra: ExtraFlags = {},
): LessonOptions | "help" {
  const extraFlags = Object.fromEntries(
    Object.keys(extra).map((name) => [name, { type: "string" } as const]),
  );
  const { values, positionals } = parseCommandLine(
    argv,
    { ...FLAGS, ...extraFlags },
    { en: "see --help", zh: "见 --help" },
  );
  if (positionals.length > 0) {
    throw new UsageError({
      en: `unexpected argument "${positionals[0]}" (see --help)`,
      zh: `多余的参数 "${positionals[0]}"（见 --help）`,
    });
  }
  if (values.help) return "help";
  const base = values.full ? full : quick;
  const backend = values.backend ?? "native";
  if (!(BACKENDS as readonly string[]).includes(backend)) {
    throw new UsageError({
      en: `--backend must be ${BACKENDS.join(" or ")}, got "${backend}"`,
      zh: `--backend 只能是 ${BACKENDS.join("、")}，收到的是 "${backend}"`,
    });
  }
  return {
    epochs: parseCount("--epochs", values.epochs) ?? base.epochs,
    batchSize: parseCount("--batch-size", values["batch-size"]) ?? base.batchSize,
    learningRate: parsePositive("--learning-rate", values["learning-rate"]) ?? base.learningRate,
    workers: parseCount("--workers", values.workers) ?? base.workers ?? 1,
    seed: parseCount("--seed", values.seed, 0) ?? DEFAULT_SEED,
    data: values.data,
    backend: backend as BackendName,
    full: values.full ?? false,
    code: values.code ?? false,
    mine: values.mine ?? false,
    language: chooseLanguage(values.lang),
    subset: parseCount("--subset", values.subset, MIN_SUBSET),
    out: values.out ?? "out",
    ...(Object.keys(extra).length > 0
      ? {
        extra: Object.fromEntries(
          Object.keys(extra).map((
            name,
          ) => [name, (values as Record<string, unknown>)[name] as string | undefined]),
        ),
      }
      : {}),
  };
}
