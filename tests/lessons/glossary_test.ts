/**
 * The glossary covers the lessons' terms, and the Chinese uses its words. The test finds the
 * technical terms (a curated list, `glossary_terms.ts`) in the English prose of every lesson
 * text and hint, written as `{ en, zh }`; each must have its row in docs/glossary.md, and the
 * Chinese of the same text must use one of that row's Chinese forms (or keep the English name
 * as the code does, e.g. `kernel`). No Chinese text may use a variant the course avoids.
 */
import { assertEquals } from "@std/assert";
import { join } from "node:path";
import { COURSE_ROOT } from "../../lib/cli/course_root.ts";
import { LESSONS } from "../../lib/course/manifest.ts";
import { bilingualLiterals } from "../course/bilingual_literals.ts";
import { TERMS, VARIANTS } from "./glossary_terms.ts";

interface Text {
  where: string;
  en: string;
  zh: string;
}

/** Glossary rows: each English name (a row may list several) to the row's Chinese forms. */
async function glossaryRows(): Promise<Map<string, string[]>> {
  const markdown = await Deno.readTextFile(join(COURSE_ROOT, "docs", "glossary.md"));
  const rows = new Map<string, string[]>();
  for (const line of markdown.split("\n")) {
    const [, english, chinese] = line.split("|").map((cell) => cell.trim());
    if (!line.startsWith("| ") || english === "English" || english.startsWith("---")) continue;
    const forms = chinese.split(/[、（）,，]/).map((form) => form.trim()).filter(Boolean);
    rows.set(english, forms);
  }
  return rows;
}

/** Every lesson text and hint, in both languages. */
async function lessonTexts(): Promise<Text[]> {
  const texts: Text[] = [];
  for (const lesson of LESSONS) {
    const file = join("lessons", `${lesson.id}.ts`);
    const source = await Deno.readTextFile(join(COURSE_ROOT, file));
    for (const { line, en, zh } of bilingualLiterals(source)) {
      texts.push({ where: `${file}:${line}`, en: en.shown, zh: zh.shown });
    }
    if (lesson.exercises.length === 0) continue;
    const hintsFile = join("exercises", `${lesson.id}.hints.json`);
    const hints = JSON.parse(await Deno.readTextFile(join(COURSE_ROOT, hintsFile)));
    for (const [id, list] of Object.entries(hints as Record<string, Text[]>)) {
      list.forEach(({ en, zh }, i) => texts.push({ where: `${hintsFile} ${id}#${i + 1}`, en, zh }));
    }
  }
  return texts;
}

/** `text` without what is code: backquoted, quoted, flags, calls, indexing, formulas. */
function prose(text: string): string {
  let rest = text.replace(/`[^`]*`|"[^"]*"|--[\w-]+/g, " ");
  const formula = /[\w.[\]()|^{}]+\s*(?:[=*+/<>]=?|-(?=\s))\s*[\w.[\]()|^{}]+/g;
  for (let i = 0; i < 3; i++) rest = rest.replace(formula, " ");
  return rest.replace(/\b[\w.]*_[\w.]*\b|\b\w+\[[^\]]*\]|\b\w+\([^)]*\)|\b\w+(?:,\w+)+\b/g, " ");
}

Deno.test("every term of the lessons' English has its glossary row and Chinese form", async () => {
  const rows = await glossaryRows();
  const missingRows = TERMS.filter((term) => !rows.has(term.row)).map((term) => term.row);
  assertEquals(missingRows, [], "terms the glossary has no row for");
  const problems: string[] = [];
  const texts = await lessonTexts();
  for (const { where, en, zh } of texts) {
    let rest = prose(en);
    for (const term of TERMS) {
      const found = term.pattern.exec(rest)?.[0];
      if (found === undefined) continue;
      rest = rest.replace(new RegExp(term.pattern.source, "gi"), " ");
      if (zh.toLowerCase().includes(found.toLowerCase())) continue; // kept as the code's name
      const forms = rows.get(term.row)!;
      if (!forms.some((form) => zh.toLowerCase().includes(form.toLowerCase()))) {
        problems.push(`${where}: "${found}" is ${forms.join(" / ")} in Chinese; zh: ${zh.trim()}`);
      }
    }
  }
  assertEquals(problems, [], `${problems.length} of ${texts.length} texts`);
});

Deno.test("no lesson text or hint uses a Chinese variant of a glossary term", async () => {
  const forms = [...(await glossaryRows()).values()].flat();
  const problems: string[] = [];
  for (const { where, zh } of await lessonTexts()) {
    for (const [variant, preferred] of Object.entries(VARIANTS)) {
      if (zh.includes(variant)) {
        problems.push(`${where}: ${variant} (the glossary says ${preferred})`);
      }
    }
  }
  assertEquals(problems, []);
  const unknown = Object.values(VARIANTS).filter((preferred) => !forms.includes(preferred));
  assertEquals(unknown, [], "variants whose preferred form is not the glossary's");
});
