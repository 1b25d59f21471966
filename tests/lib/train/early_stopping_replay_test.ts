import * as tf from "@tensorflow/tfjs";
import { assertEquals, assertThrows } from "@std/assert";
import { startBackend } from "../../../lib/backend/backend.ts";
import { earlyStopping } from "../../../lib/train/early_stopping.ts";
import { earlyStoppingDecision } from "../../../lib/train/early_stopping_rule.ts";

const log = (epoch: number, val_loss: number) => ({
  epoch,
  loss: 1,
  accuracy: 0.5,
  seconds: 0,
  val_loss,
});

/** The decisions of `stopper` over `losses`, the kernel of epoch i being i, and the kernel it restores. */
async function replay(stopper: ReturnType<typeof earlyStopping>, losses: number[]) {
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [1], units: 1 })] });
  const decisions = [];
  for (const [i, loss] of losses.entries()) {
    model.setWeights([tf.tensor2d([[i + 1]]), tf.zeros([1])]);
    const decision = await stopper.callback(log(i + 1, loss), model);
    decisions.push(decision);
    if (decision === "stop") break;
  }
  stopper.restoreBest(model);
  const kernel = model.getWeights()[0].dataSync()[0];
  model.dispose();
  return { decisions, best: stopper.bestEpoch(), kernel };
}

Deno.test("earlyStopping with a replay decides as the built-in rule does", async () => {
  await startBackend("wasm");
  for (
    const losses of [[1, 0.5, 0.495, 0.7, 0.2], [0.9, 0.8, 0.7, 0.6], [0.5, 0.6, 0.4, 0.45, 0.5]]
  ) {
    for (const patience of [1, 2, 3]) {
      const options = { patience, minDelta: 0.01 };
      assertEquals(
        await replay(earlyStopping({ ...options, replay: earlyStoppingDecision }), losses),
        await replay(earlyStopping(options), losses),
        `patience ${patience}, losses ${losses}`,
      );
    }
  }
});

Deno.test("earlyStopping with a replay refuses to keep an epoch whose weights it did not save", async () => {
  await startBackend("wasm");
  // Keeps the epoch before the last one trained: one it never called the best while it ran.
  const stopper = earlyStopping({
    patience: 3,
    replay: (history) => ({
      stopEpoch: history.length,
      stoppedEarly: false,
      keptEpoch: history.length - 2,
    }),
  });
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [1], units: 1 })] });
  await stopper.callback(log(1, 0.5), model);
  assertThrows(() => stopper.callback(log(2, 0.4), model), Error, "weights were not saved");
  model.dispose();
});
