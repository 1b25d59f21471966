/**
 * `deno task watch [N]`: runs the check once, then again every time a file in `exercises/` is
 * saved, until Ctrl-C. On a terminal the screen is cleared before each run; otherwise (output
 * piped to a file or another program) each run is introduced by a plain line. Ctrl-C stops a
 * running check's tests too, and exits with code 0.
 *
 * @module
 */
import { basename, join } from "node:path";
import { COURSE_ROOT } from "../cli/course_root.ts";
import { runCommand } from "../cli/errors.ts";
import { speaker } from "../cli/language.ts";
import { checkTarget, runCheck } from "./check.ts";

const CLEAR_SCREEN = "\x1b[2J\x1b[3J\x1b[H";
const SETTLE_MS = 200;

async function main(argv: string[]): Promise<number> {
  const { target, language } = checkTarget("watch", argv);
  const say = speaker(language);
  const folder = join(COURSE_ROOT, "exercises");
  const terminal = Deno.stdout.isTerminal();
  const stop = new AbortController();
  const watcher = Deno.watchFs(folder);
  Deno.addSignalListener("SIGINT", () => {
    stop.abort();
    watcher.close();
  });

  let changed: string[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  const check = async () => {
    while (!stop.signal.aborted) {
      const files = changed.join(", ");
      const why = changed.length
        ? say({ en: `${files} changed`, zh: `${files} 有改动` })
        : say({ en: "starting", zh: "开始" });
      changed = [];
      if (terminal) await Deno.stdout.write(new TextEncoder().encode(CLEAR_SCREEN));
      else console.log(say({ en: `== watch: ${why}; checking`, zh: `== watch：${why}，正在检查` }));
      try {
        await runCheck(target, { language, signal: stop.signal, watching: true });
      } catch (error) {
        if (stop.signal.aborted) break;
        throw error;
      }
      console.log(say({
        en: "\nWatching exercises/ for changes; press Ctrl-C to stop.",
        zh: "\n正在监视 exercises/ 的改动；按 Ctrl-C 结束。",
      }));
      if (changed.length === 0) break;
    }
    running = undefined;
  };

  running = check();
  for await (const event of watcher) {
    const files = event.paths.filter((path) => path.endsWith(".ts")).map((path) =>
      `exercises/${basename(path)}`
    );
    if (files.length === 0 || event.kind === "access") continue;
    changed = [...new Set([...changed, ...files])];
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (changed.length > 0) running ??= check();
    }, SETTLE_MS);
  }
  clearTimeout(timer);
  await running;
  console.log(say({ en: "\nwatch stopped.", zh: "\nwatch 已结束。" }));
  return 0;
}

if (import.meta.main) await runCommand(() => main(Deno.args));
