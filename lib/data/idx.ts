/**
 * The IDX file format MNIST is published in: a 4-byte magic number (two zero bytes, a type
 * code, the number of dimensions), one big-endian 32-bit size per dimension, then the values.
 * MNIST uses unsigned bytes (type code `0x08`): images have 3 dimensions `[count, rows, cols]`,
 * labels have one `[count]`. Gzip-compressed files (`*.gz`) are unpacked transparently.
 *
 * @module
 */
import { gunzipSync } from "node:zlib";
import { DataError } from "../cli/errors.ts";

/** An n-dimensional array of unsigned bytes read from (or written to) an IDX file. */
export interface IdxArray {
  /** Size of each dimension, outermost first, e.g. `[60000, 28, 28]`. */
  dims: number[];
  /** The values in row-major order; its length is the product of `dims`. */
  data: Uint8Array;
}

const UNSIGNED_BYTE = 0x08;
const HEADER_BYTES = 4;

/** True when `bytes` starts with the gzip magic number `1f 8b`. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Parses the bytes of an IDX file of unsigned bytes, gunzipping them first if needed.
 * `source` names the file in error messages.
 *
 * @example
 * ```ts
 * const labels = parseIdx(encodeIdx({ dims: [3], data: new Uint8Array([7, 2, 1]) }), "labels");
 * labels.dims; // [3]
 * ```
 */
export function parseIdx(bytes: Uint8Array, source: string): IdxArray {
  const raw = isGzip(bytes) ? gunzip(bytes, source) : bytes;
  if (raw.length < HEADER_BYTES) {
    throw new DataError(source, {
      en: `is too short to be an IDX file (${raw.length} bytes)`,
      zh: `太短，不是 IDX 文件（只有 ${raw.length} 字节）`,
    });
  }
  if (raw[0] !== 0 || raw[1] !== 0) {
    throw new DataError(
      source,
      {
        en: "is not an IDX file: its magic number must start with two zero bytes",
        zh: "不是 IDX 文件：它的魔数必须以两个零字节开头",
      },
    );
  }
  if (raw[2] !== UNSIGNED_BYTE) {
    throw new DataError(
      source,
      {
        en: `has IDX type code 0x${hex(raw[2])}; expected 0x08 (unsigned bytes), as MNIST uses`,
        zh: `IDX 类型码是 0x${hex(raw[2])}；应当是 MNIST 用的 0x08（无符号字节）`,
      },
    );
  }
  const rank = raw[3];
  if (rank === 0) {
    throw new DataError(source, {
      en: "declares 0 dimensions; expected at least 1",
      zh: "声明了 0 个维度；至少应有 1 个",
    });
  }
  const dataStart = HEADER_BYTES + 4 * rank;
  if (raw.length < dataStart) {
    throw new DataError(source, {
      en: `is truncated inside its header (${rank} dimensions declared)`,
      zh: `在文件头内就被截断了（声明了 ${rank} 个维度）`,
    });
  }
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const dims = Array.from({ length: rank }, (_, i) => view.getUint32(HEADER_BYTES + 4 * i, false));
  const expected = dims.reduce((product, size) => product * size, 1);
  const actual = raw.length - dataStart;
  if (actual < expected) {
    throw new DataError(
      source,
      {
        en: `is truncated: dimensions [${
          dims.join(", ")
        }] need ${expected} bytes of data, found ${actual}`,
        zh: `被截断了：维度 [${dims.join(", ")}] 需要 ${expected} 字节数据，实际只有 ${actual}`,
      },
    );
  }
  if (actual > expected) {
    throw new DataError(
      source,
      {
        en: `has ${actual - expected} bytes after the ${expected} its dimensions [${
          dims.join(", ")
        }] declare`,
        zh: `在维度 [${dims.join(", ")}] 声明的 ${expected} 字节之后还多出 ${
          actual - expected
        } 字节`,
      },
    );
  }
  return { dims, data: raw.subarray(dataStart) };
}

/**
 * Encodes an array of unsigned bytes as an IDX file (uncompressed). Used to build test fixtures.
 *
 * @example
 * ```ts
 * const bytes = encodeIdx({ dims: [2, 2, 2], data: new Uint8Array(8) });
 * bytes.length; // 4 + 3 * 4 + 8
 * ```
 */
export function encodeIdx({ dims, data }: IdxArray): Uint8Array {
  const expected = dims.reduce((product, size) => product * size, 1);
  if (data.length !== expected) {
    throw new RangeError(`encodeIdx: dims [${dims}] need ${expected} values, got ${data.length}`);
  }
  const dataStart = HEADER_BYTES + 4 * dims.length;
  const bytes = new Uint8Array(dataStart + data.length);
  const view = new DataView(bytes.buffer);
  bytes.set([0, 0, UNSIGNED_BYTE, dims.length]);
  dims.forEach((size, i) => view.setUint32(HEADER_BYTES + 4 * i, size, false));
  bytes.set(data, dataStart);
  return bytes;
}

/** Reads and parses an IDX file from disk (raw or gzip). Errors name the file. */
export async function readIdxFile(path: string): Promise<IdxArray> {
  return parseIdx(await readDataFile(path), path);
}

/** Reads a whole file, turning "not found" and permission problems into a {@linkcode DataError}. */
export async function readDataFile(path: string): Promise<Uint8Array> {
  try {
    return await Deno.readFile(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw new DataError(path, { en: "does not exist", zh: "不存在" });
    }
    const why = (error as Error).message;
    throw new DataError(path, { en: `cannot be read (${why})`, zh: `无法读取（${why}）` });
  }
}

function gunzip(bytes: Uint8Array, source: string): Uint8Array {
  try {
    return new Uint8Array(gunzipSync(bytes));
  } catch (error) {
    throw new DataError(
      source,
      {
        en: `is a corrupt or truncated gzip file (${(error as Error).message})`,
        zh: `是损坏或被截断的 gzip 文件（${(error as Error).message}）`,
      },
    );
  }
}

function hex(byte: number): string {
  return byte.toString(16).padStart(2, "0");
}
