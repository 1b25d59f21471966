/**
 * Finding the course's bilingual texts in its source: every `{ en: ..., zh: ... }` whose two
 * values are written as literals (strings, templates, or `+` chains of them), with the
 * placeholders (`${...}`) each one fills in. The bilingual-texts test reads them.
 *
 * @module
 */

/** One language's side of a bilingual literal. */
export interface Side {
  /** The literal text without its placeholders. */
  text: string;
  /** The literal text with `{}` where each placeholder goes. */
  shown: string;
  /**
   * The values its placeholders show: each dotted name read in a `${...}` (not a function or
   * method called, not text in quotes), without a final `.en`/`.zh` and without a `zh` prefix
   * or `Zh` suffix (`zhPoints` is `points`, shown in Chinese), e.g. `train.count` for
   * `${formatCount(train.count, "digit")}`; none for a choice between words
   * (`${n === 1 ? "" : "s"}`).
   */
  placeholders: string[];
}

/** A `{ en, zh }` found in a source file. */
export interface BilingualLiteral {
  /** The 1-based line of its `en:`. */
  line: number;
  en: Side;
  zh: Side;
}

/**
 * Every `{ en: literal, zh: literal }` of `source` (the `zh:` right after the `en:` value).
 *
 * @example
 * ```ts
 * bilingualLiterals('say({ en: `Lesson ${n}`, zh: `第 ${n} 课` })')[0].zh.placeholders; // ["n"]
 * ```
 */
export function bilingualLiterals(source: string): BilingualLiteral[] {
  const found: BilingualLiteral[] = [];
  for (const match of source.matchAll(/\ben:\s*/g)) {
    const en = readLiteral(source, match.index + match[0].length);
    if (!en) continue;
    const zhKey = /^\s*,\s*zh:\s*/.exec(source.slice(en.end));
    if (!zhKey) continue;
    const zh = readLiteral(source, en.end + zhKey[0].length);
    if (!zh) continue;
    const line = source.slice(0, match.index).split("\n").length;
    found.push({ line, en: en.side, zh: zh.side });
  }
  return found;
}

/** A `+` chain of string and template literals starting at `start`, if there is one. */
function readLiteral(source: string, start: number): { side: Side; end: number } | undefined {
  const side: Side = { text: "", shown: "", placeholders: [] };
  let at = start;
  let parts = 0;
  while (true) {
    const quote = source[at];
    if (quote === '"' || quote === "'") at = readString(source, at, side);
    else if (quote === "`") at = readTemplate(source, at, side);
    else return undefined;
    if (at < 0) return undefined;
    parts++;
    const plus = /^\s*\+\s*/.exec(source.slice(at));
    if (!plus) break;
    at += plus[0].length;
  }
  // Only a whole value: a literal followed by something else (`"x".repeat(3)`) is not one.
  if (!/^\s*[,}\n)]/.test(source.slice(at))) return undefined;
  return { side, end: at };
}

const ESCAPES: Record<string, string> = { n: "\n", t: "\t" };

function readString(source: string, start: number, side: Side): number {
  const quote = source[start];
  for (let i = start + 1; i < source.length; i++) {
    if (source[i] === "\\") {
      const escaped = ESCAPES[source[i + 1]] ?? source[i + 1];
      side.text += escaped;
      side.shown += escaped;
      i++;
    } else if (source[i] === quote) return i + 1;
    else if (source[i] === "\n") return -1;
    else {
      side.text += source[i];
      side.shown += source[i];
    }
  }
  return -1;
}

function readTemplate(source: string, start: number, side: Side): number {
  for (let i = start + 1; i < source.length; i++) {
    if (source[i] === "\\") {
      const escaped = ESCAPES[source[i + 1]] ?? source[i + 1];
      side.text += escaped;
      side.shown += escaped;
      i++;
    } else if (source[i] === "`") return i + 1;
    else if (source[i] === "$" && source[i + 1] === "{") {
      const end = expressionEnd(source, i + 2);
      if (end < 0) return -1;
      side.placeholders.push(...valuesRead(source.slice(i + 2, end)));
      side.shown += "{}";
      i = end;
    } else {
      side.text += source[i];
      side.shown += source[i];
    }
  }
  return -1;
}

/** The index of the `}` closing a placeholder whose expression starts at `start`. */
function expressionEnd(source: string, start: number): number {
  let depth = 0;
  for (let i = start; i < source.length; i++) {
    const c = source[i];
    if (c === "{") depth++;
    else if (c === "}") {
      if (depth === 0) return i;
      depth--;
    } else if (c === "`") {
      const nested: Side = { text: "", shown: "", placeholders: [] };
      i = readTemplate(source, i, nested) - 1;
      if (i < 0) return -1;
    } else if (c === '"' || c === "'") {
      i = readString(source, i, { text: "", shown: "", placeholders: [] }) - 1;
      if (i < 0) return -1;
    }
  }
  return -1;
}

function valuesRead(expression: string): string[] {
  const code = expression.replace(/\.(en|zh)\b/g, ".LANG")
    .replace(/\[\s*(["'])(en|zh)\1\s*\]/g, ".LANG")
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`(?:[^`\\]|\\.)*`/g, '""')
    .replace(/""(\s*\+\s*"")+/g, '""');
  // A choice between two words (`n === 1 ? "" : "s"`) is grammar, not a value shown.
  if (/^[^?]*\?\s*""\s*:\s*""$/.test(code.trim())) return [];
  const values: string[] = [];
  for (
    const match of code.matchAll(/(?<![\w$.])[A-Za-z_$][\w$]*(?:\s*\??\.\s*[A-Za-z_$][\w$]*)*/g)
  ) {
    const parts = match[0].replace(/\s|\?/g, "").split(".");
    if (/^\s*\(/.test(code.slice(match.index + match[0].length))) parts.pop();
    if (parts.length === 0 || /^(true|false|null|undefined|Math|Number|String)$/.test(parts[0])) {
      continue;
    }
    if (parts.at(-1) === "LANG") parts.pop();
    values.push(
      parts.map((part) =>
        part.replace(/^zh([A-Z])/, (_, c: string) => c.toLowerCase()).replace(/Zh$/, "")
      ).join("."),
    );
  }
  return values;
}
