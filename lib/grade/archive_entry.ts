/**
 * One entry of an archive as its reader found it, before any decision about writing it. The
 * readers (`zip.ts`, `tar.ts`) only describe; `extract.ts` decides what is allowed.
 *
 * @module
 */

/** One archive entry. */
export interface ArchiveEntry {
  /** The name stored in the archive, untrusted. */
  name: string;
  /** `link` is a symbolic or hard link; `other` a device, pipe or anything else. */
  kind: "file" | "directory" | "link" | "other";
  /** The unpacked contents of a file. */
  data?: Uint8Array;
}
