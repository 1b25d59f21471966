/**
 * Test helper: builds `.zip` and `.tar.gz` archives in memory, including the malicious kinds the
 * grader must refuse (`../` paths, links), so no binary archive is committed.
 */
import { gzipSync, zipSync } from "fflate";

/** One entry of a test archive: a file (`data`), a folder, or a link. */
export interface TestEntry {
  /** The stored name, used as is (so `../x` stays `../x`). */
  name: string;
  /** A file's contents. */
  data?: string | Uint8Array;
  /** A symbolic link's target. */
  symlink?: string;
  /** A hard link's target (tar only). */
  hardLink?: string;
}

const FIXED_TIME = new Date("2024-01-01T00:00:00Z");
const UNIX = 3;
const SYMLINK_MODE = 0o120777;

function bytes(data: string | Uint8Array | undefined): Uint8Array {
  return typeof data === "string" ? new TextEncoder().encode(data) : data ?? new Uint8Array();
}

/** A zip archive of `entries`; links carry a Unix symlink mode, as `zip --symlinks` writes. */
export function zipArchive(entries: TestEntry[]): Uint8Array {
  return zipSync(
    Object.fromEntries(entries.map((entry) => {
      if (entry.hardLink) throw new Error("zip archives have no hard links");
      const attributes = entry.symlink === undefined
        ? {}
        : { os: UNIX, attrs: SYMLINK_MODE << 16, level: 0 as const };
      return [entry.name, [bytes(entry.symlink ?? entry.data), {
        mtime: FIXED_TIME,
        ...attributes,
      }]];
    })),
  );
}

/** A gzip-compressed POSIX ustar archive of `entries` (names up to 100 bytes). */
export function tarGzArchive(entries: TestEntry[]): Uint8Array {
  const blocks: Uint8Array[] = [];
  for (const entry of entries) {
    const data = bytes(entry.data);
    const type = entry.symlink !== undefined ? "2" : entry.hardLink !== undefined ? "1" : "0";
    blocks.push(tarHeader(entry.name, type, data.length, entry.symlink ?? entry.hardLink ?? ""));
    const padded = new Uint8Array(Math.ceil(data.length / 512) * 512);
    padded.set(data);
    blocks.push(padded);
  }
  blocks.push(new Uint8Array(1024));
  const tar = new Uint8Array(blocks.reduce((sum, block) => sum + block.length, 0));
  let at = 0;
  for (const block of blocks) {
    tar.set(block, at);
    at += block.length;
  }
  return gzipSync(tar, { mtime: FIXED_TIME });
}

function tarHeader(name: string, type: string, size: number, link: string): Uint8Array {
  const header = new Uint8Array(512);
  const put = (offset: number, text: string) => header.set(new TextEncoder().encode(text), offset);
  const octal = (value: number, width: number) => value.toString(8).padStart(width - 1, "0") + "\0";
  put(0, name);
  put(100, octal(0o644, 8));
  put(108, octal(0, 8));
  put(116, octal(0, 8));
  put(124, octal(size, 12));
  put(136, octal(FIXED_TIME.getTime() / 1000, 12));
  put(148, "        ");
  put(156, type);
  put(157, link);
  put(257, "ustar\u000000");
  const sum = header.reduce((total, byte) => total + byte, 0);
  put(148, sum.toString(8).padStart(6, "0") + "\0 ");
  return header;
}
