import { assertEquals, assertRejects } from "@std/assert";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { DataError } from "../../../lib/cli/errors.ts";
import { encodeIdx } from "../../../lib/data/idx.ts";
import { loadMnist, MNIST_FILES } from "../../../lib/data/mnist.ts";

Deno.test("the packaged MNIST loads with its checksums: 60,000 + 10,000 labelled digits", async () => {
  const { train, test } = await loadMnist();
  assertEquals([train.count, test.count], [60000, 10000]);
  assertEquals([train.images.length, test.images.length], [60000 * 784, 10000 * 784]);
  assertEquals(Array.from(train.labels.subarray(0, 5)), [5, 0, 4, 1, 9]);
  assertEquals(Array.from(test.labels.subarray(0, 5)), [7, 2, 1, 0, 4]);
});

async function writeFolder(files: Record<string, Uint8Array>): Promise<string> {
  const dir = await Deno.makeTempDir();
  for (const [name, bytes] of Object.entries(files)) await Deno.writeFile(join(dir, name), bytes);
  return dir;
}

function fixture(trainCount: number, testLabels: number[]): Record<string, Uint8Array> {
  return {
    [MNIST_FILES.trainImages.name]: encodeIdx({
      dims: [trainCount, 28, 28],
      data: new Uint8Array(trainCount * 784),
    }),
    [`${MNIST_FILES.trainLabels.name}.gz`]: new Uint8Array(
      gzipSync(encodeIdx({ dims: [trainCount], data: new Uint8Array(trainCount).fill(3) })),
    ),
    [MNIST_FILES.testImages.name]: encodeIdx({
      dims: [testLabels.length, 28, 28],
      data: new Uint8Array(testLabels.length * 784),
    }),
    [MNIST_FILES.testLabels.name]: encodeIdx({
      dims: [testLabels.length],
      data: Uint8Array.from(testLabels),
    }),
  };
}

Deno.test("--data reads the four standard files from a folder, raw or .gz", async () => {
  const dir = await writeFolder(fixture(4, [1, 2]));
  const mnist = await loadMnist(dir);
  assertEquals([mnist.train.count, mnist.test.count], [4, 2]);
  assertEquals(Array.from(mnist.train.labels), [3, 3, 3, 3]);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("bad data folders and files give errors naming them", async () => {
  await assertRejects(
    () => loadMnist("/nonexistent/mnist"),
    DataError,
    "/nonexistent/mnist: does not exist",
  );
  const badLabel = await writeFolder(fixture(2, [1, 12]));
  await assertRejects(() => loadMnist(badLabel), DataError, "label 1 is 12; labels must be 0-9");
  const files = fixture(2, [1, 2]);
  files[MNIST_FILES.testLabels.name] = encodeIdx({ dims: [3], data: new Uint8Array(3) });
  const mismatch = await writeFolder(files);
  await assertRejects(() => loadMnist(mismatch), DataError, "has 3 labels but");
  const missing = await writeFolder({ [MNIST_FILES.trainImages.name]: new Uint8Array(0) });
  await assertRejects(() => loadMnist(missing), DataError, "has no train-labels-idx1-ubyte");
  for (const dir of [badLabel, mismatch, missing]) await Deno.remove(dir, { recursive: true });
});
