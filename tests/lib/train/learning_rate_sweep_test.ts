import { assertEquals, assertRejects } from "@std/assert";
import { learningRateSweep } from "../../../lib/train/learning_rate_sweep.ts";

Deno.test("learningRateSweep trains once per rate in order and keeps the first best", async () => {
  const calls: number[] = [];
  let running = 0;
  const { results, best } = await learningRateSweep([0.01, 0.1, 1, 3], async (rate) => {
    running++;
    assertEquals(running, 1, "runs must not overlap");
    calls.push(rate);
    await new Promise((resolve) => setTimeout(resolve, 1));
    running--;
    return rate === 0.1 || rate === 1 ? 0.9 : 0.5;
  });
  assertEquals(calls, [0.01, 0.1, 1, 3]);
  assertEquals(results.map((r) => r.score), [0.5, 0.9, 0.9, 0.5]);
  assertEquals(best, { learningRate: 0.1, score: 0.9 });
});

Deno.test("learningRateSweep needs at least one rate", async () => {
  await assertRejects(() => learningRateSweep([], () => Promise.resolve(1)), RangeError);
});
