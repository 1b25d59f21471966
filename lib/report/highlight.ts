/**
 * A small TypeScript highlighter for the code shown in reports: comments, strings (template
 * literals whole), numbers and keywords become `<span>`s styled by the page's CSS. It runs
 * offline with no dependencies; every piece of the source is HTML-escaped.
 *
 * @module
 */
import { escapeHtml } from "./html.ts";

const KEYWORDS = new Set([
  "as",
  "async",
  "await",
  "break",
  "case",
  "catch",
  "class",
  "const",
  "continue",
  "default",
  "do",
  "else",
  "export",
  "false",
  "for",
  "from",
  "function",
  "if",
  "import",
  "in",
  "instanceof",
  "let",
  "new",
  "null",
  "of",
  "return",
  "switch",
  "this",
  "throw",
  "true",
  "try",
  "type",
  "typeof",
  "undefined",
  "while",
]);

/** One token class per alternative, in this order; anything else is copied as it is. */
const TOKEN = new RegExp(
  [
    String.raw`(\/\/[^\n]*|\/\*[\s\S]*?\*\/)`, // comment
    // strings: double-quoted, single-quoted, template literals (whole)
    String.raw`("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|` + "`(?:[^`\\\\]|\\\\[\\s\\S])*`)",
    String.raw`(\b\d[\d_]*(?:\.\d+)?(?:e[+-]?\d+)?\b)`, // number
    String.raw`([A-Za-z_$][\w$]*)`, // word (keyword or name)
  ].join("|"),
  "g",
);

/**
 * `source` as HTML with `<span class="com|str|num|kw">` around comments, strings, numbers and
 * keywords; the rest is escaped text.
 *
 * @example
 * ```ts
 * highlightTypeScript(`const a = "<b>"; // 1`);
 * // '<span class="kw">const</span> a = <span class="str">&quot;&lt;b&gt;&quot;</span>; ...'
 * ```
 */
export function highlightTypeScript(source: string): string {
  let html = "";
  let last = 0;
  for (const match of source.matchAll(TOKEN)) {
    html += escapeHtml(source.slice(last, match.index));
    const [token, comment, string, number] = match;
    const kind = comment
      ? "com"
      : string
      ? "str"
      : number
      ? "num"
      : KEYWORDS.has(token)
      ? "kw"
      : "";
    html += kind ? `<span class="${kind}">${escapeHtml(token)}</span>` : escapeHtml(token);
    last = match.index + token.length;
  }
  return html + escapeHtml(source.slice(last));
}
