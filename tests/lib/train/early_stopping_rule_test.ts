import { assertEquals, assertThrows } from "@std/assert";
import { earlyStoppingDecision } from "../../../lib/train/early_stopping_rule.ts";

const history = (losses: (number | undefined)[]) =>
  losses.map((val_loss, i) => ({
    epoch: i + 1,
    loss: 1,
    accuracy: 0.5,
    seconds: 0,
    ...(val_loss === undefined ? {} : { val_loss }),
  }));

Deno.test("earlyStoppingDecision stops once patience epochs pass without improvement", () => {
  const run = history([0.5, 0.4, 0.45, 0.46, 0.3]);
  assertEquals(earlyStoppingDecision(run, { patience: 2, minDelta: 0, restoreBest: true }), {
    stopEpoch: 4,
    stoppedEarly: true,
    keptEpoch: 2,
  });
  assertEquals(earlyStoppingDecision(run, { patience: 2, minDelta: 0, restoreBest: false }), {
    stopEpoch: 4,
    stoppedEarly: true,
    keptEpoch: 4,
  });
});

Deno.test("earlyStoppingDecision runs to the end while the loss keeps improving", () => {
  const run = history([0.5, 0.4, 0.45, 0.3]);
  assertEquals(earlyStoppingDecision(run, { patience: 2, minDelta: 0, restoreBest: true }), {
    stopEpoch: 4,
    stoppedEarly: false,
    keptEpoch: 4,
  });
});

Deno.test("earlyStoppingDecision counts a too-small improvement, or none, as waiting", () => {
  const run = history([1, 0.5, 0.495, 0.7]);
  assertEquals(
    earlyStoppingDecision(run, { patience: 2, minDelta: 0.01, restoreBest: true }),
    { stopEpoch: 4, stoppedEarly: false, keptEpoch: 2 },
  );
  assertEquals(
    earlyStoppingDecision(history([undefined, undefined]), {
      patience: 1,
      minDelta: 0,
      restoreBest: true,
    }),
    { stopEpoch: 1, stoppedEarly: true, keptEpoch: 0 },
  );
  assertThrows(
    () => earlyStoppingDecision([], { patience: 1, minDelta: 0, restoreBest: true }),
    RangeError,
  );
});
