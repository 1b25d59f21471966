/**
 * The per-epoch record of a training run, shaped like Keras's `history.history` but as one
 * object per epoch so it can be printed, charted and written to `results.json` as it is.
 *
 * @module
 */

/** What one epoch of training measured. Validation fields are absent when there was none. */
export interface EpochLog {
  /** 1-based epoch number. */
  epoch: number;
  /** Mean training loss over the epoch's batches. */
  loss: number;
  /** Fraction of training examples classified correctly during the epoch. */
  accuracy: number;
  /** Loss on the validation set after the epoch. */
  val_loss?: number;
  /** Accuracy on the validation set after the epoch. */
  val_accuracy?: number;
  /** Learning rate in force during the epoch. */
  learning_rate?: number;
  /**
   * Each batch's training loss, in order, when `fit` was asked to record them
   * (`batchLosses: true`): the learning curve within the epoch.
   */
  batch_losses?: number[];
  /** Wall-clock seconds the epoch took, validation included. */
  seconds: number;
}

/** A whole run: one {@linkcode EpochLog} per epoch, in order. */
export type History = EpochLog[];
