/**
 * A description of the machine a benchmark ran on, for `bench.json`: numbers mean little
 * without it.
 *
 * @module
 */
import { cpus } from "node:os";
import * as tf from "@tensorflow/tfjs";

/** Where and with what the bench ran. */
export interface Machine {
  /** CPU model name. */
  cpu: string;
  /** Logical cores. */
  cores: number;
  /** Total memory in GiB. */
  memory_gib: number;
  /** Operating system and architecture. */
  os: string;
  /** 1, 5 and 15 minute load averages when the bench started (other work skews timings). */
  load_average: number[];
  /** Deno version. */
  deno: string;
  /** TensorFlow.js version. */
  tfjs: string;
  /**
   * `OPENBLAS_CORETYPE` as the machine sets it (null when unset): it picks OpenBLAS's kernels,
   * so it moves any OpenBLAS-based timing. The bench records it and never changes it.
   */
  openblas_coretype: string | null;
}

/**
 * Describes this machine.
 *
 * @example
 * ```ts
 * describeMachine().cores; // 2
 * ```
 */
export function describeMachine(): Machine {
  return {
    cpu: cpus()[0]?.model ?? "unknown",
    cores: navigator.hardwareConcurrency,
    memory_gib: Math.round((Deno.systemMemoryInfo().total / 2 ** 30) * 10) / 10,
    os: `${Deno.build.os} ${Deno.build.arch}`,
    load_average: Deno.loadavg().map((load) => Math.round(load * 100) / 100),
    deno: Deno.version.deno,
    tfjs: tf.version.tfjs,
    openblas_coretype: Deno.env.get("OPENBLAS_CORETYPE") ?? null,
  };
}
