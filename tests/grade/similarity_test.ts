/**
 * The similarity report: the scanner reads TypeScript as a teacher's tool must (comments,
 * strings, templates and regular expressions are not code; names and literals are normalised),
 * winnowing finds every long shared run, the stub is left out, and on a small generated class
 * the planted copies come first while stub-only pairs are not reported at all.
 */
import { assert, assertEquals, assertGreater, assertLess, assertMatch } from "@std/assert";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { checkPage, findChromium } from "../lib/report/headless_chromium.ts";
import { COURSE_ROOT } from "../../lib/cli/course_root.ts";
import { comparePairs, coveredLines } from "../../lib/grade/similarity/compare.ts";
import { tokenize } from "../../lib/grade/similarity/tokens.ts";
import { winnow } from "../../lib/grade/similarity/winnow.ts";
import { buildSimilarityClass, plantedPairs } from "./similarity_class.ts";

const norms = (source: string) => tokenize(source).map((token) => token.norm).join(" ");

Deno.test("the scanner drops comments and normalises names and literals", () => {
  assertEquals(
    norms("const total = a + 1; // the sum\n/* a\n block */ let s = 'x' + \"y\";"),
    "const id = id + num ; let id = str + str ;",
  );
  assertEquals(norms("x?.y.default; obj.if"), "id ?. id . id ; id . id");
  assertEquals(norms("a >>>= 0x1F; b **= 1e-7; c = .5n"), "id >>>= num ; id **= num ; id = num");
});

Deno.test("the scanner tells regular expressions from division", () => {
  assertEquals(norms("a = b / c / d;"), "id = id / id / id ;");
  assertEquals(norms("a = /x\\/[/]y/g.test(s);"), "id = re . id ( id ) ;");
  assertEquals(norms("return /a/;"), "return re ;");
  assertEquals(
    norms("f(x) / 2; arr[0] / 2; i++ / 2"),
    "id ( id ) / num ; id [ num ] / num ; id ++ / num",
  );
  assertEquals(norms("if (x) /re/.test(y)"), "if ( id ) / id / . id ( id )");
});

Deno.test("the scanner reads template literals, nested ones included, and counts lines", () => {
  const tokens = tokenize("const s = `a ${b + `c ${d}`} // not a comment\n e`;\nlet t = 1;");
  assertEquals(
    tokens.map((token) => token.norm).join(" "),
    "const id = tpl id + tpl id ; let id = num ;",
  );
  assertEquals(tokens.at(-1)?.line, 3);
  assertEquals(norms("`${ {a: 1}.a }` / 2"), "tpl { id : num } . id / num");
  // Unterminated input ends quietly: student code may not parse.
  assertEquals(norms("let s = 'abc\nlet t = `x${"), "let id = str let id = tpl");
});

Deno.test("winnowing finds every shared run of k + w - 1 tokens, and renaming changes nothing", () => {
  const body = Array.from({ length: 30 }, (_, i) => `total${i} = total${i} * ${i} + x;`).join(
    "\n",
  );
  const renamed = body.replaceAll("total", "sum").replaceAll("x", "y");
  const a = winnow(tokenize(body)).map((print) => print.hash);
  const b = winnow(tokenize(renamed)).map((print) => print.hash);
  assertEquals(a, b);
  const sizes = { k: 5, w: 4 };
  const shared = "if (a === b) { return c + d * e; }";
  const left = winnow(tokenize(`let q = 1; ${shared} while (true) break;`), sizes);
  const right = winnow(tokenize(`for (;;) { f(); } ${shared}`), sizes);
  const common = left.filter((print) => right.some((other) => other.hash === print.hash));
  assertGreater(common.length, 0);
  assertEquals(winnow(tokenize("a + b"), sizes), []);
});

Deno.test("coveredLines marks the lines of the matched tokens only, merged into ranges", () => {
  const lines = [3, 3, 4, 5, 9, 9, 10, 20, 21];
  const prints = [{ hash: 1, start: 0 }, { hash: 2, start: 2 }, { hash: 3, start: 7 }];
  // Tokens 0-4 (lines 3-5 and 9), token 7-8 (lines 20, 21); line 6-8 hold no token.
  assertEquals(coveredLines(prints, lines, 3), [[3, 5], [9, 9], [20, 21]]);
});

Deno.test("code from the stub is left out, so sharing only the stub is not a match", async () => {
  const stub = await Deno.readTextFile(join(COURSE_ROOT, "exercises", "01_softmax.ts"));
  const solution = await Deno.readTextFile(join(COURSE_ROOT, "solutions", "01_softmax.ts"));
  assertEquals(
    comparePairs([{ student: "a", text: stub }, { student: "b", text: stub }], stub),
    [],
  );
  const withStub = comparePairs([{ student: "a", text: stub }, { student: "b", text: stub }]);
  assertEquals(withStub[0].score, 1, "without --base the stub itself matches");
  const [pair] = comparePairs([
    { student: "b", text: solution },
    { student: "a", text: `// mine\n\n${solution}` },
  ], stub);
  assertEquals([pair.a, pair.b, pair.score], ["a", "b", 1]);
  assertEquals(pair.linesA[0][0], pair.linesB[0][0] + 2, "lines are each file's own");
});

Deno.test("on a small generated class the planted copies rank first and stubs are not reported", async () => {
  const dir = await Deno.makeTempDir({ prefix: "digits-similarity-test-" });
  try {
    const plan = { independent: 24, renamedPairs: 3, copyPairs: 2, stubs: 3, partial: 2 };
    await buildSimilarityClass(join(dir, "class"), plan, 3);
    await Deno.writeTextFile(join(dir, "class", "notes.rar"), "not an archive");
    const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--allow-read",
        "--allow-write",
        "--allow-env",
        "lib/grade/similarity/cli.ts",
        join(dir, "class"),
        `--out=${join(dir, "out")}`,
        "--lessons=1",
        "--lang=zh",
      ],
      cwd: COURSE_ROOT,
      stdin: "null",
    }).output();
    const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
    assertEquals(code, 0, decode(stderr));
    assertMatch(decode(stdout), /^比较了 39 份提交（01_softmax），用时 [\d.]+ 秒/);
    const csv = await Deno.readTextFile(join(dir, "out", "similarity.csv"));
    const [header, ...rows] = csv.trim().split("\n").map((line) => line.split(","));
    assertEquals(header, [
      "student_a",
      "student_b",
      "lesson",
      "score",
      "above_threshold",
      "lines_a",
      "lines_b",
    ]);
    const planted = plantedPairs(plan).map((pair) => pair.join(" ")).sort();
    const top = rows.slice(0, planted.length);
    assertEquals(top.map((row) => `${row[0]} ${row[1]}`).sort(), planted);
    assert(top.every((row) => row[4] === "yes" && row[5] !== ""), "planted pairs flagged");
    assertLess(Number(rows[planted.length][3]), Number(top.at(-1)![3]));
    assertEquals(
      rows.filter((row) => row[0].startsWith("stub-") && row[1].startsWith("stub-")),
      [],
    );
    const html = await Deno.readTextFile(join(dir, "out", "similarity.html"));
    assert(html.includes("绝不是结论"), "the Chinese report says it is not a verdict");
    assert(html.includes("notes.rar"), "the report names what it could not read");
    assert(html.includes("它既不是文件夹"), "and says why in Chinese");
    assertEquals(html.match(/<h2 id="pair-/g)?.length, rows.filter((r) => r[4] === "yes").length);
    const chromium = findChromium();
    if (chromium) {
      // Both sides of every pair fit the page side by side, whatever the length of the lines.
      const page = await checkPage(
        chromium,
        pathToFileURL(join(dir, "out", "similarity.html")).href,
        `[...document.querySelectorAll(".sides > div")].map((side) => {
          const box = side.getBoundingClientRect();
          return { left: box.left, right: box.right, page: document.body.getBoundingClientRect().right,
                   marked: side.querySelectorAll("span.match").length };
        })`,
      );
      assertEquals(page.errors, []);
      const sides = page.measured as {
        left: number;
        right: number;
        page: number;
        marked: number;
      }[];
      assertEquals(sides.length, 2 * planted.length);
      for (const [index, side] of sides.entries()) {
        assertLess(side.right, side.page + 1, `side ${index} runs off the page`);
        assertGreater(side.marked, 0, `side ${index} highlights nothing`);
        if (index % 2 === 1) assertGreater(side.left, sides[index - 1].right - 1, "sides overlap");
      }
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("similarity: bad arguments are one line naming the argument, exit code 2", async () => {
  const dir = await Deno.makeTempDir({ prefix: "digits-similarity-args-" });
  try {
    await Deno.mkdir(join(dir, "class"));
    const cases: [string[], RegExp][] = [
      [[], /^error: similarity takes one <submissions> folder, got 0/],
      [[join(dir, "nowhere")], /^error: <submissions> .*nowhere is not a folder$/],
      [[join(dir, "class"), "--threshold=2"], /^error: --threshold must be a number from 0 to 1/],
      [[join(dir, "class"), "--lessons=99"], /^error: --lessons: the course has no lesson 99/],
      [[join(dir, "class"), `--base=${join(dir, "none")}`], /^error: --base .* is not a folder$/],
      [[dir], /^error: --out .* must not be inside <submissions>/],
    ];
    for (const [args, expected] of cases) {
      const { code, stderr } = await new Deno.Command(Deno.execPath(), {
        args: ["run", "-A", "lib/grade/similarity/cli.ts", `--out=${join(dir, "out")}`, ...args],
        cwd: COURSE_ROOT,
        stdin: "null",
        env: { LC_ALL: "C" }, // errors follow the locale: English whatever the machine's
      }).output();
      const text = new TextDecoder().decode(stderr);
      assertEquals(code, 2, text);
      assertMatch(text.trim(), expected);
      assertEquals(text.trim().split("\n").length, 1, text);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
