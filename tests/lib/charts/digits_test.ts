import { assert, assertEquals, assertLess } from "@std/assert";
import { digitGridSpec } from "../../../lib/charts/digits.ts";
import { renderSvg } from "../../../lib/charts/render.ts";
import { assertChart, fillOf, markItems } from "./svg.ts";

/** A 28x28 image with `inked` pixels of value `ink` spread over it, the rest blank. */
function digit(inked: number, ink = 255): Uint8Array {
  const image = new Uint8Array(784);
  for (let i = 0; i < inked; i++) image[(i * 37) % 784] = ink;
  return image;
}

Deno.test("digitGridSpec draws one captioned picture per digit, only its inked pixels", async () => {
  const svg = await renderSvg(digitGridSpec({
    images: [digit(5), digit(12), digit(30)],
    captions: ["label 5", "true 4 / pred 9", "label 0"],
    title: "Three digits",
  }));
  assertEquals(assertChart(svg, "Three digits"), ["label 5", "true 4 / pred 9", "label 0"]);
  assertEquals(markItems(svg, "rect").map((items) => items.length), [5, 12, 30]);
});

Deno.test("digitGridSpec draws full ink black whether pixels run to 255 or to 1", async () => {
  const fills = async (images: ArrayLike<number>[], maxValue?: number) => {
    const spec = digitGridSpec({ images, captions: images.map(() => "x"), title: "ink", maxValue });
    return new Set(markItems(await renderSvg(spec), "rect").flat().map(fillOf));
  };
  const black = "rgb(0, 0, 0)";
  assertEquals(await fills([digit(3, 255)]), new Set([black]));
  assertEquals(await fills([Float32Array.from(digit(3, 255), (v) => v / 255)]), new Set([black]));
  assertEquals(await fills([Array.from(digit(3, 1))]), new Set([black]));
  const halfInk = await fills([digit(3, 255)], 510);
  assert(!halfInk.has(black), "with maxValue 510, 255 is grey");
});

Deno.test("digitGridSpec puts 5 digits on a row unless told otherwise", () => {
  const images = [digit(1), digit(2)];
  const captions = ["a", "b"];
  const columnsOf = (spec: object) => (spec as { columns: number }).columns;
  assertEquals(columnsOf(digitGridSpec({ images, captions, title: "t" })), 5);
  assertEquals(columnsOf(digitGridSpec({ images, captions, title: "t", columns: 2 })), 2);
});

Deno.test("25 fully inked digits stay under 2 MB and render in seconds even on a busy machine", async () => {
  const images = Array.from({ length: 25 }, () => digit(784));
  const spec = digitGridSpec({
    images,
    captions: images.map((_, i) => `label ${i}`),
    title: "Ink",
  });
  const start = performance.now();
  const svg = await renderSvg(spec);
  assertLess(
    performance.now() - start,
    5000,
    "rendering should take about 0.2 s; 5 s leaves room for a busy machine",
  );
  assertEquals(markItems(svg, "rect").flat().length, 25 * 784);
  assertLess(svg.length, 2_000_000);
});
