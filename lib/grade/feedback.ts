/**
 * `feedback.md`: what a student reads about their grade. Per lesson: points per exercise, then
 * each failed test with the reason (the assertion's message; for hidden tests only the kind of
 * failure, never their code or messages), and, when the run did not end normally, the limit it
 * hit or what it printed (leaving out whatever mentions a hidden test).
 *
 * @module
 */
import { explainOutcome } from "./explain.ts";
import type { LessonResult, StudentResult } from "./score.ts";
import { STATUS_MEANINGS } from "./status.ts";
import { codeBlock, formatPoints } from "./text.ts";
import { plainExcerpt } from "../cli/text.ts";

/**
 * The Markdown feedback for `result`.
 *
 * @example
 * ```ts
 * await Deno.writeTextFile("feedback.md", feedbackMarkdown(result));
 * ```
 */
export function feedbackMarkdown(result: StudentResult): string {
  const parts = [
    `# Feedback for ${result.id}`,
    `**${formatPoints(result.score)} / ${formatPoints(result.maxScore)} points.** Status: ` +
    `${result.status}.`,
  ];
  if (result.reason && result.status === "rejected-archive") {
    parts.push(
      `Your submission was refused without being run: ${result.reason}. Submit a folder, or ` +
        "a .zip or .tar.gz archive, holding only your exercise files (no links).",
    );
    return parts.join("\n\n") + "\n";
  }
  if (result.reason && result.status === "tampered") {
    parts.push(
      `Your submission was refused without being run: ${result.reason}. Submit your exercise ` +
        "files as you wrote them, without source maps.",
    );
    return parts.join("\n\n") + "\n";
  }
  if (result.reason) {
    parts.push(`Your submission could not be graded: ${result.reason}. Ask your teacher.`);
    return parts.join("\n\n") + "\n";
  }
  for (const lesson of result.lessons) parts.push(lessonSection(lesson));
  return parts.join("\n\n") + "\n";
}

function lessonSection(lesson: LessonResult): string {
  const { number, id, exerciseFile } = lesson.lesson;
  const lines = [
    `## Lesson ${number} (${id}): ${formatPoints(lesson.score)} / ${
      formatPoints(lesson.maxScore)
    } points`,
  ];
  if (lesson.status === "missing") {
    lines.push("", `No ${exerciseFile} was found in your submission.`);
    return lines.join("\n");
  }
  if (lesson.status !== "ok") {
    const why = lesson.why ? ` Why: ${lesson.why}.` : "";
    lines.push("", `**${lesson.status}**: ${STATUS_MEANINGS[lesson.status]}.${why}`);
  }
  lines.push("", "| exercise | points | tests passed |", "| --- | --- | --- |");
  for (const [exercise, outcomes] of Map.groupBy(lesson.outcomes, (o) => o.test.exercise)) {
    const earned = outcomes.filter((o) => o.passed);
    const points = (list: typeof outcomes) => list.reduce((sum, o) => sum + o.test.points, 0);
    lines.push(
      `| ${exercise} | ${formatPoints(points(earned))} / ${formatPoints(points(outcomes))} | ` +
        `${earned.length} / ${outcomes.length} |`,
    );
  }
  const failed = lesson.outcomes.filter((o) => !o.passed && o.failure !== undefined);
  if (failed.length > 0) lines.push("", "### What failed");
  for (const outcome of failed) {
    const hidden = outcome.test.hidden ? "hidden test, " : "";
    lines.push(
      "",
      `- **${outcome.test.exercise} › ${outcome.test.check}** (${hidden}0 / ${
        formatPoints(outcome.test.points)
      } pt)`,
      "",
      indent(codeBlock(explainOutcome(outcome, lesson))),
    );
  }
  if (lesson.output !== undefined) {
    lines.push("", "### Details", "", codeBlock(printedExcerpt(lesson.output)));
  }
  return lines.join("\n");
}

/** A duration the test runner prints after a test or a run: ` (651ms)`, ` (1m0s)`. */
const DURATION = / \((?:\d+m)?\d+(?:\.\d+)?(?:ns|µs|ms|s)\)/g;

/**
 * The run's output without any paragraph that mentions a hidden test file (Deno reports each
 * test's error, code frame included, as one paragraph), and without the runner's durations, so
 * grading twice gives the same feedback.
 */
function printedExcerpt(output: string): string {
  const shown = output.split(/\n\s*\n/).filter((part) => !part.includes("hidden/")).join("\n\n");
  return plainExcerpt(shown.replace(DURATION, ""), 40, 4000) || "(nothing)";
}

function indent(text: string): string {
  return text.replace(/^/gm, "  ");
}
