/**
 * Writing a lesson's chart: render the Vega-Lite spec to SVG in the lesson's output folder and
 * tell the learner (and the notebook) where it is.
 *
 * @module
 */
import { join } from "node:path";
import type { TopLevelSpec } from "vega-lite";
import { writeChart } from "../charts/render.ts";
import type { LessonContext } from "./context.ts";

/**
 * Renders `spec` to `<outDir>/<file>` and records it with `caption`; returns the path.
 *
 * @example
 * ```ts
 * charts.push(await saveChart(context, "curves.svg", trainingCurvesSpec(history, { title }), "learning curves"));
 * ```
 */
export async function saveChart(
  context: LessonContext,
  file: string,
  spec: TopLevelSpec,
  caption: string,
): Promise<string> {
  const path = await writeChart(join(context.outDir, file), spec);
  context.notebook.chart(path, caption);
  return path;
}
