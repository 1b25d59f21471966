/**
 * A small TypeScript/JavaScript scanner for the similarity report: it reads source as text
 * (nothing is ever run) and yields its tokens with their line, leaving out comments and
 * whitespace. Each token carries a normalised form in which every identifier, string, number,
 * template literal and regular expression literal is reduced to its kind, so renaming
 * variables or changing a message does not hide a copy; keywords and punctuation stay as
 * written, since they carry the code's structure.
 *
 * @module
 */

/** One token of the source. */
export interface Token {
  /** The normalised form: a keyword or punctuator as written, else `id`, `str`, `num`, `re`. */
  norm: string;
  /** The 1-based line the token starts on. */
  line: number;
}

/** Words kept as written: the language's structure (TypeScript's keywords included). */
const KEYWORDS = new Set(
  ("abstract as async await break case catch class const continue debugger default delete do " +
    "else enum export extends false finally for from function get if implements import in " +
    "instanceof interface let new null of private protected public readonly return set " +
    "static super switch this throw true try type typeof undefined var void while yield")
    .split(" "),
);

/** Keywords after which a `/` starts a regular expression rather than a division. */
const BEFORE_EXPRESSION = new Set([
  "return",
  "typeof",
  "instanceof",
  "in",
  "of",
  "new",
  "delete",
  "void",
  "throw",
  "case",
  "do",
  "else",
  "yield",
  "await",
]);

/** Punctuators, longest first so `>>>=` wins over `>`. */
const PUNCTUATORS = [
  ">>>=",
  "...",
  "===",
  "!==",
  "**=",
  "<<=",
  ">>=",
  ">>>",
  "&&=",
  "||=",
  "??=",
  "=>",
  "==",
  "!=",
  "<=",
  ">=",
  "&&",
  "||",
  "??",
  "?.",
  "++",
  "--",
  "+=",
  "-=",
  "*=",
  "/=",
  "%=",
  "&=",
  "|=",
  "^=",
  "**",
  "<<",
  ">>",
];

const IDENTIFIER_START = /[\p{L}$_\\]/u;
const IDENTIFIER_PART = /[\p{L}\p{N}$_\u200c\u200d\\]/u;
const NUMBER =
  /^(?:0[xX][\da-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d+)?)n?/;

/**
 * The tokens of `source`, comments and whitespace left out. Unterminated strings, comments or
 * templates end at the end of the source instead of throwing: student code may not parse.
 *
 * @example
 * ```ts
 * tokenize("const total = a + 1; // sum").map((t) => t.norm);
 * // ["const", "id", "=", "id", "+", "num", ";"]
 * ```
 */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  /** Open `${` of template literals: the brace depth at which each resumes its template. */
  const templates: number[] = [];
  let braces = 0;
  let line = 1;
  let i = 0;
  const push = (norm: string, at: number) => tokens.push({ norm, line: at });
  const advance = (to: number) => {
    for (let j = i; j < to; j++) if (source[j] === "\n") line++;
    i = to;
  };
  /** Scans a template's text from `i` (just after "`" or "}") to its end or its next `${`. */
  const templateText = () => {
    let j = i;
    while (j < source.length && source[j] !== "`") {
      if (source[j] === "\\") j += 2;
      else if (source[j] === "$" && source[j + 1] === "{") break;
      else j++;
    }
    if (source[j] === "$") {
      templates.push(braces);
      advance(j + 2);
    } else {
      advance(Math.min(j + 1, source.length));
    }
  };
  while (i < source.length) {
    const char = source[i];
    if (/\s/.test(char)) {
      advance(i + 1);
    } else if (source.startsWith("//", i)) {
      const end = source.indexOf("\n", i);
      advance(end < 0 ? source.length : end);
    } else if (source.startsWith("/*", i)) {
      const end = source.indexOf("*/", i + 2);
      advance(end < 0 ? source.length : end + 2);
    } else if (char === '"' || char === "'") {
      const at = line;
      let j = i + 1;
      while (j < source.length && source[j] !== char && source[j] !== "\n") {
        j += source[j] === "\\" ? 2 : 1;
      }
      advance(Math.min(j + 1, source.length));
      push("str", at);
    } else if (char === "`") {
      const at = line;
      advance(i + 1);
      templateText();
      push("tpl", at);
    } else if (char === "}" && templates.at(-1) === braces) {
      templates.pop();
      advance(i + 1);
      templateText();
    } else if (/\d/.test(char) || (char === "." && /\d/.test(source[i + 1] ?? ""))) {
      const match = NUMBER.exec(source.slice(i, i + 64));
      push("num", line);
      advance(i + (match?.[0].length || 1));
    } else if (IDENTIFIER_START.test(char)) {
      let j = i + 1;
      while (j < source.length && IDENTIFIER_PART.test(source[j])) j++;
      const word = source.slice(i, j);
      const afterDot = tokens.at(-1)?.norm === "." || tokens.at(-1)?.norm === "?.";
      push(KEYWORDS.has(word) && !afterDot ? word : "id", line);
      advance(j);
    } else if (char === "/" && regexAllowed(tokens.at(-1)?.norm)) {
      const at = line;
      advance(regexEnd(source, i));
      push("re", at);
    } else {
      const punctuator = PUNCTUATORS.find((p) => source.startsWith(p, i)) ?? char;
      if (punctuator === "{") braces++;
      if (punctuator === "}") braces--;
      push(punctuator, line);
      advance(i + punctuator.length);
    }
  }
  return tokens;
}

/** Whether a `/` after a token of this normalised form starts a regular expression. */
function regexAllowed(previous: string | undefined): boolean {
  if (previous === undefined) return true;
  if (previous === "id" || previous === "num" || previous === "str" || previous === "tpl") {
    return false;
  }
  if (previous === "re" || previous === ")" || previous === "]" || previous === "}") return false;
  if (previous === "++" || previous === "--") return false;
  if (/^\w+$/.test(previous)) return BEFORE_EXPRESSION.has(previous);
  return true;
}

/** The index just past the regular expression literal starting with the `/` at `start`. */
function regexEnd(source: string, start: number): number {
  let j = start + 1;
  let inClass = false;
  while (j < source.length && source[j] !== "\n") {
    const char = source[j];
    if (char === "\\") j++;
    else if (char === "[") inClass = true;
    else if (char === "]") inClass = false;
    else if (char === "/" && !inClass) break;
    j++;
  }
  j++;
  while (j < source.length && /[a-z]/.test(source[j])) j++;
  return Math.min(j, source.length);
}
