/**
 * Data-parallel training on several cores. tfjs's wasm backend runs on one thread in Deno
 * (its threaded build cannot start its workers here), so a CNN step leaves the second core
 * idle. Replicas put it to work: the main thread and each worker hold a whole copy of the
 * model and of the optimizer. Each step, the batch is cut into shares; every replica computes
 * the gradients of its share and writes them into shared memory (`gradient_exchange.ts`);
 * every replica then averages all the shares' gradients, weighted by share size and in the
 * same fixed order, which gives each the same gradient of the whole batch's mean loss to the
 * last bit; and each applies the same update with its own optimizer. The weights thus stay
 * identical in every replica without being sent, and no replica waits for another one to
 * update. Weights and optimizer state travel only at the start and between epochs
 * ({@linkcode Replicas.synchronise}), which also carries over whatever a callback changed,
 * such as a lower learning rate.
 *
 * For models without BatchNorm, a shared step equals a one-thread step on the whole batch (up
 * to float rounding), except that each replica draws its own, seeded, dropout masks. BatchNorm
 * normalises each share by the share's own mean and variance, as multi-GPU training does
 * without synchronised BatchNorm, and each replica's running statistics follow its own shares:
 * the model's, which are saved and used for evaluation, are the main thread's (the workers'
 * are reset to them between epochs). The same seed and worker count give the same numbers.
 *
 * An optimizer that cannot be copied into a worker (see `optimizer_state.ts`: lesson 4's
 * `ArrayOptimizer`, whose update rule is a function) still works: then the main thread alone
 * applies the averaged gradient and each step sends the workers the weights to compute at.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import type { BackendName } from "../../backend/backend.ts";
import { type BatchLoss, type ShareGradients, shareGradients } from "../batch_loss.ts";
import type { LossName } from "../loss.ts";
import { deriveSeed } from "../../cli/random.ts";
import { applyAverage, GradientExchange } from "./gradient_exchange.ts";
import type { StepReply, WeightsReply, WorkerReply, WorkerRequest } from "./messages.ts";
import { captureOptimizer } from "./optimizer_state.ts";

/** A model's replicas: takes training steps with the batch shared among them. */
export interface Replicas {
  /**
   * Takes one optimizer step on the batch `x`, `y`, shared among the replicas; returns the
   * batch's loss and correct count as scalars the caller disposes.
   */
  step(x: tf.Tensor, y: tf.Tensor): Promise<BatchLoss>;
  /**
   * Copies the main thread's weights and optimizer (learning rate included) into every
   * worker. Done when the replicas start; call it again after changing either outside
   * {@linkcode step}, as `fit` does between epochs for its callbacks.
   */
  synchronise(): Promise<void>;
  /** Each worker's trainable weights (`model.trainableWeights` order), to check lock-step. */
  workerWeights(): Promise<Float32Array[][]>;
  /** Stops the workers. */
  close(): void;
}

/** How to start replicas. */
export interface ReplicaOptions {
  /** Replicas in all, the main thread included (2 uses one worker). */
  count: number;
  /** The loss to minimise. */
  loss: LossName;
  /** The optimizer the main thread steps with; each worker steps with a copy. */
  optimizer: tf.Optimizer;
  /** Seeds the workers' dropout masks. */
  seed: number;
}

/**
 * Starts `count - 1` workers holding copies of `model` and of its optimizer, ready to share
 * its training steps. Close them when training ends.
 *
 * @example
 * ```ts
 * const replicas = await startReplicas(model, { count: 2, loss, optimizer, seed: 7 });
 * try {
 *   const { loss, correct } = await replicas.step(x, y);
 * } finally {
 *   replicas.close();
 * }
 * ```
 */
export async function startReplicas(
  model: tf.LayersModel,
  options: ReplicaOptions,
): Promise<Replicas> {
  const variables = model.trainableWeights.map((weight) => weight.read() as tf.Variable);
  const exchange = GradientExchange.allocate(
    options.count,
    variables.map((variable) => variable.size),
  );
  const workers = Array.from({ length: options.count - 1 }, () => new ReplicaWorker());
  const replicas = new ReplicaSet(model, variables, options, exchange, workers);
  try {
    await Promise.all(workers.map((worker, i) =>
      worker.request({
        kind: "init",
        backend: tf.getBackend() as BackendName,
        architecture: model.toJSON(null, false) as object,
        loss: options.loss,
        seed: deriveSeed(options.seed, `replica ${i + 1}`),
        replica: i + 1,
        exchange: exchange.layout,
      })
    ));
    await replicas.synchronise();
  } catch (error) {
    replicas.close();
    throw error;
  }
  return replicas;
}

/**
 * Cuts `total` examples into at most `replicas` shares as equal as possible, larger ones
 * first, with no empty share.
 *
 * @example
 * ```ts
 * shareSizes(129, 2); // [65, 64]
 * ```
 */
export function shareSizes(total: number, replicas: number): number[] {
  const count = Math.min(total, replicas);
  const base = Math.floor(total / count);
  return Array.from({ length: count }, (_, i) => base + (i < total % count ? 1 : 0));
}

class ReplicaSet implements Replicas {
  #steps = 0;
  #closed = false;
  /** Whether the workers hold copies of the optimizer (else the main thread updates alone). */
  #copied = false;

  constructor(
    private readonly model: tf.LayersModel,
    private readonly variables: tf.Variable[],
    private readonly options: ReplicaOptions,
    private readonly exchange: GradientExchange,
    private readonly workers: ReplicaWorker[],
  ) {}

  async step(x: tf.Tensor, y: tf.Tensor): Promise<BatchLoss> {
    if (this.#closed) throw new Error("the training replicas were stopped");
    const { model, variables, options, exchange, workers } = this;
    const step = this.#steps++;
    const total = x.shape[0];
    const cut = shareSizes(total, options.count);
    const shares = [...cut, ...new Array<number>(options.count - cut.length).fill(0)];
    const xs = tf.split(x, cut);
    const ys = tf.split(y, cut);
    const weights = this.#copied
      ? undefined
      : variables.map((variable) => variable.dataSync() as Float32Array);
    const replies = workers.map((worker, i) => {
      const replica = i + 1;
      return worker.request({
        kind: "step",
        step,
        shares,
        share: replica < cut.length
          ? {
            x: xs[replica].dataSync() as Float32Array,
            xShape: xs[replica].shape,
            y: ys[replica].dataSync() as Float32Array | Int32Array,
            yShape: ys[replica].shape,
          }
          : undefined,
        weights,
      }) as Promise<StepReply>;
    });
    let own: ShareGradients | undefined;
    let others: StepReply[];
    try {
      own = shareGradients(model, xs[0], ys[0], options.loss, variables);
      exchange.publish(0, step, own.gradients.map((gradient) => gradient.dataSync()));
      others = await Promise.all(replies);
    } catch (error) {
      // The replicas are out of step now: stop them (workers waiting for this thread wake up).
      if (own) tf.dispose(own);
      this.close();
      throw error;
    } finally {
      tf.dispose([...xs, ...ys]);
    }
    applyAverage(exchange, step, shares, options.optimizer, variables);
    const mine = own;
    return tf.tidy(() => {
      const fraction = (replica: number) => shares[replica] / total;
      const loss = others.reduce(
        (sum, reply, i) => sum.add(reply.loss * fraction(i + 1)),
        mine.loss.mul(fraction(0)),
      ) as tf.Scalar;
      const correct = mine.correct.add(others.reduce((sum, reply) => sum + reply.correct, 0));
      tf.dispose(mine);
      return { loss, correct: correct as tf.Scalar };
    });
  }

  async synchronise(): Promise<void> {
    const optimizer = captureOptimizer(this.options.optimizer);
    this.#copied = optimizer !== undefined;
    const weights = this.model.weights.map((weight) => weight.read().dataSync() as Float32Array);
    await Promise.all(
      this.workers.map((worker) => worker.request({ kind: "sync", weights, optimizer })),
    );
  }

  async workerWeights(): Promise<Float32Array[][]> {
    const replies = await Promise.all(
      this.workers.map((worker) => worker.request({ kind: "weights" }) as Promise<WeightsReply>),
    );
    return replies.map((reply) => reply.weights);
  }

  close(): void {
    this.#closed = true;
    this.exchange.close();
    this.workers.forEach((worker) => worker.terminate());
  }
}

/** One worker with at most one request in flight. */
class ReplicaWorker {
  #worker = new Worker(new URL("./replica_worker.ts", import.meta.url).href, {
    type: "module",
  });
  #pending?: { resolve: (reply: WorkerReply) => void; reject: (error: Error) => void };
  /** An error the worker reported while no request was in flight, for the next request. */
  #failure?: Error;

  constructor() {
    this.#worker.onmessage = ({ data }: MessageEvent<WorkerReply>) => {
      if (data.kind === "error") this.#fail(new Error(`training worker: ${data.message}`));
      else this.#settle()?.resolve(data);
    };
    this.#worker.onerror = (event) => {
      event.preventDefault();
      this.#fail(new Error(`training worker: ${event.message}`));
    };
  }

  request(message: WorkerRequest): Promise<WorkerReply> {
    return new Promise((resolve, reject) => {
      if (this.#failure) return reject(this.#failure);
      this.#pending = { resolve, reject };
      this.#worker.postMessage(message);
    });
  }

  terminate(): void {
    this.#worker.terminate();
  }

  #fail(error: Error): void {
    const pending = this.#settle();
    if (pending) pending.reject(error);
    else this.#failure ??= error;
  }

  #settle() {
    const pending = this.#pending;
    this.#pending = undefined;
    return pending;
  }
}
