/**
 * An optimizer whose update rule is a plain function on arrays of numbers. Each training step,
 * for every variable, it reads the variable's values and gradient back from the backend as
 * arrays, calls the rule with them and the variable's own state, and writes the values the
 * rule returns into the variable. Lesson 4 trains its four optimizers this way, with the rules
 * of `update_rules.ts` or, with `--mine`, the learner's (exercises 4.1-4.4).
 *
 * It costs a round trip through JavaScript arrays per variable per step, where tfjs's own
 * optimizers stay on the backend: about 1.5 ms more per Adam step for lesson 4's 118,282
 * weights (4.5 ms against 3 ms on this course's machines).
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { readNumbers } from "./read_numbers.ts";

/** An update rule on plain arrays, with the state it carries for each variable. */
export interface UpdateRule<State> {
  /** The state of a variable of `size` numbers before its first step (e.g. zero velocities). */
  start(size: number): State;
  /** One step for one variable: its new values and state from its values, gradient and state. */
  step(
    params: number[],
    grads: number[],
    state: State,
    learningRate: number,
  ): { params: number[]; state: State };
}

/**
 * A tfjs optimizer that steps with `rule`; pass it to `fit` like `tf.train.sgd(...)`. Its
 * `learningRate` is what the rule receives (and what `fit` logs each epoch).
 */
export class ArrayOptimizer<State> extends tf.Optimizer {
  /** The class name tfjs serialises optimizers under. */
  static get className(): string {
    return "ArrayOptimizer";
  }

  /** Each variable's state, by variable name. */
  private readonly states = new Map<string, State>();

  /** An optimizer stepping with `rule` at `learningRate`. */
  constructor(public learningRate: number, private readonly rule: UpdateRule<State>) {
    super();
  }

  /** Steps every variable that has a gradient with the rule. */
  override applyGradients(
    variableGradients: tf.NamedTensorMap | { name: string; tensor: tf.Tensor }[],
  ): void {
    const named = Array.isArray(variableGradients)
      ? variableGradients
      : Object.entries(variableGradients).map(([name, tensor]) => ({ name, tensor }));
    for (const { name, tensor: gradient } of named) {
      if (gradient == null) continue;
      const variable = tf.engine().registeredVariables[name];
      const params = readNumbers(variable);
      const grads = readNumbers(gradient);
      const state = this.states.get(name) ?? this.rule.start(params.length);
      const next = this.rule.step(params, grads, state, this.learningRate);
      if (next?.params?.length !== params.length) {
        throw new RangeError(
          `the update rule returned ${next?.params?.length ?? "no"} values for ${name}, ` +
            `which has ${params.length}`,
        );
      }
      this.states.set(name, next.state);
      tf.tidy(() => variable.assign(tf.tensor(Float32Array.from(next.params), variable.shape)));
    }
    this.incrementIterations();
  }

  /** The learning rate, as tfjs's optimizers report it. */
  override getConfig(): tf.serialization.ConfigDict {
    return { learningRate: this.learningRate };
  }
}

/**
 * An optimizer stepping every variable with `rule` at `learningRate`.
 *
 * @example
 * ```ts
 * const momentum = arrayOptimizer(0.1, {
 *   start: (size) => ({ velocity: new Array(size).fill(0) }),
 *   step: (params, grads, state, rate) => momentumStep(params, grads, state, rate, 0.9),
 * });
 * await fit(model, train, { ...options, optimizer: momentum });
 * ```
 */
export function arrayOptimizer<State>(
  learningRate: number,
  rule: UpdateRule<State>,
): ArrayOptimizer<State> {
  return new ArrayOptimizer(learningRate, rule);
}
