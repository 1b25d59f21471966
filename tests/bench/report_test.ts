/**
 * The numbers the bench derives: FLOPs per training step counted from each model's layers,
 * achieved GFLOP/s and the share of the WebAssembly ceiling, and which BLAS a torch build uses.
 */
import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { startBackend } from "../../lib/backend/backend.ts";
import { flopsPerStep } from "../../bench/flops.ts";
import type { Timing } from "../../bench/measure.ts";
import { BENCH_MODELS, MODEL_NAMES } from "../../bench/models.ts";
import { describeTorchBlas } from "../../bench/pytorch.ts";
import { benchEntry, formatTable } from "../../bench/report.ts";

Deno.test("FLOPs per step: dense 2·in·out and conv 2·k·k·cin·cout·H·W, x3 (first layer x2)", async () => {
  await startBackend("cpu");
  const perExample = {
    softmax: 2 * 784 * 10 * 2,
    mlp: 2 * (784 * 128 * 2 + (128 * 128 + 128 * 10) * 3),
    mlp512: 2 * (784 * 512 * 2 + (512 * 512 + 512 * 10) * 3),
    // 1->32 and 32->64 valid 3x3 convolutions (26x26, 24x24), dense 9216->128->10
    cnn: 2 * (9 * 32 * 26 * 26 * 2 + (9 * 32 * 64 * 24 * 24 + 9216 * 128 + 128 * 10) * 3),
    // 1->64, 64->128, 128->192 same 3x3 convolutions on 28, 14 and 7; dense 1728->256->10
    modern_cnn: 2 *
      (9 * 64 * 28 * 28 * 2 +
        (9 * 64 * 128 * 14 * 14 + 9 * 128 * 192 * 7 * 7 + 1728 * 256 + 256 * 10) * 3),
  };
  for (const name of MODEL_NAMES) {
    const spec = BENCH_MODELS[name];
    const model = spec.build();
    assertEquals(flopsPerStep(model, spec.batchSize), perExample[name] * spec.batchSize, name);
    model.dispose();
  }
  // The issue's table: 9.16 G for the lesson-7 CNN, 10.0 G for lesson 8's.
  assertEquals(Math.round(perExample.cnn * 128 / 1e7) / 100, 9.16);
});

const timing = (backend: "wasm" | "cpu", msPerStep: number, workers = 2): Timing => ({
  backend,
  steps: 20,
  workers,
  msPerStep,
  imagesPerSecond: 128_000 / msPerStep,
});

Deno.test("an entry's GFLOP/s, share of the wasm ceiling x threads, and PyTorch side by side", () => {
  const entry = benchEntry("cnn", [timing("wasm", 300), timing("cpu", 6000)], {
    flops: 9e9,
    wasmCeiling: 36,
    pytorchMs: 75,
  });
  assertEquals(entry.flops_per_step, 9e9);
  assertEquals(entry.gflops, { wasm: 30, cpu: 1.5 });
  assertEquals(entry.wasm_ceiling_percent, 41.7, "30 GFLOP/s of 36 x 2 threads");
  assertEquals([entry.pytorch_ms_per_step, entry.pytorch_gflops], [75, 120]);
  assertEquals(entry.ratio, { wasm: 4, cpu: 80 }, "each backend's time over PyTorch's");
  const table = formatTable([entry], ["wasm", "cpu"]);
  for (const cell of ["GFLOP/step", "wasm GFLOP/s", "% of wasm ceiling x threads", "42%", "| 9 "]) {
    assertStringIncludes(table, cell);
  }
  assertStringIncludes(table, "PyTorch GFLOP/s");
  for (const cell of ["wasm / PyTorch", "cpu / PyTorch", "4.00x", "80.00x"]) {
    assertStringIncludes(table, cell);
  }
});

Deno.test("without the ceiling or PyTorch those cells stay empty", () => {
  const entry = benchEntry("softmax", [timing("cpu", 10, 1)], { flops: 4e6 });
  assertEquals([entry.wasm_ceiling_percent, entry.pytorch_gflops, entry.ratio], [null, null, null]);
  const table = formatTable([entry], ["cpu"]);
  assert(!table.includes("ceiling") && !table.includes("PyTorch"), table);
});

Deno.test("a torch's BLAS from torch.__config__.show(): MKL is fast, Debian's generic is not", () => {
  const pip = [
    "PyTorch built with:",
    "  - GCC 11.2",
    "  - Intel(R) oneAPI Math Kernel Library Version 2024.2-Product Build 20240605 for Intel(R) 64 architecture applications",
    "  - Build settings: BLAS_INFO=mkl, BUILD_TYPE=Release, CXX_COMPILER=/opt/rh/gcc-toolset-11/root/usr/bin/c++, LAPACK_INFO=mkl",
  ].join("\n");
  assertEquals(describeTorchBlas(pip, null), {
    info: "mkl",
    detail:
      "Intel(R) oneAPI Math Kernel Library Version 2024.2-Product Build 20240605 for Intel(R) 64 architecture applications",
    reference: false,
  });
  const debian = "PyTorch built with:\n  - Build settings: BLAS_INFO=generic, BUILD_TYPE=Release\n";
  const netlib = "/usr/lib/x86_64-linux-gnu/blas/libblas.so.3.11.0";
  assertEquals(describeTorchBlas(debian, netlib), {
    info: "generic",
    detail: netlib,
    reference: true,
  });
  const openblas = "/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3";
  assertEquals(describeTorchBlas(debian, openblas).reference, false, "libblas.so.3 -> OpenBLAS");
});
