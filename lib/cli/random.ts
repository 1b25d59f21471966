/**
 * One seed for everything random in a run. The course's own choices (shuffles, splits,
 * subsets) draw from generators made here; TensorFlow.js draws its unseeded randomness (weight
 * initialisers, dropout masks, random ops) from `Math.random`, so {@linkcode seedEverything}
 * replaces `Math.random` with a seeded generator too. Same seed, same backend: same numbers.
 *
 * @module
 */

/** A seeded source of random floats in [0, 1). */
export interface Rng {
  /** The next float in [0, 1). */
  next: () => number;
}

/**
 * A small, fast, seeded generator (mulberry32). Good enough for shuffling and initialising
 * networks; not for cryptography.
 *
 * @example
 * ```ts
 * const rng = createRng(42);
 * rng.next(); // always the same first number for seed 42
 * ```
 */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  return {
    next() {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

/**
 * A seed derived from `seed` and a purpose name, so independent streams (data order, weight
 * initialisation, augmentation) do not shift when one of them draws more numbers.
 */
export function deriveSeed(seed: number, purpose: string): number {
  let hash = (seed ^ 0x811c9dc5) >>> 0;
  for (let i = 0; i < purpose.length; i++) {
    hash = Math.imul(hash ^ purpose.charCodeAt(i), 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * Seeds TensorFlow.js (through `Math.random`) and returns the generator for the course's own
 * data choices. Call it once at the start of a run, before building models.
 *
 * @example
 * ```ts
 * const rng = seedEverything(42);
 * const order = shuffledIndices(100, rng.next);
 * ```
 */
export function seedEverything(seed: number): Rng {
  Math.random = createRng(deriveSeed(seed, "tensorflow")).next;
  return createRng(deriveSeed(seed, "data"));
}
