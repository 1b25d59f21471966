/**
 * Picking the sandbox: bubblewrap where it works, Deno permissions otherwise, with a warning
 * that says what the weaker sandbox cannot stop and how to get the strong one.
 *
 * @module
 */
import { UsageError } from "../cli/errors.ts";
import type { Bilingual, Text } from "../cli/language.ts";
import { bubblewrapProblem, BubblewrapSandbox } from "./bubblewrap.ts";
import { PermissionsSandbox } from "./permissions.ts";
import type { Sandbox } from "./sandbox.ts";

/** The `--sandbox` choices. */
export const SANDBOX_CHOICES = ["auto", "bubblewrap", "permissions"] as const;

/** One of {@linkcode SANDBOX_CHOICES}. */
export type SandboxChoice = (typeof SANDBOX_CHOICES)[number];

const WEAKER: Bilingual = {
  en: "submissions run with Deno permissions and a check of their imports only, " +
    "without bubblewrap's private file system, network and process namespaces: a weaker " +
    "sandbox. On Debian or Ubuntu, install the full one with: apt-get install bubblewrap",
  zh: "提交只在 Deno 权限下运行，并只检查其导入，没有 bubblewrap 私有的文件系统、网络和进程" +
    "命名空间：这是较弱的沙箱。在 Debian 或 Ubuntu 上可以这样安装完整的沙箱：apt-get install bubblewrap",
};

/**
 * The sandbox for `choice`: `auto` prefers bubblewrap and warns through `warn` when it falls
 * back; `bubblewrap` refuses to fall back (a {@linkcode UsageError} naming `--sandbox`).
 *
 * @example
 * ```ts
 * const sandbox = await chooseSandbox("auto", (message) => console.error(inLanguage(message, "en")));
 * sandbox.kind; // "bubblewrap" on Linux with bwrap installed
 * ```
 */
export async function chooseSandbox(
  choice: SandboxChoice,
  warn: (message: Text) => void,
): Promise<Sandbox> {
  if (choice === "permissions") {
    warn(WEAKER);
    return new PermissionsSandbox();
  }
  const problem = await bubblewrapProblem();
  if (problem === undefined) return new BubblewrapSandbox();
  if (choice === "bubblewrap") {
    throw new UsageError({
      en: `--sandbox bubblewrap: ${problem.en}`,
      zh: `--sandbox bubblewrap 用不了：${problem.zh}`,
    });
  }
  warn({ en: `${problem.en}; ${WEAKER.en}`, zh: `${problem.zh}；${WEAKER.zh}` });
  return new PermissionsSandbox();
}
