/**
 * Running asynchronous jobs a few at a time.
 *
 * @module
 */

/**
 * Calls `work` on every item, at most `jobs` at once, and returns the results in the items'
 * order. `work` also receives its job slot (0 to `jobs` - 1): no two calls run at the same time
 * in the same slot.
 *
 * @example
 * ```ts
 * await mapConcurrently([1, 2, 3], 2, async (n) => n * 2); // [2, 4, 6]
 * ```
 */
export async function mapConcurrently<T, R>(
  items: readonly T[],
  jobs: number,
  work: (item: T, slot: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (slot: number) => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index], slot);
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(jobs, items.length) }, (_, slot) => worker(slot)),
  );
  return results;
}
