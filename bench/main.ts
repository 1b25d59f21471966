/**
 * `deno task bench`: trains each course model for a fixed number of steps on each tfjs
 * backend (and, with `--vs-pytorch`, in PyTorch), prints a table of ms/step and images/s and
 * writes `out/bench/bench.json`.
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
import { describeMachine } from "./machine.ts";
import { measure, type Timing } from "./measure.ts";
import { BENCH_MODELS, type ModelName } from "./models.ts";
import { BENCH_USAGE, parseBenchOptions } from "./options.ts";
import { type PytorchReport, runPytorch } from "./pytorch.ts";
import { benchEntry, type BenchReport, formatTable } from "./report.ts";

/** Runs the bench with command-line arguments; resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const options = parseBenchOptions(argv);
  if (options === "help") {
    console.log(BENCH_USAGE);
    return 0;
  }
  const machine = describeMachine();
  const mnist = await loadMnist();
  const { train } = validationSplit(mnist.train, 0.2);
  console.log(
    `${machine.cpu}, ${machine.cores} cores, ${machine.memory_gib} GiB; Deno ${machine.deno}, ` +
      `tfjs ${machine.tfjs}; load average ${machine.load_average.join(" ")}`,
  );

  const timings = new Map<ModelName, Timing[]>();
  for (const model of options.models) {
    const spec = BENCH_MODELS[model];
    const runs: Timing[] = [];
    for (const backend of options.backends) {
      const steps = options.steps ?? spec.steps[backend];
      const workers = options.workers ?? spec.workers;
      const timing = await measure(spec, backend, steps, train, options.seed, workers);
      const threads = workers > 1 ? ` shared by ${workers} threads` : "";
      console.log(
        `${model} (${spec.description}) on ${timing.backend}: ${steps} steps of ` +
          `${spec.batchSize}${threads}, ${timing.msPerStep.toFixed(2)} ms/step`,
      );
      runs.push(timing);
    }
    timings.set(model, runs);
  }

  let pytorch: PytorchReport | undefined;
  if (options.vsPytorch) {
    const steps = Object.fromEntries(
      options.models.map((model) => [model, timings.get(model)![0].steps]),
    );
    console.log("PyTorch: running bench/pytorch_reference.py with 2 threads...");
    pytorch = await runPytorch(steps, mnist.dir, options.seed);
    console.log(`PyTorch ${pytorch.torch} (${pytorch.python}), ${pytorch.threads} threads`);
  }

  const models = options.models.map((model) =>
    benchEntry(model, timings.get(model)!, pytorch?.msPerStep[model])
  );
  const report: BenchReport = {
    default_backend: timings.get(options.models[0])![0].backend,
    seed: options.seed,
    machine: pytorch
      ? { ...machine, torch: pytorch.torch, torch_threads: pytorch.threads, python: pytorch.python }
      : machine,
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
  console.log(`Results: ${path}`);
  return 0;
}

if (import.meta.main) await runCommand(() => main(Deno.args));
