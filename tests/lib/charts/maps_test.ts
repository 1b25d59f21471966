import { assert, assertEquals, assertThrows } from "@std/assert";
import { mapGridSpec } from "../../../lib/charts/maps.ts";
import { renderSvg } from "../../../lib/charts/render.ts";
import { assertChart, fillOf, markItems, textOf } from "./svg.ts";

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

/** The red, green and blue of a fill, `#rrggbb` or `rgb(r, g, b)`. */
function rgb(item: string): number[] {
  const fill = fillOf(item)!;
  return fill.startsWith("#")
    ? [1, 3, 5].map((i) => parseInt(fill.slice(i, i + 2), 16))
    : fill.match(/\d+/g)!.map(Number);
}

Deno.test("mapGridSpec draws images in grayscale and only the maps in red and blue", async () => {
  const digit = Array.from({ length: 784 }, (_, i) => (i % 28 === 14 ? 1 : 0));
  const response = Array.from(
    { length: 784 },
    (_, i) => (i % 28 === 13 ? 2 : i % 28 === 15 ? -2 : 0),
  );
  const svg = await renderSvg(mapGridSpec({
    maps: [digit, response],
    captions: ["a 1", "vertical edges"],
    title: "Ink and response",
    images: [0],
    legendTitle: "response",
  }));
  const [ink, map] = markItems(svg, "rect");
  assertEquals(ink.length, 28, "only the inked pixels of an image are drawn");
  for (const pixel of ink) assertEquals(rgb(pixel), [0, 0, 0], "full ink is black");
  const colours = map.map(rgb);
  assert(colours.some(([r, , b]) => r > b + 100), "positive responses are red");
  assert(colours.some(([r, , b]) => b > r + 100), "negative responses are blue");
  assertEquals(textOf(markItems(svg, "text", "legend-title").flat()), ["response"]);
});

Deno.test("mapGridSpec writes values in cells and can draw an image as brightness", async () => {
  const edge = Array.from({ length: 64 }, (_, i) => (i % 8 < 4 ? 10 : 0));
  const output = Array.from({ length: 36 }, (_, i) => (i % 6 === 2 || i % 6 === 3 ? 30 : 0));
  const svg = await renderSvg(mapGridSpec({
    maps: [edge, output],
    captions: ["8x8 image", "6x6 output"],
    title: "Edge",
    columns: 2,
    images: [0],
    imageLook: "light",
    values: true,
  }));
  const [image, map] = markItems(svg, "rect");
  assertEquals(rgb(image[0]), [255, 255, 255], "bright (10) is white");
  assertEquals(rgb(image[7]), [0, 0, 0], "dark (0) is black");
  const [r, g] = rgb(map[2]);
  assert(r > 120 && g < 60, `30 is strong red, got ${fillOf(map[2])}`);
  const [imageText, mapText] = markItems(svg, "text");
  assertEquals(textOf(imageText), edge.map(String));
  assertEquals(textOf(mapText), output.map(String));
  assertEquals([fillOf(imageText[0]), fillOf(imageText[7])], ["black", "white"]);
});
