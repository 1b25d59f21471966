/**
 * The platform exports match the formats Canvas and Moodle document for grade import (see
 * docs/grading.md for the sources): the sample files in `fixtures/exports/` were written by
 * hand to those formats, and the exports of a sample class must equal them byte for byte and
 * keep each format's rules.
 */
import { assertEquals, assertMatch } from "@std/assert";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { EXPORT_FILES, EXPORT_FORMATS, exportCsv } from "../../lib/grade/exports.ts";
import type { Lesson } from "../../lib/grade/lessons.ts";
import type { GradedTest, LessonListing } from "../../lib/grade/listing.ts";
import type { LessonResult, StudentResult } from "../../lib/grade/score.ts";
import type { GradeStatus } from "../../lib/grade/status.ts";

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "fixtures", "exports");

function lesson(number: number, id: string): Lesson {
  return {
    number,
    id,
    testFile: `tests/${id}_test.ts`,
    exerciseFile: `${id}.ts`,
    hiddenFiles: [],
  };
}

function listing(of: Lesson, points: number[]): LessonListing {
  const tests = points.map((value, index): GradedTest => ({
    file: `./${of.testFile}`,
    name: `${of.number}.${index + 1} x › check [${value} pt]`,
    exercise: `${of.number}.${index + 1} x`,
    check: "check",
    points: value,
    hidden: false,
  }));
  return { lesson: of, tests, unscored: [] };
}

const LISTINGS = [
  listing(lesson(1, "01_softmax"), [2, 2.5]),
  listing(lesson(2, "02_hidden_layers"), [3]),
];

function student(id: string, scores: number[], status: GradeStatus = "ok"): StudentResult {
  const lessons = LISTINGS.map((l, index): LessonResult => ({
    lesson: l.lesson,
    status: index === 1 ? status : "ok",
    score: scores[index],
    maxScore: l.tests.reduce((sum, test) => sum + test.points, 0),
    outcomes: [],
  }));
  const score = scores.reduce((a, b) => a + b, 0);
  return { id, status, score, maxScore: 7.5, lessons };
}

const CLASS = [
  student("alice", [4.5, 3]),
  student("bob", [2, 0], "timeout"),
  student("o'neil, ann", [0.33, 0], "missing"),
  student("=cmd", [0, 0], "missing"),
];

/** A CSV's rows and fields, quotes undone (RFC 4180). */
function rows(csv: string): string[][] {
  const parsed: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const char = csv[i];
    if (quoted && char === '"' && csv[i + 1] === '"') {
      field += '"';
      i++;
    } else if (char === '"') {
      quoted = !quoted;
    } else if (!quoted && (char === "," || char === "\n")) {
      row.push(field);
      field = "";
      if (char === "\n") {
        parsed.push(row);
        row = [];
      }
    } else {
      field += char;
    }
  }
  return parsed;
}

for (const format of EXPORT_FORMATS) {
  const file = EXPORT_FILES[format];
  Deno.test(`the ${format} export of the sample class equals fixtures/exports/${file}`, async () => {
    assertEquals(exportCsv(format, CLASS, LISTINGS), await Deno.readTextFile(join(FIXTURES, file)));
  });
}

Deno.test("Canvas: identity columns, then one column per lesson, a Points Possible row first", () => {
  const [header, possible, ...students] = rows(exportCsv("canvas", CLASS, LISTINGS));
  assertEquals(header.slice(0, 5), ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]);
  assertEquals(header.slice(5), ["digits 01_softmax", "digits 02_hidden_layers"]);
  assertEquals(possible, ["Points Possible", "", "", "", "", "4.5", "3"]);
  const ids = ["alice", "bob", "o'neil, ann", "'=cmd"];
  assertEquals(students.map((row) => row[0]), ids, "Student");
  assertEquals(students.map((row) => row[3]), ids, "SIS Login ID");
  for (const row of students) {
    assertEquals(row.length, header.length);
    for (const points of row.slice(5)) assertMatch(points, /^\d+(\.\d+)?$/);
  }
});

Deno.test("Moodle: an identifier column to map on import, then numeric grade columns", () => {
  const [header, ...students] = rows(exportCsv("moodle", CLASS, LISTINGS));
  assertEquals(header, ["Username", "digits 01_softmax", "digits 02_hidden_layers"]);
  assertEquals(students.length, CLASS.length);
  for (const row of students) {
    assertEquals(row.length, header.length);
    for (const points of row.slice(1)) assertMatch(points, /^\d+(\.\d+)?$/);
  }
});
