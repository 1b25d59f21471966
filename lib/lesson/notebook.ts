/**
 * How a lesson talks: headings, explanations wrapped to the terminal, preformatted output such
 * as model summaries, and the charts it wrote. Everything said is also kept, in order, so a
 * report can show the same story next to the pictures. Each heading brings the code the lesson
 * marked for that section (see `code_regions.ts`): always recorded, printed on request.
 *
 * @module
 */

import type { NotebookEntry } from "../report/lesson_report.ts";
import type { CodeRegion } from "./code_regions.ts";

const WIDTH = 92;

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

  /**
   * Creates a notebook printing through `print` (default `console.log`). A heading records the
   * `code` regions titled with its text, and prints them too when `printCode` is true.
   */
  constructor(
    private readonly print: (text: string) => void = console.log,
    private readonly code: { regions: CodeRegion[]; printCode: boolean } = {
      regions: [],
      printCode: false,
    },
  ) {}

  /** A section title, followed by the code regions that belong to it. */
  heading(text: string): void {
    this.entries.push({ kind: "heading", text });
    this.print(`\n${text}\n${"-".repeat(Math.min(text.length, WIDTH))}`);
    for (const region of this.code.regions.filter((region) => region.title === text)) {
      this.entries.push({ kind: "code", ...region });
      if (this.code.printCode) this.print(`${formatCode(region)}\n`);
    }
  }

  /** A paragraph of explanation; indentation is removed and lines are re-wrapped. */
  explain(text: string): void {
    const paragraphs = dedent(text).split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
    for (const paragraph of paragraphs) {
      this.entries.push({ kind: "text", text: paragraph });
      this.print(wrap(paragraph, WIDTH));
    }
  }

  /** Preformatted output printed as it is (tables, summaries, metrics). */
  show(text: string): void {
    this.entries.push({ kind: "output", text });
    this.print(text);
  }

  /** Records a chart file the lesson wrote, and prints where it is. */
  chart(path: string, caption: string): void {
    this.entries.push({ kind: "chart", path, caption });
    this.print(`  chart: ${path}  (${caption})`);
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

/** Removes the common leading indentation of a template literal's lines. */
export function dedent(text: string): string {
  const lines = text.replace(/^\n/, "").split("\n");
  const indents = lines.filter((line) => line.trim()).map((line) => line.match(/^ */)![0].length);
  const common = indents.length ? Math.min(...indents) : 0;
  return lines.map((line) => line.slice(common)).join("\n");
}

/**
 * Re-wraps a paragraph to `width` columns. Lines starting with "- " or two spaces keep their
 * own line, so lists and formulas survive.
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
    for (const word of line.trim().split(/\s+/).filter(Boolean)) {
      if (current && current.length + 1 + word.length > width) {
        out.push(current);
        current = word;
      } else {
        current = current ? `${current} ${word}` : word;
      }
    }
  }
  if (current) out.push(current);
  return out.join("\n");
}
