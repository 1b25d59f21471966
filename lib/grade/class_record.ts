/**
 * `grades.json`: the grader's record of a class run, every student's full result and the tests
 * that scored, so `--only` can regrade a few students and rebuild the class files
 * (`gradebook.csv`, `summary.md`, `summary.html`, the exports) without regrading the others.
 * It is for the grader, not for students: it holds hidden tests' failure messages.
 *
 * @module
 */
import { join } from "node:path";
import { UsageError } from "../cli/errors.ts";
import type { LessonListing } from "./listing.ts";
import type { StudentResult } from "./score.ts";
import { inLanguage } from "../cli/language.ts";

/** The record's file name at the top of `--out`. */
export const RECORD_FILE = "grades.json";

/** Bumped when the record's shape changes; an older record cannot be regraded into. */
const VERSION = 1;

/** What a class run leaves for a later `--only`. */
export interface ClassRecord {
  /** The tests that scored, per lesson. */
  listings: LessonListing[];
  /** Every student's result, sorted by id. */
  results: StudentResult[];
}

/**
 * The record's text, without the runs' printed output (it holds timings), so grading the same
 * class twice gives the same file; reasons are kept in English, as a record of the run.
 *
 * @example
 * ```ts
 * await Deno.writeTextFile(join(out, RECORD_FILE), classRecordJson({ listings, results }));
 * ```
 */
export function classRecordJson(record: ClassRecord): string {
  // A run's printed output is only for that student's feedback, and holds timings.
  const results = record.results.map((result) => ({
    ...result,
    ...(result.reason ? { reason: inLanguage(result.reason, "en") } : {}),
    lessons: result.lessons.map(({ output: _, ...lesson }) => ({
      ...lesson,
      ...(lesson.why ? { why: inLanguage(lesson.why, "en") } : {}),
    })),
  }));
  return JSON.stringify({ version: VERSION, listings: record.listings, results }) + "\n";
}

/**
 * Reads the record of the run in `out`; a missing or unreadable one is a {@linkcode UsageError}
 * naming `--only`, which needs it.
 */
export async function readClassRecord(out: string): Promise<ClassRecord> {
  const path = join(out, RECORD_FILE);
  const text = await Deno.readTextFile(path).catch(() => undefined);
  if (text === undefined) {
    throw new UsageError({
      en: `--only regrades into an earlier class run's --out, but ${path} does not exist; ` +
        "grade the whole class first",
      zh: `--only 要在之前全班评分的 --out 里重新评分，但 ${path} 不存在；请先给全班评分`,
    });
  }
  try {
    const record = JSON.parse(text);
    if (record.version !== VERSION || !Array.isArray(record.results)) throw new Error();
    return { listings: record.listings, results: record.results };
  } catch {
    throw new UsageError({
      en: `--only: ${path} is not a record this grader wrote; grade the whole class again`,
      zh: `--only：${path} 不是本评分器写下的记录；请重新给全班评分`,
    });
  }
}

/**
 * Whether two runs scored the same tests (same lessons, names, files and points), so results
 * from one can sit beside results from the other.
 */
export function sameTests(a: LessonListing[], b: LessonListing[]): boolean {
  const key = (listings: LessonListing[]) =>
    JSON.stringify(listings.map((listing) => [
      listing.lesson.id,
      listing.tests.map((test) => [test.file, test.name, test.points, test.hidden]),
    ]));
  return key(a) === key(b);
}
