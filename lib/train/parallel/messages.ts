/**
 * The messages between the training loop and its replica workers (see `replicas.ts`). Arrays
 * travel as transferred buffers, so a step costs no copies beyond reading the weights out of
 * the backend and the gradients back in.
 *
 * @module
 */
import type { BackendName } from "../../backend/backend.ts";
import type { LossName } from "../loss.ts";

/** Sets a worker up: the backend to start, the model's architecture, the loss and a seed. */
export interface InitRequest {
  kind: "init";
  /** The backend the training loop uses (the worker starts the same one). */
  backend: BackendName;
  /** `model.toJSON(null, false)`: the architecture without weights. */
  architecture: object;
  /** The loss the loop minimises. */
  loss: LossName;
  /** Seeds the worker's `Math.random`, which draws its dropout masks. */
  seed: number;
}

/** One share of a batch, with the weights to compute its gradients at. */
export interface StepRequest {
  kind: "step";
  /** Every weight of the model (`model.weights` order), flattened. */
  weights: Float32Array[];
  /** The share's inputs, flattened, and their shape. */
  x: Float32Array;
  xShape: number[];
  /** The share's labels (one-hot float32 or integer classes), flattened, and their shape. */
  y: Float32Array | Int32Array;
  yShape: number[];
}

/** A worker's answer to a {@linkcode StepRequest}. */
export interface StepReply {
  kind: "gradients";
  /** Gradient of the share's loss for each trainable weight (`model.trainableWeights` order). */
  gradients: Float32Array[];
  /** The share's loss (mean over its examples plus weight penalties). */
  loss: number;
  /** How many of the share's examples the model got right. */
  correct: number;
}

/** What a worker sends back. */
export type WorkerReply = { kind: "ready" } | StepReply | { kind: "error"; message: string };

/** What a worker accepts. */
export type WorkerRequest = InitRequest | StepRequest;
