import { assertEquals, assertThrows } from "@std/assert";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { COURSE_ROOT } from "../../../lib/cli/course_root.ts";
import { LESSONS } from "../../../lib/course/manifest.ts";
import {
  CodeRegionError,
  parseCodeRegions,
  readCodeRegions,
  sectionHeadings,
} from "../../../lib/lesson/code_regions.ts";

const HEADINGS = `notebook.heading("1. Data");\nnotebook.heading("2. Model");\n`;

Deno.test("regions are read with their title, dedented text and first line", () => {
  const source = HEADINGS + [
    "function f() {",
    "  // #region 1. Data",
    "",
    "  const x = load();",
    "    x.check();",
    "  // #endregion",
    "}",
    "// #region 2. Model",
    "const model = build();",
    "// #endregion",
  ].join("\n");
  assertEquals(parseCodeRegions(source, "lessons/x.ts"), [
    { title: "1. Data", text: "const x = load();\n  x.check();", file: "lessons/x.ts", line: 6 },
    { title: "2. Model", text: "const model = build();", file: "lessons/x.ts", line: 11 },
  ]);
});

Deno.test("malformed regions are errors naming file:line", () => {
  const cases: [string, string][] = [
    ["// #region 1. Data\nconst x = 1;", 'lessons/x.ts:3: region "1. Data" is never closed'],
    [
      "// #region 1. Data\n// #region 2. Model\n// #endregion",
      'lessons/x.ts:4: region "2. Model" starts inside region "1. Data"',
    ],
    ["const x = 1;\n// #endregion", "lessons/x.ts:4: #endregion without a #region"],
    ["// #region 3. Nowhere\nx;\n// #endregion", 'lessons/x.ts:3: region "3. Nowhere" names no'],
    ["// #region\nx;\n// #endregion", 'lessons/x.ts:3: region "" names no section'],
    ["// #region 1. Data\n\n// #endregion", 'lessons/x.ts:3: region "1. Data" is empty'],
  ];
  for (const [body, message] of cases) {
    assertThrows(() => parseCodeRegions(HEADINGS + body, "lessons/x.ts"), CodeRegionError, message);
  }
});

Deno.test("every lesson's regions parse and belong to one of its section headings", async () => {
  for (const lesson of LESSONS) {
    const path = join(COURSE_ROOT, "lessons", `${lesson.id}.ts`);
    const headings = sectionHeadings(await Deno.readTextFile(path));
    const regions = await readCodeRegions(pathToFileURL(path).href);
    assertEquals(regions.length > 0, true, `${lesson.id} shows no code`);
    for (const region of regions) {
      assertEquals(headings.includes(region.title), true, `${region.file}:${region.line}`);
      assertEquals(region.file, `lessons/${lesson.id}.ts`);
    }
  }
});
