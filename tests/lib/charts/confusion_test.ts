import { assert, assertEquals, assertStringIncludes, assertThrows } from "@std/assert";
import { confusionMatrixSpec } from "../../../lib/charts/confusion.ts";
import { renderSvg } from "../../../lib/charts/render.ts";
import { assertChart, fillOf, markItems, textOf } from "./svg.ts";

const MATRIX = [
  [50, 2, 0],
  [10, 41, 3],
  [1, 20, 38],
];

Deno.test("confusionMatrixSpec writes every count in its cell", async () => {
  const svg = await renderSvg(confusionMatrixSpec(MATRIX, { title: "Three classes" }));
  assertChart(svg, "Three classes");
  assertEquals(markItems(svg, "rect").map((items) => items.length), [3, 6]);
  assertEquals(textOf(markItems(svg, "text").flat()), MATRIX.flat().map(String));
  const axes = textOf(markItems(svg, "text", "axis-title").flat());
  assertEquals(axes.toSorted(), ["predicted", "true"]);
  assertEquals(textOf(markItems(svg, "text", "axis-label").flat()), ["0", "1", "2", "0", "1", "2"]);
});

Deno.test("confusionMatrixSpec puts the true class on y and the predicted class on x", async () => {
  const svg = await renderSvg(confusionMatrixSpec(MATRIX, { title: "Orientation" }));
  const at = Object.fromEntries(
    markItems(svg, "text")[0].map((item) => [
      textOf([item])[0],
      item.match(/translate\(([\d.]+),([\d.]+)\)/)!.slice(1).map(Number),
    ]),
  );
  // 10 is true 1, predicted 0; 2 is true 0, predicted 1.
  assertEquals(at["10"], [at["50"][0], at["41"][1]]);
  assertEquals(at["2"], [at["41"][0], at["50"][1]]);
  assert(at["10"][1] > at["2"][1], "row 0 is on top");
  const trueTitle = markItems(svg, "text", "axis-title").flat().find((item) =>
    item.includes(">true<")
  );
  assertStringIncludes(trueTitle ?? "", "rotate(-90)", "the y-axis is titled true");
});

Deno.test("confusionMatrixSpec writes white on dark cells and black on light ones", async () => {
  const svg = await renderSvg(confusionMatrixSpec(MATRIX, { title: "Contrast" }));
  const colour = Object.fromEntries(
    markItems(svg, "text")[0].map((item) => [
      textOf([item])[0],
      fillOf(item),
    ]),
  );
  // The mistakes' scale is a square root up to the largest mistake, 20: 10 is 71% of the way (white text from 55%).
  assertEquals([colour["20"], colour["10"]], ["white", "white"]);
  assertEquals([colour["0"], colour["1"], colour["2"], colour["3"]], new Array(4).fill("black"));
  // The correct answers sit on light grey.
  assertEquals([colour["50"], colour["41"], colour["38"]], new Array(3).fill("black"));
});

Deno.test("confusionMatrixSpec colours the mistakes on their own scale, the diagonal grey", async () => {
  // Digits as lesson 1 sees them: about a thousand right per class, a handful of mistakes.
  const matrix = [[970, 2, 8], [1, 1120, 14], [30, 5, 990]];
  const svg = await renderSvg(confusionMatrixSpec(matrix, { title: "Mistakes stand out" }));
  const [diagonal, mistakes] = markItems(svg, "rect");
  assertEquals(diagonal.length, 3);
  assertEquals(new Set(diagonal.map(fillOf)), new Set(["#d9d9d9"]), "the diagonal is neutral");
  assertEquals(mistakes.length, 6);
  const shade = (item: string) => {
    const fill = fillOf(item)!;
    const [r, g, b] = fill.startsWith("#")
      ? [1, 3, 5].map((i) => parseInt(fill.slice(i, i + 2), 16))
      : fill.match(/\d+/g)!.map(Number);
    return { r, g, b };
  };
  for (const item of mistakes) {
    const { r, g, b } = shade(item);
    assert(r > g && r > b && Math.min(g, b) < 235, `a mistake is visibly red: ${fillOf(item)}`);
  }
  const largest = shade(mistakes.find((item) => item.includes("mistakes: 30"))!);
  assert(largest.g < 60, `the largest mistake is dark red: ${JSON.stringify(largest)}`);
  assertEquals(
    textOf(markItems(svg, "text").flat()),
    matrix.flat().map(String),
    "every cell carries its count",
  );
  assertEquals(textOf(markItems(svg, "text", "legend-title").flat()), ["mistakes"]);
});

Deno.test("confusionMatrixSpec names the classes with the given labels, in order", async () => {
  const labels = ["zero", "one", "two"];
  const svg = await renderSvg(confusionMatrixSpec(MATRIX, { title: "Named", labels }));
  assertEquals(textOf(markItems(svg, "text", "axis-label").flat()), [...labels, ...labels]);
});

Deno.test("confusionMatrixSpec wants a square matrix and one label per class", () => {
  assertThrows(() => confusionMatrixSpec([[1, 2], [3]], { title: "t" }), RangeError, "square");
  assertThrows(
    () => confusionMatrixSpec(MATRIX, { title: "t", labels: ["a", "b"] }),
    RangeError,
    "2 labels",
  );
});
