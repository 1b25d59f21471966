/**
 * What the benchmark trains: the course's models, built by the lessons' own builders, with the
 * batch size, optimizer and input layout their lessons use, and how many steps each runs per
 * backend. `bench/pytorch_reference.py` mirrors this table; change both together.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import type { BackendName } from "../lib/backend/backend.ts";
import type { ImageLayout } from "../lib/data/prepare.ts";
import type { Bilingual } from "../lib/cli/language.ts";
import { softmaxRegression } from "../lessons/01_softmax.ts";
import { dropoutNetwork } from "../lessons/03_dropout.ts";
import { simpleCnn } from "../lessons/07_cnn.ts";
import { modernCnn } from "../lessons/08_modern_cnn.ts";

/** The model names, in the order the table lists them. */
export const MODEL_NAMES = ["softmax", "mlp", "mlp512", "cnn", "modern_cnn"] as const;

/** One of {@linkcode MODEL_NAMES}. */
export type ModelName = (typeof MODEL_NAMES)[number];

/** Images in one training epoch of the lessons (60,000 less the 20% validation split). */
export const EPOCH_IMAGES = 48_000;

/** How one model is benchmarked. */
export interface BenchModel {
  /** What the bench's lines call it, in both languages. */
  description: Bilingual;
  /** Builds a fresh, untrained model. */
  build: () => tf.LayersModel;
  /** A fresh optimizer of the kind its lesson uses. */
  optimizer: () => tf.Optimizer;
  /** Inputs it takes. */
  layout: ImageLayout;
  /** Images per step. */
  batchSize: number;
  /**
   * Default steps on wasm (for the dense models one full epoch) and on the slow cpu backend;
   * any other backend takes wasm's ({@linkcode defaultSteps}).
   */
  steps: { wasm: number; cpu: number };
  /** Threads sharing each step by default: as its lesson trains it (`--workers`). */
  workers: number;
  /** Whether the target is per epoch (then the table shows seconds per epoch too). */
  perEpoch: boolean;
}

/**
 * The steps `spec` runs on `backend` when `--steps` is not given.
 *
 * @example
 * ```ts
 * defaultSteps(BENCH_MODELS.cnn, "cpu"); // 1
 * ```
 */
export function defaultSteps(spec: BenchModel, backend: BackendName): number {
  return backend === "cpu" ? spec.steps.cpu : spec.steps.wasm;
}

const epochSteps = (batchSize: number) => Math.ceil(EPOCH_IMAGES / batchSize);

/** The benchmark's models, by name. */
export const BENCH_MODELS: Record<ModelName, BenchModel> = {
  softmax: {
    description: { en: "lesson-1 softmax regression (SGD)", zh: "第 1 课的 softmax 回归（SGD）" },
    build: softmaxRegression,
    optimizer: () => tf.train.sgd(0.5),
    layout: "flat",
    batchSize: 128,
    steps: { wasm: epochSteps(128), cpu: 100 },
    workers: 1,
    perEpoch: true,
  },
  mlp: {
    description: {
      en: "lesson-3 MLP 2x128, dropout 0.2 (Adam)",
      zh: "第 3 课的 MLP 2x128，dropout 0.2（Adam）",
    },
    build: () => dropoutNetwork(0.2),
    optimizer: () => tf.train.adam(0.001),
    layout: "flat",
    batchSize: 128,
    steps: { wasm: epochSteps(128), cpu: 30 },
    workers: 1,
    perEpoch: true,
  },
  mlp512: {
    description: {
      en: "lesson-3 MLP 2x512, dropout 0.2 (Adam)",
      zh: "第 3 课的 MLP 2x512，dropout 0.2（Adam）",
    },
    build: () => dropoutNetwork(0.2, 512),
    optimizer: () => tf.train.adam(0.001),
    layout: "flat",
    batchSize: 128,
    steps: { wasm: 100, cpu: 5 },
    workers: 1,
    perEpoch: false,
  },
  cnn: {
    description: { en: "lesson-7 CNN (Adam)", zh: "第 7 课的 CNN（Adam）" },
    build: simpleCnn,
    optimizer: () => tf.train.adam(0.001),
    layout: "image",
    batchSize: 128,
    // Enough steps for the worker thread's JIT to warm up, as it does in a lesson's epoch: over
    // 20 steps the workers' first, slower steps weighed about 10% of the time.
    steps: { wasm: 100, cpu: 1 },
    workers: 2,
    perEpoch: false,
  },
  modern_cnn: {
    description: {
      en: "lesson-8 CNN with batch norm (Adam)",
      zh: "第 8 课带批归一化的 CNN（Adam）",
    },
    build: modernCnn,
    optimizer: () => tf.train.adam(0.001),
    layout: "image",
    batchSize: 64,
    steps: { wasm: 100, cpu: 1 },
    workers: 2,
    perEpoch: false,
  },
};
