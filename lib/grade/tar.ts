/**
 * Reading a `.tar.gz` archive: `fflate` gunzips it in small steps under a size cap (so a gzip
 * bomb stops early), then a small ustar reader walks the 512-byte headers, verifying each
 * header's checksum, following GNU long names and POSIX `pax` paths, and telling links and
 * devices from files.
 *
 * @module
 */
import { Gunzip } from "fflate";
import type { ArchiveEntry } from "./archive_entry.ts";
import type { Bilingual } from "../cli/language.ts";
import { type Budget, RejectedSubmission, type SubmissionLimits, tooLarge } from "./limits.ts";

const BLOCK = 512;
const GUNZIP_STEP = 4096;
/** Header bytes a tar may add per entry (header, pax record, padding) beyond the files. */
const OVERHEAD_PER_ENTRY = 4 * BLOCK;
const KINDS: Record<string, ArchiveEntry["kind"]> = {
  "0": "file",
  "\0": "file",
  "7": "file",
  "5": "directory",
  "1": "link",
  "2": "link",
};

/**
 * The entries of a gzip-compressed tar archive, files unpacked; every entry and byte is counted
 * in `budget`. Throws {@linkcode RejectedSubmission} for a damaged or oversized archive.
 *
 * @example
 * ```ts
 * const entries = readTarGz(await Deno.readFile("bob.tar.gz"), new Budget(DEFAULT_LIMITS));
 * ```
 */
export function readTarGz(bytes: Uint8Array, budget: Budget): ArchiveEntry[] {
  return readTar(gunzip(bytes, budget.limits), budget);
}

/** The entries of an uncompressed tar archive (see {@linkcode readTarGz}). */
function readTar(tar: Uint8Array, budget: Budget): ArchiveEntry[] {
  const entries: ArchiveEntry[] = [];
  let longName: string | undefined;
  let offset = 0;
  while (offset + BLOCK <= tar.length) {
    const header = tar.subarray(offset, offset + BLOCK);
    if (header.every((byte) => byte === 0)) break;
    if (checksum(header) !== octal(header, 148, 8)) throw unreadable(DAMAGED_HEADER);
    const type = String.fromCharCode(header[156]);
    const size = octal(header, 124, 12);
    const start = offset + BLOCK;
    if (start + size > tar.length) {
      throw unreadable({ en: "is truncated", zh: "不完整（被截断了）" });
    }
    const data = tar.subarray(start, start + size);
    offset = start + Math.ceil(size / BLOCK) * BLOCK;
    if (type === "L") longName = text(data);
    else if (type === "x") longName = paxPath(data) ?? longName;
    else if (type !== "g" && type !== "K") {
      budget.addEntry();
      const name = longName ?? headerName(header);
      longName = undefined;
      const kind = KINDS[type] ?? "other";
      if (kind === "file") budget.addBytes(size);
      entries.push(kind === "file" ? { name, kind, data } : { name, kind });
    }
  }
  return entries;
}

function gunzip(bytes: Uint8Array, limits: SubmissionLimits): Uint8Array {
  const cap = limits.maxBytes + (limits.maxEntries + 2) * OVERHEAD_PER_ENTRY;
  const chunks: Uint8Array[] = [];
  let total = 0;
  const stream = new Gunzip((chunk) => {
    total += chunk.length;
    if (total > cap) {
      throw tooLarge(limits);
    }
    chunks.push(chunk);
  });
  try {
    for (let at = 0; at < bytes.length; at += GUNZIP_STEP) {
      stream.push(bytes.subarray(at, at + GUNZIP_STEP), at + GUNZIP_STEP >= bytes.length);
    }
  } catch (error) {
    if (error instanceof RejectedSubmission) throw error;
    const said = (error as Error).message;
    throw unreadable({
      en: `is not valid gzip data (${said})`,
      zh: `不是有效的 gzip 数据（${said}）`,
    });
  }
  const tar = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    tar.set(chunk, at);
    at += chunk.length;
  }
  return tar;
}

function headerName(header: Uint8Array): string {
  const name = text(header.subarray(0, 100));
  // POSIX ustar ("ustar\0") keeps a path prefix here; GNU tar ("ustar  ") keeps timestamps.
  const posix = text(header.subarray(257, 263)) === "ustar";
  const prefix = posix ? text(header.subarray(345, 500)) : "";
  return prefix ? `${prefix}/${name}` : name;
}

function checksum(header: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : header[i];
  return sum;
}

function octal(header: Uint8Array, start: number, length: number): number {
  if (header[start] & 0x80) {
    throw unreadable({ en: "holds an entry too large to read", zh: "含有一个大到无法读取的条目" });
  }
  const digits = text(header.subarray(start, start + length)).trim();
  if (!/^[0-7]*$/.test(digits)) throw unreadable(DAMAGED_HEADER);
  return digits === "" ? 0 : parseInt(digits, 8);
}

/** The `path` record of a pax extended header: records read `<length> <key>=<value>\n`. */
function paxPath(data: Uint8Array): string | undefined {
  let at = 0;
  while (at < data.length) {
    const space = data.indexOf(0x20, at);
    const length = Number(text(data.subarray(at, space)));
    if (space < 0 || !Number.isInteger(length) || at + length > data.length) break;
    const record = text(data.subarray(space + 1, at + length - 1));
    if (record.startsWith("path=")) return record.slice("path=".length);
    at += Math.max(length, space - at + 1);
  }
  return undefined;
}

/** A NUL-terminated field as text. */
function text(field: Uint8Array): string {
  const end = field.indexOf(0);
  return new TextDecoder().decode(end < 0 ? field : field.subarray(0, end));
}

const DAMAGED_HEADER: Bilingual = { en: "has a damaged header", zh: "有损坏的头部" };

function unreadable(problem: Bilingual): RejectedSubmission {
  return new RejectedSubmission({
    en: `the .tar.gz archive ${problem.en}`,
    zh: `这个 .tar.gz 压缩包${problem.zh}`,
  });
}
