/**
 * Whole outputs: a lesson run writes into a staging folder beside its lesson's folder
 * (`out/.01_softmax.partial-<pid>-<n>`) and replaces `out/01_softmax` with it only when it
 * finishes. An interrupted or failed run leaves the previous complete run untouched; two runs
 * into one `--out` never mix (the last to finish wins, whole). Staging folders left by runs
 * that died are removed by the next run, which says so.
 *
 * @module
 */
import { dirname, join } from "node:path";
import { DataError } from "../cli/errors.ts";
import { describeFileError } from "../cli/write_whole.ts";

/** A lesson's output folder while a run writes it. */
export interface OutputFolder {
  /** Where the finished run will be, e.g. `out/01_softmax`: the paths people are shown. */
  final: string;
  /** Where the run writes meanwhile. */
  staging: string;
  /** What the run found and removed: staging folders of earlier runs that died. */
  removed: string[];
  /** The path in `final` of a file written at `path` in `staging` (for printing). */
  shown(path: string): string;
  /** Replaces `final` with `staging`, whole. */
  commit(): Promise<void>;
  /**
   * Removes `staging` (the run failed or was interrupted); `final` is untouched. Safe to call
   * again, e.g. after writes still in flight have recreated part of it.
   */
  discard(): void;
}

const PARTIAL = ".partial-";

/**
 * Creates the staging folder for `<out>/<id>` and removes staging folders of `<id>` whose run
 * is no longer alive. A folder that cannot be created is a {@linkcode DataError} naming
 * `--out` and the reason.
 *
 * @example
 * ```ts
 * const folder = await startOutputFolder("out", "01_softmax");
 * await Deno.writeTextFile(join(folder.staging, "results.json"), "{}");
 * await folder.commit(); // out/01_softmax now holds results.json
 * ```
 */
export async function startOutputFolder(out: string, id: string): Promise<OutputFolder> {
  await makeFolder(out);
  const final = join(out, id);
  const removed = await removeDeadStaging(out, id);
  const staging = join(out, `.${id}${PARTIAL}${Deno.pid}-${crypto.randomUUID().slice(0, 8)}`);
  await makeFolder(staging, out);
  let committed = false;
  return {
    final,
    staging,
    removed,
    shown: (path) => path.startsWith(staging) ? final + path.slice(staging.length) : path,
    async commit() {
      const old = `${staging}.old`;
      const replaced = await Deno.rename(final, old).then(() => true, (error) => {
        if (error instanceof Deno.errors.NotFound) return false;
        const why = describeFileError(error);
        throw new DataError(final, {
          en: `cannot replace the previous run (${why.en})`,
          zh: `无法替换上一次运行的结果（${why.zh}）`,
        });
      });
      await Deno.rename(staging, final);
      committed = true;
      if (replaced) await Deno.remove(old, { recursive: true });
    },
    discard() {
      if (committed) return;
      try {
        Deno.removeSync(staging, { recursive: true });
      } catch {
        // Already gone: nothing to clean.
      }
    },
  };
}

/** Staging folders of `id` under `out` whose process has ended; removes them. */
async function removeDeadStaging(out: string, id: string): Promise<string[]> {
  const prefix = `.${id}${PARTIAL}`;
  const removed: string[] = [];
  for await (const entry of Deno.readDir(out)) {
    if (!entry.isDirectory || !entry.name.startsWith(prefix)) continue;
    const pid = Number(entry.name.slice(prefix.length).split("-")[0]);
    if (await processAlive(pid)) continue;
    await Deno.remove(join(out, entry.name), { recursive: true }).catch(() => {});
    removed.push(join(out, entry.name));
  }
  return removed;
}

/** Whether process `pid` still runs (Linux: `/proc/<pid>`; elsewhere assumed alive). */
async function processAlive(pid: number): Promise<boolean> {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (Deno.build.os !== "linux") return true;
  return await Deno.stat(`/proc/${pid}`).then(() => true, () => false);
}

/** `mkdir -p`, with a failure as one line naming `--out` and why. */
async function makeFolder(path: string, out = path): Promise<void> {
  try {
    await Deno.mkdir(path, { recursive: true });
  } catch (error) {
    const file = await fileOnPath(path);
    const why = file
      ? { en: `${file} is a file, not a folder`, zh: `${file} 是文件，不是文件夹` }
      : describeFileError(error);
    throw new DataError(`--out ${out}`, {
      en: `cannot create ${path} (${why.en})`,
      zh: `无法创建 ${path}（${why.zh}）`,
    });
  }
}

/** The first existing non-folder on the way to `path` (e.g. `README.md` in `README.md/x`). */
async function fileOnPath(path: string): Promise<string | undefined> {
  const parts: string[] = [];
  for (let current = path; current !== dirname(current); current = dirname(current)) {
    parts.unshift(current);
  }
  for (const part of parts) {
    const info = await Deno.stat(part).catch(() => undefined);
    if (!info) return undefined;
    if (!info.isDirectory) return part;
  }
  return undefined;
}
