/**
 * How a lesson talks: headings, explanations wrapped to the terminal, preformatted output such
 * as model summaries, and the charts it wrote. Everything said is also kept, in order, so a
 * report can show the same story next to the pictures.
 *
 * @module
 */

import type { NotebookEntry } from "../report/lesson_report.ts";

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

  /** Creates a notebook printing through `print` (default `console.log`). */
  constructor(private readonly print: (text: string) => void = console.log) {}

  /** A section title. */
  heading(text: string): void {
    this.entries.push({ kind: "heading", text });
    this.print(`\n${text}\n${"-".repeat(Math.min(text.length, WIDTH))}`);
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
