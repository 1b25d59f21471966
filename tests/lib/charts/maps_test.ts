import { assertEquals, assertThrows } from "@std/assert";
import { mapGridSpec } from "../../../lib/charts/maps.ts";
import { renderSvg } from "../../../lib/charts/render.ts";
import { assertChart, markItems } from "./svg.ts";

Deno.test("mapGridSpec draws 3x3 signed maps cell by cell, 112 pixels wide", async () => {
  const svg = await renderSvg(mapGridSpec({
    maps: [[-1, 0, 1, -1, 0, 1, -1, 0, 1], [1, 1, 1, 0, 0, 0, -1, -1, -1]],
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
    captions: ["relu output"],
    title: "A sparse feature map",
  }));
  assertEquals(markItems(svg, "rect").map((items) => items.length), [2]);
});

Deno.test("mapGridSpec puts maps of different sizes side by side and refuses non-square ones", async () => {
  const svg = await renderSvg(mapGridSpec({
    maps: [new Array(64).fill(10), new Array(36).fill(30)],
    captions: ["8x8 image", "6x6 output"],
    title: "Before and after",
  }));
  assertEquals(markItems(svg, "rect").map((items) => items.length), [64, 36]);
  assertThrows(
    () => mapGridSpec({ maps: [[1, 2, 3]], captions: ["three"], title: "t" }),
    RangeError,
  );
});
