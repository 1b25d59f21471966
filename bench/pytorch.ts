/**
 * Running `bench/pytorch_reference.py` with the interpreter `chooseTorchPython`
 * (`torch_python.ts`) picked, and reading which BLAS that torch uses from its
 * `torch.__config__.show()`.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import type { ModelName } from "./models.ts";
import { type Bilingual, type Language, speaker } from "../lib/cli/language.ts";
import type { TorchChoice, TorchSource } from "./torch_python.ts";

/** What the reference measured, and with which PyTorch. */
export interface PytorchReport {
  /** `torch.__version__`. */
  torch: string;
  /** Threads PyTorch used. */
  threads: number;
  /** The interpreter that ran it. */
  python: string;
  /** Which rule chose the interpreter. */
  source: TorchSource;
  /** The BLAS it was built with, from its config. */
  blas: TorchBlas;
  /** `torch.mm` GFLOP/s on two 1024x1024 matrices with `threads` threads, best of 5. */
  matmulGflops: number;
  /** `torch.__config__.show()`, whole. */
  config: string;
  /** Milliseconds per step by model. */
  msPerStep: Partial<Record<ModelName, number>>;
}

/** A torch build's BLAS. */
export interface TorchBlas {
  /** `BLAS_INFO` from the build settings (`mkl`, `open`, `generic`...), or `unknown`. */
  info: string;
  /** The config line naming the library (MKL's version line), else the library loaded. */
  detail: string;
  /** Whether it is (probably) the slow reference BLAS: a generic build not loading a fast one. */
  reference: boolean;
}

/** `BLAS_INFO` values of builds on an optimized BLAS. */
const FAST_BLAS_INFO = ["mkl", "open", "openblas", "blis", "accelerate", "veclib", "flexi"];

/** Library paths of optimized BLAS builds (Debian's `libblas.so.3` may point at one). */
const FAST_BLAS_LIBRARY = /openblas|mkl|blis|atlas/i;

const SCRIPT = fileURLToPath(new URL("./pytorch_reference.py", import.meta.url));

/**
 * Reads a torch's BLAS from its `torch.__config__.show()` text and, when known, the BLAS
 * library the process loaded.
 *
 * @example
 * ```ts
 * const config = "  - Build settings: BLAS_INFO=generic, BUILD_TYPE=Release";
 * describeTorchBlas(config, "/usr/lib/x86_64-linux-gnu/blas/libblas.so.3").reference; // true
 * ```
 */
export function describeTorchBlas(config: string, library: string | null): TorchBlas {
  const info = /BLAS_INFO=([^,\s]+)/.exec(config)?.[1] ?? "unknown";
  const line = config.split("\n").map((text) => text.trim().replace(/^- /, ""))
    .find((text) => /Math Kernel Library|OpenBLAS|\bBLIS\b|Accelerate/.test(text));
  const fast = FAST_BLAS_INFO.includes(info.toLowerCase()) ||
    (library !== null && FAST_BLAS_LIBRARY.test(library));
  return { info, detail: line ?? library ?? "no BLAS named in the config", reference: !fast };
}

/**
 * One line on the PyTorch that ran: version, interpreter, threads, BLAS and matmul speed.
 *
 * @example
 * ```ts
 * describePytorch(report).en;
 * // "PyTorch 2.13.0+cpu (/root/.cache/...), 2 threads; BLAS_INFO=mkl, Intel(R) oneAPI ..."
 * ```
 */
export function describePytorch(report: PytorchReport): Bilingual {
  const blas = `BLAS_INFO=${report.blas.info}, ${report.blas.detail}`;
  const gflops = report.matmulGflops.toFixed(1);
  return {
    en: `PyTorch ${report.torch} (${report.python}), ${report.threads} threads; ${blas}; ` +
      `torch.mm 1024x1024x1024 at ${gflops} GFLOP/s`,
    zh: `PyTorch ${report.torch}（${report.python}），${report.threads} 个线程；${blas}；` +
      `torch.mm 1024x1024x1024 达到 ${gflops} GFLOP/s`,
  };
}

/**
 * The warning to print when `report`'s torch runs on the reference BLAS, else undefined.
 *
 * @example
 * ```ts
 * referenceBlasWarning(debianReport)?.en; // "warning: PyTorch 1.13.0a0 uses the reference BLAS ..."
 * ```
 */
export function referenceBlasWarning(report: PytorchReport): Bilingual | undefined {
  if (!report.blas.reference) return undefined;
  const blas = `BLAS_INFO=${report.blas.info}, ${report.blas.detail}`;
  const gflops = report.matmulGflops.toFixed(1);
  return {
    en: `warning: PyTorch ${report.torch} uses the reference BLAS (${blas}; torch.mm at ` +
      `${gflops} GFLOP/s): its dense layers run about 10x slower than a normal PyTorch's, so ` +
      "the ratios flatter the course; point BENCH_PYTHON at a Python with pip's torch",
    zh: `警告：PyTorch ${report.torch} 用的是参考实现 BLAS（${blas}；torch.mm 只有 ` +
      `${gflops} GFLOP/s）：它的全连接层比正常的 PyTorch 慢约 10 倍，比值因此偏向本课程；` +
      "请让 BENCH_PYTHON 指向装有 pip 版 torch 的 Python",
  };
}

/**
 * Runs the reference for `steps` (model -> step count) on the MNIST IDX files in `dataDir`
 * with 2 threads, in the interpreter `choice`, saying so in `language`.
 *
 * @example
 * ```ts
 * const choice = await chooseTorchPython(systemProbe());
 * const report = await runPytorch({ softmax: 375 }, mnist.dir, 42, choice, "en");
 * report.msPerStep.softmax; // e.g. 0.24
 * ```
 */
export async function runPytorch(
  steps: Partial<Record<ModelName, number>>,
  dataDir: string,
  seed: number,
  choice: TorchChoice,
  language: Language,
): Promise<PytorchReport> {
  const pairs = Object.entries(steps).map(([name, count]) => `${name}=${count}`).join(",");
  console.log(
    speaker(language)({
      en: "PyTorch: running bench/pytorch_reference.py with 2 threads...",
      zh: "PyTorch：正在用 2 个线程运行 bench/pytorch_reference.py……",
    }),
  );
  const { success, stdout, stderr } = await new Deno.Command(choice.python, {
    args: [SCRIPT, "--data", dataDir, "--steps", pairs, "--seed", String(seed), "--threads", "2"],
  }).output();
  const text = new TextDecoder();
  if (!success) {
    throw new Error(`${SCRIPT} failed:\n${text.decode(stderr)}`);
  }
  const report = JSON.parse(text.decode(stdout));
  const msPerStep: Partial<Record<ModelName, number>> = {};
  for (const result of report.results) msPerStep[result.model as ModelName] = result.ms_per_step;
  return {
    torch: report.torch,
    threads: report.threads,
    python: choice.python,
    source: choice.source,
    blas: describeTorchBlas(report.config, report.blas_library),
    matmulGflops: report.matmul_gflops,
    config: report.config,
    msPerStep,
  };
}
