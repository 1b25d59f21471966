import { assert, assertEquals, assertLess, assertThrows } from "@std/assert";
import { renderSvg } from "../../../lib/charts/render.ts";
import { weightTemplatesSpec } from "../../../lib/charts/weights.ts";
import { assertChart, fillOf, markItems, textOf } from "./svg.ts";

/** The red, green and blue of an `rgb(r, g, b)` fill. */
function rgb(item: string): number[] {
  return fillOf(item)!.match(/\d+/g)!.map(Number);
}

Deno.test("weightTemplatesSpec draws every pixel of one template per class", async () => {
  const svg = await renderSvg(weightTemplatesSpec(new Float32Array(7840), { title: "Zero" }));
  assertEquals(assertChart(svg, "Zero"), ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]);
  assertEquals(markItems(svg, "rect").map((items) => items.length), new Array(10).fill(784));
  assertEquals(textOf(markItems(svg, "text", "legend-title").flat()), ["weight"]);
});

Deno.test("weightTemplatesSpec reads kernel[pixel * classes + class], red up, blue down", async () => {
  const weights = new Float32Array(784 * 10);
  weights[30 * 10 + 3] = 2; // pixel 30 (row 1, column 2) of class 3
  weights[0 * 10 + 7] = -1; // pixel 0 of class 7
  const templates = markItems(
    await renderSvg(weightTemplatesSpec(weights, { title: "W" })),
    "rect",
  );
  const [red, , blue] = rgb(templates[3][30]);
  assert(red > 100 && blue < 50, `the largest weight is dark red, got ${fillOf(templates[3][30])}`);
  assertEquals(templates[3][30].match(/d="([^"]*)"/)?.[1], "M8,4h4v4h-4Z");
  const [r7, , b7] = rgb(templates[7][0]);
  assert(b7 > r7, `a negative weight is blue, got ${fillOf(templates[7][0])}`);
  const zero = fillOf(templates[0][0]);
  const [r0, g0, b0] = rgb(templates[0][0]);
  assert(Math.min(r0, g0, b0) > 230, `zero is near white, got ${zero}`);
  assertEquals(
    new Set(templates.flat().map(fillOf)),
    new Set([zero, fillOf(templates[3][30]), fillOf(templates[7][0])]),
  );
});

Deno.test("weightTemplatesSpec centres its colours on 0 whatever the extremes", async () => {
  const weights = new Float32Array(784 * 2);
  weights[0] = 0.5; // pixel 0, class 0
  weights[1] = -0.1; // pixel 0, class 1
  const svg = await renderSvg(weightTemplatesSpec(weights, { title: "Two classes", classes: 2 }));
  assertEquals(assertChart(svg, "Two classes"), ["0", "1"]);
  const [r, g, b] = rgb(markItems(svg, "rect")[0][1]);
  assert(Math.min(r, g, b) > 230 && Math.abs(r - b) < 10, `0 is the white middle: ${[r, g, b]}`);
});

Deno.test("weightTemplatesSpec checks the kernel's size", () => {
  assertThrows(
    () => weightTemplatesSpec(new Float32Array(784 * 10 - 1), { title: "W" }),
    RangeError,
    "7840 weights, got 7839",
  );
  assertThrows(() => weightTemplatesSpec(new Float32Array(7840), { title: "W", classes: 2 }));
});

Deno.test("10 weight templates stay under 2 MB and render in seconds even on a busy machine", async () => {
  const weights = Float32Array.from({ length: 7840 }, (_, i) => Math.sin(i));
  const start = performance.now();
  const svg = await renderSvg(weightTemplatesSpec(weights, { title: "Sine" }));
  assertLess(
    performance.now() - start,
    5000,
    "rendering should take about 0.2 s; 5 s leaves room for a busy machine",
  );
  assertLess(svg.length, 2_000_000);
});

Deno.test("weightTemplatesSpec keeps one outlier from washing out the templates", async () => {
  // Typical weights of +-0.3 and one outlier of 2: the typical ones still get strong colours.
  const weights = Float32Array.from({ length: 7840 }, (_, i) => (i % 2 ? 0.3 : -0.3));
  weights[0] = 2;
  const svg = await renderSvg(weightTemplatesSpec(weights, { title: "Outlier" }));
  const templates = markItems(svg, "rect");
  const [r, g, b] = rgb(templates[0][1]); // pixel 1, class 0: -0.3
  assert(b > r + 60 && g < 120, `a typical negative weight is strong blue, got ${[r, g, b]}`);
  assertEquals(
    fillOf(templates[0][0]),
    fillOf(templates[1][0]),
    "the outlier is clamped to the end",
  );
  const legend = textOf(markItems(svg, "text", "legend-label").flat())
    .map((label) => Number(label.replace("\u2212", "-")));
  assertLess(Math.max(...legend), 0.5, `the scale ends near 0.3, not at 2: ${legend}`);
});
