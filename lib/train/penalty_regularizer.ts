/**
 * A layer regulariser whose penalty is a plain function on arrays of numbers: each training
 * step it reads the kernel's weights back as an array, and the function's value and gradient
 * become the penalty added to the loss and the penalty's gradient in backpropagation (through
 * `tf.customGrad`). Lesson 5 trains its L1, L2 and elastic-net remedies this way, with
 * `penalties.ts` or, with `--mine`, the learner's (exercises 5.1-5.3).
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { readNumbers } from "./read_numbers.ts";
import type { Penalty } from "./penalties.ts";

/** What a layer's `kernelRegularizer` takes. */
export type Regularizer = ReturnType<typeof tf.regularizers.l1l2>;

/** A penalty on plain arrays: its value and gradient for the given weights. */
export type PenaltyFunction = (weights: number[]) => Penalty;

/** The strengths Keras would name the penalty with: `l1_l2(l1, l2)`. */
export interface KerasStrengths {
  /** L1 strength (0 or absent for none). */
  l1?: number;
  /** L2 strength (0 or absent for none). */
  l2?: number;
}

/**
 * tfjs-layers' `Regularizer` base class, which the package does not export: a layer takes
 * only instances of it (anything else is read as a configuration to deserialise).
 */
const RegularizerBase = Object.getPrototypeOf(
  tf.regularizers.l1l2().constructor,
) as abstract new () => Regularizer;

/**
 * A regulariser computing its penalty with `penalty`. `keras` names it for serialisation: a
 * copy of the model (saved, or sent to `--workers` replicas) carries tfjs's own `l1_l2` of
 * those strengths, since a function cannot be serialised.
 *
 * @example
 * ```ts
 * const layer = tf.layers.dense({
 *   units: 10,
 *   kernelRegularizer: penaltyRegularizer((w) => l2Penalty(w, 0.003), { l2: 0.003 }),
 * });
 * ```
 */
export function penaltyRegularizer(penalty: PenaltyFunction, keras: KerasStrengths): Regularizer {
  return new ArrayPenalty(penalty, keras);
}

class ArrayPenalty extends RegularizerBase {
  /** Serialised under tfjs's own class, with `keras`'s strengths. */
  static className = "L1L2";

  constructor(private readonly penalty: PenaltyFunction, private readonly keras: KerasStrengths) {
    super();
  }

  apply(x: tf.Tensor): tf.Scalar {
    const penalize = tf.customGrad((...inputs) => {
      const weights = inputs[0] as tf.Tensor;
      const values = readNumbers(weights);
      const measured = this.penalty(values);
      if (measured?.gradient?.length !== values.length) {
        throw new RangeError(
          `the penalty returned ${measured?.gradient?.length ?? "no"} gradients for ` +
            `${values.length} weights`,
        );
      }
      return {
        value: tf.scalar(measured.penalty),
        gradFunc: (dy: tf.Tensor) =>
          tf.mul(dy, tf.tensor(Float32Array.from(measured.gradient), weights.shape)),
      };
    });
    return penalize(x) as tf.Scalar;
  }

  getConfig(): tf.serialization.ConfigDict {
    return { l1: this.keras.l1 ?? 0, l2: this.keras.l2 ?? 0 };
  }
}
