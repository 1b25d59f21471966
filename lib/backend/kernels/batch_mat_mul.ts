/**
 * A faster `BatchMatMul` for the wasm backend: the course's own product in hand-written
 * WebAssembly (`products.wat`) where a side is a multiple of 8, XNNPACK's otherwise.
 *
 * The built-in kernel hands a plain product `a · b` of two matrices to XNNPACK's fast
 * fully-connected operator, but any `transposeA`/`transposeB` (or batch of matrices) goes to a
 * naive triple loop that is 7 to 15 times slower. Training a dense layer needs exactly those
 * transposed products: for y = x · w,
 *
 *     dL/dw = xᵀ · dy      (transposeA)
 *     dL/dx = dy · wᵀ      (transposeB)
 *
 * And XNNPACK repacks the product's right-hand matrix (its "weights") for every new tensor, at
 * about 7 ns per value, while in training every tensor is new: the weights change each step.
 * For the lesson-7 CNN's dense layer at 64 images (9216 inputs, 128 units) the forward product
 * took 42 ms, 30 of them repacking.
 *
 * The course's product reads its left-hand matrix in place, whatever its layout, and copies
 * the right-hand one into column panels (under 1 ns per value), so a transposed left operand
 * costs nothing and a transposed right one a transpose; the forward product above takes 9 ms,
 * and a 1024×1024×1024 product runs as fast as XNNPACK's (measured on one thread). When
 * neither side is a multiple of 8, XNNPACK does the product: a transposed operand is written
 * out with the `Transpose` kernel (one pass over memory, about 2.3 ns per value), and the
 * product is taken as cᵀ = bᵀ · aᵀ when that repacks fewer values.
 *
 * Batches of several matrices keep the plain product (and the slow loop for transposes).
 *
 * @module
 */
import type {
  BatchMatMulAttrs,
  KernelBackend,
  KernelConfig,
  KernelFunc,
  TensorInfo,
} from "@tensorflow/tfjs";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import { WASM_BYTES } from "./products_wasm.ts";
import { addressOf, exportsOn } from "./own_wasm.ts";
import { type MakeConstant, type RunWasmKernel, withWasmKernels } from "./wasm_calls.ts";

interface Args {
  inputs: { a: TensorInfo; b: TensorInfo };
  backend: KernelBackend;
  attrs: BatchMatMulAttrs;
}

/** Relative costs per value of XNNPACK's repacking and of a transpose (7 and 2.3 ns measured). */
const REPACK_COST = 3;
const TRANSPOSE_COST = 1;

/** Swaps the last two axes of `x`: each matrix in the batch becomes its transpose. */
function transposeMatrices(run: RunWasmKernel, x: TensorInfo): TensorInfo {
  const perm = x.shape.map((_, axis) => axis);
  perm.push(...perm.splice(-2).reverse());
  return run("Transpose", { x }, { perm });
}

/** The last two axes of `x` as one matrix, or undefined when `x` holds several matrices. */
function matrixShape(x: TensorInfo): [number, number] | undefined {
  const outer = x.shape.slice(0, -2).reduce((product, size) => product * size, 1);
  return outer === 1 ? [x.shape.at(-2)!, x.shape.at(-1)!] : undefined;
}

/** Whether XNNPACK's c = op(a) · op(b) costs less as cᵀ = op(b)ᵀ · op(a)ᵀ (see the module's doc). */
function cheaperSwapped(m: number, k: number, n: number, attrs: BatchMatMulAttrs): boolean {
  const { transposeA, transposeB } = attrs;
  const plain = REPACK_COST * k * n +
    TRANSPOSE_COST * ((transposeA ? m * k : 0) + (transposeB ? k * n : 0));
  const swapped = REPACK_COST * k * m +
    TRANSPOSE_COST * ((transposeA ? 0 : m * k) + (transposeB ? 0 : k * n) + m * n);
  return swapped < plain;
}

/** `products.wat`'s matrix product: byte offsets, sizes, then byte steps (see there). */
type MatMul = (...args: number[]) => void;

/**
 * c = op(a) · op(b) ([m, k] · [k, n]) by `products.wat`, for single matrices, or undefined
 * when neither n nor m is a multiple of 8. The product needs its right-hand matrix row by row;
 * it is taken as written when n is a multiple of 8, or as cᵀ = op(b)ᵀ · op(a)ᵀ (then
 * transposed back) when m is, whichever moves fewer values: transposes, and the copy of the
 * right-hand matrix into column panels that the product makes.
 */
function ownProduct(
  run: RunWasmKernel,
  constant: MakeConstant,
  backend: BackendWasm,
  a: TensorInfo,
  b: TensorInfo,
  attrs: BatchMatMulAttrs,
  [m, k, n]: [number, number, number],
): TensorInfo | undefined {
  const { transposeA, transposeB } = attrs;
  if (a.dtype !== "float32" || b.dtype !== "float32" || m * k * n === 0) return undefined;
  const plain = n % 8 === 0 ? (transposeB ? k * n : 0) + k * n : Infinity;
  const swapped = m % 8 === 0 ? (transposeA ? 0 : m * k) + k * m + m * n : Infinity;
  if (plain === Infinity && swapped === Infinity) return undefined;
  const { matMul } = exportsOn(backend, WASM_BYTES) as { matMul: MatMul };
  const at = (t: TensorInfo) => addressOf(backend, t);
  const outer = a.shape.length > b.shape.length ? a.shape : b.shape;
  const shape = [...outer.slice(0, -2), m, n];
  if (plain <= swapped) {
    const right = transposeB ? transposeMatrices(run, b) : b; // [k, n]
    const panels = constant(() => {}, [k, n]);
    const c = backend.makeOutput(shape, "float32");
    // op(a)'s value (r, j): a[r, j], or a[j, r] when transposeA.
    const [aRow, aStep] = transposeA ? [4, 4 * m] : [4 * k, 4];
    matMul(at(a), at(right), at(c), at(panels), m, k, n, aRow, aStep, 4 * n);
    return c;
  }
  const right = transposeA ? a : transposeMatrices(run, a); // op(a)ᵀ: [k, m]
  const panels = constant(() => {}, [k, m]);
  const product = constant(() => {}, [n, m]);
  // op(b)ᵀ's value (r, j): b[r, j] when transposeB, else b[j, r].
  const [aRow, aStep] = transposeB ? [4 * k, 4] : [4, 4 * n];
  matMul(at(b), at(right), at(product), at(panels), n, k, m, aRow, aStep, 4 * m);
  return run("Reshape", { x: transposeMatrices(run, product) }, { shape });
}

function batchMatMul({ inputs: { a, b }, backend, attrs }: Args): TensorInfo {
  const { transposeA, transposeB } = attrs;
  return withWasmKernels(backend, (run, constant) => {
    const plain = () =>
      run("BatchMatMul", {
        a: transposeA ? transposeMatrices(run, a) : a,
        b: transposeB ? transposeMatrices(run, b) : b,
      }, { transposeA: false, transposeB: false });
    const [aRows, aCols] = matrixShape(a) ?? [];
    const [bRows, bCols] = matrixShape(b) ?? [];
    if (aRows === undefined || bRows === undefined) return plain();
    const [m, k] = transposeA ? [aCols!, aRows] : [aRows, aCols!];
    const n = transposeB ? bRows : bCols!;
    const own = ownProduct(run, constant, backend as BackendWasm, a, b, attrs, [m, k, n]);
    if (own) return own;
    if (!cheaperSwapped(m, k, n, attrs)) return plain();
    // cᵀ = op(b)ᵀ · op(a)ᵀ: op(b)ᵀ is b itself when transposeB, op(a)ᵀ is a when transposeA.
    const left = run("Reshape", { x: transposeB ? b : transposeMatrices(run, b) }, {
      shape: [n, k],
    });
    const right = run("Reshape", { x: transposeA ? a : transposeMatrices(run, a) }, {
      shape: [k, m],
    });
    const product = run("BatchMatMul", { a: left, b: right }, {
      transposeA: false,
      transposeB: false,
    });
    const outer = a.shape.length > b.shape.length ? a.shape : b.shape;
    return run("Reshape", { x: transposeMatrices(run, product) }, {
      shape: [...outer.slice(0, -2), m, n],
    });
  });
}

/** `BatchMatMul` for `wasm`: the course's product, or XNNPACK's repacking the smaller operand. */
export const batchMatMulConfig: KernelConfig = {
  kernelName: "BatchMatMul",
  backendName: "wasm",
  kernelFunc: batchMatMul as unknown as KernelFunc,
};
