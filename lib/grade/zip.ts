/**
 * Reading a `.zip` archive from its central directory, carefully: every size is checked against
 * the archive's bounds, files are inflated in small steps so one that unpacks to more than it
 * declares (a zip bomb) is stopped early, and the Unix file type stored in each entry's external
 * attributes tells links from files. `fflate` does the inflating.
 *
 * @module
 */
import { Inflate } from "fflate";
import type { ArchiveEntry } from "./archive_entry.ts";
import type { Bilingual } from "../cli/language.ts";
import { type Budget, RejectedSubmission } from "./limits.ts";

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_HEADER = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
/** Hosts (in "version made by") whose external attributes hold a Unix mode: Unix and macOS. */
const UNIX_HOSTS = new Set([3, 19]);
const FILE_TYPE = 0o170000;
const SYMLINK = 0o120000;
const DIRECTORY = 0o040000;
const REGULAR = 0o100000;
const DOS_DIRECTORY = 0x10;
const STORED = 0;
const DEFLATED = 8;
const INFLATE_STEP = 4096;

/**
 * The entries of a zip archive, files unpacked; every entry and byte is counted in `budget`.
 * Throws {@linkcode RejectedSubmission} for a damaged, encrypted or oversized archive.
 *
 * @example
 * ```ts
 * const entries = readZip(await Deno.readFile("alice.zip"), new Budget(DEFAULT_LIMITS));
 * entries.map((entry) => entry.name); // ["exercises/", "exercises/01_softmax.ts"]
 * ```
 */
export function readZip(bytes: Uint8Array, budget: Budget): ArchiveEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = findEndOfDirectory(view);
  const count = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  if (count === 0xffff || offset === 0xffffffff) {
    throw unreadable({
      en: "uses ZIP64, which the grader does not read; zip only the exercise files",
      zh: "用的是 ZIP64 格式，评分器读不了；请只压缩练习文件",
    });
  }
  if (view.getUint16(end + 4, true) !== 0 || view.getUint16(end + 6, true) !== 0) {
    throw unreadable({ en: "is split into several parts", zh: "被分成了好几卷" });
  }
  const entries: ArchiveEntry[] = [];
  for (let index = 0; index < count; index++) {
    budget.addEntry();
    expectRecord(view, offset, 46, DIRECTORY_HEADER);
    const host = view.getUint8(offset + 5);
    const flags = view.getUint16(offset + 8, true);
    const method = view.getUint16(offset + 10, true);
    const compressedSize = view.getUint32(offset + 20, true);
    const size = view.getUint32(offset + 24, true);
    const nameLength = view.getUint16(offset + 28, true);
    const skipLength = view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true);
    const attributes = view.getUint32(offset + 38, true);
    const localOffset = view.getUint32(offset + 42, true);
    expectBytes(view, offset + 46, nameLength + skipLength);
    const name = new TextDecoder().decode(bytes.subarray(offset + 46, offset + 46 + nameLength));
    offset += 46 + nameLength + skipLength;
    const kind = entryKind(name, host, attributes);
    if (kind !== "file") {
      entries.push({ name, kind });
      continue;
    }
    if (flags & 1) {
      const quoted = JSON.stringify(name);
      throw unreadable({
        en: `holds an encrypted entry, ${quoted}`,
        zh: `含有一个加密的条目 ${quoted}`,
      });
    }
    budget.addBytes(size);
    const compressed = entryData(view, bytes, localOffset, compressedSize);
    entries.push({ name, kind, data: unpack(compressed, method, size, name) });
  }
  return entries;
}

function findEndOfDirectory(view: DataView): number {
  const last = view.byteLength - 22;
  for (let offset = last; offset >= Math.max(0, last - 0xffff); offset--) {
    if (view.getUint32(offset, true) === END_OF_DIRECTORY) return offset;
  }
  throw new RejectedSubmission({ en: "it is not a zip archive", zh: "它不是 zip 压缩包" });
}

function entryKind(name: string, host: number, attributes: number): ArchiveEntry["kind"] {
  if (UNIX_HOSTS.has(host)) {
    const type = (attributes >>> 16) & FILE_TYPE;
    if (type === SYMLINK) return "link";
    if (type === DIRECTORY) return "directory";
    if (type !== 0 && type !== REGULAR) return "other";
  }
  if (name.endsWith("/") || (host === 0 && attributes & DOS_DIRECTORY)) return "directory";
  return "file";
}

function entryData(
  view: DataView,
  bytes: Uint8Array,
  localOffset: number,
  compressedSize: number,
): Uint8Array {
  expectRecord(view, localOffset, 30, LOCAL_HEADER);
  const start = localOffset + 30 + view.getUint16(localOffset + 26, true) +
    view.getUint16(localOffset + 28, true);
  expectBytes(view, start, compressedSize);
  return bytes.subarray(start, start + compressedSize);
}

function unpack(compressed: Uint8Array, method: number, size: number, name: string): Uint8Array {
  if (method === STORED) {
    if (compressed.length !== size) throw unreadable(damagedAt(name));
    return compressed;
  }
  if (method !== DEFLATED) {
    const quoted = JSON.stringify(name);
    throw unreadable({
      en: `uses compression method ${method} for ${quoted}`,
      zh: `对 ${quoted} 用了压缩方法 ${method}`,
    });
  }
  const out = new Uint8Array(size);
  let written = 0;
  const inflater = new Inflate((chunk) => {
    if (written + chunk.length > size) {
      const quoted = JSON.stringify(name);
      throw new RejectedSubmission({
        en: `entry ${quoted} unpacks to more than it declares`,
        zh: `条目 ${quoted} 解压后比它声明的大`,
      });
    }
    out.set(chunk, written);
    written += chunk.length;
  });
  try {
    for (let at = 0; at < compressed.length; at += INFLATE_STEP) {
      inflater.push(
        compressed.subarray(at, at + INFLATE_STEP),
        at + INFLATE_STEP >= compressed.length,
      );
    }
  } catch (error) {
    if (error instanceof RejectedSubmission) throw error;
    const said = (error as Error).message;
    const damaged = damagedAt(name);
    throw unreadable({ en: `${damaged.en} (${said})`, zh: `${damaged.zh}（${said}）` });
  }
  if (written !== size) throw unreadable(damagedAt(name));
  return out;
}

function expectRecord(view: DataView, offset: number, length: number, signature: number): void {
  expectBytes(view, offset, length);
  if (view.getUint32(offset, true) !== signature) {
    throw unreadable({ en: "is damaged", zh: "损坏了" });
  }
}

function expectBytes(view: DataView, offset: number, length: number): void {
  if (offset + length > view.byteLength) {
    throw unreadable({ en: "is truncated", zh: "不完整（被截断了）" });
  }
}

function damagedAt(name: string): Bilingual {
  const quoted = JSON.stringify(name);
  return { en: `is damaged at ${quoted}`, zh: `在 ${quoted} 处损坏了` };
}

function unreadable(problem: Bilingual): RejectedSubmission {
  return new RejectedSubmission({
    en: `the zip archive ${problem.en}`,
    zh: `这个 zip 压缩包${problem.zh}`,
  });
}
