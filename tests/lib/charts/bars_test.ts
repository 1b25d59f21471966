import { assertAlmostEquals, assertEquals } from "@std/assert";
import { barChartSpec } from "../../../lib/charts/bars.ts";
import { renderSvg } from "../../../lib/charts/render.ts";
import { assertChart, markItems, textOf } from "./svg.ts";

Deno.test("barChartSpec draws the bars in the given order, each value on top", async () => {
  const rows = [
    { name: "sgd", value: 0.9234 },
    { name: "adam", value: 0.97812 },
    { name: "mlp 2x128", value: 12.3456 },
  ];
  const svg = await renderSvg(
    barChartSpec(rows, { title: "Accuracy", xTitle: "configuration", yTitle: "test accuracy" }),
  );
  assertChart(svg, "Accuracy");
  const heights = markItems(svg, "rect").flat().map((bar) => Number(bar.match(/v([\d.]+)/)?.[1]));
  assertEquals(heights.length, 3);
  assertAlmostEquals(heights[1] / heights[0], 0.97812 / 0.9234, 0.01);
  assertAlmostEquals(heights[2] / heights[0], 12.3456 / 0.9234, 0.1);
  assertEquals(textOf(markItems(svg, "text").flat()), ["0.9234", "0.9781", "12.35"]);
  const axisTitles = textOf(markItems(svg, "text", "axis-title").flat());
  assertEquals(axisTitles.toSorted(), ["configuration", "test accuracy"]);
  const labels = textOf(markItems(svg, "text", "axis-label").flat());
  assertEquals(labels.filter((label) => rows.some((row) => row.name === label)), [
    "sgd",
    "adam",
    "mlp 2x128",
  ]);
});
