import { assert, assertEquals, assertLess, assertThrows } from "@std/assert";
import {
  batchCurvesSpec,
  comparisonCurvesSpec,
  trainingCurvesSpec,
} from "../../../lib/charts/curves.ts";
import { renderSvg } from "../../../lib/charts/render.ts";
import type { History } from "../../../lib/train/history.ts";
import { assertChart, markItems, textOf } from "./svg.ts";

/** `epochs` epochs of a run whose loss falls and accuracy rises, with or without validation. */
function history(epochs: number, validation: boolean): History {
  return Array.from({ length: epochs }, (_, i) => {
    const loss = 0.3 + 1 / (i + 2);
    const log = { epoch: i + 1, loss, accuracy: 1 - loss / 2, seconds: 1 };
    return validation ? { ...log, val_loss: loss + 0.05, val_accuracy: 1 - loss / 2 - 0.02 } : log;
  });
}

const texts = (svg: string, role: string) => textOf(markItems(svg, "text", role).flat());
const count = (svg: string, type: string) => markItems(svg, type).flat().length;

Deno.test("trainingCurvesSpec draws loss and accuracy, training and validation", async () => {
  const svg = await renderSvg(trainingCurvesSpec(history(12, true), { title: "Curves" }));
  assertChart(svg, "Curves");
  assertEquals(texts(svg, "legend-label"), ["training", "validation"]);
  assertEquals(texts(svg, "axis-title"), ["epoch", "loss", "epoch", "accuracy"]);
  assertEquals(count(svg, "line"), 4); // 2 panels x 2 lines
  assertEquals(count(svg, "symbol"), 4 * 12); // a dot per epoch on each line
});

Deno.test("trainingCurvesSpec without validation has training lines only", async () => {
  const svg = await renderSvg(trainingCurvesSpec(history(12, false), { title: "Training only" }));
  assertChart(svg, "Training only");
  assertEquals(texts(svg, "legend-label"), ["training"]);
  assertEquals(count(svg, "line"), 2);
  assert(!svg.includes("validation") && !svg.includes("val_"), "no validation anywhere");
});

Deno.test("trainingCurvesSpec shows the dots of a single epoch", async () => {
  const svg = await renderSvg(trainingCurvesSpec(history(1, true), { title: "One epoch" }));
  assertEquals(count(svg, "symbol"), 4);
});

Deno.test("trainingCurvesSpec draws 200 epochs as plain lines, quickly", async () => {
  const start = performance.now();
  const svg = await renderSvg(trainingCurvesSpec(history(200, true), { title: "Long run" }));
  assertLess(performance.now() - start, 1000);
  assertEquals(count(svg, "line"), 4);
  assertEquals(count(svg, "symbol"), 0);
  assert(texts(svg, "axis-label").includes("200"), "the epoch axis reaches 200");
});

Deno.test("trainingCurvesSpec skips epochs that were not validated", async () => {
  const logs = history(10, false).map((log) =>
    log.epoch % 5 === 0 ? { ...log, val_loss: 1, val_accuracy: 0.5 } : log
  );
  const svg = await renderSvg(trainingCurvesSpec(logs, { title: "Every 5 epochs" }));
  assertEquals(count(svg, "symbol"), 2 * (10 + 2));
});

Deno.test("comparisonCurvesSpec draws one line per run, named in the legend in order", async () => {
  const runs = [
    { name: "sgd", history: history(8, true) },
    { name: "adam", history: history(5, true) },
    { name: "rmsprop", history: history(3, true) },
  ];
  const svg = await renderSvg(
    comparisonCurvesSpec(runs, { metric: "val_accuracy", title: "Optimizers" }),
  );
  assertChart(svg, "Optimizers");
  assertEquals(texts(svg, "legend-title"), ["run"]);
  assertEquals(texts(svg, "legend-label"), ["sgd", "adam", "rmsprop"]);
  assertEquals(texts(svg, "axis-title"), ["epoch", "validation accuracy"]);
  assertEquals(count(svg, "line"), 3);
  assertEquals(count(svg, "symbol"), 8 + 5 + 3);
});

Deno.test("comparisonCurvesSpec names a run that lacks the metric", () => {
  const runs = [
    { name: "validated", history: history(3, true) },
    { name: "not validated", history: history(3, false) },
  ];
  assertThrows(
    () => comparisonCurvesSpec(runs, { metric: "val_loss", title: "t" }),
    Error,
    'Run "not validated" has no val_loss',
  );
});

Deno.test("trainingCurvesSpec compares named runs, training and validation of each", async () => {
  const svg = await renderSvg(
    trainingCurvesSpec(
      [{ name: "plain", history: history(5, true) }, {
        name: "dropout",
        history: history(5, true),
      }],
      { title: "Two runs" },
    ),
  );
  assertChart(svg, "Two runs");
  assertEquals(texts(svg, "legend-title"), ["run", "line"]);
  assertEquals(texts(svg, "legend-label"), ["plain", "dropout", "training", "validation"]);
  const lines = markItems(svg, "line").flat();
  assertEquals(lines.length, 8); // 2 panels x 4 lines
  // A run's two lines share its colour; training is solid and validation dashed.
  const style = (line: string) => ({
    run: line.match(/run: (\w+)/)![1],
    kind: line.match(/line: (\w+)/)![1],
    stroke: line.match(/ stroke="([^"]*)"/)![1],
    dash: line.match(/ stroke-dasharray="([^"]*)"/)![1],
  });
  const styles = lines.map(style);
  for (const run of ["plain", "dropout"]) {
    assertEquals(new Set(styles.filter((s) => s.run === run).map((s) => s.stroke)).size, 1);
  }
  assert(styles[0].stroke !== styles[1].stroke, "each run has its own colour");
  for (const { kind, dash } of styles) assertEquals(dash, kind === "training" ? "1,0" : "6,4");
  // The "line" legend draws a solid and a dashed stroke, visibly.
  const keys = markItems(svg, "symbol", "legend-symbol").flat().filter((item) =>
    item.includes("stroke-dasharray")
  );
  assertEquals(keys.map((key) => key.match(/ stroke-dasharray="([^"]*)"/)![1]), ["1,0", "6,4"]);
  for (const key of keys) assertEquals(key.match(/ stroke="([^"]*)"/)?.[1], "#555");
});

Deno.test("comparisonCurvesSpec relative to a run divides by it, from a given epoch", () => {
  const runs = [
    { name: "base", history: history(6, true) },
    { name: "half", history: history(4, true).map((l) => ({ ...l, val_loss: l.val_loss! / 2 })) },
  ];
  const spec = comparisonCurvesSpec(runs, {
    metric: "val_loss",
    title: "Relative",
    relativeTo: "base",
    fromEpoch: 2,
  }) as unknown as { hconcat: { data: { values: { epoch: number; value: number }[] } }[] };
  const values = spec.hconcat[0].data.values;
  assertEquals(values.map((p) => p.epoch), [2, 3, 4, 5, 6, 2, 3, 4]);
  for (const p of values.slice(0, 5)) assertLess(Math.abs(p.value - 1), 1e-12);
  for (const p of values.slice(5)) assertLess(Math.abs(p.value - 0.5), 1e-12);
  assertThrows(() => comparisonCurvesSpec(runs, { metric: "loss", title: "x", relativeTo: "no" }));
});

Deno.test("batchCurvesSpec draws one epoch's batches as a line, validation as a dot", async () => {
  const logs = history(1, true).map((log) => ({
    ...log,
    batch_losses: Array.from({ length: 50 }, (_, i) => 2 / (1 + i / 5)),
  }));
  const svg = await renderSvg(batchCurvesSpec(logs, { title: "Batches" }));
  assertChart(svg, "Batches");
  assertEquals(texts(svg, "legend-label"), ["training (each batch)", "validation (end of epoch)"]);
  assertEquals(count(svg, "line"), 1);
  assertEquals(count(svg, "symbol"), 1);
  assertThrows(() => batchCurvesSpec(history(2, true), { title: "none" }));
});
