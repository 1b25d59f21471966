/**
 * Comparing every pair of submissions of one exercise file by their winnowed fingerprints:
 * fingerprints of the shipped stub are removed first (every student starts from it), then an
 * index from fingerprint to the students holding it counts what each pair shares, so a class
 * costs time in proportion to what students actually share rather than to every pair's files.
 *
 * @module
 */
import { tokenize } from "./tokens.ts";
import { DEFAULT_SIZES, type Fingerprint, winnow, type WinnowSizes } from "./winnow.ts";

/** One student's copy of the exercise file. */
export interface SourceFile {
  /** The student's id. */
  student: string;
  /** The file's text. */
  text: string;
}

/** A run of source lines, both ends included (1-based). */
export type LineRange = [from: number, to: number];

/** Two students' files compared. */
export interface PairSimilarity {
  /** The first student's id (the smaller, in sort order). */
  a: string;
  /** The second student's id. */
  b: string;
  /**
   * Shared fingerprints over the mean number each file has (0 to 1), stub code left out:
   * 2|A∩B| / (|A| + |B|), as JPlag's "average similarity".
   */
  score: number;
  /** Lines of `a`'s file covered by shared fingerprints. */
  linesA: LineRange[];
  /** Lines of `b`'s file covered by shared fingerprints. */
  linesB: LineRange[];
}

/**
 * Every pair of `files` that shares at least one fingerprint not found in `base` (the shipped
 * stub's text, when there is one), most similar first; pairs with equal scores in id order.
 *
 * @example
 * ```ts
 * const pairs = comparePairs([{ student: "ann", text: a }, { student: "bo", text: b }], stub);
 * pairs[0]; // { a: "ann", b: "bo", score: 0.93, linesA: [[12, 30]], linesB: [[40, 58]] }
 * ```
 */
export function comparePairs(
  files: SourceFile[],
  base = "",
  sizes: WinnowSizes = DEFAULT_SIZES,
): PairSimilarity[] {
  const excluded = new Set(winnow(tokenize(base), sizes).map((print) => print.hash));
  const sorted = [...files].sort((x, y) => (x.student < y.student ? -1 : 1));
  const tokens = sorted.map((file) => tokenize(file.text));
  const tokenLines = tokens.map((list) => list.map((token) => token.line));
  const prints = tokens.map((list) =>
    winnow(list, sizes).filter((print) => !excluded.has(print.hash))
  );
  const hashSets = prints.map((list) => new Set(list.map((print) => print.hash)));
  const holders = new Map<number, number[]>();
  hashSets.forEach((set, student) => {
    for (const hash of set) {
      const list = holders.get(hash);
      if (list) list.push(student);
      else holders.set(hash, [student]);
    }
  });
  const shared = new Map<number, number>();
  const count = sorted.length;
  for (const students of holders.values()) {
    for (let x = 0; x < students.length; x++) {
      for (let y = x + 1; y < students.length; y++) {
        const key = students[x] * count + students[y];
        shared.set(key, (shared.get(key) ?? 0) + 1);
      }
    }
  }
  const pairs: PairSimilarity[] = [];
  for (const [key, common] of shared) {
    const [x, y] = [Math.floor(key / count), key % count];
    const inBoth = (hash: number) => hashSets[x].has(hash) && hashSets[y].has(hash);
    pairs.push({
      a: sorted[x].student,
      b: sorted[y].student,
      score: (2 * common) / (hashSets[x].size + hashSets[y].size),
      linesA: coveredLines(prints[x].filter((print) => inBoth(print.hash)), tokenLines[x], sizes.k),
      linesB: coveredLines(prints[y].filter((print) => inBoth(print.hash)), tokenLines[y], sizes.k),
    });
  }
  return pairs.sort((p, q) =>
    q.score - p.score || (p.a < q.a ? -1 : p.a > q.a ? 1 : p.b < q.b ? -1 : p.b > q.b ? 1 : 0)
  );
}

/**
 * The lines holding a token of `prints` (each covering `k` tokens from its start), given each
 * token's line, as sorted ranges of consecutive lines. Lines with no token (comments, blank
 * lines) are not covered, so they split ranges.
 *
 * @example
 * ```ts
 * coveredLines([{ hash: 1, start: 0 }], [3, 3, 4, 6], 4); // [[3, 4], [6, 6]]
 * ```
 */
export function coveredLines(prints: Fingerprint[], tokenLines: number[], k: number): LineRange[] {
  const lines = new Set<number>();
  for (const { start } of prints) {
    for (let i = start; i < Math.min(start + k, tokenLines.length); i++) lines.add(tokenLines[i]);
  }
  const merged: LineRange[] = [];
  for (const line of [...lines].sort((a, b) => a - b)) {
    const last = merged.at(-1);
    if (last && line === last[1] + 1) last[1] = line;
    else merged.push([line, line]);
  }
  return merged;
}
