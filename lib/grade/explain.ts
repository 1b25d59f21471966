/**
 * One sentence or excerpt per test outcome, for the student: the assertion's message for the
 * course's tests (expected against actual, without the stack), only the kind of failure for
 * hidden tests, and why a test did not run at all.
 *
 * @module
 */
import { explainFailure } from "../exercise/explain_failure.ts";
import type { LessonResult, TestOutcome } from "./score.ts";
import { STATUS_MEANINGS } from "./status.ts";
import { type Bilingual, type Language, speaker } from "../cli/language.ts";
import { plainExcerpt } from "../cli/text.ts";
import { STUB_MARKER } from "../exercise/todo.ts";

const ERROR_NAME = /^(?:Uncaught )?(?:\(in promise\) )?([A-Za-z]\w{0,39})\b/;

/**
 * What a student should read about `outcome`, a test of `lesson`.
 *
 * @example
 * ```ts
 * explainOutcome(outcome, lesson);
 * // "crossEntropy([[0, 1]], [[1, 0]]) gave Infinity: clip p to at least 1e-7"
 * ```
 */
export function explainOutcome(
  outcome: TestOutcome,
  lesson: LessonResult,
  language: Language = "en",
): string {
  const say = speaker(language);
  if (outcome.passed) return say({ en: "passed", zh: "通过" });
  if (outcome.failure === undefined) {
    const meaning = say(STATUS_MEANINGS[lesson.status]);
    return say({ en: `did not run: ${meaning}`, zh: `没有运行：${meaning}` });
  }
  if (outcome.test.hidden) return say(hiddenFailure(outcome.failure));
  return plainExcerpt(explainFailure(outcome.failure, language), 20, 2000);
}

/** A hidden test's failure without its details: stub, or the error's name. */
function hiddenFailure(failure: string): Bilingual {
  if (failure.includes(STUB_MARKER)) {
    return {
      en: "not done yet: the exercise still calls todo()",
      zh: "还没有完成：练习中仍在调用 todo()",
    };
  }
  const name = ERROR_NAME.exec(failure.trimStart())?.[1];
  return {
    en: `failed with ${name ?? "an error"} (hidden tests do not show their details)`,
    zh: `因 ${name ?? "一个错误"} 而失败（隐藏测试不显示细节）`,
  };
}
