/**
 * What the network saw and what it answered: the prepared 28x28 input beside a bar of
 * probability for each digit.
 *
 * @module
 */
import type { TopLevelSpec } from "vega-lite";
import { barChartSpec } from "./bars.ts";
import { digitGridSpec } from "./digits.ts";

/**
 * A Vega-Lite spec showing `input` (784 values, 0-1) and the ten `probabilities`.
 *
 * @example
 * ```ts
 * const spec = predictionSpec(pixels, probabilities, { title: "my_seven.png: 7 (98.1%)" });
 * await writeChart("out/predict/my_seven.svg", spec);
 * ```
 */
export function predictionSpec(
  input: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  { title, caption = "28x28 input" }: { title: string; caption?: string },
): TopLevelSpec {
  const digit = digitGridSpec({
    images: [input],
    captions: [caption],
    title: "",
    maxValue: 1,
  });
  const bars = barChartSpec(
    Array.from(probabilities, (value, digit) => ({ name: String(digit), value })),
    { title: "", xTitle: "digit", yTitle: "probability", format: ".1~%" },
  );
  // Both builders return top-level specs; the untitled views nest as they are.
  return { title, hconcat: [digit, bars] } as unknown as TopLevelSpec;
}
