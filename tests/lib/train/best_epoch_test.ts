import { assertEquals, assertThrows } from "@std/assert";
import { bestEpoch } from "../../../lib/train/best_epoch.ts";

const log = (epoch: number, val_loss?: number) => ({
  epoch,
  loss: 1,
  accuracy: 0.5,
  seconds: 0,
  ...(val_loss === undefined ? {} : { val_loss }),
});

Deno.test("bestEpoch finds the lowest validation loss, the earliest of equals", () => {
  assertEquals(bestEpoch([log(1, 0.5), log(2, 0.3), log(3, 0.4)]), 2);
  assertEquals(bestEpoch([log(1, 0.3), log(2, 0.3)]), 1);
  assertEquals(bestEpoch([log(1), log(2, 0.7), log(3, 0.6)]), 3, "epochs without one are skipped");
});

Deno.test("bestEpoch needs a validation loss", () => {
  assertThrows(() => bestEpoch([log(1), log(2)]), RangeError, "no epoch recorded");
  assertThrows(() => bestEpoch([]), RangeError);
});
