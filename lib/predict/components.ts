/**
 * Connected components of a mask: the separate blobs of ink (pixels touching by a side or a
 * corner belong together), each with its size, weight and place.
 *
 * @module
 */

/** One blob of ink. */
export interface Component {
  /** Its pixels. */
  area: number;
  /** The sum of its pixels' weights. */
  mass: number;
  /** Its bounding box, inclusive. */
  left: number;
  /** Top row of the bounding box. */
  top: number;
  /** Right column of the bounding box. */
  right: number;
  /** Bottom row of the bounding box. */
  bottom: number;
  /** Its centre of mass. */
  centreX: number;
  /** Its centre of mass, vertically. */
  centreY: number;
}

/**
 * The blobs of the pixels where `weights` is above 0 in a `width` x `height` image, and each
 * pixel's blob number in `labels` (-1 for none; blob `i` is `components[i]`).
 *
 * @example
 * ```ts
 * connectedComponents(Float32Array.of(1, 0, 0, 1), 4, 1).components.length; // 2
 * ```
 */
export function connectedComponents(
  weights: Float32Array,
  width: number,
  height: number,
): { labels: Int32Array; components: Component[] } {
  const labels = new Int32Array(weights.length).fill(-1);
  const components: Component[] = [];
  const stack = new Int32Array(weights.length);
  for (let start = 0; start < weights.length; start++) {
    if (weights[start] <= 0 || labels[start] >= 0) continue;
    const label = components.length;
    const blob = { area: 0, mass: 0, left: width, top: height, right: -1, bottom: -1 };
    let [sumX, sumY, size] = [0, 0, 0];
    labels[start] = label;
    stack[size++] = start;
    while (size > 0) {
      const at = stack[--size];
      const [x, y, weight] = [at % width, Math.floor(at / width), weights[at]];
      blob.area++;
      blob.mass += weight;
      sumX += weight * x;
      sumY += weight * y;
      blob.left = Math.min(blob.left, x);
      blob.right = Math.max(blob.right, x);
      blob.top = Math.min(blob.top, y);
      blob.bottom = Math.max(blob.bottom, y);
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const [nx, ny] = [x + dx, y + dy];
          if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
          const next = ny * width + nx;
          if (weights[next] <= 0 || labels[next] >= 0) continue;
          labels[next] = label;
          stack[size++] = next;
        }
      }
    }
    components.push({ ...blob, centreX: sumX / blob.mass, centreY: sumY / blob.mass });
  }
  return { labels, components };
}
