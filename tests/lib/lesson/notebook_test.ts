import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import {
  dedent,
  dedentTemplate,
  displayWidth,
  Notebook,
  pointerLine,
  proseWidth,
  wrap,
} from "../../../lib/lesson/notebook.ts";

Deno.test("dedent removes the common indentation of a template literal", () => {
  assertEquals(dedent("\n    one\n      two\n    three"), "one\n  two\nthree");
});

Deno.test("a first line right after the backtick does not stop the rest being dedented", () => {
  // lessons 2 and 3: `This quick run gives each ... for\n    the articles' epochs ...`
  assertEquals(
    dedentTemplate("First line\n    second line\n      deeper"),
    "First line\nsecond line\n  deeper",
  );
  assertEquals(dedentTemplate("only one line"), "only one line");
  assertEquals(dedentTemplate("First.\n\n    Second."), "First.\n\nSecond.");
  assertEquals(dedentTemplate("\n    one\n      two"), "one\n  two");
  // code keeps its shape: an unindented first line still counts for plain dedent
  assertEquals(dedent("f(\n  a,\n);"), "f(\n  a,\n);");
  const printed: string[] = [];
  const notebook = new Notebook((text) => printed.push(text));
  const epochs = 3;
  notebook.explain(`This quick run gives each ${epochs} epochs on the slice; --full trains them for
    the articles' epochs on all 48,000 digits.`);
  assertEquals(printed, [
    "This quick run gives each 3 epochs on the slice; --full trains them for the articles' " +
    "epochs\non all 48,000 digits.",
  ]);
});

Deno.test("prose is 92 columns wide, or the terminal's width when narrower", () => {
  assertEquals(proseWidth(undefined), 92);
  assertEquals(proseWidth(80), 80);
  assertEquals(proseWidth(200), 92);
  const words = "word ".repeat(60);
  for (const columns of [40, 80, 120]) {
    const printed: string[] = [];
    const notebook = new Notebook((text) => printed.push(text), undefined, columns);
    notebook.heading("1. Data");
    notebook.explain(words);
    notebook.show(words, { wrap: true });
    notebook.chart("out/01_softmax/curves.svg", "a caption long enough to need a line");
    for (const line of printed.join("\n").split("\n")) {
      assertEquals(line.length <= Math.min(columns, 92), true, `${columns}: ${line}`);
    }
  }
});

Deno.test("without a terminal, output keeps its fixed layout", () => {
  const printed: string[] = [];
  const notebook = new Notebook((text) => printed.push(text));
  const long = "word ".repeat(30).trim();
  notebook.show(long, { wrap: true });
  notebook.pointTo("report", "out/x/index.html", long);
  assertEquals(printed, [long, `  report: out/x/index.html  (${long})`]);
  assertEquals(
    pointerLine("chart", "out/a.svg", "a chart", 20),
    "  chart: out/a.svg\n    (a chart)",
  );
});

Deno.test("wrap re-flows words to the width and keeps list lines", () => {
  assertEquals(wrap("aa bb cc dd", 5), "aa bb\ncc dd");
  assertEquals(wrap("intro\n- item one\n- item two", 80), "intro\n- item one\n- item two");
});

Deno.test("a notebook prints and records what the lesson says, in order", () => {
  const printed: string[] = [];
  const notebook = new Notebook((text) => printed.push(text));
  notebook.heading("1. Data");
  notebook.explain(`
    First paragraph.

    Second paragraph.
  `);
  notebook.show("table");
  notebook.chart("out/x.svg", "a chart");
  assertEquals(notebook.entries.map((e) => e.kind), ["heading", "text", "text", "output", "chart"]);
  assertEquals(printed, [
    "\n1. Data\n-------",
    "First paragraph.",
    "Second paragraph.",
    "table",
    "  chart: out/x.svg  (a chart)",
  ]);
});

Deno.test("a heading records its section's code, and prints it only when asked", () => {
  const region = { title: "1. Data", text: "const x = 1;", file: "lessons/x.ts", line: 3 };
  const other = { ...region, title: "2. Model" };
  for (const printCode of [false, true]) {
    const printed: string[] = [];
    const notebook = new Notebook((text) => printed.push(text), {
      regions: [region, other],
      printCode,
    });
    notebook.heading("1. Data");
    assertEquals(notebook.entries, [{ kind: "heading", text: "1. Data" }, {
      kind: "code",
      ...region,
    }]);
    assertEquals(
      printed,
      printCode
        ? ["\n1. Data\n-------", "  code: lessons/x.ts:3\n    const x = 1;\n"]
        : ["\n1. Data\n-------"],
    );
  }
});

Deno.test("wrap breaks Chinese between characters, by display width, never before punctuation", () => {
  const text = "过拟合是指模型在训练集上越来越好，在验证集上却越来越差（第 1 课用 7,850 个参数）。";
  const lines = wrap(text, 20).split("\n");
  for (const line of lines) {
    assert(displayWidth(line) <= 20, `"${line}" is ${displayWidth(line)} columns`);
    assert(!/^[，。、；：？！）]/.test(line), `"${line}" starts with punctuation`);
    assert(!/（$/.test(line), `"${line}" ends with an opening bracket`);
  }
  // Nothing lost but the spaces where lines break.
  assertEquals(lines.join("").replaceAll(" ", ""), text.replaceAll(" ", ""));
  assertStringIncludes(wrap(text, 200), "（第 1 课用 7,850 个参数）。");
  for (let width = 10; width <= 40; width++) {
    for (const line of wrap(text, width).split("\n")) {
      assert(!/（$/.test(line) && !/^[，。）]/.test(line), `width ${width}: "${line}"`);
    }
  }
  assertEquals(wrap("第一行\n第二行", 80), "第一行第二行");
  assertEquals(displayWidth("过拟合 abc"), 10);
});

Deno.test("a notebook in Chinese says each bilingual text in Chinese and records it so", () => {
  const printed: string[] = [];
  const notebook = new Notebook((text) => printed.push(text), undefined, undefined, "zh");
  notebook.heading({ en: "1. The data", zh: "1. 数据" });
  notebook.explain({ en: "MNIST has 70,000 digits.", zh: "MNIST 有 70,000 个手写数字。" });
  notebook.chart("out/a.svg", { en: "samples", zh: "样本" });
  assertEquals(printed, [
    "\n1. 数据\n-------",
    "MNIST 有 70,000 个手写数字。",
    "  图表: out/a.svg  (样本)",
  ]);
  assertEquals(notebook.entries.map((entry) => entry.kind), ["heading", "text", "chart"]);
});

Deno.test("a line break inside Chinese prose is recorded without a space; English keeps it", () => {
  const notebook = new Notebook(() => {}, undefined, undefined, "zh");
  notebook.explain({
    en: "one\n    two",
    zh: `
    第一句很长，
    第二句接着写。
  `,
  });
  assertEquals(notebook.entries, [{ kind: "text", text: "第一句很长，第二句接着写。" }]);
  const english = new Notebook(() => {});
  english.explain("one\n two");
  assertEquals(english.entries, [{ kind: "text", text: "one\ntwo" }]);
});
