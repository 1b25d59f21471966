/**
 * Every `{ en, zh }` the course writes as literals (messages, lesson prose, labels) has both
 * languages: Chinese in its `zh` wherever its `en` has English words (or only names the
 * glossary keeps in English, such as Dropout), no Chinese in its `en`,
 * and the same values filled in on both sides (see `bilingual_literals.ts` for what counts as
 * the same value).
 */
import { assertEquals } from "@std/assert";
import { join, relative } from "node:path";
import { COURSE_ROOT } from "../../lib/cli/course_root.ts";
import { bilingualLiterals, type Side } from "./bilingual_literals.ts";

const FOLDERS = ["lib", "lessons", "bench", "tools", "exercises", "solutions", "tests"];
const SKIPPED = [join("tests", "grade", "fixtures")];

async function* sourceFiles(folder: string): AsyncGenerator<string> {
  for await (const entry of Deno.readDir(folder)) {
    const path = join(folder, entry.name);
    if (SKIPPED.some((skipped) => relative(COURSE_ROOT, path) === skipped)) continue;
    if (entry.isDirectory) yield* sourceFiles(path);
    else if (entry.name.endsWith(".ts")) yield path;
  }
}

/** The English names the glossary keeps in Chinese (ReLU, Dropout, Adam...). */
async function namesKept(): Promise<Set<string>> {
  const glossary = await Deno.readTextFile(join(COURSE_ROOT, "docs", "glossary.md"));
  const chinese = glossary.split("\n").filter((line) => line.startsWith("| "))
    .map((line) => line.split("|")[2] ?? "");
  return new Set(chinese.flatMap((cell) => cell.match(/[A-Za-z][\w-]*/g) ?? []));
}

/** The words of prose in `text`: not flags (`--subset`), not code in backquotes. */
function words(text: string): string[] {
  return text.replace(/`[^`]*`|--?[\w-]+/g, "").match(/\b[A-Za-z]{2,}\b/g) ?? [];
}

/** Values one side shows that the other does not (a value or a part of it, such as `best`
 * for `best.name`, counts as shown). */
function unmatched(side: Side, other: Side): string[] {
  return side.placeholders.filter((value) =>
    !other.placeholders.some((candidate) =>
      candidate === value || value.startsWith(`${candidate}.`) ||
      candidate.startsWith(`${value}.`)
    )
  );
}

Deno.test("every bilingual text has both languages and fills in the same values", async () => {
  const kept = await namesKept();
  const problems: string[] = [];
  let count = 0;
  for (const folder of FOLDERS) {
    for await (const path of sourceFiles(join(COURSE_ROOT, folder))) {
      const source = await Deno.readTextFile(path);
      for (const { line, en, zh } of bilingualLiterals(source)) {
        count++;
        const where = `${relative(COURSE_ROOT, path)}:${line}`;
        if (/\p{Script=Han}/u.test(en.text)) problems.push(`${where}: Chinese in its en`);
        const chinese = /\p{Script=Han}/u.test(zh.text) ||
          words(zh.text).every((word) => kept.has(word));
        if (words(en.text).length > 0 && !chinese) {
          problems.push(`${where}: its zh has no Chinese`);
        }
        const onlyEn = unmatched(en, zh);
        const onlyZh = unmatched(zh, en);
        if (onlyEn.length > 0 || onlyZh.length > 0) {
          problems.push(
            `${where}: values only in en: [${onlyEn.join(", ")}], only in zh: [${
              onlyZh.join(", ")
            }]`,
          );
        }
      }
    }
  }
  assertEquals(problems, [], `${problems.length} of ${count} bilingual texts`);
});

Deno.test("the scanner finds literals, their values, and grammar-only choices", () => {
  const [found] = bilingualLiterals(
    'say({ en: `${n} epoch${n === 1 ? "" : "s"} on ${formatCount(train.count, "digit")}`, ' +
      "zh: `${n} 轮，` +\n `${train.count.toLocaleString()} 个数字（${name.zh}）` })",
  );
  assertEquals(found.en.placeholders, ["n", "train.count"]);
  assertEquals(found.zh.placeholders, ["n", "train.count", "name"]);
  assertEquals(found.zh.text, " 轮， 个数字（）");
  assertEquals(bilingualLiterals("({ en: english, zh: `中文` })"), []);
});

/** Folders whose error messages are written in both languages (the others: see issue 18). */
const BILINGUAL_ERRORS = [
  "lessons",
  "bench",
  "tools",
  ...[
    "cli",
    "course",
    "data",
    "exercise",
    "grade",
    "learn",
    "lesson",
    "model",
    "predict",
    "report",
    "serve",
    "train",
  ].map((folder) => join("lib", folder)),
];

Deno.test("every usage and data error of the course's lessons and tools speaks both languages", async () => {
  const englishOnly: string[] = [];
  for (const folder of BILINGUAL_ERRORS) {
    for await (const path of sourceFiles(join(COURSE_ROOT, folder))) {
      if (path.includes(join("train", "parallel"))) continue; // another owner's, see issue 18
      const source = await Deno.readTextFile(path);
      const calls = /new (?:UsageError\(\s*|DataError\(\s*[^,()]+(?:\([^)]*\))?,\s*)[`"']/g;
      for (const match of source.matchAll(calls)) {
        const line = source.slice(0, match.index).split("\n").length;
        const where = `${relative(COURSE_ROOT, path)}:${line}`;
        if (!/^\s*\*/.test(source.split("\n")[line - 1])) englishOnly.push(where);
      }
    }
  }
  assertEquals(englishOnly, [], "errors written in English only");
});
