/**
 * Turning a chart into a file, with no browser: `vega-lite` compiles the Vega-Lite spec to a
 * Vega spec, and `vega` draws that headlessly as SVG text. Every chart gets the course's look:
 * white background, readable font sizes, and a title.
 *
 * @module
 */
import { writeWhole } from "../cli/write_whole.ts";
import { parse, View } from "vega";
import { compile, type Config, type TopLevelSpec } from "vega-lite";

/** The course's look. A spec's own `config` still wins over it, setting by setting. */
const COURSE_LOOK: Config = {
  background: "white",
  padding: 12,
  title: { fontSize: 16, anchor: "start", offset: 12 },
  axis: { labelFontSize: 12, titleFontSize: 13 },
  legend: { labelFontSize: 12, titleFontSize: 13 },
  header: { labelFontSize: 13, titleFontSize: 13 },
};

/**
 * Renders a Vega-Lite spec to a standalone SVG document (about 100 ms for a chart). Throws if
 * the spec has no title: every chart in the course says what it shows.
 *
 * @example
 * ```ts
 * const svg = await renderSvg(barChartSpec(rows, { title: "Test accuracy", xTitle: "optimizer", yTitle: "accuracy" }));
 * svg.startsWith("<svg"); // true
 * ```
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  if (!spec.title) throw new Error("A chart needs a title: set `title` in its spec.");
  const view = new View(parse(compile(spec, { config: COURSE_LOOK }).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * Renders `spec` with {@linkcode renderSvg} and writes it to `path`, creating the folder if
 * needed. Returns `path`.
 *
 * @example
 * ```ts
 * await writeChart("out/01_softmax/curves.svg", trainingCurvesSpec(history, { title: "Learning curves" }));
 * ```
 */
export async function writeChart(path: string, spec: TopLevelSpec): Promise<string> {
  await writeWhole(path, await renderSvg(spec));
  return path;
}
