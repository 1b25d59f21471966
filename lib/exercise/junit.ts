/**
 * Reading the JUnit XML report that `deno test --junit-path=<file>` writes. The runtime writes
 * it, not the code under test, which makes it a trustworthy record of what passed.
 *
 * @module
 */

/** One test case from a JUnit report. */
export interface TestCaseResult {
  /** The test's name. */
  name: string;
  /** The file the test was registered from, as the runner reports it (e.g. `./tests/x_test.ts`). */
  file: string;
  /**
   * Whether it passed, failed, was skipped (ignored), or ended in an error: the runner writes
   * `<error message="Cancelled"/>` for every test it never finished because the run aborted.
   */
  status: "passed" | "failed" | "skipped" | "error";
  /** The failure's message and details, when it failed; the error's message for an error. */
  failure?: string;
}

const TESTCASE = /<testcase\b([^>]*?)(\/>|>([\s\S]*?)<\/testcase>)/g;
const ATTRIBUTE = /(\w+)="([^"]*)"/g;
const FAILURE = /<failure\b[^>]*?(?:\/>|>([\s\S]*?)<\/failure>)/;
const ERROR = /<error\b([^>]*?)(?:\/>|>([\s\S]*?)<\/error>)/;
const SKIPPED = /<skipped\b/;

/**
 * Parses Deno's JUnit XML into test cases, in report order.
 *
 * @example
 * ```ts
 * const cases = parseJunit(await Deno.readTextFile("out/report.xml"));
 * cases.filter((c) => c.status === "failed").map((c) => c.name);
 * ```
 */
export function parseJunit(xml: string): TestCaseResult[] {
  const cases: TestCaseResult[] = [];
  for (const match of xml.matchAll(TESTCASE)) {
    const attributes = Object.fromEntries(
      Array.from(match[1].matchAll(ATTRIBUTE), ([, key, value]) => [key, unescapeXml(value)]),
    );
    cases.push({
      name: attributes.name ?? "",
      file: attributes.classname ?? "",
      ...caseOutcome(match[3] ?? ""),
    });
  }
  return cases;
}

/** A test case's status (and message) from the body of its `<testcase>` element. */
function caseOutcome(body: string): Pick<TestCaseResult, "status" | "failure"> {
  const error = ERROR.exec(body);
  if (error) {
    const message = /\bmessage="([^"]*)"/.exec(error[1])?.[1] ?? error[2] ?? "";
    return { status: "error", failure: unescapeXml(message).trim() };
  }
  const failure = FAILURE.exec(body);
  if (failure) return { status: "failed", failure: unescapeXml(failure[1] ?? "").trim() };
  return { status: SKIPPED.test(body) ? "skipped" : "passed" };
}

/** Replaces the five XML entities (and numeric references) with their characters. */
export function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_, entity: string) => {
    if (entity.startsWith("#x")) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith("#")) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    return { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" }[entity]!;
  });
}
