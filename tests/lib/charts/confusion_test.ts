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
  assertEquals(markItems(svg, "rect").flat().length, 9);
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
  // The colour scale is a square root: 20 of 50 is already 63% of the way to dark blue.
  assertEquals(
    [colour["50"], colour["41"], colour["38"], colour["20"]],
    new Array(4).fill("white"),
  );
  assertEquals([colour["0"], colour["2"], colour["10"]], new Array(3).fill("black"));
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
