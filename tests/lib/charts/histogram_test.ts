import { assertAlmostEquals, assertEquals, assertThrows } from "@std/assert";
import { histogramSpec } from "../../../lib/charts/histogram.ts";
import { renderSvg } from "../../../lib/charts/render.ts";
import { assertChart } from "./svg.ts";

Deno.test("histogramSpec bins every set over one shared range, shares summing to 1", async () => {
  const spec = histogramSpec(
    [
      { name: "wide", values: [-1, -0.5, 0, 0.5, 1] },
      { name: "narrow", values: new Float32Array([0, 0, 0.1]) },
    ],
    { title: "Weights", xTitle: "weight", bins: 4 },
  );
  const rows = (spec.data as { values: { name: string; center: number; share: number }[] })
    .values;
  assertEquals(rows.length, 8);
  for (const name of ["wide", "narrow"]) {
    const mine = rows.filter((row) => row.name === name);
    assertEquals(mine.map((row) => row.center), [-0.75, -0.25, 0.25, 0.75]);
    assertAlmostEquals(mine.reduce((sum, row) => sum + row.share, 0), 1, 1e-12);
  }
  assertEquals(rows.filter((r) => r.name === "narrow").map((r) => r.share), [0, 0, 1, 0]);
  assertChart(await renderSvg(spec), "Weights");
});

Deno.test("histogramSpec refuses to draw nothing", () => {
  assertThrows(() => histogramSpec([{ name: "empty", values: [] }], { title: "t", xTitle: "x" }));
});
