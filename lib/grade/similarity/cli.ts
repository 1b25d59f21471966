/**
 * `deno task similarity <submissions>`: compares every pair of a class's submissions, per
 * exercise file, and writes `similarity.csv` and `similarity.html` for the teacher to read.
 * Submissions are read as text only; nothing in them runs. See `docs/grading.md`.
 *
 * @module
 */
import { join, sep } from "node:path";
import { COURSE_ROOT } from "../../cli/course_root.ts";
import { runCommand, UsageError } from "../../cli/errors.ts";
import { parseCommandLine, usageLine } from "../../cli/args.ts";
import { chooseLanguage, speaker } from "../../cli/language.ts";
import { findLessons, selectLessons } from "../lessons.ts";
import { fromUserPath, parseLessonNumbers } from "../arguments.ts";
import { similarityPage } from "./page.ts";
import { readClassTexts } from "./read.ts";
import { compareClass, similarityCsv } from "./report.ts";

const HELP = {
  usage: "usage: deno task similarity <submissions> [options]",
  text: {
    en: `Usage: deno task similarity <submissions> [options]

Compares every pair of submissions per exercise file (tokens, names and literals normalised,
comments and the shipped stub left out) and writes similarity.csv and similarity.html.
The report is evidence for a teacher to read, never a verdict.

Options:
  --out DIR         where the report goes (default: out/similarity)
  --lessons 1,2     compare only these lessons (default: all)
  --threshold X     pairs scoring at least X (0 to 1) are shown in the HTML (default: 0.75)
  --base DIR        the shipped stubs, left out of every comparison (default: exercises/)
  --show N          at most N pairs shown side by side (default: 40)
  --lang en|zh      the language of similarity.html (default: from LANG)
  -h, --help        show this help

Example: deno task similarity submissions/ --lessons 1 --threshold 0.6`,
    zh: `用法：deno task similarity <submissions> [选项]

按练习文件逐对比较所有提交（词法单元、名字和字面量先统一，注释和下发的待完成函数不计），
写出 similarity.csv 和 similarity.html。报告是供老师阅读的证据，而不是结论。

选项：
  --out DIR         报告写到哪里（默认：out/similarity）
  --lessons 1,2     只比较这些课（默认：全部）
  --threshold X     相似度不低于 X（0 到 1）的提交对显示在 HTML 里（默认：0.75）
  --base DIR        下发的待完成函数，不参与任何比较（默认：exercises/）
  --show N          最多并排显示 N 对（默认：40）
  --lang en|zh      similarity.html 的语言（默认取自 LANG）
  -h, --help        显示本帮助

示例：deno task similarity submissions/ --lessons 1 --threshold 0.6`,
  },
};

const DEFAULT_THRESHOLD = 0.75;
const DEFAULT_SHOWN = 40;

const OPTIONS = {
  out: { type: "string" },
  lessons: { type: "string" },
  threshold: { type: "string" },
  base: { type: "string" },
  show: { type: "string" },
  lang: { type: "string" },
} as const;

/** The files this command writes into `--out`. */
const OUTPUTS = ["similarity.csv", "similarity.html"];

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, OPTIONS, HELP);
  const language = chooseLanguage(values.lang);
  const say = speaker(language);
  if (positionals.length !== 1) {
    const count = positionals.length;
    throw new UsageError({
      en: `similarity takes one <submissions> folder, got ${count} (${HELP.usage})`,
      zh: `similarity 需要一个 <submissions> 文件夹，收到的是 ${count} 个（${
        usageLine(HELP.usage).zh
      }）`,
    });
  }
  const started = performance.now();
  const submissions = await folder("<submissions>", fromUserPath(positionals[0]));
  const base = await folder("--base", fromUserPath(values.base ?? join(COURSE_ROOT, "exercises")));
  const out = fromUserPath(values.out ?? join(COURSE_ROOT, "out", "similarity"));
  if (out === submissions || out.startsWith(submissions + sep)) {
    throw new UsageError({
      en: `--out ${out} must not be inside <submissions> ${submissions}`,
      zh: `--out ${out} 不能位于 <submissions> ${submissions} 之内`,
    });
  }
  const threshold = parseThreshold(values.threshold);
  const maxShown = values.show === undefined ? DEFAULT_SHOWN : parseWhole("--show", values.show);
  const lessons = selectLessons((await findLessons()).lessons, parseLessonNumbers(values.lessons));
  await prepareOut(out);
  const work = await Deno.makeTempDir({ prefix: "digits-similarity-" });
  try {
    const exerciseFiles = lessons.map((lesson) => lesson.exerciseFile);
    const { files, skipped } = await readClassTexts(submissions, exerciseFiles, work);
    const sources = await Promise.all(lessons.map(async (lesson) => ({
      lesson: lesson.id,
      file: lesson.exerciseFile,
      base: await Deno.readTextFile(join(base, lesson.exerciseFile)).catch(() => ""),
    })));
    const report = compareClass(files, sources);
    await Deno.writeTextFile(join(out, "similarity.csv"), similarityCsv(report, threshold));
    await Deno.writeTextFile(
      join(out, "similarity.html"),
      similarityPage(report, files, { threshold, maxShown, language, skipped }),
    );
    const flagged = report.flatMap((l) => l.pairs).filter((p) => p.score >= threshold).length;
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const ids = lessons.map((l) => l.id);
    const unread = skipped.length;
    console.log(say({
      en: `compared ${files.size} submissions on ${ids.join(", ")} in ${seconds} s: ` +
        `${flagged} pairs score at least ${threshold}` +
        (unread ? `; ${unread} not read (see the report)` : ""),
      zh: `比较了 ${files.size} 份提交（${ids.join("、")}），用时 ${seconds} 秒：` +
        `${flagged} 对的相似度不低于 ${threshold}` +
        (unread ? `；${unread} 份没有读取（见报告）` : ""),
    }));
    const [html, csv] = [join(out, "similarity.html"), join(out, "similarity.csv")];
    console.log(say({ en: `report: ${html}, ${csv}`, zh: `报告：${html}、${csv}` }));
    return 0;
  } finally {
    await Deno.remove(work, { recursive: true });
  }
}

async function folder(argument: string, path: string): Promise<string> {
  const info = await Deno.stat(path).catch(() => undefined);
  if (!info?.isDirectory) {
    throw new UsageError({
      en: `${argument} ${path} is not a folder`,
      zh: `${argument} ${path} 不是文件夹`,
    });
  }
  return path;
}

function parseThreshold(text: string | undefined): number {
  if (text === undefined) return DEFAULT_THRESHOLD;
  const value = Number(text);
  if (text.trim() === "" || !(value >= 0 && value <= 1)) {
    throw new UsageError({
      en: `--threshold must be a number from 0 to 1, got "${text}"`,
      zh: `--threshold 必须是 0 到 1 之间的数，收到的是 "${text}"`,
    });
  }
  return value;
}

function parseWhole(flag: string, text: string): number {
  if (!/^\d+$/.test(text)) {
    throw new UsageError({
      en: `${flag} must be a whole number, got "${text}"`,
      zh: `${flag} 必须是整数，收到的是 "${text}"`,
    });
  }
  return Number(text);
}

/** Creates `out`, refusing a folder that holds anything but an earlier report. */
async function prepareOut(out: string): Promise<void> {
  await Deno.mkdir(out, { recursive: true }).catch((error) => {
    throw new UsageError({
      en: `--out ${out}: ${error.message}`,
      zh: `--out ${out}：无法创建（${error.message}）`,
    });
  });
  for await (const entry of Deno.readDir(out)) {
    if (!OUTPUTS.includes(entry.name)) {
      throw new UsageError({
        en: `--out ${out} already holds files the report did not write (${entry.name}); ` +
          "choose an empty or new folder",
        zh: `--out ${out} 里已有不是本报告写的文件（${entry.name}）；请换一个空文件夹或新文件夹`,
      });
    }
  }
}

if (import.meta.main) await runCommand(() => main(Deno.args));
