import { assertEquals } from "@std/assert";
import { mapGridSpec } from "../../../lib/charts/maps.ts";
import { renderSvg } from "../../../lib/charts/render.ts";
import { assertChart, markItems } from "./svg.ts";

Deno.test("mapGridSpec draws 3x3 signed maps cell by cell, 112 pixels wide", async () => {
  const svg = await renderSvg(mapGridSpec({
    maps: [[-1, 0, 1, -1, 0, 1, -1, 0, 1], [1, 1, 1, 0, 0, 0, -1, -1, -1]],
    side: 3,
    captions: ["vertical", "horizontal"],
    title: "Two kernels",
  }));
  assertEquals(assertChart(svg, "Two kernels"), ["vertical", "horizontal"]);
  const cells = markItems(svg, "rect");
  assertEquals(cells.map((items) => items.length), [9, 9], "signed maps keep their zero cells");
  const size = cells[0][0].match(/h([\d.]+)v/)?.[1];
  assertEquals(Number(size) * 3, 112, "three cells fill the 112-pixel picture");
});

Deno.test("mapGridSpec leaves out the zero cells of non-negative maps", async () => {
  const map = new Float32Array(26 * 26);
  map[0] = 2;
  map[27] = 1;
  const svg = await renderSvg(mapGridSpec({
    maps: [map],
    side: 26,
    captions: ["relu output"],
    title: "A sparse feature map",
  }));
  assertEquals(markItems(svg, "rect").map((items) => items.length), [2]);
});
