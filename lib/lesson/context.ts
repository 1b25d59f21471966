/**
 * Everything a lesson needs before its first explanation: parsed flags, a started backend,
 * one seed applied everywhere, MNIST loaded (or a seeded subset of it), an output folder, a
 * notebook to talk through and a way to draw charts into both.
 *
 * @module
 */
import { join } from "node:path";
import type { TopLevelSpec } from "vega-lite";
import { type BackendName, startBackend } from "../backend/backend.ts";
import { localizeChart } from "../charts/localize.ts";
import { writeChart } from "../charts/render.ts";
import type { LessonEntry } from "../course/manifest.ts";
import { loadMnist, type Mnist } from "../data/mnist.ts";
import { randomSubset } from "../data/split.ts";
import { type Rng, seedEverything } from "../cli/random.ts";
import { type Bilingual, languageOfCommandLine, type Text } from "../cli/language.ts";
import { terminalColumns } from "../cli/terminal.ts";
import { readCodeRegions } from "./code_regions.ts";
import { chooseCode, describeUsed, type Implementations, loadLearnerCode } from "./learner_code.ts";
import { Notebook } from "./notebook.ts";
import { type OutputFolder, startOutputFolder } from "./output_folder.ts";
import {
  type ExtraFlags,
  type LessonOptions,
  lessonUsage,
  parseLessonOptions,
  type TrainingConfig,
} from "./options.ts";

/**
 * What a lesson declares about itself: its entry in the course manifest (number, id, title and
 * exercises, written only there: `...lessonWithId("01_softmax")`) and how it runs. The id names
 * the output folder.
 */
export interface LessonInfo extends LessonEntry {
  /** Quick default settings (about a minute on a 2-core laptop). */
  quick: TrainingConfig;
  /** The article's settings, used with `--full`. */
  full: TrainingConfig;
  /** False for a lesson that trains no model: its run line then omits the training settings. */
  trains?: boolean;
  /** The lesson's own string flags beyond the shared ones, e.g. `{ csv: "DIR  ..." }`. */
  flags?: ExtraFlags;
  /** The lesson file's `import.meta.url`: its marked regions are the code each section shows. */
  source: string;
}

/** A running lesson. */
export interface LessonContext {
  /** The lesson's declaration. */
  info: LessonInfo;
  /** The settings in force. */
  options: LessonOptions;
  /** The backend actually running (wasm may fall back to cpu). */
  backend: BackendName;
  /** Seeded generator for the lesson's own random choices. */
  rng: Rng;
  /** The data (a seeded subset with `--subset`). */
  mnist: Mnist;
  /**
   * Folder to write this run's files into (charts, `results.json`, saved models): a staging
   * folder that replaces `out/<id>` whole when the run finishes (see `output_folder.ts`).
   */
  outDir: string;
  /** The path people should be shown for a file written at `path` under `outDir`. */
  shown(path: string): string;
  /** Makes this run's output the lesson's folder; `writeResults` calls it last. */
  commitOutput(): Promise<void>;
  /** The lesson's narrative. */
  notebook: Notebook;
  /** `performance.now()` when the lesson started. */
  startedAt: number;
  /**
   * Renders `spec` (its axis and legend texts in the lesson's language) to `<outDir>/<file>`
   * and records it in the notebook with `caption`, which prints where it is; `results.json` and the report list the charts the notebook recorded.
   * Resolves to the chart's path.
   *
   * @example
   * ```ts
   * await context.chart("curves.svg", trainingCurvesSpec(history, { title }), "learning curves");
   * ```
   */
  chart(file: string, spec: TopLevelSpec, caption: Text): Promise<string>;
  /**
   * The functions the lesson runs where it computes what an exercise builds: `course` itself,
   * or with `--mine` the learner's functions of the same names from `exercises/<id>.ts`, which
   * the notebook then names (and `results.json` lists under `config.mine`). Stops the lesson
   * with one line at an unfinished exercise, before anything runs. Call it once, near the top.
   *
   * @example
   * ```ts
   * const code = context.code({ buildSoftmaxModel: softmaxRegression });
   * const model = code.buildSoftmaxModel();
   * ```
   */
  code<T extends Implementations>(course: T): T;
  /** The exercise ids whose learner implementations this run uses (empty without `--mine`). */
  mine: string[];
}

/**
 * Parses `argv`, prints help and returns `"help"` if asked, otherwise prepares the run.
 *
 * @example
 * ```ts
 * const context = await startLesson(info, Deno.args);
 * if (context === "help") return;
 * ```
 */
export async function startLesson(
  info: LessonInfo,
  argv: string[],
): Promise<LessonContext | "help"> {
  const startedAt = performance.now();
  const options = parseLessonOptions(argv, info.quick, info.full, info.flags);
  if (options === "help") {
    const language = languageOfCommandLine(argv);
    const title = {
      en: `Lesson ${info.number}: ${info.title}`,
      zh: `第 ${info.number} 课：${info.zhTitle}`,
    };
    console.log(`${title[language]}\n`);
    console.log(
      lessonUsage(`deno task lesson ${info.number}`, info.quick, info.full, info.flags)[language],
    );
    return "help";
  }
  const learner = options.mine ? await loadLearnerCode(info) : undefined;
  const mnist = await loadMnist(options.data);
  const backend = await startBackend(options.backend);
  const rng = seedEverything(options.seed);
  const folder = await startOutputFolder(options.out, info.id);
  keepPreviousRunOnFailure(folder);
  const outDir = folder.staging;
  const regions = await readCodeRegions(info.source);
  const notebook = new Notebook(
    console.log,
    { regions, printCode: options.code },
    terminalColumns(),
    options.language,
  );
  notebook.heading({
    en: `Lesson ${info.number}: ${info.title}`,
    zh: `第 ${info.number} 课：${info.zhTitle}`,
  });
  notebook.show(describeRun(options, backend, info.trains ?? true), { wrap: true });
  if (folder.removed.length > 0) {
    const removed = folder.removed.join(", ");
    notebook.show({
      en: `An earlier run of this lesson was interrupted; its unfinished output was removed ` +
        `(${removed}).`,
      zh: `这一课上次运行被中断了，留下的未完成输出已删除（${removed}）。`,
    }, { wrap: true });
  }
  const mine: string[] = [];
  return {
    info,
    options,
    backend,
    rng,
    mnist: options.subset ? subsetOf(mnist, options.subset, rng) : mnist,
    outDir,
    shown: folder.shown,
    commitOutput: folder.commit,
    notebook,
    startedAt,
    async chart(file, spec, caption) {
      const localized = localizeChart(spec, options.language);
      const path = folder.shown(await writeChart(join(outDir, file), localized));
      notebook.chart(path, caption);
      return path;
    },
    code(course) {
      const { code, used } = chooseCode(course, learner);
      if (learner) notebook.show(describeUsed(learner, used), { wrap: true });
      mine.push(...used.map((exercise) => exercise.id));
      return code;
    },
    mine,
  };
}

/**
 * If the run fails or is interrupted (Ctrl-C), its staging folder is removed and the lesson's
 * folder keeps the previous complete run; an interruption says so.
 */
/** How long an interrupted run waits for its in-flight writes before cleaning up. */
const SETTLE_MS = 100;

function keepPreviousRunOnFailure(folder: OutputFolder): void {
  globalThis.addEventListener("unload", () => folder.discard());
  Deno.addSignalListener("SIGINT", () => {
    folder.discard();
    // Writes already handed to the runtime (a chart, a model's folder) may still land and
    // recreate part of the staging folder: wait for them, with JavaScript paused, and clean again.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, SETTLE_MS);
    folder.discard();
    console.error(
      `\ninterrupted: ${folder.final} was left as it was (the previous complete run, if any)`,
    );
    Deno.exit(130);
  });
}

function subsetOf(mnist: Mnist, size: number, rng: Rng): Mnist {
  return {
    ...mnist,
    train: randomSubset(mnist.train, size, rng.next),
    test: randomSubset(mnist.test, size, rng.next),
  };
}

function describeRun(options: LessonOptions, backend: BackendName, trains: boolean): Bilingual {
  const { seed } = options;
  if (!trains) {
    return {
      en: `Running with seed ${seed}, backend ${backend} (no training here).`,
      zh: `随机种子 ${seed}，后端 ${backend}（这一课不训练模型）。`,
    };
  }
  const threads = options.workers > 1 ? options.workers : undefined;
  const { epochs, batchSize, learningRate, subset } = options;
  return {
    en:
      `Running with ${
        options.full
          ? "the article's configuration (--full)"
          : "quick settings (--full for the article's)"
      }: ${epochs} epoch${epochs === 1 ? "" : "s"}, batch ${batchSize}, ` +
      `learning rate ${learningRate}, seed ${seed}, backend ${backend}` +
      `${threads ? ` (${threads} threads)` : ""}${subset ? `, subset of ${subset} examples` : ""}.`,
    zh: `${options.full ? "使用原文的配置（--full）" : "使用快速设置（--full 为原文的配置）"}：` +
      `${epochs} 轮，批大小 ${batchSize}，学习率 ${learningRate}，随机种子 ${seed}，后端 ${backend}` +
      `${threads ? `（${threads} 个线程）` : ""}${
        subset ? `，随机抽取 ${subset} 个样本的子集` : ""
      }。`,
  };
}
