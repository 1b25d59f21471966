/**
 * The messages between the training loop and its replica workers (see `replicas.ts`). Weights
 * and optimizer state travel only when the replicas are set up and between epochs; each step
 * a worker receives its share of the batch, and gradients go through the shared memory of
 * `gradient_exchange.ts`.
 *
 * @module
 */
import type { BackendName } from "../../backend/backend.ts";
import type { LossName } from "../loss.ts";
import type { ExchangeLayout } from "./gradient_exchange.ts";
import type { OptimizerState } from "./optimizer_state.ts";

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
  /** The worker's number among the replicas (the main thread is 0). */
  replica: number;
  /** The shared gradient slots. */
  exchange: ExchangeLayout;
}

/** Makes a worker's model and optimizer equal to the main thread's. */
export interface SyncRequest {
  kind: "sync";
  /** Every weight of the model (`model.weights` order), flattened. */
  weights: Float32Array[];
  /**
   * The main thread's optimizer, which the worker copies and then steps with in lock-step.
   * Absent when it cannot be copied: then only the main thread applies the updates and each
   * {@linkcode StepRequest} carries the weights to compute at.
   */
  optimizer?: OptimizerState;
}

/** The worker's share of one step's batch. */
export interface Share {
  /** The share's inputs, flattened, and their shape. */
  x: Float32Array;
  xShape: number[];
  /** The share's labels (one-hot float32 or integer classes), flattened, and their shape. */
  y: Float32Array | Int32Array;
  yShape: number[];
}

/** One training step. */
export interface StepRequest {
  kind: "step";
  /** The step's number since the replicas started (from 0): picks the gradient slots. */
  step: number;
  /** Examples of the batch each replica computes, in replica order (0 for none). */
  shares: number[];
  /** This worker's share, absent when it has none this step. */
  share?: Share;
  /** Without a copied optimizer: the trainable weights (`model.trainableWeights` order). */
  weights?: Float32Array[];
}

/** Asks a worker for its trainable weights. */
export interface WeightsRequest {
  kind: "weights";
}

/** A worker's answer to a {@linkcode StepRequest}, sent once its gradients are published. */
export interface StepReply {
  kind: "published";
  /** The share's loss (mean over its examples plus weight penalties; 0 without a share). */
  loss: number;
  /** How many of the share's examples the model got right. */
  correct: number;
}

/** A worker's answer to a {@linkcode WeightsRequest}. */
export interface WeightsReply {
  kind: "weights";
  /** The worker's trainable weights (`model.trainableWeights` order), flattened. */
  weights: Float32Array[];
}

/** What a worker sends back. */
export type WorkerReply =
  | { kind: "ready" }
  | StepReply
  | WeightsReply
  | { kind: "error"; message: string };

/** What a worker accepts. */
export type WorkerRequest = InitRequest | SyncRequest | StepRequest | WeightsRequest;
