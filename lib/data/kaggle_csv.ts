/**
 * The Kaggle "digit-recognizer" CSV files: `train.csv` (`label,pixel0,...,pixel783`, one digit
 * per line) and `test.csv` (`pixel0,...,pixel783`, no labels), and the `submission.csv` Kaggle
 * expects back (`ImageId,Label`, ImageId counting from 1). Reading checks every cell and names
 * the file, line and column of the first bad one.
 *
 * @module
 */
import { dirname, join } from "node:path";
import { CLASSES, type Digits, PIXELS, sliceDigits } from "./digits.ts";
import { DataError } from "../cli/errors.ts";
import { shuffleDigits } from "./split.ts";

/** The header of Kaggle's `test.csv`: `pixel0,...,pixel783`. */
export const TEST_HEADER = Array.from({ length: PIXELS }, (_, i) => `pixel${i}`).join(",");

/** The header of Kaggle's `train.csv`: `label,pixel0,...,pixel783`. */
export const TRAIN_HEADER = `label,${TEST_HEADER}`;

/**
 * Parses the text of a Kaggle CSV file. With `labelled`, each line is a label 0-9 and 784
 * pixels 0-255 (`train.csv`); otherwise 784 pixels (`test.csv`; labels are then all 0).
 * Throws a {@linkcode DataError} naming `file`, the line and the column of the first problem.
 *
 * @example
 * ```ts
 * const train = parseKaggleCsv(await Deno.readTextFile("train.csv"), "train.csv", true);
 * train.count; // 42000
 * ```
 */
export function parseKaggleCsv(text: string, file: string, labelled: boolean): Digits {
  // Line ends may be CRLF, LF or CR alone; cells may be quoted (RFC 4180).
  const lines = text.split(/\r\n|\r|\n/);
  while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  const header = labelled ? TRAIN_HEADER : TEST_HEADER;
  const given = (lines[0] ?? "").split(",").map(unquote).join(",").trim();
  if (given !== header) {
    const differs = [...given].findIndex((character, i) => character !== header[i]);
    const from = Math.max(0, Math.min(differs < 0 ? header.length : differs, given.length) - 10);
    const dots = from > 0 ? "..." : "";
    const wanted = `${dots}${header.slice(from, from + 30)}...`;
    const start = `${dots}${given.slice(from, from + 30)}`;
    throw new DataError(file, {
      en: `line 1: expected the header "${wanted}", got "${start}"`,
      zh: `第 1 行：表头应当是 "${wanted}"，实际是 "${start}"`,
    });
  }
  const count = lines.length - 1;
  const columns = labelled ? PIXELS + 1 : PIXELS;
  const images = new Uint8Array(count * PIXELS);
  const labels = new Uint8Array(count);
  for (let row = 0; row < count; row++) {
    const line = row + 2;
    const cells = lines[row + 1].split(",").map(unquote);
    if (cells.length !== columns) {
      throw new DataError(file, {
        en: `line ${line}: ${cells.length} columns; expected ${columns}`,
        zh: `第 ${line} 行：有 ${cells.length} 列；应当是 ${columns} 列`,
      });
    }
    for (let column = 0; column < columns; column++) {
      const isLabel = labelled && column === 0;
      const max = isLabel ? CLASSES - 1 : 255;
      const cell = cells[column].trim();
      const value = Number(cell);
      if (!/^\d+$/.test(cell) || value > max) {
        const name = isLabel ? "label" : `pixel${column - (labelled ? 1 : 0)}`;
        const got = cells[column];
        throw new DataError(file, {
          en: `line ${line}, column ${
            column + 1
          } (${name}): expected a whole number 0-${max}, got "${got}"`,
          zh: `第 ${line} 行第 ${
            column + 1
          } 列（${name}）：应当是 0-${max} 的整数，实际是 "${got}"`,
        });
      }
      if (isLabel) labels[row] = value;
      else images[row * PIXELS + column - (labelled ? 1 : 0)] = value;
    }
  }
  return { images, labels, count };
}

/** A CSV cell without its RFC 4180 quotes (`"5"` is 5; `""` inside is one quote). */
function unquote(cell: string): string {
  const trimmed = cell.trim();
  return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')
    ? trimmed.slice(1, -1).replaceAll('""', '"')
    : cell;
}

/**
 * Reads `train.csv` and `test.csv` from `dir`. A missing folder or file is a
 * {@linkcode DataError} naming it.
 *
 * @example
 * ```ts
 * const { train, test } = await readKaggleCsv("data/kaggle");
 * ```
 */
export async function readKaggleCsv(dir: string): Promise<{ train: Digits; test: Digits }> {
  const stat = await Deno.stat(dir).catch(() => undefined);
  if (stat?.isFile) {
    const parent = dirname(dir) || ".";
    throw new DataError(dir, {
      en:
        `is a file; --csv expects the folder holding Kaggle's train.csv and test.csv (${parent}?)`,
      zh:
        `是一个文件；--csv 需要的是存放 Kaggle 的 train.csv 和 test.csv 的文件夹（是不是 ${parent}？）`,
    });
  }
  if (!stat?.isDirectory) {
    throw new DataError(dir, {
      en: "no such folder; --csv expects a folder holding Kaggle's train.csv and test.csv " +
        "(deno task kaggle-csv writes them from MNIST)",
      zh: "没有这个文件夹；--csv 需要一个存放 Kaggle 的 train.csv 和 test.csv 的文件夹" +
        "（deno task kaggle-csv 会从 MNIST 生成它们）",
    });
  }
  const read = async (name: string, labelled: boolean) => {
    const path = join(dir, name);
    const text = await Deno.readTextFile(path).catch(() => {
      throw new DataError(path, {
        en: "cannot read the file; expected Kaggle's " + name,
        zh: `无法读取这个文件；这里应当是 Kaggle 的 ${name}`,
      });
    });
    return parseKaggleCsv(text, path, labelled);
  };
  return { train: await read("train.csv", true), test: await read("test.csv", false) };
}

/** The digits as the text of a Kaggle CSV file, with labels (`train.csv`) or without. */
export function formatKaggleCsv(digits: Digits, labelled: boolean): string {
  const lines = [labelled ? TRAIN_HEADER : TEST_HEADER];
  for (let i = 0; i < digits.count; i++) {
    const pixels = digits.images.subarray(i * PIXELS, (i + 1) * PIXELS).join(",");
    lines.push(labelled ? `${digits.labels[i]},${pixels}` : pixels);
  }
  return lines.join("\n") + "\n";
}

/**
 * Kaggle's `submission.csv`: `ImageId,Label`, one line per test image, ImageId from 1.
 *
 * @example
 * ```ts
 * formatSubmission([7, 2]); // "ImageId,Label\n1,7\n2,2\n"
 * ```
 */
export function formatSubmission(predicted: ArrayLike<number>): string {
  const lines = ["ImageId,Label"];
  for (let i = 0; i < predicted.length; i++) lines.push(`${i + 1},${predicted[i]}`);
  return lines.join("\n") + "\n";
}

/** Rows in Kaggle's `train.csv`. */
export const KAGGLE_TRAIN_ROWS = 42_000;

/** Rows in Kaggle's `test.csv`. */
export const KAGGLE_TEST_ROWS = 28_000;

/**
 * Kaggle-sized train and test sets drawn from MNIST's 70,000 digits (Kaggle's competition
 * data is MNIST too): all digits in a seeded random order, the first 42,000 for `train`, the
 * other 28,000 for `test` (whose labels a Kaggle `test.csv` would not show).
 *
 * @example
 * ```ts
 * const { train, test } = kaggleFromMnist(await loadMnist(), createRng(42).next);
 * [train.count, test.count]; // [42000, 28000]
 * ```
 */
export function kaggleFromMnist(
  mnist: { train: Digits; test: Digits },
  random: () => number,
): { train: Digits; test: Digits } {
  const all = {
    images: concat(mnist.train.images, mnist.test.images),
    labels: concat(mnist.train.labels, mnist.test.labels),
    count: mnist.train.count + mnist.test.count,
  };
  const shuffled = shuffleDigits(all, random);
  const cut = Math.min(KAGGLE_TRAIN_ROWS, Math.round(all.count * 0.6));
  return {
    train: sliceDigits(shuffled, 0, cut),
    test: sliceDigits(shuffled, cut, all.count),
  };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}
