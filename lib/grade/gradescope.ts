/**
 * `results.json` in Gradescope's autograder format (the file Gradescope reads from
 * `/autograder/results/results.json`): the total, and every test with its score, status and
 * explanation. Hidden tests are `after_published`, so students see them once grades are out.
 *
 * @module
 */
import { explainOutcome } from "./explain.ts";
import type { StudentResult } from "./score.ts";
import { inLanguage } from "../cli/language.ts";
import { formatPoints } from "./text.ts";

/** One test in Gradescope's format. */
export interface GradescopeTest {
  /** The test, e.g. `1.3 softmax › rows sum to 1`. */
  name: string;
  /** The exercise number, e.g. `1.3`. */
  number: string;
  /** Points earned. */
  score: number;
  /** Points available. */
  max_score: number;
  /** `passed` or `failed`. */
  status: "passed" | "failed";
  /** Why it failed, or `passed`. */
  output: string;
  /** `visible`, or `after_published` for hidden tests. */
  visibility: "visible" | "after_published";
}

/** A whole `results.json`. */
export interface GradescopeResults {
  /** Points earned. */
  score: number;
  /** Points available. */
  max_score: number;
  /** A summary shown above the tests. */
  output: string;
  /** Whether students see the results: always `visible`. */
  visibility: "visible";
  /** Whether students see the grader's own output: `hidden`. */
  stdout_visibility: "hidden";
  /** Every test. */
  tests: GradescopeTest[];
  /** The grader's status per lesson, for scripts. */
  extra_data: {
    student: string;
    status: string;
    lessons: { lesson: string; status: string; score: number; max_score: number }[];
  };
}

/**
 * `result` in Gradescope's format.
 *
 * @example
 * ```ts
 * await Deno.writeTextFile("results.json", JSON.stringify(gradescopeResults(result), null, 2));
 * ```
 */
export function gradescopeResults(result: StudentResult): GradescopeResults {
  const summary = result.lessons.map((lesson) =>
    `Lesson ${lesson.lesson.number} (${lesson.lesson.id}): ${formatPoints(lesson.score)} / ${
      formatPoints(lesson.maxScore)
    } points, ${lesson.status}`
  );
  return {
    score: result.score,
    max_score: result.maxScore,
    output: [
      ...(result.reason
        ? [`The submission was not graded: ${inLanguage(result.reason, "en")}.`]
        : []),
      ...summary,
    ].join("\n"),
    visibility: "visible",
    stdout_visibility: "hidden",
    tests: result.lessons.flatMap((lesson) =>
      lesson.outcomes.map((outcome): GradescopeTest => ({
        name: `${outcome.test.exercise} › ${outcome.test.check}`,
        number: outcome.test.exercise.split(" ")[0],
        score: outcome.passed ? outcome.test.points : 0,
        max_score: outcome.test.points,
        status: outcome.passed ? "passed" : "failed",
        output: explainOutcome(outcome, lesson),
        visibility: outcome.test.hidden ? "after_published" : "visible",
      }))
    ),
    extra_data: {
      student: result.id,
      status: result.status,
      lessons: result.lessons.map((lesson) => ({
        lesson: lesson.lesson.id,
        status: lesson.status,
        score: lesson.score,
        max_score: lesson.maxScore,
      })),
    },
  };
}
