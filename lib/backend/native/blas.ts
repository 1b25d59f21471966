/**
 * Finding the system's BLAS and calling its single-precision matrix product through Deno FFI:
 * OpenBLAS on Linux (Debian's `libopenblas0-pthread`), Accelerate on macOS.
 *
 * Both export the C interface `cblas_sgemm`, which computes C = α·op(A)·op(B) + β·C on
 * row-major float32 matrices given as pointers, so a `Float32Array` (including a view of the
 * wasm backend's `WebAssembly.Memory`) goes straight to the library, with no copy.
 *
 * OpenBLAS splits a product across threads by blocks of the output, never along the summed
 * axis, so every output is summed in the same order whatever the thread count: the same
 * inputs give the same bits run to run and with 1, 2 or the default number of threads
 * (measured; the native backend's tests check run to run). The bits do depend on the CPU
 * kernel OpenBLAS picks, so on the same machine `OPENBLAS_CORETYPE` must stay as it is set.
 *
 * @module
 */

/** Where each operating system keeps a BLAS, tried in order. */
const LIBRARIES: Partial<Record<typeof Deno.build.os, { paths: string[]; install: string }>> = {
  linux: {
    paths: ["libopenblas.so.0", "libopenblas.so"],
    install: "libopenblas not found: apt-get install libopenblas0-pthread",
  },
  darwin: {
    paths: ["/System/Library/Frameworks/Accelerate.framework/Accelerate"],
    install: "the Accelerate framework was not found",
  },
};

const SYMBOLS = {
  cblas_sgemm: {
    parameters: [
      "i32", // order
      "i32", // transA
      "i32", // transB
      "i32", // m
      "i32", // n
      "i32", // k
      "f32", // alpha
      "buffer", // a
      "i32", // lda
      "buffer", // b
      "i32", // ldb
      "f32", // beta
      "buffer", // c
      "i32", // ldc
    ],
    result: "void",
  },
  // OpenBLAS only; Accelerate sizes its own thread pool.
  openblas_set_num_threads: { parameters: ["i32"], result: "void", optional: true },
  openblas_get_num_threads: { parameters: [], result: "i32", optional: true },
} as const;

/**
 * Products of fewer multiply-adds than this run on one thread: waking a second thread costs
 * more than it saves (measured with OpenBLAS, 2 cores: a 128×784 by 784×10 product, softmax
 * regression's, takes 45 µs on one thread and 61-72 µs on two).
 */
const SMALL_PRODUCT = 4_000_000;

const ROW_MAJOR = 101;
const NO_TRANS = 111;
const TRANS = 112;

/** One row-major float32 matrix product on the system's BLAS. */
export interface Blas {
  /** The library that was opened, e.g. `libopenblas.so.0`. */
  library: string;
  /**
   * c = a·b + beta·c for row-major `a` [m, k] (stored [k, m] when `transA`), `b` [k, n]
   * (stored [n, k] when `transB`) and `c` [m, n]; each array starts at its matrix's first value.
   */
  sgemm(
    transA: boolean,
    transB: boolean,
    m: number,
    n: number,
    k: number,
    a: Float32Array,
    b: Float32Array,
    beta: number,
    c: Float32Array,
  ): void;
  /**
   * Caps the library's threads at `count` for the whole process (OpenBLAS; a no-op for a
   * library that manages its own). Results do not depend on it. Small products run on one
   * thread whatever the cap.
   */
  setThreads(count: number): void;
  /** The whole process's current cap on the library's threads (1 when it has none to set). */
  threads(): number;
}

/**
 * Opens the system's BLAS. Returns it, or a short reason it is unavailable (no `--allow-ffi`,
 * no library found, an operating system without a known BLAS); never prompts for permission.
 *
 * @example
 * ```ts
 * const blas = openBlas();
 * if (typeof blas === "string") console.error(`no BLAS: ${blas}`);
 * else blas.sgemm(false, false, 1, 1, 1, new Float32Array([2]), new Float32Array([3]), 0, out);
 * ```
 */
export function openBlas(): Blas | string {
  if (Deno.permissions.querySync({ name: "ffi" }).state !== "granted") {
    return "--allow-ffi not granted";
  }
  const known = LIBRARIES[Deno.build.os];
  if (known === undefined) return `no BLAS known on ${Deno.build.os}`;
  for (const path of known.paths) {
    let lib: Deno.DynamicLibrary<typeof SYMBOLS>;
    try {
      lib = Deno.dlopen(path, SYMBOLS);
    } catch {
      continue;
    }
    const gemm = lib.symbols.cblas_sgemm;
    const setThreads = lib.symbols.openblas_set_num_threads;
    const getThreads = lib.symbols.openblas_get_num_threads;
    const threads = () => getThreads?.() ?? 1;
    return {
      library: path,
      setThreads(count) {
        setThreads?.(count);
      },
      threads,
      sgemm(transA, transB, m, n, k, a, b, beta, c) {
        // The cap is the whole process's (a worker may have lowered it), so it is read each
        // time rather than remembered: restoring a remembered 2 would undo a worker's 1.
        const cap = m * n * k < SMALL_PRODUCT ? threads() : 1;
        if (cap > 1) setThreads?.(1);
        gemm(
          ROW_MAJOR,
          transA ? TRANS : NO_TRANS,
          transB ? TRANS : NO_TRANS,
          m,
          n,
          k,
          1,
          a,
          transA ? m : k,
          b,
          transB ? k : n,
          beta,
          c,
          n,
        );
        if (cap > 1) setThreads?.(cap);
      },
    };
  }
  return known.install;
}
