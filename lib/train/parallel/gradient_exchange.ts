/**
 * The memory through which replicas trade gradients: one `SharedArrayBuffer` that the main
 * thread and every worker see. Each step, each replica writes its share's gradients into its
 * own slot and stamps the slot with the step's number; every replica then waits for the stamps
 * it needs and averages the slots itself, always in replica order, so all of them compute the
 * same averaged gradient to the last bit and can apply the same update to their own weights.
 *
 * Slots come in two sets, used on alternate steps: a replica can start writing step `n + 1`
 * while a slower one still reads step `n`. (Step `n + 2` cannot start before every replica has
 * finished step `n`: the main thread posts a step only after every worker answered the one
 * before, which a worker does only after it has averaged the step before that.)
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";

/** What a replica needs to open an exchange another one allocated (it can be posted). */
export interface ExchangeLayout {
  /** The shared memory. */
  buffer: SharedArrayBuffer;
  /** Replicas in all, the main thread (replica 0) included. */
  replicas: number;
  /** Numbers in each trainable variable, in `model.trainableWeights` order. */
  sizes: number[];
}

/** Thrown in a worker waiting for gradients once the main thread has closed the exchange. */
export class ExchangeClosedError extends Error {
  /** The exchange was closed while a replica waited. */
  constructor() {
    super("the training replicas were stopped");
    this.name = "ExchangeClosedError";
  }
}

/** Index of the "closed" flag in the control words; the stamps of replicas 0, 1, ... follow. */
const CLOSED = 0;
/** How long a waiting worker sleeps before it checks the closed flag again, in ms. */
const WAIT_SLICE_MS = 1000;

/**
 * One replica's view of the shared gradient slots.
 *
 * @example
 * ```ts
 * const exchange = GradientExchange.allocate(2, [3, 2]); // main thread; post exchange.layout
 * exchange.publish(0, 0, [new Float32Array([1, 2, 3]), new Float32Array([4, 5])]);
 * // ... a worker opens `new GradientExchange(layout)` and publishes slot 1 for step 0 ...
 * exchange.average(0, [64, 64]); // [Float32Array(3), Float32Array(2)], the same in every replica
 * ```
 */
export class GradientExchange {
  /** The layout to post to the workers. */
  readonly layout: ExchangeLayout;
  #control: Int32Array;
  #slots: Float32Array;
  #offsets: number[];
  #total: number;
  #averaged: Float32Array;

  /** Allocates the shared memory for `replicas` replicas of variables of `sizes` numbers. */
  static allocate(replicas: number, sizes: number[]): GradientExchange {
    const total = sizes.reduce((sum, size) => sum + size, 0);
    const bytes = Int32Array.BYTES_PER_ELEMENT * (1 + replicas) +
      Float32Array.BYTES_PER_ELEMENT * 2 * replicas * total;
    return new GradientExchange({ buffer: new SharedArrayBuffer(bytes), replicas, sizes });
  }

  /** Opens the exchange described by `layout` (allocated by another replica). */
  constructor(layout: ExchangeLayout) {
    this.layout = layout;
    const { buffer, replicas, sizes } = layout;
    this.#control = new Int32Array(buffer, 0, 1 + replicas);
    this.#total = sizes.reduce((sum, size) => sum + size, 0);
    this.#slots = new Float32Array(buffer, this.#control.byteLength, 2 * replicas * this.#total);
    this.#offsets = sizes.map((_, v) => sizes.slice(0, v).reduce((sum, size) => sum + size, 0));
    this.#averaged = new Float32Array(this.#total);
  }

  /** Writes `replica`'s gradients for `step` (one array per variable) and stamps its slot. */
  publish(replica: number, step: number, gradients: ArrayLike<number>[]): void {
    const slot = this.#slot(replica, step);
    gradients.forEach((gradient, v) => slot.set(gradient, this.#offsets[v]));
    Atomics.store(this.#control, 1 + replica, step + 1);
    Atomics.notify(this.#control, 1 + replica);
  }

  /**
   * Blocks until every replica with a share in `step` (a non-zero entry of `shares`) has
   * published it; throws {@linkcode ExchangeClosedError} if the exchange is closed meanwhile.
   * For workers only: the main thread learns it from their messages instead.
   */
  waitFor(step: number, shares: number[]): void {
    shares.forEach((share, replica) => {
      if (share === 0) return;
      for (;;) {
        if (Atomics.load(this.#control, CLOSED) !== 0) throw new ExchangeClosedError();
        const stamp = Atomics.load(this.#control, 1 + replica);
        if (stamp > step) return;
        Atomics.wait(this.#control, 1 + replica, stamp, WAIT_SLICE_MS);
      }
    });
  }

  /**
   * The gradients of `step` averaged over the replicas, each weighted by its share of the
   * batch (`shares[r]` examples for replica `r`; replicas without any are skipped), summed in
   * replica order. One array per variable, valid until the next call.
   */
  average(step: number, shares: number[]): Float32Array[] {
    const total = shares.reduce((sum, share) => sum + share, 0);
    const parts = shares.flatMap((share, replica) =>
      share === 0 ? [] : [{ slot: this.#slot(replica, step), weight: share / total }]
    );
    const out = this.#averaged;
    // The first two shares in one pass (the usual case, two replicas, in a single sweep of
    // memory), then each further share added in replica order.
    const [first, second] = parts;
    const a = first.slot, wa = first.weight;
    if (second) {
      const b = second.slot, wb = second.weight;
      for (let i = 0; i < out.length; i++) out[i] = wa * a[i] + wb * b[i];
    } else {
      for (let i = 0; i < out.length; i++) out[i] = wa * a[i];
    }
    for (const { slot, weight } of parts.slice(2)) {
      for (let i = 0; i < out.length; i++) out[i] += weight * slot[i];
    }
    return this.layout.sizes.map((size, v) =>
      out.subarray(this.#offsets[v], this.#offsets[v] + size)
    );
  }

  /** Closes the exchange: workers waiting in {@linkcode waitFor} wake up and throw. */
  close(): void {
    Atomics.store(this.#control, CLOSED, 1);
    for (let replica = 0; replica < this.layout.replicas; replica++) {
      Atomics.notify(this.#control, 1 + replica);
    }
  }

  #slot(replica: number, step: number): Float32Array {
    const index = (step % 2) * this.layout.replicas + replica;
    return this.#slots.subarray(index * this.#total, (index + 1) * this.#total);
  }
}

/**
 * Takes `step`'s update in one replica: averages the published gradients (see
 * {@linkcode GradientExchange.average}) and applies them with `optimizer` to `variables`, the
 * replica's trainable variables in `model.trainableWeights` order. Every replica calls it with
 * equal optimizers and equal variables, and so ends with equal variables.
 *
 * @example
 * ```ts
 * applyAverage(exchange, 0, [64, 64], optimizer, variables);
 * ```
 */
export function applyAverage(
  exchange: GradientExchange,
  step: number,
  shares: number[],
  optimizer: tf.Optimizer,
  variables: tf.Variable[],
): void {
  const averaged = exchange.average(step, shares);
  tf.tidy(() =>
    optimizer.applyGradients(variables.map((variable, v) => ({
      name: variable.name,
      tensor: tf.tensor(averaged[v], variable.shape),
    })))
  );
}
