/**
 * Which Python runs the PyTorch reference of `deno task bench --vs-pytorch`, in order:
 *
 * 1. `BENCH_PYTHON` when set (it must import torch);
 * 2. a venv the bench prepares once with `pip install torch`, the normal PyTorch a learner
 *    gets (MKL or OpenBLAS), kept in the user's cache ({@linkcode torchVenvDir}) and reused;
 * 3. Debian's `/usr/bin/python3` with `python3-torch`, when pip cannot install torch (its
 *    reference BLAS makes dense layers about 10x slower: the bench warns);
 * 4. none: one line saying what was tried.
 *
 * The decision ({@linkcode chooseTorchPython}) sees the system only through a
 * {@linkcode TorchProbe}, so tests can replay every case without installing anything.
 *
 * @module
 */
import { homedir } from "node:os";
import { join } from "node:path";
import { UsageError } from "../lib/cli/errors.ts";
import {
  type Bilingual,
  inLanguage,
  type Language,
  speaker,
  type Text,
} from "../lib/cli/language.ts";

/** Debian's interpreter, which sees `apt-get install python3-torch`. */
export const DEBIAN_PYTHON = "/usr/bin/python3";

/** What {@linkcode chooseTorchPython} needs to know about the system, and may do to it. */
export interface TorchProbe {
  /** `BENCH_PYTHON`, when set. */
  benchPython?: string;
  /** Folder of the bench's own venv. */
  venvDir: string;
  /** Debian's interpreter. */
  debianPython: string;
  /** Whether `python` runs and imports torch. */
  importsTorch(python: string): Promise<boolean>;
  /**
   * Creates or completes the venv in `dir` with `pip install torch`, saying what it does;
   * resolves to undefined on success, else to a short reason (a plain string reads the same in
   * both languages).
   */
  prepareVenv(dir: string): Promise<Text | undefined>;
}

/** Where the reference's Python came from. */
export type TorchSource = "BENCH_PYTHON" | "venv" | "debian";

/** The interpreter chosen, and one line saying why. */
export interface TorchChoice {
  /** Path or command of the interpreter. */
  python: string;
  /** Which rule chose it. */
  source: TorchSource;
  /** One line for the user. */
  message: Bilingual;
}

/**
 * The folder of the bench's venv: `digits/bench-torch-venv` in the user's cache
 * (`$XDG_CACHE_HOME` or `~/.cache` on Linux, `~/Library/Caches` on macOS, `%LOCALAPPDATA%` on
 * Windows).
 *
 * @example
 * ```ts
 * torchVenvDir(); // "/home/ada/.cache/digits/bench-torch-venv"
 * ```
 */
export function torchVenvDir(): string {
  const home = homedir();
  const cache = Deno.build.os === "windows"
    ? Deno.env.get("LOCALAPPDATA") ?? join(home, "AppData", "Local")
    : Deno.build.os === "darwin"
    ? join(home, "Library", "Caches")
    : Deno.env.get("XDG_CACHE_HOME") || join(home, ".cache");
  return join(cache, "digits", "bench-torch-venv");
}

/**
 * The interpreter inside a venv folder.
 *
 * @example
 * ```ts
 * venvPython("/tmp/venv"); // "/tmp/venv/bin/python" ("\\Scripts\\python.exe" on Windows)
 * ```
 */
export function venvPython(dir: string): string {
  return Deno.build.os === "windows"
    ? join(dir, "Scripts", "python.exe")
    : join(dir, "bin", "python");
}

/**
 * Picks the reference's interpreter by the rules in the module notes; throws a
 * {@linkcode UsageError} (one line) when `BENCH_PYTHON` cannot import torch or nothing works.
 *
 * @example
 * ```ts
 * const choice = await chooseTorchPython(systemProbe());
 * console.log(choice.message.en); // "PyTorch: reusing the venv in /home/ada/.cache/..."
 * ```
 */
export async function chooseTorchPython(probe: TorchProbe): Promise<TorchChoice> {
  if (probe.benchPython) {
    if (!(await probe.importsTorch(probe.benchPython))) {
      throw new UsageError({
        en:
          `BENCH_PYTHON=${probe.benchPython} cannot import torch (install torch there, or unset ` +
          "BENCH_PYTHON to let the bench prepare a venv with pip install torch)",
        zh: `BENCH_PYTHON=${probe.benchPython} 无法 import torch（请在那里安装 torch，或取消 ` +
          "BENCH_PYTHON，让基准测试用 pip install torch 自己建一个 venv）",
      });
    }
    return {
      python: probe.benchPython,
      source: "BENCH_PYTHON",
      message: {
        en: `PyTorch: BENCH_PYTHON=${probe.benchPython}`,
        zh: `PyTorch：使用 BENCH_PYTHON=${probe.benchPython}`,
      },
    };
  }
  const venv = venvPython(probe.venvDir);
  if (await probe.importsTorch(venv)) {
    return {
      python: venv,
      source: "venv",
      message: {
        en: `PyTorch: reusing the venv in ${probe.venvDir}`,
        zh: `PyTorch：沿用 ${probe.venvDir} 中的 venv`,
      },
    };
  }
  const reason = await probe.prepareVenv(probe.venvDir) ??
    (await probe.importsTorch(venv) ? undefined : STILL_NO_TORCH);
  if (reason === undefined) {
    return {
      python: venv,
      source: "venv",
      message: {
        en: `PyTorch: installed with pip into ${probe.venvDir} (reused from now on)`,
        zh: `PyTorch：已用 pip 安装到 ${probe.venvDir}（以后沿用）`,
      },
    };
  }
  const failure = { en: inLanguage(reason, "en"), zh: inLanguage(reason, "zh") };
  if (await probe.importsTorch(probe.debianPython)) {
    return {
      python: probe.debianPython,
      source: "debian",
      message: {
        en: `PyTorch: pip could not install torch (${failure.en}); using Debian's ` +
          probe.debianPython,
        zh: `PyTorch：pip 无法安装 torch（${failure.zh}）；改用 Debian 的 ${probe.debianPython}`,
      },
    };
  }
  throw new UsageError({
    en: `--vs-pytorch found no PyTorch: BENCH_PYTHON is unset, pip could not install torch into ` +
      `${probe.venvDir} (${failure.en}) and ${probe.debianPython} cannot import torch; set ` +
      "BENCH_PYTHON=/path/to/python that can import torch",
    zh: `--vs-pytorch 没有找到 PyTorch：没有设置 BENCH_PYTHON，pip 无法把 torch 安装到 ` +
      `${probe.venvDir}（${failure.zh}），${probe.debianPython} 也无法 import torch；请设置 ` +
      "BENCH_PYTHON=/path/to/python，指向一个能 import torch 的 Python",
  });
}

/**
 * The real system: `BENCH_PYTHON` from the environment, the venv in {@linkcode torchVenvDir},
 * and, when `install` is true, venv preparation by {@linkcode prepareTorchVenv}, speaking
 * `language` (false makes it refuse, for callers that must not download).
 *
 * @example
 * ```ts
 * const choice = await chooseTorchPython(systemProbe({ install: false }));
 * ```
 */
export function systemProbe(
  { install = true, language = "en" }: { install?: boolean; language?: Language } = {},
): TorchProbe {
  return {
    benchPython: Deno.env.get("BENCH_PYTHON") || undefined,
    venvDir: torchVenvDir(),
    debianPython: DEBIAN_PYTHON,
    importsTorch,
    prepareVenv: install
      ? (dir) => prepareTorchVenv(dir, language)
      : () => Promise.resolve({ en: "installing was not allowed here", zh: "这里不允许安装" }),
  };
}

/**
 * Whether `python` runs and imports torch.
 *
 * @example
 * ```ts
 * await importsTorch("/usr/bin/python3"); // true with Debian's python3-torch
 * ```
 */
export async function importsTorch(python: string): Promise<boolean> {
  try {
    const { success } = await new Deno.Command(python, {
      args: ["-c", "import torch"],
      stdout: "null",
      stderr: "null",
    }).output();
    return success;
  } catch {
    return false; // no such interpreter
  }
}

/**
 * Creates the venv in `dir` (`python3 -m venv --system-site-packages`; reusing a half-made one)
 * and runs its `pip install torch`, printing each step (in `language`) and pip's own progress.
 * Resolves to undefined on success, else to a short reason. Downloads about 200 MB the first
 * time.
 *
 * @example
 * ```ts
 * await prepareTorchVenv(torchVenvDir(), "en"); // undefined once torch is installed
 * ```
 */
export async function prepareTorchVenv(
  dir: string,
  language: Language,
  basePython = Deno.build.os === "windows" ? "python" : "python3",
): Promise<Bilingual | undefined> {
  const say = speaker(language);
  const started = performance.now();
  console.log(say({
    en: `PyTorch: preparing a venv in ${dir} (once; later runs reuse it)`,
    zh: `PyTorch：正在 ${dir} 中准备 venv（只需一次，以后沿用）`,
  }));
  const venv = `${basePython} -m venv --system-site-packages ${dir}`;
  console.log(say({ en: `PyTorch: ${venv}`, zh: `PyTorch：运行 ${venv}` }));
  const created = await run(basePython, ["-m", "venv", "--system-site-packages", dir]);
  if (created !== undefined) return prefixed(`${basePython} -m venv `, created);
  const pip = [venvPython(dir), "-m", "pip", "install", "torch"];
  console.log(say({
    en: `PyTorch: ${pip.join(" ")} (downloads about 200 MB the first time)`,
    zh: `PyTorch：${pip.join(" ")}（第一次约下载 200 MB）`,
  }));
  const installed = await run(pip[0], pip.slice(1));
  if (installed !== undefined) return prefixed("pip install torch ", installed);
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  console.log(say({
    en: `PyTorch: installed in ${seconds} s`,
    zh: `PyTorch：安装完成，用时 ${seconds} 秒`,
  }));
  return undefined;
}

/** The reason torch still fails to import after pip said it installed it. */
const STILL_NO_TORCH: Bilingual = {
  en: "torch still does not import",
  zh: "安装后仍然无法 import torch",
};

/** `reason` after the command it concerns, in both languages. */
function prefixed(command: string, reason: Bilingual): Bilingual {
  return { en: command + reason.en, zh: command + reason.zh };
}

/** Runs a command with its output on the terminal; undefined on success, else why not. */
async function run(command: string, args: string[]): Promise<Bilingual | undefined> {
  try {
    const { code } = await new Deno.Command(command, {
      args,
      stdin: "null",
      stdout: "inherit",
      stderr: "inherit",
    }).output();
    return code === 0
      ? undefined
      : { en: `failed with exit code ${code}`, zh: `失败，退出码 ${code}` };
  } catch (error) {
    const first = (error as Error).message.split("\n")[0];
    return { en: `could not start: ${first}`, zh: `无法启动：${first}` };
  }
}
