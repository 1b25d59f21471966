/**
 * `deno task progress`: every lesson and exercise with its state and an overall bar
 * ("7/23 exercises done"), found by running each lesson's tests against `exercises/`, a few
 * lessons at a time, and remembering results until one of their files changes.
 *
 * @module
 */
import { parseCommandLine } from "../cli/args.ts";
import { chooseLanguage, type Language, speaker } from "../cli/language.ts";
import { mapConcurrently } from "../cli/pool.ts";
import { runCommand, UsageError } from "../cli/errors.ts";
import { exerciseLabel, lessonsWithExercises } from "../course/manifest.ts";
import { MARKS, STATE_NAMES } from "./check.ts";
import { type LessonResults, lessonResults } from "./lesson_results.ts";

const BAR_WIDTH = 30;

/** The table's lines for every lesson's results, ending with the overall bar. */
export function progressReport(all: LessonResults[], language: Language = "en"): string[] {
  const say = speaker(language);
  const lines: string[] = [];
  let done = 0;
  let total = 0;
  for (const { lesson, statuses, error } of all) {
    const heading = say({ en: `Lesson ${lesson.number}`, zh: `第 ${lesson.number} 课` });
    if (error !== undefined) {
      const exercises = lesson.exercises.map(exerciseLabel);
      total += exercises.length;
      lines.push(say({
        en:
          `${heading}  ${lesson.id}: its tests cannot run (deno task check ${lesson.number} says why)`,
        zh: `${heading}  ${lesson.id}：测试无法运行（deno task check ${lesson.number} 会说明原因）`,
      }));
      lines.push(...exercises.map((exercise) => `  ? ${exercise}`));
      continue;
    }
    const finished = statuses.filter((s) => s.state === "done").length;
    done += finished;
    total += statuses.length;
    lines.push(say({
      en: `${heading}  ${lesson.id}: ${finished}/${statuses.length} done`,
      zh: `${heading}  ${lesson.id}：已完成 ${finished}/${statuses.length}`,
    }));
    const width = Math.max(...statuses.map((s) => s.exercise.length));
    for (const status of statuses) {
      lines.push(
        `  ${MARKS[status.state]} ${status.exercise.padEnd(width)}  ${
          say(STATE_NAMES[status.state])
        }`,
      );
    }
  }
  const filled = total === 0 ? 0 : Math.round((BAR_WIDTH * done) / total);
  const percent = total === 0 ? 0 : Math.round((100 * done) / total);
  const bar = `[${"#".repeat(filled)}${"-".repeat(BAR_WIDTH - filled)}]`;
  lines.push(
    "",
    say({
      en: `${bar} ${done}/${total} exercises done (${percent}%)`,
      zh: `${bar} 已完成 ${done}/${total} 个练习（${percent}%）`,
    }),
  );
  return lines;
}

const HELP = {
  usage: "usage: deno task progress",
  text: {
    en: [
      "usage: deno task progress",
      "",
      "Shows every lesson's exercises as done, failing or not started, and one bar for the",
      "whole course. Results are remembered until an exercise, test or lib file changes.",
      "",
      "  --lang en|zh  the report's language (default: from LANG)",
      "  -h, --help  show this help",
      "",
      "Example: deno task progress",
    ].join("\n"),
    zh: [
      "用法：deno task progress",
      "",
      "列出每一课的练习是已完成、未通过还是未开始，并用一个进度条显示整个课程的进度。",
      "结果会被记住，直到某个练习、测试或 lib 文件改动为止。",
      "",
      "  --lang en|zh  报告的语言（默认取自 LANG）",
      "  -h, --help  显示本帮助",
      "",
      "示例：deno task progress",
    ].join("\n"),
  },
};

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, { lang: { type: "string" } }, HELP);
  const language = chooseLanguage(values.lang);
  const say = speaker(language);
  if (positionals.length > 0) {
    throw new UsageError({
      en: `progress takes no arguments, got ${positionals.join(" ")}`,
      zh: `progress 不接受参数，收到的是 ${positionals.join(" ")}`,
    });
  }
  const lessons = lessonsWithExercises();
  const jobs = Math.max(1, Math.min(navigator.hardwareConcurrency, 4));
  const all = await mapConcurrently(lessons, jobs, (lesson) => lessonResults(lesson));
  console.log(progressReport(all, language).join("\n"));
  const next = all.find((r) => r.error !== undefined || r.statuses.some((s) => s.state !== "done"));
  console.log(
    next
      ? say({
        en: `Next: deno task check ${next.lesson.number}`,
        zh: `下一步：deno task check ${next.lesson.number}`,
      })
      : say({ en: "Every exercise is done!", zh: "所有练习都已完成！" }),
  );
  return 0;
}

if (import.meta.main) await runCommand(() => main(Deno.args));
