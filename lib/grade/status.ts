/**
 * How grading a submission, or one lesson of it, ended. A student's status is the most severe
 * status among their lessons, so one line of the gradebook says what needs a teacher's look.
 *
 * @module
 */
import type { Bilingual } from "../cli/language.ts";

/** Every status a graded lesson or submission can have. */
export const STATUSES = [
  "ok",
  "compile-error",
  "timeout",
  "memory",
  "storage",
  "crashed",
  "tampered",
  "missing",
  "rejected-archive",
] as const;

/** One of {@linkcode STATUSES}. */
export type GradeStatus = (typeof STATUSES)[number];

/** Statuses from most to least severe; `ok` is the least. */
const SEVERITY: readonly GradeStatus[] = [
  "rejected-archive",
  "tampered",
  "storage",
  "timeout",
  "memory",
  "crashed",
  "compile-error",
  "missing",
  "ok",
];

/** What each status means, in one sentence a student can act on, in both languages. */
export const STATUS_MEANINGS: Record<GradeStatus, Bilingual> = {
  ok: { en: "the tests ran; each test scored on its own", zh: "测试已运行，每个测试单独计分" },
  "compile-error": {
    en:
      "the code could not be loaded (a syntax error, a missing import or export, or an error thrown while loading), so no test of the lesson ran",
    zh:
      "代码无法加载（语法错误、缺少导入或导出，或加载时抛出了错误），所以这一课的测试一个也没有运行",
  },
  timeout: {
    en: "the tests ran longer than the time limit (an endless loop?) and were stopped",
    zh: "测试运行超过了时间限制（死循环？），已被终止",
  },
  memory: {
    en: "the tests used more memory than allowed and were stopped",
    zh: "测试使用的内存超过了限制，已被终止",
  },
  storage: {
    en:
      "the code tried to store data (the Cache API, localStorage or sessionStorage), which graded code may not do, so the lesson scores no points",
    zh:
      "代码试图存储数据（Cache API、localStorage 或 sessionStorage），评分时不允许这样做，所以这一课不得分",
  },
  crashed: {
    en:
      "the test run ended abnormally before every test had reported, so the lesson scores no points",
    zh: "测试在全部报告结果之前异常结束，所以这一课不得分",
  },
  tampered: {
    en:
      "the test report was not the course's own (a test registered by the submission, a test reported twice or skipped, or a source map that disguises where code runs), so the lesson scores no points",
    zh:
      "测试报告不是课程自己的（提交中注册了测试、某个测试被报告两次或被跳过，或用 source map 伪装代码的位置），所以这一课不得分",
  },
  missing: {
    en: "the submission holds no file for this lesson",
    zh: "提交中没有这一课的文件",
  },
  "rejected-archive": {
    en:
      "the submission was refused unread: it holds links, paths outside its folder, or is too large",
    zh: "提交未被读取就被拒绝了：其中有链接、指向文件夹以外的路径，或者太大",
  },
};

/**
 * The most severe of `statuses` (`ok` for none).
 *
 * @example
 * ```ts
 * worstStatus(["ok", "timeout", "missing"]); // "timeout"
 * ```
 */
export function worstStatus(statuses: Iterable<GradeStatus>): GradeStatus {
  let worst = SEVERITY.length - 1;
  for (const status of statuses) worst = Math.min(worst, SEVERITY.indexOf(status));
  return SEVERITY[worst];
}
