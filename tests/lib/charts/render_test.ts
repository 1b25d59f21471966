import { assert, assertEquals, assertRejects, assertStringIncludes } from "@std/assert";
import { join } from "node:path";
import type { TopLevelSpec } from "vega-lite";
import { renderSvg, writeChart } from "../../../lib/charts/render.ts";
import { assertChart, markItems } from "./svg.ts";

const BARS: TopLevelSpec = {
  title: "Three bars",
  data: { values: [{ name: "a", value: 1 }, { name: "b", value: 3 }, { name: "c", value: 2 }] },
  mark: "bar",
  encoding: {
    x: { field: "name", type: "nominal" },
    y: { field: "value", type: "quantitative" },
  },
};

Deno.test("renderSvg draws a titled SVG on white with the course's font sizes", async () => {
  const svg = await renderSvg(BARS);
  assertEquals(assertChart(svg, "Three bars"), []);
  assertEquals(markItems(svg, "rect").flat().length, 3);
  assert(
    /^<svg [^>]*><rect width="\d+" height="\d+" fill="white"\/>/.test(svg),
    "white background",
  );
  assertStringIncludes(
    svg,
    'font-size="16px" font-weight="bold" fill="#000" opacity="1">Three bars',
  );
});

Deno.test("a spec's own config wins over the course look", async () => {
  const svg = await renderSvg({ ...BARS, config: { background: "#fafafa" } });
  assert(svg.includes('fill="#fafafa"/>') && !svg.includes('fill="white"/>'));
});

Deno.test("renderSvg refuses a chart without a title", async () => {
  await assertRejects(() => renderSvg({ ...BARS, title: undefined }), Error, "needs a title");
});

Deno.test("writeChart creates the folder, writes the SVG and returns the path", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "nested", "deeper", "bars.svg");
    assertEquals(await writeChart(path, BARS), path);
    assertEquals(await Deno.readTextFile(path), await renderSvg(BARS));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
