/**
 * `deno task bench` through its real command line, on tiny settings: two timed steps of the
 * softmax model (also shared by two threads), the `bench.json` it writes (FLOPs, GFLOP/s, the
 * WebAssembly ceiling, `OPENBLAS_CORETYPE`), PyTorch side by side when a PyTorch is already
 * there (never installed by a test), and one clear line with exit code 2 for bad flags.
 */
import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { join } from "node:path";
import { chooseTorchPython, systemProbe } from "../../bench/torch_python.ts";
import type { BenchReport } from "../../bench/report.ts";
import { runScript } from "../lessons/run_lesson.ts";

function runBench(args: string[]) {
  return runScript("bench/main.ts", args);
}

async function benchJson(args: string[]): Promise<{ report: BenchReport; stdout: string }> {
  const out = await Deno.makeTempDir();
  const { code, stdout, stderr } = await runBench([...args, "--out", out]);
  assertEquals(code, 0, `the bench should succeed; stderr:\n${stderr}`);
  const report = JSON.parse(await Deno.readTextFile(join(out, "bench", "bench.json")));
  await Deno.remove(out, { recursive: true });
  return { report, stdout };
}

Deno.test("bench times softmax on cpu and wasm and writes bench.json", async () => {
  const { report, stdout } = await benchJson([
    "--models",
    "softmax",
    "--backends",
    "wasm,cpu",
    "--steps",
    "2",
  ]);
  assertEquals(report.default_backend, "wasm");
  assertEquals(report.models.length, 1, "one entry per model asked for");
  const [entry] = report.models;
  assertEquals([entry.model, entry.batch_size, entry.steps, entry.workers], [
    "softmax",
    128,
    2,
    1,
  ], "softmax trains on one thread, as in its lesson");
  for (const backend of ["wasm", "cpu"] as const) {
    const ms = entry.ms_per_step[backend];
    assert(ms !== undefined && ms > 0, `expected a positive ${backend} ms/step, got ${ms}`);
  }
  assertEquals([entry.pytorch_ms_per_step, entry.ratio], [null, null], "PyTorch was not asked for");
  assertEquals(report.pytorch, null);
  assert(report.machine.cores > 0 && report.machine.tfjs === "4.22.0", "machine description");
  assertEquals(
    report.machine.openblas_coretype,
    Deno.env.get("OPENBLAS_CORETYPE") ?? null,
    "OPENBLAS_CORETYPE as the machine sets it",
  );
  const ceiling = report.machine.wasm_matmul_gflops;
  assert(ceiling !== null && ceiling > 0, `a positive WebAssembly ceiling, got ${ceiling}`);
  assertEquals(entry.flops_per_step, 2 * 784 * 10 * 2 * 128, "softmax: one dense layer, x2");
  assert(entry.gflops.wasm! > 0 && entry.gflops.cpu! > 0, "achieved GFLOP/s per backend");
  assert(entry.wasm_ceiling_percent! > 0, "share of the ceiling");
  assertStringIncludes(stdout, "| softmax");
  assertStringIncludes(stdout, "WebAssembly matmul ceiling: ");
  const [, before] = stdout.match(/WebAssembly matmul ceiling: ([\d.]+)/)!;
  const [, after, higher] = stdout.match(
    /ceiling again, after the models: ([\d.]+) GFLOP\/s; the table uses the higher, ([\d.]+)/,
  )!;
  assertEquals(Number(higher), Math.max(Number(before), Number(after)), "the higher ceiling");
  assert(
    Math.abs(ceiling - Number(higher)) < 0.051,
    "bench.json records the ceiling the table uses",
  );
});

Deno.test("bench --workers 2 shares each step between two threads and records it", async () => {
  const { report, stdout } = await benchJson([
    "--models",
    "softmax",
    "--steps",
    "2",
    "--workers",
    "2",
  ]);
  assertEquals(report.models[0].workers, 2);
  assert(report.models[0].ms_per_step.wasm! > 0, "a positive wasm ms/step");
  assertStringIncludes(stdout, "shared by 2 threads");
});

Deno.test({
  name: "bench --vs-pytorch puts PyTorch's time and the ratio side by side",
  // Only with a PyTorch already there: a test never installs one.
  ignore: await chooseTorchPython(systemProbe({ install: false })).then(() => false, () => true),
  async fn() {
    const { report, stdout } = await benchJson([
      "--models",
      "softmax",
      "--backends",
      "wasm",
      "--steps",
      "2",
      "--vs-pytorch",
    ]);
    const [entry] = report.models;
    assert((entry.pytorch_ms_per_step ?? 0) > 0, `PyTorch ms/step: ${entry.pytorch_ms_per_step}`);
    assert((entry.ratio?.wasm ?? 0) > 0, `ratio: ${JSON.stringify(entry.ratio)}`);
    assert(report.pytorch?.version, "the torch version is recorded");
    assertStringIncludes(report.pytorch.config, "PyTorch built with");
    assert(report.pytorch.blas_info && report.pytorch.matmul_gflops > 0, "its BLAS and matmul");
    assert((entry.pytorch_gflops ?? 0) > 0, `PyTorch GFLOP/s: ${entry.pytorch_gflops}`);
    assertStringIncludes(stdout, "wasm / PyTorch");
    assertStringIncludes(stdout, `PyTorch ${report.pytorch.version}`);
  },
});

Deno.test("bench --kernels prints each backend's slowest kernels per step", async () => {
  const { report, stdout } = await benchJson([
    "--models",
    "softmax",
    "--backends",
    "wasm",
    "--steps",
    "2",
    "--kernels",
  ]);
  const line = stdout.split("\n").find((l) => l.includes("kernels, ms/step"));
  assert(line !== undefined, `expected a line of kernel times, got:\n${stdout}`);
  // Softmax regression's forward pass is one fused product, once per step.
  assertStringIncludes(line, "_FusedMatMul");
  assertStringIncludes(line, "(x1)");
  assertEquals(Object.keys(report.models[0]).includes("kernels"), false, "bench.json unchanged");
});

Deno.test("bench --lang zh names the model and the kernels in Chinese", async () => {
  const { stdout } = await benchJson(
    ["--models", "softmax", "--backends", "wasm", "--steps", "1", "--kernels", "--lang", "zh"],
  );
  assertStringIncludes(stdout, "softmax（第 1 课的 softmax 回归（SGD））在 wasm 上：1 步");
  assertStringIncludes(stdout, "  各算子，ms/step（每步调用次数）：");
  assertEquals(stdout.includes("lesson-1"), false, `English left in:\n${stdout}`);
});

Deno.test("bad bench flags give one line naming the flag and exit code 2", async () => {
  const cases: [string[], string][] = [
    [["--steps", "0"], '--steps must be a whole number of at least 1, got "0"'],
    [["--workers", "two"], '--workers must be a whole number of at least 1, got "two"'],
    [["--models", "softmax,resnet"], "--models must be a comma-separated list"],
    [["--backends", "gpu"], "--backends must be a comma-separated list"],
    [["--fast"], "--fast"],
    [["softmax"], 'unexpected argument "softmax"'],
  ];
  for (const [args, expected] of cases) {
    const { code, stderr } = await runBench(args);
    assertEquals(code, 2, `bench ${args.join(" ")} should exit with 2; stderr:\n${stderr}`);
    const lines = stderr.trim().split("\n");
    assertEquals(lines.length, 1, `expected one line, got:\n${stderr}`);
    assert(lines[0].startsWith("error: "), lines[0]);
    assertStringIncludes(lines[0], expected);
  }
  const chinese = await runBench(["--steps", "0", "--lang", "zh"]);
  assertEquals(chinese.code, 2, chinese.stderr);
  assertEquals(chinese.stderr.trim(), '错误：--steps 必须是不小于 1 的整数，收到的是 "0"');
});
