/**
 * Judging what a learner's code returns without trusting it. A test that asked the returned
 * array for `every`, `reduce` or `length` would let the array answer for itself: an array with
 * its own `every: () => true`, a Proxy or a lying getter would pass without computing anything.
 * So an exercise test first copies the result into data of its own and judges only the copy:
 *
 * - {@linkcode plainData} copies numbers, strings, booleans, `null`, `undefined`, arrays, plain
 *   objects and typed arrays, reading properties without running any of the learner's code,
 *   and fails with a clear message on anything else (a Proxy, a getter, a method of its own, a
 *   class instance);
 * - {@linkcode plainAs} does the same and checks that the copy has the expected shape;
 * - {@linkcode plainAwaited} waits for a promise the learner's code returned, then copies;
 * - {@linkcode plainTensor} and {@linkcode plainModel} copy TensorFlow.js tensors and models
 *   through TensorFlow.js's own methods, never the returned object's.
 *
 * Every failure is an `AssertionError` whose message starts with the call that returned the
 * value (`what`); for a value no honest answer needs (a Proxy, methods or getters of its own) it
 * ends with {@linkcode ANSWERS_FOR_ITSELF}, which the teachers' grader reads as tampering. In the teachers' grader the built-ins (`Array.prototype` and the rest) are
 * frozen before any learner module runs (`lib/grade/harden.ts`), so what a test then does with
 * its own copy is trustworthy.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { isPromise, isProxy, isTypedArray } from "node:util/types";
import { AssertionError } from "@std/assert";
import { ANSWERS_FOR_ITSELF } from "./answers_for_itself.ts";

const TYPED_ARRAYS = [
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
] as const;

/**
 * A typed array of one of the standard kinds, as {@linkcode plainData} accepts and copies it.
 *
 * @example
 * ```ts
 * const values: TypedArray = new Float32Array([0.5, 1]);
 * ```
 */
export type TypedArray = InstanceType<(typeof TYPED_ARRAYS)[number]>;

/**
 * Data with no behaviour of its own: what {@linkcode plainData} returns.
 *
 * @example
 * ```ts
 * const decision: PlainData = { stopEpoch: 4, stoppedEarly: true, keptEpoch: 2 };
 * ```
 */
export type PlainData =
  | undefined
  | null
  | boolean
  | number
  | string
  | TypedArray
  | PlainData[]
  | { [key: string]: PlainData };

/**
 * The shape {@linkcode plainAs} expects: `"number"`, `"string"` or `"boolean"`; `[item]` for an
 * array whose every element has shape `item`; `{ field: shape }` for an object with (at least)
 * those fields.
 *
 * @example
 * ```ts
 * const penalty = { penalty: "number", gradient: ["number"] } as const satisfies Shape;
 * const matrix = [["number"]] as const satisfies Shape;
 * ```
 */
export type Shape =
  | "number"
  | "string"
  | "boolean"
  | readonly [Shape]
  | { readonly [field: string]: Shape };

/**
 * The TypeScript type of data of shape `S`.
 *
 * @example
 * ```ts
 * type Rows = ShapeOf<[["number"]]>; // number[][]
 * type Penalty = ShapeOf<{ penalty: "number"; gradient: ["number"] }>;
 * // { penalty: number; gradient: number[] }
 * ```
 */
export type ShapeOf<S> = S extends "number" ? number
  : S extends "string" ? string
  : S extends "boolean" ? boolean
  : S extends readonly [infer Item] ? ShapeOf<Item>[]
  : { -readonly [K in keyof S]: ShapeOf<S[K]> };

/**
 * Copies `value` into fresh arrays and objects the caller owns, reading only own data
 * properties (no getter, Proxy trap or method runs). Accepted: numbers, strings, booleans,
 * `null`, `undefined`, arrays whose prototype is `Array.prototype` and whose own properties
 * are their elements and `length`, objects whose prototype is `Object.prototype` or `null`,
 * typed arrays. Anything else anywhere inside `value` fails the test, naming `what` and where.
 *
 * @example
 * ```ts
 * const rows = plainData(oneHot([2, 0], 3), "oneHot([2, 0], 3)");
 * assertEquals(rows, [[0, 0, 1], [1, 0, 0]]);
 *
 * const lying = Object.assign([0.5, 0.5], { every: () => true });
 * plainData(lying, "softmax([1, 1])");
 * // AssertionError: softmax([1, 1]) returned an array with its own methods (every)
 * ```
 */
export function plainData(value: unknown, what: string): PlainData {
  return readSafely(what, "a value that could not be read", () => copyOf(value, root(what)));
}

/**
 * {@linkcode plainData}, then a check that the copy has `shape`; returns the copy, typed.
 *
 * @example
 * ```ts
 * const probabilities = plainAs(softmax([1, 2, 3]), "softmax([1, 2, 3])", ["number"]);
 * probabilities.every((p) => p > 0); // the test's own array and Array.prototype.every
 *
 * const next = momentumStep([1, 2], [0.5, -1], { velocity: [0, 0] }, 0.1, 0.9);
 * const { params, state } = plainAs(next, "momentumStep", {
 *   params: ["number"],
 *   state: { velocity: ["number"] },
 * });
 * ```
 */
export function plainAs<const S extends Shape>(value: unknown, what: string, shape: S): ShapeOf<S> {
  return readSafely(what, "a value that could not be read", () => readAs(value, root(what), shape));
}

/**
 * Waits for a promise learner code returned and copies its value with {@linkcode plainData}.
 * The promise must be a genuine `Promise` (no `then` of its own is ever called); a value that
 * is not a promise is copied at once. A rejection is passed on as it is, unless a Proxy is
 * involved.
 *
 * @example
 * ```ts
 * const outcome = await plainAwaited(learningRateSweep([0.01, 0.1], train), "learningRateSweep");
 * const { best } = plainAs(outcome, "learningRateSweep", { best: { learningRate: "number" } });
 * ```
 */
export async function plainAwaited(value: unknown, what: string): Promise<PlainData> {
  const where = root(what);
  if (isProxy(value)) throw answersForItself(where, "a Proxy");
  if (!isPromise(value)) return plainData(value, what);
  if (Object.getPrototypeOf(value) !== Promise.prototype) {
    throw answersForItself(where, "a promise of its own class");
  }
  ownData(value, "a promise", where);
  let result: unknown;
  try {
    result = await value;
  } catch (error) {
    if (involvesProxy(error)) {
      throw failure(`${what} rejected with a Proxy; ${ANSWERS_FOR_ITSELF}`);
    }
    throw error;
  }
  return plainData(result, what);
}

/**
 * A fresh tensor, owned by the caller, with the values of the tensor learner code returned.
 * `value` must be a genuine `tf.Tensor`: not a Proxy, `tf.Tensor.prototype` among what it
 * inherits, no methods, getters or setters of its own. Its values are read through
 * TensorFlow.js's `tf.Tensor.prototype.dataSync`, never through the object's own methods.
 *
 * @example
 * ```ts
 * const output = plainTensor(layerOutput(), "layerOutput()");
 * output.arraySync(); // TensorFlow.js's own arraySync on the test's own tensor
 * output.dispose();
 * ```
 */
export function plainTensor(value: unknown, what: string): tf.Tensor {
  return readSafely(what, "a tensor that could not be read", () => tensorCopy(value, root(what)));
}

/**
 * A fresh model, owned by the caller, rebuilt from the model learner code returned, which is
 * then disposed. `value` must be a genuine TensorFlow.js model (`tf.sequential()` or
 * `tf.model()`), its layers genuine layers, none of them a Proxy or with methods, getters or
 * setters of their own. The copy is made from the configuration and weights read through
 * TensorFlow.js's own `tf.LayersModel.prototype.toJSON` and `getWeights`, both checked as plain
 * data and genuine tensors, so every test that compiles, trains, runs or inspects the copy
 * judges TensorFlow.js's own code, configured as the learner configured it.
 *
 * @example
 * ```ts
 * const model = await plainModel(buildSoftmaxModel(), "buildSoftmaxModel()");
 * model.countParams(); // 7850, counted by TensorFlow.js on the test's own copy
 * model.dispose();
 * ```
 */
export async function plainModel(value: unknown, what: string): Promise<tf.LayersModel> {
  let weights: tf.Tensor[] = [];
  try {
    const { object: model, own } = instance(value, tf.LayersModel, "model", root(what));
    arrayOf(
      own.get("layers"),
      root(what, "layers"),
      (layer, where) => instance(layer, tf.layers.Layer, "layer", where),
    );
    const json = tf.LayersModel.prototype.toJSON.call(model, null, false);
    const config = copyOf(json, root(what, "configuration"));
    weights = arrayOf(
      tf.LayersModel.prototype.getWeights.call(model),
      root(what, "weights"),
      tensorCopy,
    );
    const copy = await tf.models.modelFromJSON({ modelTopology: config } as tf.io.ModelJSON);
    copy.setWeights(weights);
    tf.LayersModel.prototype.dispose.call(model);
    return copy;
  } catch (error) {
    throw ownFailure(error, `${what} returned a model that could not be copied`);
  } finally {
    tf.dispose(weights);
  }
}

/** Where a value sits: the call that returned it, and the path inside what it returned. */
interface Where {
  what: string;
  path: string;
}

function root(what: string, path = ""): Where {
  return { what, path };
}

/** `where`, one step further in: `next` is `[index]` or `.field`. */
function inside(where: Where, next: string): Where {
  return { what: where.what, path: joinPath(where.path, next) };
}

/** The step to the property `key`: `[0]`, `.loss` or `[Symbol(name)]`. */
function step(key: string | symbol): string {
  return typeof key === "string" && !isIndex(key) ? `.${key}` : `[${String(key)}]`;
}

function joinPath(path: string, next: string): string {
  return path ? `${path}${next}` : next.replace(/^\./, "");
}

/** The failures raised here, told apart from anything else thrown without touching it. */
const raised = new WeakSet<object>();

function failure(message: string): AssertionError {
  const error = new AssertionError(message);
  raised.add(error);
  return error;
}

function at(where: Where): string {
  return where.path ? ` at ${where.path}` : "";
}

function returned(where: Where, text: string): AssertionError {
  return failure(`${where.what} returned ${text}${at(where)}`);
}

/** A value no honest answer needs: the failure says it counts as tampering when graded. */
function answersForItself(where: Where, text: string): AssertionError {
  return failure(`${where.what} returned ${text}${at(where)}; ${ANSWERS_FOR_ITSELF}`);
}

function shouldReturn(where: Where, expected: string, problem: string): AssertionError {
  return failure(`${where.what} should return ${expected}${at(where)}, ${problem}`);
}

/** Runs `read`; anything it throws that is not one of our failures becomes one. */
function readSafely<T>(what: string, unreadable: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw ownFailure(error, `${what} returned ${unreadable}`);
  }
}

function ownFailure(error: unknown, context: string): AssertionError {
  return raised.has(error as object)
    ? error as AssertionError
    : failure(`${context}: ${messageOf(error)}`);
}

/** The message of a thrown error, read as an own data property (no getter runs). */
function messageOf(error: unknown): string {
  if (typeof error === "string") return error;
  const message = isObject(error) && !isProxy(error)
    ? Object.getOwnPropertyDescriptor(error, "message")?.value
    : undefined;
  return typeof message === "string" ? message : "something other than an Error was thrown";
}

/** Whether `value` is a Proxy or inherits from one (asking a Proxy anything runs its traps). */
function involvesProxy(value: unknown): boolean {
  for (let object = value; isObject(object);) {
    if (isProxy(object)) return true;
    object = Object.getPrototypeOf(object);
  }
  return false;
}

function isObject(value: unknown): value is object {
  return (typeof value === "object" && value !== null) || typeof value === "function";
}

function kindOf(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return "an array";
  if (isTypedArray(value)) return "a typed array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

function names(keys: (string | symbol)[]): string {
  const shown = keys.slice(0, 5).map(String).join(", ");
  return keys.length > 5 ? `${shown}, ...` : shown;
}

function isIndex(key: string | symbol): key is string {
  return typeof key === "string" && String(Number(key) >>> 0) === key && key !== "4294967295";
}

/**
 * Visits the own properties of `object` that are data and pass `keep`, reading descriptors
 * only; getters, setters, functions and properties `keep` refuses fail, named.
 */
function ownData(
  object: object,
  noun: string,
  where: Where,
  keep: (key: string | symbol) => boolean = () => true,
  visit: (key: string | symbol, property: PropertyDescriptor) => void = () => {},
): void {
  const accessors: (string | symbol)[] = [];
  const methods: (string | symbol)[] = [];
  const extra: (string | symbol)[] = [];
  for (const key of Reflect.ownKeys(object)) {
    const property = Object.getOwnPropertyDescriptor(object, key)!;
    if (!("value" in property)) accessors.push(key);
    else if (isProxy(property.value)) throw answersForItself(inside(where, step(key)), "a Proxy");
    else if (typeof property.value === "function" && !isIndex(key)) methods.push(key);
    else if (keep(key)) visit(key, property);
    else extra.push(key);
  }
  if (accessors.length > 0) {
    throw answersForItself(where, `${noun} with a getter or setter (${names(accessors)})`);
  }
  if (methods.length > 0) {
    throw answersForItself(where, `${noun} with its own methods (${names(methods)})`);
  }
  if (extra.length > 0) throw returned(where, `${noun} with extra properties (${names(extra)})`);
}

/** The elements of a genuine array, each through `element`, in a fresh array. */
function arrayOf<T>(
  value: unknown,
  where: Where,
  element: (item: unknown, where: Where) => T,
): T[] {
  if (isProxy(value)) throw answersForItself(where, "a Proxy");
  if (!Array.isArray(value)) throw shouldReturn(where, "an array", `got ${kindOf(value)}`);
  if (Object.getPrototypeOf(value) !== Array.prototype) {
    throw answersForItself(where, "an array of its own class");
  }
  const copy: T[] = [];
  copy.length = value.length;
  ownData(value, "an array", where, (key) => key === "length" || isIndex(key), (key, property) => {
    if (key !== "length") {
      copy[Number(key)] = element(property.value, inside(where, step(key)));
    }
  });
  return copy;
}

function copyOf(value: unknown, where: Where, open = new Set<object>()): PlainData {
  if (isProxy(value)) throw answersForItself(where, "a Proxy");
  switch (typeof value) {
    case "undefined":
    case "boolean":
    case "number":
    case "string":
      return value;
    case "object":
      if (value === null) return null;
      break;
    default:
      throw returned(where, kindOf(value));
  }
  if (open.has(value)) throw returned(where, "a value that contains itself");
  open.add(value);
  try {
    return copyObject(value, where, open);
  } finally {
    open.delete(value);
  }
}

function copyObject(value: object, where: Where, open: Set<object>): PlainData {
  if (Array.isArray(value)) {
    return arrayOf(value, where, (item, itemWhere) => copyOf(item, itemWhere, open));
  }
  const prototype = Object.getPrototypeOf(value);
  const typed = isTypedArray(value) && TYPED_ARRAYS.find((type) => type.prototype === prototype);
  if (typed) {
    ownData(value, "a typed array", where, isIndex);
    return new (typed as new (source: TypedArray) => TypedArray)(value as TypedArray);
  }
  if (prototype !== Object.prototype && prototype !== null) {
    throw returned(
      where,
      "an object that is not plain data (a tensor, a class instance, a Map...): " +
        "return numbers, strings, arrays and plain objects",
    );
  }
  const copy: { [key: string]: PlainData } = Object.create(prototype);
  ownData(
    value,
    "an object",
    where,
    (key) => typeof key === "string",
    (key, property) =>
      Object.defineProperty(copy, key, {
        value: copyOf(property.value, inside(where, step(key)), open),
        enumerable: property.enumerable,
        writable: true,
        configurable: true,
      }),
  );
  return copy;
}

function readAs<const S extends Shape>(value: unknown, where: Where, shape: S): ShapeOf<S> {
  const data = copyOf(value, where);
  const problem = mismatch(data, shape);
  if (problem) {
    const { path, found } = problem;
    throw shouldReturn(
      where,
      typeName(shape),
      path ? `but ${joinPath("", path)} is ${found}` : `got ${found}`,
    );
  }
  return data as ShapeOf<S>;
}

/** Where `data` first departs from `shape` (a path into it) and what is found there. */
function mismatch(data: PlainData, shape: Shape): { path: string; found: string } | undefined {
  const found = { path: "", found: kindOf(data) };
  const type: string = typeof data;
  if (typeof shape === "string") return type === shape ? undefined : found;
  if (isArrayShape(shape)) {
    if (!Array.isArray(data)) return found;
    for (let i = 0; i < data.length; i++) {
      const inner = mismatch(data[i], shape[0]);
      if (inner) return { path: `[${i}]${inner.path}`, found: inner.found };
    }
    return undefined;
  }
  if (typeof data !== "object" || data === null || Array.isArray(data) || isTypedArray(data)) {
    return found;
  }
  for (const [field, fieldShape] of Object.entries(shape)) {
    const inner = mismatch(Object.hasOwn(data, field) ? data[field] : undefined, fieldShape);
    if (inner) return { path: `.${field}${inner.path}`, found: inner.found };
  }
  return undefined;
}

function isArrayShape(shape: Shape): shape is readonly [Shape] {
  return Array.isArray(shape);
}

/** `shape` in TypeScript's notation: `number[]`, `{ loss: number; gradient: number[] }`. */
function typeName(shape: Shape): string {
  if (typeof shape === "string") return shape;
  if (isArrayShape(shape)) return `${typeName(shape[0])}[]`;
  const fields = Object.entries(shape).map(([field, inner]) => `${field}: ${typeName(inner)}`);
  return `{ ${fields.join("; ")} }`;
}

/**
 * `value` as an instance of `type`: not a Proxy (nor anything it inherits from),
 * `type.prototype` among what it inherits, no methods, getters or setters of its own. Returns
 * it with its own data properties, read from their descriptors.
 */
function instance<T extends object>(
  value: unknown,
  type: abstract new (...args: never[]) => T,
  noun: string,
  where: Where,
): { object: T; own: Map<string | symbol, unknown> } {
  if (involvesProxy(value)) throw answersForItself(where, "a Proxy");
  let inherits = false;
  for (let object = value; isObject(object) && !inherits;) {
    object = Object.getPrototypeOf(object);
    inherits = object === type.prototype;
  }
  if (!inherits) throw shouldReturn(where, `a TensorFlow.js ${noun}`, `got ${kindOf(value)}`);
  const own = new Map<string | symbol, unknown>();
  ownData(
    value as T,
    `a ${noun}`,
    where,
    undefined,
    (key, property) => own.set(key, property.value),
  );
  return { object: value as T, own };
}

const TENSOR_TYPES = ["float32", "int32", "bool"];

function tensorCopy(value: unknown, where: Where): tf.Tensor {
  const { object: tensor, own } = instance(value, tf.Tensor, "tensor", where);
  const shape = readAs(own.get("shape"), inside(where, ".shape"), ["number"]);
  const dtype = readAs(own.get("dtype"), inside(where, ".dtype"), "string");
  if (!TENSOR_TYPES.includes(dtype)) throw returned(where, `a tensor of type ${dtype}`);
  const values = tf.Tensor.prototype.dataSync.call(tensor) as TypedArray;
  return tf.tensor(values.slice() as Float32Array, shape, dtype as tf.DataType);
}
