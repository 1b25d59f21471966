/**
 * How a lesson talks: headings, explanations wrapped to the terminal, preformatted output such
 * as model summaries, and the charts it wrote. Everything said is also kept, in order, so a
 * report can show the same story next to the pictures. Each heading brings the code the lesson
 * marked for that section (see `code_regions.ts`): always recorded, printed on request.
 *
 * @module
 */

import { inLanguage, type Language, type Text } from "../cli/language.ts";
import type { NotebookEntry } from "../report/lesson_report.ts";
import type { CodeRegion } from "./code_regions.ts";

/** The widest prose gets, however wide the terminal. */
const WIDTH = 92;

/**
 * The width prose is wrapped to: {@linkcode WIDTH} (92) when output is not a terminal
 * (`columns` undefined), otherwise the terminal's width if it is narrower.
 *
 * @example
 * ```ts
 * proseWidth(undefined); // 92
 * proseWidth(80); // 80
 * proseWidth(200); // 92
 * ```
 */
export function proseWidth(columns: number | undefined): number {
  return columns === undefined ? WIDTH : Math.max(20, Math.min(columns, WIDTH));
}

/**
 * Prints a lesson's narrative and records it.
 *
 * @example
 * ```ts
 * const notebook = new Notebook();
 * notebook.heading("1. The data");
 * notebook.explain(`MNIST has 70,000 images of handwritten digits.`);
 * ```
 */
export class Notebook {
  /** Everything said so far, in order. */
  readonly entries: NotebookEntry[] = [];

  /** The width prose is wrapped to (see {@linkcode proseWidth}). */
  readonly width: number;

  /**
   * Creates a notebook printing through `print` (default `console.log`). A heading records the
   * `code` regions titled with its text, and prints them too when `printCode` is true. `columns`
   * is the width of the terminal printed to, undefined when output is not a terminal: prose and
   * chart lines then fit it. Texts given in both languages are said in `language`.
   */
  constructor(
    private readonly print: (text: string) => void = console.log,
    private readonly code: { regions: CodeRegion[]; printCode: boolean } = {
      regions: [],
      printCode: false,
    },
    private readonly columns?: number,
    readonly language: Language = "en",
  ) {
    this.width = proseWidth(columns);
  }

  /**
   * A section title, followed by the code regions that belong to it (a region is titled with
   * the heading's English text).
   */
  heading(title: Text): void {
    const text = this.say(title);
    this.entries.push({ kind: "heading", text });
    this.print(`\n${text}\n${"-".repeat(Math.min(displayWidth(text), this.width))}`);
    const english = inLanguage(title, "en");
    for (const region of this.code.regions.filter((region) => region.title === english)) {
      this.entries.push({ kind: "code", ...region });
      if (this.code.printCode) this.print(`${formatCode(region)}\n`);
    }
  }

  /** A paragraph of explanation; indentation is removed and lines are re-wrapped. */
  explain(prose: Text): void {
    const paragraphs = dedentTemplate(this.say(prose)).split(/\n\s*\n/).map((p) => p.trim()).filter(
      Boolean,
    );
    for (const paragraph of paragraphs) {
      // A source line break inside Chinese text is no space in the report either.
      const text = paragraph.replace(
        /\n(?!\s\s|- )[^\S\n]*/g, // a line of its own, indented or listed, stays one
        (gap, offset) =>
          WIDE.test(paragraph[offset - 1] ?? "") || WIDE.test(paragraph[offset + gap.length] ?? "")
            ? ""
            : gap,
      );
      this.entries.push({ kind: "text", text });
      this.print(wrap(paragraph, this.width));
    }
  }

  /**
   * Preformatted output printed as it is (tables, summaries, metrics). With `wrap`, a line of
   * prose-like output that is wider than a terminal is re-wrapped to fit it; output that does not
   * go to a terminal, and what is recorded, stay as they are.
   */
  show(output: Text, options: { wrap?: boolean } = {}): void {
    const text = this.say(output);
    this.entries.push({ kind: "output", text });
    this.print(options.wrap && this.columns !== undefined ? wrap(text, this.width) : text);
  }

  /**
   * Output pointing at a file, `  label: path  (caption)`, recorded as one line and printed
   * like a chart's line (see {@linkcode pointerLine}).
   */
  pointTo(label: Text, path: string, caption: Text): void {
    const [name, what] = [this.say(label), this.say(caption)];
    this.entries.push({ kind: "output", text: pointerLine(name, path, what, undefined) });
    this.print(pointerLine(name, path, what, this.columns));
  }

  /**
   * Records a chart file the lesson wrote, and prints where it is: on one line, or with the
   * caption on a line of its own when that line would be wider than the terminal.
   */
  chart(path: string, caption: Text): void {
    const what = this.say(caption);
    this.entries.push({ kind: "chart", path, caption: what });
    this.print(pointerLine(this.say({ en: "chart", zh: "图表" }), path, what, this.columns));
  }

  /** `text` in the notebook's language. */
  say(text: Text): string {
    return inLanguage(text, this.language);
  }
}

/**
 * A code region as the terminal shows it: where it comes from, then its lines indented.
 *
 * @example
 * ```ts
 * formatCode({ title: "1. Data", text: "const x = 1;", file: "lessons/x.ts", line: 3 });
 * // "  code: lessons/x.ts:3\n    const x = 1;"
 * ```
 */
export function formatCode(region: CodeRegion): string {
  const lines = region.text.split("\n").map((line) => line ? `    ${line}` : "");
  return [`  code: ${region.file}:${region.line}`, ...lines].join("\n");
}

/**
 * `  label: path  (caption)`, the line pointing at a file the lesson wrote. Given a terminal's
 * `columns`, a line that would not fit puts the caption on a line of its own below the path.
 *
 * @example
 * ```ts
 * pointerLine("chart", "out/a.svg", "a chart", undefined); // "  chart: out/a.svg  (a chart)"
 * pointerLine("chart", "out/a.svg", "a chart", 20); // "  chart: out/a.svg\n    (a chart)"
 * ```
 */
export function pointerLine(
  label: string,
  path: string,
  caption: string,
  columns: number | undefined,
): string {
  const line = `  ${label}: ${path}  (${caption})`;
  if (columns === undefined || line.length <= columns) return line;
  return `  ${label}: ${path}\n${
    wrap(`(${caption})`, Math.max(20, columns - 4)).replace(/^/gm, "    ")
  }`;
}

/** Removes the common leading indentation of lines (a code region's, for example). */
export function dedent(text: string): string {
  return withoutCommonIndent(text.replace(/^\n/, "").split("\n")).join("\n");
}

/**
 * Removes the source indentation of a template literal's lines, as {@linkcode dedent} does,
 * except that a first line starting right after the opening backtick with no indentation of its
 * own (`` `Text...\n    more` ``) does not count: the lines after it lose their common
 * indentation anyway, instead of keeping it and reading as preformatted lines.
 *
 * @example
 * ```ts
 * dedentTemplate("\n    one\n      two"); // "one\n  two"
 * dedentTemplate("one\n    two"); // "one\ntwo"
 * ```
 */
export function dedentTemplate(text: string): string {
  if (text.startsWith("\n") || /^\s/.test(text) || !text.includes("\n")) return dedent(text);
  const [first, ...rest] = text.split("\n");
  return [first, ...withoutCommonIndent(rest)].join("\n");
}

/** `lines` without the indentation their non-blank lines share. */
function withoutCommonIndent(lines: string[]): string[] {
  const indents = lines.filter((line) => line.trim()).map((line) => line.match(/^ */)![0].length);
  const common = indents.length ? Math.min(...indents) : 0;
  return lines.map((line) => line.slice(common));
}

/** A character a terminal draws two columns wide: CJK ideographs, kana, fullwidth forms. */
const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

/**
 * How many terminal columns `text` takes: two for each wide (CJK) character, one otherwise.
 *
 * @example
 * ```ts
 * displayWidth("abc"); // 3
 * displayWidth("过拟合"); // 6
 * ```
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (const character of text) width += WIDE.test(character) ? 2 : 1;
  return width;
}

/**
 * Re-wraps a paragraph to `width` columns. Lines starting with "- " or two spaces keep their
 * own line, so lists and formulas survive. Words break at spaces; Chinese text, which has none,
 * may break between any two of its characters, and counts two columns per character.
 */
export function wrap(paragraph: string, width: number): string {
  const out: string[] = [];
  let current = "";
  for (const line of paragraph.split("\n")) {
    if (/^(- |\s\s)/.test(line)) {
      if (current) out.push(current);
      current = "";
      out.push(line);
      continue;
    }
    line.trim().split(/\s+/).filter(Boolean).forEach((word, index) => {
      breakable(word).forEach((piece, part) => {
        // Words on one source line keep their space; a source line break inside Chinese text
        // joins without one; the pieces of a Chinese word join directly.
        const wideJoin = WIDE.test(piece[0]) || WIDE.test(current.at(-1) ?? "");
        const joiner = !current || part > 0 || (index === 0 && wideJoin) ? "" : " ";
        if (current && displayWidth(current) + joiner.length + displayWidth(piece) > width) {
          out.push(current);
          current = piece;
        } else {
          current += joiner + piece;
        }
      });
    });
  }
  if (current) out.push(current);
  return out.join("\n");
}

/**
 * A word holding wide characters cut where a line may break: after each wide character, but
 * never before closing punctuation (，。、；：？！）」) nor after an opening bracket (（「『).
 */
function breakable(word: string): string[] {
  if (!WIDE.test(word)) return [word];
  const pieces: string[] = [];
  for (const character of word) {
    const last = pieces.at(-1);
    if (
      last !== undefined && (!WIDE.test(character) && !WIDE.test(last.at(-1)!) ||
        /^[，。、；：？！）」』]$/.test(character) || /[（「『]$/.test(last))
    ) {
      pieces[pieces.length - 1] = last + character;
    } else {
      pieces.push(character);
    }
  }
  return pieces;
}
