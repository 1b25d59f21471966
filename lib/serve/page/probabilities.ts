/**
 * The ten probabilities as bars, the most likely digit highlighted, redrawn at every change.
 *
 * @module
 */
import { create, type PageElement } from "./dom.ts";

/**
 * Shows `probabilities` (ten numbers, 0-1) as labelled bars in `container`, or empties it for
 * `undefined`; marks the most likely digit and returns it.
 *
 * @example
 * ```ts
 * showProbabilities(byId("bars"), Float32Array.of(0, 0, 0, 0, 0, 0, 0, 1, 0, 0)); // 7
 * ```
 */
export function showProbabilities(
  container: PageElement,
  probabilities: ArrayLike<number> | undefined,
): number | undefined {
  if (!probabilities) {
    container.replaceChildren();
    delete container.dataset.top;
    return undefined;
  }
  const values = Array.from(probabilities);
  const top = values.indexOf(Math.max(...values));
  container.replaceChildren(...values.map((p, digit) => {
    const row = create("div");
    row.className = digit === top ? "bar top" : "bar";
    const [label, track, fill, value] = ["span", "span", "span", "span"].map((tag) => create(tag));
    label.textContent = String(digit);
    track.className = "track";
    fill.className = "fill";
    fill.style.width = `${(p * 100).toFixed(1)}%`;
    track.append(fill);
    value.textContent = `${(p * 100).toFixed(1)}%`;
    row.append(label, track, value);
    return row;
  }));
  container.dataset.top = String(top);
  return top;
}
