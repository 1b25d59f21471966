/**
 * Resizing a one-channel image by area averaging, as MNIST's digits were scaled into their
 * 20x20 box: each new pixel is the average of the part of the old image it covers.
 *
 * @module
 */

/** For each output position along an axis, the source positions it covers and their shares. */
function areaWeights(length: number, newLength: number): { index: number; weight: number }[][] {
  const scale = length / newLength;
  return Array.from({ length: newLength }, (_, j) => {
    const [start, end] = [j * scale, (j + 1) * scale];
    const taps = [];
    for (let i = Math.floor(start); i < Math.min(length, Math.ceil(end)); i++) {
      const overlap = Math.min(end, i + 1) - Math.max(start, i);
      if (overlap > 0) taps.push({ index: i, weight: overlap / scale });
    }
    return taps;
  });
}

/**
 * Resizes a `width` x `height` image to `newWidth` x `newHeight`, each new pixel the average of
 * the area of the old image it covers.
 *
 * @example
 * ```ts
 * resizeByArea(Float32Array.of(0, 1, 1, 0), 2, 2, 1, 1); // [0.5]
 * ```
 */
export function resizeByArea(
  pixels: Float32Array,
  width: number,
  height: number,
  newWidth: number,
  newHeight: number,
): Float32Array {
  const columns = areaWeights(width, newWidth);
  const rows = areaWeights(height, newHeight);
  const narrowed = new Float32Array(newWidth * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < newWidth; x++) {
      let sum = 0;
      for (const { index, weight } of columns[x]) sum += pixels[y * width + index] * weight;
      narrowed[y * newWidth + x] = sum;
    }
  }
  const resized = new Float32Array(newWidth * newHeight);
  for (let y = 0; y < newHeight; y++) {
    for (let x = 0; x < newWidth; x++) {
      let sum = 0;
      for (const { index, weight } of rows[y]) sum += narrowed[index * newWidth + x] * weight;
      resized[y * newWidth + x] = sum;
    }
  }
  return resized;
}
