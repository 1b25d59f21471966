/**
 * Data-parallel training on several cores. tfjs's wasm backend runs on one thread in Deno
 * (its threaded build cannot start its workers here), so a CNN step leaves the second core
 * idle. Replicas put it to work: each step, the batch is cut into shares; the main thread
 * computes the gradients of the first share while each worker computes another at the same
 * weights; the gradients are averaged, weighted by share size, which is the gradient of the
 * whole batch's mean loss; and the main thread's optimizer takes the step as usual.
 *
 * For models without BatchNorm, a shared step equals a one-thread step on the whole batch (up
 * to float rounding), except that each replica draws its own, seeded, dropout masks. BatchNorm
 * normalises each share by the share's own mean and variance, as multi-GPU training does
 * without synchronised BatchNorm, and its running statistics follow the main thread's share.
 * The same seed and worker count give the same numbers.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import type { BackendName } from "../../backend/backend.ts";
import { type BatchLoss, shareGradients } from "../batch_loss.ts";
import type { LossName } from "../loss.ts";
import { deriveSeed } from "../../cli/random.ts";
import type { StepReply, WorkerReply, WorkerRequest } from "./messages.ts";

/** A model's replicas: takes training steps with the batch shared among them. */
export interface Replicas {
  /**
   * Takes one optimizer step on the batch `x`, `y`, shared among the replicas; returns the
   * batch's loss and correct count as scalars the caller disposes.
   */
  step(x: tf.Tensor, y: tf.Tensor): Promise<BatchLoss>;
  /** Stops the workers. */
  close(): void;
}

/** How to start replicas. */
export interface ReplicaOptions {
  /** Replicas in all, the main thread included (2 uses one worker). */
  count: number;
  /** The loss to minimise. */
  loss: LossName;
  /** The optimizer the main thread steps with. */
  optimizer: tf.Optimizer;
  /** Seeds the workers' dropout masks. */
  seed: number;
}

/**
 * Starts `count - 1` workers holding copies of `model`'s architecture, ready to share its
 * training steps. Close them when training ends.
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
  const backend = tf.getBackend() as BackendName;
  const architecture = model.toJSON(null, false) as object;
  const workers = Array.from(
    { length: options.count - 1 },
    () => new ReplicaWorker(),
  );
  try {
    await Promise.all(workers.map((worker, i) =>
      worker.request({
        kind: "init",
        backend,
        architecture,
        loss: options.loss,
        seed: deriveSeed(options.seed, `replica ${i + 1}`),
      })
    ));
  } catch (error) {
    workers.forEach((worker) => worker.terminate());
    throw error;
  }
  const variables = model.trainableWeights.map((weight) => weight.read() as tf.Variable);
  return {
    async step(x, y) {
      const sizes = shareSizes(x.shape[0], workers.length + 1);
      const xs = tf.split(x, sizes);
      const ys = tf.split(y, sizes);
      const weights = model.weights.map((weight) => weight.read().dataSync() as Float32Array);
      const replies = sizes.slice(1).map((_, i) => {
        const share = i + 1;
        // Each worker gets its own copies to transfer: on the cpu backend dataSync returns the
        // variable's own storage, which a transfer would detach.
        const copies = weights.map((values) => values.slice());
        return workers[i].request({
          kind: "step",
          weights: copies,
          x: xs[share].dataSync() as Float32Array,
          xShape: xs[share].shape,
          y: ys[share].dataSync() as Float32Array | Int32Array,
          yShape: ys[share].shape,
        }, copies.map((values) => values.buffer as ArrayBuffer)) as Promise<StepReply>;
      });
      const own = shareGradients(model, xs[0], ys[0], options.loss, variables);
      tf.dispose([...xs, ...ys]);
      let others: StepReply[];
      try {
        others = await Promise.all(replies);
      } catch (error) {
        tf.dispose(own);
        throw error;
      }
      const total = x.shape[0];
      return tf.tidy(() => {
        const share = (i: number) => sizes[i] / total;
        const averaged = Object.fromEntries(variables.map((variable, v) => [
          variable.name,
          tf.addN([
            own.gradients[v].mul(share(0)),
            ...others.map((reply, i) =>
              tf.tensor(reply.gradients[v], variable.shape).mul(share(i + 1))
            ),
          ]),
        ]));
        options.optimizer.applyGradients(averaged);
        const loss = others.reduce(
          (sum, reply, i) => sum.add(reply.loss * share(i + 1)),
          own.loss.mul(share(0)),
        ) as tf.Scalar;
        const correct = own.correct.add(others.reduce((sum, reply) => sum + reply.correct, 0));
        tf.dispose(own);
        return { loss, correct: correct as tf.Scalar };
      });
    },
    close() {
      workers.forEach((worker) => worker.terminate());
    },
  };
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

/** One worker with at most one request in flight. */
class ReplicaWorker {
  #worker = new Worker(new URL("./replica_worker.ts", import.meta.url).href, {
    type: "module",
  });

  request(message: WorkerRequest, transfer: Transferable[] = []): Promise<WorkerReply> {
    return new Promise((resolve, reject) => {
      this.#worker.onmessage = ({ data }: MessageEvent<WorkerReply>) => {
        if (data.kind === "error") reject(new Error(`training worker: ${data.message}`));
        else resolve(data);
      };
      this.#worker.onerror = (event) => {
        event.preventDefault();
        reject(new Error(`training worker: ${event.message}`));
      };
      this.#worker.postMessage(message, transfer);
    });
  }

  terminate(): void {
    this.#worker.terminate();
  }
}
