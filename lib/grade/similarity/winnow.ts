/**
 * Winnowing (Schleimer, Wilkerson and Aiken, "Winnowing: local algorithms for document
 * fingerprinting", SIGMOD 2003; the method behind MOSS): hash every run of `k` consecutive
 * normalised tokens, then keep, in every window of `w` consecutive hashes, the smallest. Any
 * run of at least `k + w - 1` tokens two files share is then certain to give them a common
 * fingerprint, while a file keeps only about `2 / (w + 1)` of its hashes.
 *
 * @module
 */
import type { Token } from "./tokens.ts";

/** One kept hash and where its `k` tokens are. */
export interface Fingerprint {
  /** The hash of `k` normalised tokens (32-bit). */
  hash: number;
  /** Index of the first of its tokens. */
  start: number;
}

/** Winnowing's two sizes. */
export interface WinnowSizes {
  /** Tokens per hashed run (the noise threshold: shorter shared runs are ignored). */
  k: number;
  /** Hashes per window (every shared run of `k + w - 1` tokens is found). */
  w: number;
}

/** Sizes that suit exercise files: shared runs of 12 tokens ignored, 20 always found. */
export const DEFAULT_SIZES: WinnowSizes = { k: 12, w: 9 };

/**
 * The winnowed fingerprints of `tokens`, in source order (a file shorter than `k` tokens has
 * none).
 *
 * @example
 * ```ts
 * const prints = winnow(tokenize(source));
 * prints[0]; // { hash: 123456789, start: 0 }
 * ```
 */
export function winnow(tokens: Token[], sizes: WinnowSizes = DEFAULT_SIZES): Fingerprint[] {
  const { k, w } = sizes;
  const codes = tokens.map((token) => stringHash(token.norm));
  const hashes: number[] = [];
  for (let start = 0; start + k <= codes.length; start++) {
    let hash = 0x811c9dc5;
    for (let j = start; j < start + k; j++) hash = Math.imul(hash ^ codes[j], 0x01000193);
    hashes.push(hash >>> 0);
  }
  const kept: Fingerprint[] = [];
  if (hashes.length === 0) return kept;
  let last = -1;
  for (let end = Math.min(w, hashes.length); end <= hashes.length; end++) {
    let smallest = end - 1;
    // The rightmost minimum, as the paper picks it, so a run of equal hashes is kept once.
    for (let j = end - 1; j >= Math.max(0, end - w); j--) {
      if (hashes[j] < hashes[smallest]) smallest = j;
    }
    if (smallest !== last) {
      kept.push({ hash: hashes[smallest], start: smallest });
      last = smallest;
    }
  }
  return kept;
}

/** A 32-bit FNV-1a hash of `text`. */
function stringHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}
