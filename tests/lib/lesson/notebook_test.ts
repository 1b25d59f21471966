import { assertEquals } from "@std/assert";
import { dedent, Notebook, wrap } from "../../../lib/lesson/notebook.ts";

Deno.test("dedent removes the common indentation of a template literal", () => {
  assertEquals(dedent("\n    one\n      two\n    three"), "one\n  two\nthree");
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
