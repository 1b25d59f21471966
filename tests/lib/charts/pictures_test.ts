import { assertEquals, assertThrows } from "@std/assert";
import { pictureGridSpec, pixelsOf } from "../../../lib/charts/pictures.ts";
import { renderSvg } from "../../../lib/charts/render.ts";
import { assertChart, markItems } from "./svg.ts";

Deno.test("pixelsOf reads a 784-value image row after row", () => {
  const image = Array.from({ length: 784 }, (_, i) => i);
  const pixels = pixelsOf(image);
  assertEquals(pixels.length, 784);
  assertEquals(pixels[0], { row: 0, col: 0, value: 0 });
  assertEquals(pixels[27], { row: 0, col: 27, value: 27 });
  assertEquals(pixels[28], { row: 1, col: 0, value: 28 });
  assertEquals(pixels[783], { row: 27, col: 27, value: 783 });
  assertThrows(() => pixelsOf(new Uint8Array(28 * 27)), RangeError, "784 values");
});

Deno.test("pictureGridSpec draws each given pixel as a 4x4 square in place, row 0 on top", async () => {
  const corners = [
    { row: 0, col: 27, value: 1 },
    { row: 27, col: 0, value: 1 },
  ];
  const svg = await renderSvg(pictureGridSpec({
    title: "Corners",
    pictures: [corners, [{ row: 1, col: 2, value: 1 }]],
    captions: ["top right, bottom left", "one"],
    columns: 5,
    colors: { domain: [0, 1], range: ["white", "black"] },
  }));
  assertEquals(assertChart(svg, "Corners"), ["top right, bottom left", "one"]);
  const squares = markItems(svg, "rect").map((items) =>
    items.map((item) => item.match(/d="([^"]*)"/)?.[1])
  );
  assertEquals(squares, [["M108,0h4v4h-4Z", "M0,108h4v4h-4Z"], ["M8,4h4v4h-4Z"]]);
});

Deno.test("pictureGridSpec wants one caption per picture and at least one picture", () => {
  const grid = {
    title: "t",
    columns: 5,
    colors: { domain: [0, 1] as [number, number] },
  };
  assertThrows(
    () => pictureGridSpec({ ...grid, pictures: [[], []], captions: ["a"] }),
    RangeError,
    "2 pictures but 1 captions",
  );
  assertThrows(() => pictureGridSpec({ ...grid, pictures: [], captions: [] }), RangeError);
});
