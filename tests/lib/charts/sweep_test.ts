import { assertEquals } from "@std/assert";
import { sweepSpec } from "../../../lib/charts/sweep.ts";
import { renderSvg } from "../../../lib/charts/render.ts";
import { assertChart, markItems, textOf } from "./svg.ts";

Deno.test("sweepSpec draws one dot per setting, labelled with its score", async () => {
  const points = [
    { setting: 0.001, score: 0.31 },
    { setting: 0.01, score: 0.874 },
    { setting: 0.1, score: 0.9512 },
    { setting: 1, score: 0.6 },
  ];
  const svg = await renderSvg(
    sweepSpec(points, { title: "Sweep", xTitle: "learning rate", yTitle: "accuracy" }),
  );
  assertChart(svg, "Sweep");
  assertEquals(markItems(svg, "symbol").flat().length, 4);
  assertEquals(textOf(markItems(svg, "text").flat()), ["0.31", "0.874", "0.9512", "0.6"]);
  const axisTitles = textOf(markItems(svg, "text", "axis-title").flat());
  assertEquals(axisTitles.toSorted(), ["accuracy", "learning rate"]);
});
