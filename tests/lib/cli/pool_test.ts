/** Jobs run a few at a time and their results keep the items' order. */
import { assertEquals } from "@std/assert";
import { mapConcurrently } from "../../../lib/cli/pool.ts";

Deno.test("mapConcurrently keeps order and never runs more than `jobs` at once", async () => {
  let running = 0;
  let most = 0;
  const results = await mapConcurrently([30, 10, 20, 5, 15], 2, async (ms) => {
    most = Math.max(most, ++running);
    await new Promise((resolve) => setTimeout(resolve, ms));
    running--;
    return ms * 2;
  });
  assertEquals(results, [60, 20, 40, 10, 30]);
  assertEquals(most, 2);
  assertEquals(await mapConcurrently([], 4, () => Promise.resolve(1)), []);
});
