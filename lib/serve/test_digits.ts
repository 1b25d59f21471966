/**
 * MNIST's test digits for the page (`/api/test-digits`), read from the course's installed copy
 * of MNIST: one byte per label, then every image's 784 bytes, 7.85 MB in all.
 *
 * @module
 */
import { join } from "node:path";
import { defaultMnistDir, loadDigitFiles, MNIST_FILES } from "../data/mnist.ts";

/**
 * The test set's labels followed by its images, as one byte array.
 *
 * @example
 * ```ts
 * (await testDigitBytes()).length; // 7_850_000: 10,000 labels and 10,000 x 784 pixels
 * ```
 */
export async function testDigitBytes(dir = defaultMnistDir()): Promise<Uint8Array<ArrayBuffer>> {
  const { labels, images } = await loadDigitFiles(
    join(dir, MNIST_FILES.testImages.name),
    join(dir, MNIST_FILES.testLabels.name),
  );
  const bytes = new Uint8Array(labels.length + images.length);
  bytes.set(labels);
  bytes.set(images, labels.length);
  return bytes;
}
