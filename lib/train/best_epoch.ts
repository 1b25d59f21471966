/**
 * The best epoch of a run: the one whose validation loss was the lowest, where a network that
 * overfits turns from learning to memorising. Lesson 5 reads it; exercise 5.4 rebuilds it.
 *
 * @module
 */
import type { History } from "./history.ts";

/**
 * The `epoch` number whose validation loss was the lowest, the earliest of equals. Throws a
 * `RangeError` when no epoch recorded a validation loss.
 *
 * @example
 * ```ts
 * bestEpoch([
 *   { epoch: 1, loss: 0.6, accuracy: 0.8, val_loss: 0.5, seconds: 1 },
 *   { epoch: 2, loss: 0.4, accuracy: 0.9, val_loss: 0.3, seconds: 1 },
 *   { epoch: 3, loss: 0.2, accuracy: 0.95, val_loss: 0.4, seconds: 1 },
 * ]); // 2
 * ```
 */
export function bestEpoch(history: History): number {
  let best: { epoch: number; loss: number } | undefined;
  for (const log of history) {
    if (log.val_loss === undefined) continue;
    if (best === undefined || log.val_loss < best.loss) {
      best = { epoch: log.epoch, loss: log.val_loss };
    }
  }
  if (best === undefined) throw new RangeError("bestEpoch: no epoch recorded a validation loss");
  return best.epoch;
}
