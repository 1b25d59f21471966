/**
 * The chart predict writes: the prepared input beside each digit's probability, as a short
 * percentage.
 */
import { assertEquals, assertStringIncludes } from "@std/assert";
import { join } from "node:path";
import { predictionSpec } from "../../lib/charts/prediction.ts";
import { writeChart } from "../../lib/charts/render.ts";

Deno.test("the prediction chart labels each bar with a short percentage", async () => {
  const dir = await Deno.makeTempDir();
  const probabilities = [0.000012345, 0.0123, 0, 0, 0, 0, 0, 0.983, 0.0046655, 0];
  const input = Float32Array.from({ length: 784 }, (_, i) => (i % 28 > 10 && i % 28 < 14 ? 1 : 0));
  const path = await writeChart(
    join(dir, "seven.svg"),
    predictionSpec(input, probabilities, { title: "seven.png: 7 (98.3%)" }),
  );
  const svg = await Deno.readTextFile(path);
  const labels = [...svg.matchAll(/<text[^>]*>([^<]*%)<\/text>/g)].map((m) => m[1]);
  for (const label of ["98.3%", "1.2%", "0.5%", "0%"]) {
    assertStringIncludes(labels.join(" "), label);
  }
  assertEquals(labels.filter((label) => !/^\d{1,3}(\.\d)?%$/.test(label)), [], "long labels");
  assertStringIncludes(svg, "seven.png: 7 (98.3%)");
  await Deno.remove(dir, { recursive: true });
});
