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
