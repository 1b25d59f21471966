/**
 * `feedback.md`: what a student reads about their grade. Per lesson: points per exercise, then
 * each failed test with the reason (the assertion's message; for hidden tests only the kind of
 * failure, never their code or messages), and, when the run did not end normally, the limit it
 * hit or what it printed (leaving out whatever mentions a hidden test).
 *
 * @module
 */
import type { CheckNames } from "./check_names.ts";
import { explainOutcome } from "./explain.ts";
import type { LessonResult, StudentResult } from "./score.ts";
import { STATUS_MEANINGS } from "./status.ts";
import { inLanguage, type Language, speaker } from "../cli/language.ts";
import { codeBlock, formatPoints } from "./text.ts";
import { plainExcerpt } from "../cli/text.ts";
import { messageIn } from "../cli/two_languages.ts";

/**
 * The Markdown feedback for `result`, in `language`; in Chinese, the course tests' checks are
 * named from `checks` (their English names otherwise).
 *
 * @example
 * ```ts
 * await Deno.writeTextFile("feedback.md", feedbackMarkdown(result));
 * ```
 */
export function feedbackMarkdown(
  result: StudentResult,
  language: Language = "en",
  checks: CheckNames = {},
): string {
  const say = speaker(language);
  const [score, max] = [formatPoints(result.score), formatPoints(result.maxScore)];
  const reason = result.reason && inLanguage(result.reason, language);
  const parts = [
    say({ en: `# Feedback for ${result.id}`, zh: `# ${result.id} 的反馈` }),
    say({
      en: `**${score} / ${max} points.** Status: ${result.status}.`,
      zh: `**${score} / ${max} 分。** 状态：${result.status}。`,
    }),
  ];
  if (reason && result.status === "rejected-archive") {
    parts.push(say({
      en: `Your submission was refused without being run: ${reason}. Submit a folder, or ` +
        "a .zip or .tar.gz archive, holding only your exercise files (no links).",
      zh:
        `你的提交未经运行就被拒绝了：${reason}。请提交一个文件夹，或一个 .zip / .tar.gz 压缩包，` +
        "里面只放你的练习文件（不要有链接）。",
    }));
    return parts.join("\n\n") + "\n";
  }
  if (reason && result.status === "tampered") {
    parts.push(say({
      en: `Your submission was refused without being run: ${reason}. Submit your exercise ` +
        "files as you wrote them, without source maps.",
      zh:
        `你的提交未经运行就被拒绝了：${reason}。请按你写好的样子提交练习文件，不要附带 source map。`,
    }));
    return parts.join("\n\n") + "\n";
  }
  if (reason) {
    parts.push(say({
      en: `Your submission could not be graded: ${reason}. Ask your teacher.`,
      zh: `你的提交无法评分：${reason}。请询问老师。`,
    }));
    return parts.join("\n\n") + "\n";
  }
  for (const lesson of result.lessons) {
    parts.push(lessonSection(lesson, language, checks[lesson.lesson.id] ?? {}));
  }
  return parts.join("\n\n") + "\n";
}

function lessonSection(
  lesson: LessonResult,
  language: Language,
  checks: Record<string, string>,
): string {
  const say = speaker(language);
  const { number, id, exerciseFile } = lesson.lesson;
  const [score, max] = [formatPoints(lesson.score), formatPoints(lesson.maxScore)];
  const lines = [
    say({
      en: `## Lesson ${number} (${id}): ${score} / ${max} points`,
      zh: `## 第 ${number} 课（${id}）：${score} / ${max} 分`,
    }),
  ];
  if (lesson.status === "missing") {
    lines.push(
      "",
      say({
        en: `No ${exerciseFile} was found in your submission.`,
        zh: `你的提交中没有找到 ${exerciseFile}。`,
      }),
    );
    return lines.join("\n");
  }
  if (lesson.status !== "ok") {
    const meaning = say(STATUS_MEANINGS[lesson.status]);
    const why = lesson.why && inLanguage(lesson.why, language);
    lines.push(
      "",
      say({
        en: `**${lesson.status}**: ${meaning}.${why ? ` Why: ${why}.` : ""}`,
        zh: `**${lesson.status}**：${meaning}。${why ? `原因：${why}。` : ""}`,
      }),
    );
  }
  lines.push(
    "",
    say({
      en: "| exercise | points | tests passed |",
      zh: "| 练习 | 得分 | 通过的测试 |",
    }),
    "| --- | --- | --- |",
  );
  for (const [exercise, outcomes] of Map.groupBy(lesson.outcomes, (o) => o.test.exercise)) {
    const earned = outcomes.filter((o) => o.passed);
    const points = (list: typeof outcomes) => list.reduce((sum, o) => sum + o.test.points, 0);
    lines.push(
      `| ${exercise} | ${formatPoints(points(earned))} / ${formatPoints(points(outcomes))} | ` +
        `${earned.length} / ${outcomes.length} |`,
    );
  }
  const failed = lesson.outcomes.filter((o) => !o.passed && o.failure !== undefined);
  if (failed.length > 0) lines.push("", say({ en: "### What failed", zh: "### 没有通过的测试" }));
  for (const outcome of failed) {
    const hidden = outcome.test.hidden ? say({ en: "hidden test, ", zh: "隐藏测试，" }) : "";
    const of = formatPoints(outcome.test.points);
    const { exercise, check } = outcome.test;
    const checkZh = (!outcome.test.hidden && checks[check]) || check;
    lines.push(
      "",
      say({
        en: `- **${exercise} › ${check}** (${hidden}0 / ${of} pt)`,
        zh: `- **${exercise} › ${checkZh}**（${hidden}0 / ${of} 分）`,
      }),
      "",
      indent(codeBlock(explainOutcome(outcome, lesson, language))),
    );
  }
  if (lesson.output !== undefined) {
    lines.push(
      "",
      say({ en: "### Details", zh: "### 详细输出" }),
      "",
      codeBlock(printedExcerpt(lesson.output, language)),
    );
  }
  return lines.join("\n");
}

const DURATION = / \((?:\d+m)?\d+(?:\.\d+)?(?:ns|µs|ms|s)\)/g;

/**
 * The run's output without any paragraph that mentions a hidden test file (Deno reports each
 * test's error, code frame included, as one paragraph), and without the runner's durations, so
 * grading twice gives the same feedback; the tests' messages (which carry both languages) in
 * `language`.
 */
function printedExcerpt(output: string, language: Language): string {
  const shown = messageIn(output, language).split(/\n\s*\n/)
    .filter((part) => !part.includes("hidden/")).join("\n\n");
  return plainExcerpt(shown.replace(DURATION, ""), 40, 4000) ||
    speaker(language)({ en: "(nothing)", zh: "（没有输出）" });
}

function indent(text: string): string {
  return text.replace(/^/gm, "  ");
}
