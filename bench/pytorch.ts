/**
 * Running `bench/pytorch_reference.py` with a Python that can import `torch`. `python3` on
 * PATH is often a pyenv or venv build that cannot see Debian's `python3-torch`, so the
 * interpreters in {@linkcode PYTHON_CANDIDATES} are tried in order.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { UsageError } from "../lib/cli/errors.ts";
import type { ModelName } from "./models.ts";

/** Interpreters tried, in order; `BENCH_PYTHON` in the environment goes first when set. */
export const PYTHON_CANDIDATES = ["python3", "/usr/bin/python3", "python"];

/** What the reference measured. */
export interface PytorchReport {
  /** `torch.__version__`. */
  torch: string;
  /** Threads PyTorch used. */
  threads: number;
  /** The interpreter that ran it. */
  python: string;
  /** Milliseconds per step by model. */
  msPerStep: Partial<Record<ModelName, number>>;
}

const SCRIPT = fileURLToPath(new URL("./pytorch_reference.py", import.meta.url));

/**
 * The first candidate interpreter that can `import torch`, or undefined.
 *
 * @example
 * ```ts
 * await findTorchPython(); // "/usr/bin/python3" on Debian with python3-torch
 * ```
 */
export async function findTorchPython(
  candidates = [Deno.env.get("BENCH_PYTHON"), ...PYTHON_CANDIDATES],
): Promise<string | undefined> {
  for (const python of candidates) {
    if (!python) continue;
    try {
      const { success } = await new Deno.Command(python, {
        args: ["-c", "import torch"],
        stdout: "null",
        stderr: "null",
      }).output();
      if (success) return python;
    } catch {
      // not installed: try the next one
    }
  }
  return undefined;
}

/**
 * Runs the reference for `steps` (model -> step count) on the MNIST IDX files in `dataDir`.
 * Throws a {@linkcode UsageError} when no interpreter can import torch.
 */
export async function runPytorch(
  steps: Partial<Record<ModelName, number>>,
  dataDir: string,
  seed: number,
): Promise<PytorchReport> {
  const python = await findTorchPython();
  if (!python) {
    throw new UsageError(
      `--vs-pytorch needs a Python that can import torch; tried ${PYTHON_CANDIDATES.join(", ")} ` +
        "(on Debian: apt-get install python3-torch; or set BENCH_PYTHON=/path/to/python)",
    );
  }
  const pairs = Object.entries(steps).map(([name, count]) => `${name}=${count}`).join(",");
  const { success, stdout, stderr } = await new Deno.Command(python, {
    args: [SCRIPT, "--data", dataDir, "--steps", pairs, "--seed", String(seed), "--threads", "2"],
  }).output();
  const text = new TextDecoder();
  if (!success) {
    throw new Error(`${SCRIPT} failed:\n${text.decode(stderr)}`);
  }
  const report = JSON.parse(text.decode(stdout));
  const msPerStep: Partial<Record<ModelName, number>> = {};
  for (const result of report.results) msPerStep[result.model as ModelName] = result.ms_per_step;
  return { torch: report.torch, threads: report.threads, python, msPerStep };
}
