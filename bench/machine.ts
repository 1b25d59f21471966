/**
 * A description of the machine a benchmark ran on, for `bench.json`: numbers mean little
 * without it.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";

/** Where and with what the bench ran. */
export interface Machine {
  /** CPU model name (from `/proc/cpuinfo` on Linux). */
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
}

/**
 * Describes this machine.
 *
 * @example
 * ```ts
 * (await describeMachine()).cores; // 2
 * ```
 */
export async function describeMachine(): Promise<Machine> {
  return {
    cpu: await cpuModel(),
    cores: navigator.hardwareConcurrency,
    memory_gib: Math.round((Deno.systemMemoryInfo().total / 2 ** 30) * 10) / 10,
    os: `${Deno.build.os} ${Deno.build.arch}`,
    load_average: Deno.loadavg(),
    deno: Deno.version.deno,
    tfjs: tf.version.tfjs,
  };
}

async function cpuModel(): Promise<string> {
  try {
    const info = await Deno.readTextFile("/proc/cpuinfo");
    return info.match(/^model name\s*:\s*(.+)$/m)?.[1].trim() ?? "unknown";
  } catch {
    return "unknown";
  }
}
