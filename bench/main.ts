/**
 * `deno task bench`: measures the machine's WebAssembly matmul ceiling, trains each course
 * model for a fixed number of steps on each tfjs backend (and, with `--vs-pytorch`, in a real
 * PyTorch: see `torch_python.ts`), prints a table of ms/step, images/s and achieved GFLOP/s
 * and writes `out/bench/bench.json`.
 *
 * @example
 * ```sh
 * deno task bench --vs-pytorch
 * deno task bench --models softmax,cnn --backends wasm --steps 10
 * ```
 *
 * @module
 */
import { join } from "node:path";
import { loadMnist } from "../lib/data/mnist.ts";
import { validationSplit } from "../lib/data/split.ts";
import { runCommand } from "../lib/cli/errors.ts";
import { type Bilingual, speaker } from "../lib/cli/language.ts";
import { CEILING_REPS, CEILING_SIZE, measureWasmCeiling } from "./ceiling.ts";
import { flopsPerStep } from "./flops.ts";
import { describeMachine } from "./machine.ts";
import { measure, type Timing } from "./measure.ts";
import type { KernelTime } from "./kernel_times.ts";
import { BENCH_MODELS, defaultSteps, type ModelName } from "./models.ts";
import { parseBenchOptions } from "./options.ts";
import {
  describePytorch,
  type PytorchReport,
  referenceBlasWarning,
  runPytorch,
} from "./pytorch.ts";
import { benchEntry, type BenchReport, formatTable } from "./report.ts";
import { chooseTorchPython, systemProbe, type TorchChoice } from "./torch_python.ts";

/** Runs the bench with command-line arguments; resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const options = parseBenchOptions(argv);
  const say = speaker(options.language);
  // Choose (and if need be install) PyTorch first: a missing one fails before the long timings.
  let torchPython: TorchChoice | undefined;
  if (options.vsPytorch) {
    torchPython = await chooseTorchPython(systemProbe({ language: options.language }));
    console.log(say(torchPython.message));
  }
  const machine = describeMachine();
  const mnist = await loadMnist();
  const { train } = validationSplit(mnist.train, 0.2);
  const { cpu, cores, memory_gib, deno, tfjs } = machine;
  const load = machine.load_average.join(" ");
  const coretype = machine.openblas_coretype;
  console.log(say({
    en: `${cpu}, ${cores} cores, ${memory_gib} GiB; Deno ${deno}, ` +
      `tfjs ${tfjs}; load average ${load}; ` +
      `OPENBLAS_CORETYPE ${coretype ?? "unset"}`,
    zh: `${cpu}，${cores} 核，${memory_gib} GiB；Deno ${deno}，` +
      `tfjs ${tfjs}；平均负载 ${load}；` +
      `OPENBLAS_CORETYPE ${coretype ?? "未设置"}`,
  }));
  const ceilingBefore = await measureWasmCeiling();
  const size = `${CEILING_SIZE}x${CEILING_SIZE}x${CEILING_SIZE}`;
  console.log(say(
    ceilingBefore === undefined
      ? {
        en: "WebAssembly matmul ceiling: not measured (the wasm backend did not start)",
        zh: "WebAssembly 矩阵乘法上限：没有测量（wasm 后端没能启动）",
      }
      : {
        en: `WebAssembly matmul ceiling: ${ceilingBefore.toFixed(1)} GFLOP/s on one thread ` +
          `(tf.matMul ${size}, best of ${CEILING_REPS})`,
        zh: `WebAssembly 矩阵乘法上限：单线程 ${ceilingBefore.toFixed(1)} GFLOP/s` +
          `（tf.matMul ${size}，取 ${CEILING_REPS} 次中最好的）`,
      },
  ));

  const timings = new Map<ModelName, Timing[]>();
  const flops = new Map<ModelName, number>();
  for (const model of options.models) {
    const spec = BENCH_MODELS[model];
    const built = spec.build();
    flops.set(model, flopsPerStep(built, spec.batchSize));
    built.dispose();
    const runs: Timing[] = [];
    for (const backend of options.backends) {
      const steps = options.steps ?? defaultSteps(spec, backend);
      const workers = options.workers ?? spec.workers;
      const timing = await measure(
        spec,
        backend,
        steps,
        train,
        options.seed,
        workers,
        options.kernels,
      );
      const gflops = flops.get(model)! / (timing.msPerStep * 1e6);
      const { description, batchSize } = spec;
      const ms = timing.msPerStep.toFixed(2);
      console.log(say({
        en: `${model} (${description.en}) on ${timing.backend}: ${steps} steps of ` +
          `${batchSize}${workers > 1 ? ` shared by ${workers} threads` : ""}, ${ms} ms/step, ` +
          `${gflops.toFixed(1)} GFLOP/s`,
        zh: `${model}（${description.zh}）在 ${timing.backend} 上：${steps} 步，每步 ` +
          `${batchSize} 个样本${workers > 1 ? `，由 ${workers} 个线程分担` : ""}，${ms} ms/step，` +
          `${gflops.toFixed(1)} GFLOP/s`,
      }));
      if (timing.kernels) console.log(say(describeKernels(timing.kernels, steps)));
      runs.push(timing);
    }
    timings.set(model, runs);
  }

  const ceiling = await ceilingAgain(ceilingBefore, say);

  let pytorch: PytorchReport | undefined;
  if (torchPython) {
    const steps = Object.fromEntries(
      options.models.map((model) => [model, timings.get(model)![0].steps]),
    );
    pytorch = await runPytorch(steps, mnist.dir, options.seed, torchPython, options.language);
    console.log(say(describePytorch(pytorch)));
    const warning = referenceBlasWarning(pytorch);
    if (warning) console.error(say(warning));
  }

  const models = options.models.map((model) =>
    benchEntry(model, timings.get(model)!, {
      flops: flops.get(model)!,
      wasmCeiling: ceiling,
      pytorchMs: pytorch?.msPerStep[model],
    })
  );
  const report: BenchReport = {
    default_backend: timings.get(options.models[0])![0].backend,
    seed: options.seed,
    machine: { ...machine, wasm_matmul_gflops: ceiling === undefined ? null : round1(ceiling) },
    pytorch: pytorch
      ? {
        version: pytorch.torch,
        python: pytorch.python,
        source: pytorch.source,
        threads: pytorch.threads,
        blas_info: pytorch.blas.info,
        blas: pytorch.blas.detail,
        reference_blas: pytorch.blas.reference,
        matmul_gflops: round1(pytorch.matmulGflops),
        config: pytorch.config,
      }
      : null,
    models,
  };
  const backends = [
    ...new Set(options.models.flatMap((m) => timings.get(m)!.map((t) => t.backend))),
  ];
  console.log(`\n${formatTable(models, backends)}\n`);
  const folder = join(options.out, "bench");
  await Deno.mkdir(folder, { recursive: true });
  const path = join(folder, "bench.json");
  await Deno.writeTextFile(path, JSON.stringify(report, null, 2) + "\n");
  console.log(say({ en: `Results: ${path}`, zh: `结果：${path}` }));
  return 0;
}

/** The slowest kernels as one line, in ms per step: "  kernels (ms/step): Conv2D 55.1, ...". */
function describeKernels(kernels: KernelTime[], steps: number): Bilingual {
  const slowest = kernels.slice(0, KERNELS_SHOWN).map(
    ({ kernel, ms, calls }) => `${kernel} ${(ms / steps).toFixed(2)} (x${calls / steps})`,
  ).join(", ");
  const total = (kernels.reduce((sum, { ms }) => sum + ms, 0) / steps).toFixed(1);
  return {
    en: `  kernels, ms/step (calls/step): ${slowest}; all kernels ${total}`,
    zh: `  各算子，ms/step（每步调用次数）：${slowest}；全部算子合计 ${total}`,
  };
}

/**
 * Measures the WebAssembly ceiling again, after the models, and returns the higher of that and
 * `before` (undefined when wasm did not start): on a machine whose speed drifts, the higher
 * ceiling gives the lower, cautious "% of wasm ceiling". Prints both.
 */
async function ceilingAgain(
  before: number | undefined,
  say: (text: Bilingual) => string,
): Promise<number | undefined> {
  if (before === undefined) return undefined;
  const after = (await measureWasmCeiling())!;
  const higher = Math.max(before, after);
  console.log(say({
    en: `WebAssembly matmul ceiling again, after the models: ${after.toFixed(1)} GFLOP/s; ` +
      `the table uses the higher, ${higher.toFixed(1)}`,
    zh: `模型跑完后再测 WebAssembly 矩阵乘法上限：${after.toFixed(1)} GFLOP/s；` +
      `表中取两次中较高的 ${higher.toFixed(1)}`,
  }));
  return higher;
}

/** How many kernels `--kernels` lists per model and backend. */
const KERNELS_SHOWN = 12;

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

if (import.meta.main) await runCommand(() => main(Deno.args));
