/**
 * A faster `BatchMatMul` for the wasm backend: a dense layer's forward product and its input
 * gradient on the course's own WebAssembly (`products.wat`), and XNNPACK's for the rest, with
 * transposed operands made explicit and the product arranged so that XNNPACK repacks the
 * smaller operand.
 *
 * XNNPACK repacks the product's right-hand matrix (its "weights") for every new tensor, at
 * about 7 ns per value, and in training every tensor is new: the weights change each step. For
 * the lesson-7 CNN's dense layer at 64 images (9216 inputs, 128 units) the forward product took
 * 42 ms, 30 of them repacking. The course's product copies the right-hand matrix into column
 * panels at about 1 ns per value but multiplies up to a fifth slower, so it pays for products
 * of a batch of rows (up to {@linkcode OWN_PRODUCT_MAX_ROWS}): that one takes 9 ms.
 *
 * The built-in kernel hands a plain product `a · b` of two matrices to XNNPACK's fast
 * fully-connected operator, but any `transposeA`/`transposeB` (or batch of matrices) goes to a
 * naive triple loop that is 7 to 15 times slower. Training a dense layer needs exactly those
 * transposed products: for y = x · w,
 *
 *     dL/dw = xᵀ · dy      (transposeA)
 *     dL/dx = dy · wᵀ      (transposeB)
 *
 * The course's product reads a transposed right-hand matrix in place (its panels gather b's
 * stored rows), so dL/dx needs no copy of wᵀ: for the CNN's dense layer at 64 images it went
 * from 13.4 to 10.1 ms. For the rest, this kernel writes a transposed operand out with the
 * `Transpose` kernel (one pass over memory, 2 to 10 ns per value) and asks XNNPACK for a
 * plain product. For c = a · b ([m, k] · [k, n]) that product can also be taken as cᵀ = bᵀ ·
 * aᵀ, which repacks aᵀ (k·m values) rather than b (k·n), at the price of transposes. The
 * kernel takes whichever of the three ways copies least by the costs below. (The course's
 * product ran slower than XNNPACK's on a transposed left operand: read down a stored column,
 * its rows stride across pages.)
 *
 * Batches of several matrices keep the plain product (and the slow loop for transposes).
 *
 * @module
 */
import type {
  _FusedMatMulAttrs,
  _FusedMatMulInputs,
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

/**
 * Relative costs per value of XNNPACK's repacking, of a transpose and of the course's product
 * copying its right-hand matrix into panels, plain or transposed (7, 2.3 and about 1.1 ns
 * measured).
 */
const REPACK_COST = 3;
const TRANSPOSE_COST = 1;
const PANEL_COST = 0.5;

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

/** The copying XNNPACK's c = op(a) · op(b) costs, taken plainly and as cᵀ = op(b)ᵀ · op(a)ᵀ. */
function xnnpackCosts(m: number, k: number, n: number, attrs: BatchMatMulAttrs) {
  const { transposeA, transposeB } = attrs;
  return {
    plain: REPACK_COST * k * n +
      TRANSPOSE_COST * ((transposeA ? m * k : 0) + (transposeB ? k * n : 0)),
    swapped: REPACK_COST * k * m +
      TRANSPOSE_COST * ((transposeA ? 0 : m * k) + (transposeB ? 0 : k * n) + m * n),
  };
}

/**
 * The most rows for which the course's product beats XNNPACK's with its repacking (measured
 * break-even about 260 rows: 2·m·k·n products a fifth slower against 6 ns saved per k·n value).
 */
const OWN_PRODUCT_MAX_ROWS = 256;

/**
 * Whether the course's product should take c = op(a) · op(b) ([m, k] · [k, n]): single
 * float32 matrices, a not transposed (read down a stored column, a's rows ran slower than
 * XNNPACK's product after a transpose), n a multiple of 8, at most
 * {@linkcode OWN_PRODUCT_MAX_ROWS} rows, and its panels cheaper than XNNPACK's copying.
 */
function ownProductPays(
  a: TensorInfo,
  b: TensorInfo,
  [m, k, n]: [number, number, number],
  attrs: BatchMatMulAttrs,
): boolean {
  const single = a.dtype === "float32" && b.dtype === "float32" && m * k * n > 0;
  const { plain, swapped } = xnnpackCosts(m, k, n, attrs);
  return single && !attrs.transposeA && n % 8 === 0 && m <= OWN_PRODUCT_MAX_ROWS &&
    PANEL_COST * k * n <= Math.min(plain, swapped);
}

/**
 * `products.wat`'s matrix product: byte offsets of a, b, c and scratch, then m, k, n and
 * whether b is stored transposed.
 */
type MatMul = (...args: number[]) => void;

/**
 * c = a · op(b) ([m, k] · [k, n]) by `products.wat`, which reads a transposed b in place;
 * where {@linkcode ownProductPays}.
 */
function ownProduct(
  constant: MakeConstant,
  backend: BackendWasm,
  a: TensorInfo,
  b: TensorInfo,
  [m, k, n]: [number, number, number],
  transposeB: boolean,
): TensorInfo {
  const { matMul } = exportsOn(backend, WASM_BYTES) as { matMul: MatMul };
  const at = (t: TensorInfo) => addressOf(backend, t);
  const panels = constant(() => {}, [k, n]);
  const offsets = constant(() => {}, [m]);
  const outer = a.shape.length > b.shape.length ? a.shape : b.shape;
  const c = backend.makeOutput([...outer.slice(0, -2), m, n], "float32");
  matMul(at(a), at(b), at(c), at(panels), at(offsets), m, k, n, transposeB ? 1 : 0);
  return c;
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
    if (ownProductPays(a, b, [m, k, n], attrs)) {
      return ownProduct(constant, backend as BackendWasm, a, b, [m, k, n], transposeB);
    }
    const costs = xnnpackCosts(m, k, n, attrs);
    if (costs.plain <= costs.swapped) return plain();
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

/** `BatchMatMul` for `wasm`: the course's product for a batch, or XNNPACK's repacking less. */
export const batchMatMulConfig: KernelConfig = {
  kernelName: "BatchMatMul",
  backendName: "wasm",
  kernelFunc: batchMatMul as unknown as KernelFunc,
};

interface FusedArgs {
  inputs: _FusedMatMulInputs;
  backend: KernelBackend;
  attrs: _FusedMatMulAttrs;
}

/**
 * `_FusedMatMul` (a dense layer's product, plus its bias, then an activation). With a bias of
 * one value per column, or one value for all, and no activation or ReLU: the product as
 * `BatchMatMul` above takes it (the course's product for a plain batch of rows), then the bias
 * and ReLU in one pass over the result. Anything else: XNNPACK's. (XNNPACK repacks the weights
 * on every call here too: lesson 8's 1728x256 layer took 10.6 ms for 32 images, 28 million
 * multiply-adds. And tfjs's own wasm kernel reads a one-value bias as if it had a value per
 * column, and gets transposed products wrong.)
 */
function fusedMatMul({ inputs, backend, attrs }: FusedArgs): TensorInfo {
  const { a, b, bias, preluActivationWeights } = inputs;
  const { transposeA, transposeB, activation } = attrs;
  const n = transposeB ? b.shape.at(-2)! : b.shape.at(-1)!;
  const biasFits = !bias || (bias.dtype === "float32" &&
    (bias.shape.length === 1 && bias.shape[0] === n || bias.shape.every((size) => size === 1)));
  if ((activation !== "linear" && activation !== "relu") || preluActivationWeights || !biasFits) {
    return withWasmKernels(
      backend,
      (run) => run("_FusedMatMul", inputs, attrs as unknown as Record<string, never>),
    );
  }
  const product = batchMatMul({ inputs: { a, b }, backend, attrs: { transposeA, transposeB } });
  const wasm = backend as BackendWasm;
  const c = wasm.typedArrayFromHeap(product) as Float32Array;
  const given = bias && wasm.typedArrayFromHeap(bias) as Float32Array;
  const added = given?.length === n ? given : new Float32Array(n).fill(given?.[0] ?? 0);
  const relu = activation === "relu";
  for (let row = 0; row < c.length; row += n) {
    for (let column = 0; column < n; column++) {
      const value = c[row + column] + added[column];
      c[row + column] = relu && value < 0 ? 0 : value;
    }
  }
  return product;
}

/** `_FusedMatMul` for `wasm`: `BatchMatMul`'s product, then bias and ReLU, else XNNPACK's. */
export const fusedMatMulConfig: KernelConfig = {
  kernelName: "_FusedMatMul",
  backendName: "wasm",
  kernelFunc: fusedMatMul as unknown as KernelFunc,
};
