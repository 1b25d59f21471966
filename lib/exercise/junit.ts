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
  /** Whether it passed, failed, or was skipped (ignored). */
  status: "passed" | "failed" | "skipped";
  /** The failure's message and details, when it failed. */
  failure?: string;
}

const TESTCASE = /<testcase\b([^>]*?)(\/>|>([\s\S]*?)<\/testcase>)/g;
const ATTRIBUTE = /(\w+)="([^"]*)"/g;
const FAILURE = /<failure\b[^>]*?(?:\/>|>([\s\S]*?)<\/failure>)/;
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
    const body = match[3] ?? "";
    const failure = FAILURE.exec(body);
    cases.push({
      name: attributes.name ?? "",
      file: attributes.classname ?? "",
      status: failure ? "failed" : SKIPPED.test(body) ? "skipped" : "passed",
      ...(failure ? { failure: unescapeXml(failure[1] ?? "").trim() } : {}),
    });
  }
  return cases;
}

/** Replaces the five XML entities (and numeric references) with their characters. */
export function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_, entity: string) => {
    if (entity.startsWith("#x")) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith("#")) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    return { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" }[entity]!;
  });
}
