/**
 * The charts whose layout the course controls, drawn by headless Chromium: the boxes of their
 * texts as the browser lays them out, checked for overlaps.
 */
import { assert, assertEquals } from "@std/assert";
import { join } from "node:path";
import { confusionMatrixSpec } from "../../../lib/charts/confusion.ts";
import { mapGridSpec } from "../../../lib/charts/maps.ts";
import { predictionSpec } from "../../../lib/charts/prediction.ts";
import { renderSvg } from "../../../lib/charts/render.ts";
import type { TopLevelSpec } from "vega-lite";
import { checkPage, findChromium } from "../report/headless_chromium.ts";
import { COURSE_ROOT } from "../../../lib/cli/course_root.ts";

const chromium = findChromium();

/** A text as the browser drew it. */
interface Box {
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The boxes of the texts of vega marks of `role` in the rendered `spec`. */
async function textBoxes(spec: TopLevelSpec, role: string): Promise<Box[]> {
  const dir = await Deno.makeTempDir({ prefix: "digits-chart-" });
  try {
    const path = join(dir, "chart.svg");
    await Deno.writeTextFile(path, await renderSvg(spec));
    return await textBoxesOf(path, role);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** The boxes of the texts of vega marks of `role` in the SVG file at `path`. */
async function textBoxesOf(path: string, role: string): Promise<Box[]> {
  const page = await checkPage(
    chromium!,
    `file://${path}`,
    `[...document.querySelectorAll('g.role-${role} text')].map((t) => {
      const b = t.getBoundingClientRect();
      return { text: t.textContent, x: b.x, y: b.y, width: b.width, height: b.height };
    })`,
  );
  assertEquals(page.errors, []);
  return page.measured as Box[];
}

/** Asserts no two boxes overlap. */
function assertNoOverlap(boxes: Box[]): void {
  for (const [i, a] of boxes.entries()) {
    for (const b of boxes.slice(i + 1)) {
      const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y ||
        b.y + b.height <= a.y;
      assert(apart, `"${a.text}" overlaps "${b.text}": ${JSON.stringify([a, b])}`);
    }
  }
}

Deno.test({
  name: "lesson 6's max-pooling captions do not overlap in Chromium",
  ignore: !chromium,
  fn: async () => {
    const map = Array.from({ length: 784 }, (_, i) => (i % 28) / 28);
    const pooled = Array.from({ length: 196 }, (_, i) => (i % 14) / 14);
    const boxes = await textBoxes(
      mapGridSpec({
        maps: [map, pooled],
        captions: ["28x28 feature map", "14x14 after 2x2 max pooling"],
        title: "A feature map before and after max pooling",
        columns: 2,
        legendTitle: "response",
      }),
      "title-text",
    );
    assertEquals(boxes.length, 3);
    assert(boxes.every((box) => box.width > 0));
    assertNoOverlap(boxes);
  },
});

Deno.test({
  name: "lesson 6's edge example carries its numbers, none overlapping",
  ignore: !chromium,
  fn: async () => {
    const edge = Array.from({ length: 64 }, (_, i) => (i % 8 < 4 ? 10 : 0));
    const output = Array.from({ length: 36 }, (_, i) => (i % 6 === 2 || i % 6 === 3 ? 30 : 0));
    const boxes = await textBoxes(
      mapGridSpec({
        maps: [edge, output],
        captions: ["8x8 image", "6x6 output"],
        title: "An 8x8 vertical edge",
        columns: 2,
        images: [0],
        imageLook: "light",
        values: true,
      }),
      "mark",
    );
    assertEquals(boxes.map((box) => box.text), [...edge, ...output].map(String));
    assertNoOverlap(boxes);
  },
});

Deno.test({
  name: "the confusion matrix's counts do not overlap in Chromium",
  ignore: !chromium,
  fn: async () => {
    const matrix = Array.from(
      { length: 10 },
      (_, t) => Array.from({ length: 10 }, (_, p) => (t === p ? 1135 : (t * 7 + p) % 40)),
    );
    const boxes = await textBoxes(confusionMatrixSpec(matrix, { title: "Ten" }), "mark");
    assertEquals(boxes.length, 100);
    assertNoOverlap(boxes);
  },
});

Deno.test({
  name: "the prediction's percentages do not overlap in Chromium",
  ignore: !chromium,
  fn: async () => {
    const probabilities = [
      0.00012,
      0.0314159,
      0.0000003,
      0.9123456,
      0.0123,
      0.0001,
      0.02,
      0,
      0.01,
      0.0137,
    ];
    const boxes = await textBoxes(
      predictionSpec(new Float32Array(784), probabilities, { title: "seven.png: 3" }),
      "mark",
    );
    const labels = boxes.map((box) => box.text).filter((text) => text.endsWith("%"));
    assertEquals(labels, ["0%", "3.1%", "0%", "91.2%", "1.2%", "0%", "2%", "0%", "1%", "1.4%"]);
    assertNoOverlap(boxes.filter((box) => box.text.endsWith("%")));
  },
});

Deno.test({
  name: "lesson 6's charts in Chinese: titles and captions drawn with a CJK font, none overlapping",
  ignore: !chromium,
  fn: async () => {
    const fonts = await new Deno.Command("fc-list", { args: [":lang=zh", "family"] }).output();
    assert(
      new TextDecoder().decode(fonts.stdout).trim() !== "",
      "no Chinese font: apt-get install fonts-noto-cjk (.ci/run installs it)",
    );
    const out = await Deno.makeTempDir({ prefix: "digits-zh-" });
    try {
      const run = await new Deno.Command(Deno.execPath(), {
        args: [
          "run",
          "-A",
          "lessons/main.ts",
          "6",
          "--lang",
          "zh",
          "--subset",
          "200",
          "--out",
          out,
        ],
        cwd: COURSE_ROOT,
        stdin: "null",
      }).output();
      assertEquals(run.code, 0, new TextDecoder().decode(run.stderr));
      for (const chart of ["edge_example.svg", "digit_kernels.svg", "max_pooling.svg"]) {
        const boxes = await textBoxesOf(join(out, "06_convolutions", chart), "title-text");
        assert(boxes.some((box) => /[\u4e00-\u9fff]/.test(box.text)), `${chart} has no Chinese`);
        for (const box of boxes) {
          // A CJK glyph is about as wide as it is tall: a missing font or clipping shows here.
          const wide = [...box.text].filter((c) => /[\u4e00-\u9fff]/.test(c)).length;
          assert(box.width >= wide * box.height * 0.6, `${chart}: "${box.text}" looks clipped`);
        }
        assertNoOverlap(boxes);
      }
    } finally {
      await Deno.remove(out, { recursive: true });
    }
  },
});
