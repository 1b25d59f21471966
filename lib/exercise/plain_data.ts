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
 * value (`what`: a call expression as a plain string, or a description as `{ en, zh }` that each
 * language's message names in that language); for a value no honest answer needs (a Proxy,
 * methods or getters of its own) it ends with {@linkcode ANSWERS_FOR_ITSELF}, which the
 * teachers' grader reads as tampering. In the teachers' grader the built-ins (`Array.prototype`
 * and the rest) are frozen before any learner module runs (`lib/grade/harden.ts`), so what a test
 * then does with its own copy is trustworthy.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { isPromise, isProxy, isTypedArray } from "node:util/types";
import { AssertionError } from "@std/assert";
import { ANSWERS_FOR_ITSELF } from "./answers_for_itself.ts";
import type { Bilingual, Text } from "../cli/language.ts";
import { inBothLanguages } from "../cli/two_languages.ts";

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
export function plainData(value: unknown, what: Text): PlainData {
  return readSafely(what, UNREADABLE, () => copyOf(value, root(what)));
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
export function plainAs<const S extends Shape>(value: unknown, what: Text, shape: S): ShapeOf<S> {
  return readSafely(what, UNREADABLE, () => readAs(value, root(what), shape));
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
export async function plainAwaited(value: unknown, what: Text): Promise<PlainData> {
  const where = root(what);
  if (isProxy(value)) throw answersForItself(where, A_PROXY);
  if (!isPromise(value)) return plainData(value, what);
  if (Object.getPrototypeOf(value) !== Promise.prototype) {
    throw answersForItself(where, {
      en: "a promise of its own class",
      zh: "一个自定义类的 promise",
    });
  }
  ownData(value, { en: "a promise", zh: "promise 对象" }, where);
  let result: unknown;
  try {
    result = await value;
  } catch (error) {
    if (involvesProxy(error)) {
      throw failure({
        en: `${where.what.en} rejected with a Proxy; ${ANSWERS.en}`,
        zh: `${where.what.zh} 以一个 Proxy 拒绝（reject）；${ANSWERS.zh}`,
      });
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
export function plainTensor(value: unknown, what: Text): tf.Tensor {
  return readSafely(
    what,
    { en: "a tensor that could not be read", zh: "一个无法读取的张量" },
    () => tensorCopy(value, root(what)),
  );
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
export async function plainModel(value: unknown, what: Text): Promise<tf.LayersModel> {
  const named = labelOf(what);
  let weights: tf.Tensor[] = [];
  try {
    const { object: model, own } = instance(value, tf.LayersModel, MODEL, root(what));
    arrayOf(
      own.get("layers"),
      root(what, "layers"),
      (layer, where) => instance(layer, tf.layers.Layer, { en: "layer", zh: "层" }, where),
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
    throw ownFailure(error, {
      en: `${named.en} returned a model that could not be copied`,
      zh: `${named.zh} 返回的模型无法复制`,
    });
  } finally {
    tf.dispose(weights);
  }
}

/** Where a value sits: the call that returned it, and the path inside what it returned. */
interface Where {
  what: Bilingual;
  path: string;
}

function root(what: Text, path = ""): Where {
  return { what: labelOf(what), path };
}

/**
 * A test's label for a call (`what`) in both languages: a plain string (a call expression)
 * reads the same in each.
 *
 * @example
 * ```ts
 * labelOf("softmax([1, 2])"); // { en: "softmax([1, 2])", zh: "softmax([1, 2])" }
 * labelOf({ en: "sgdStep at step 2", zh: "第 2 步的 sgdStep" }); // as it is
 * ```
 */
export function labelOf(what: Text): Bilingual {
  return typeof what === "string" ? { en: what, zh: what } : what;
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

function failure(message: Bilingual): AssertionError {
  const error = new AssertionError(inBothLanguages(message));
  raised.add(error);
  return error;
}

/** {@linkcode ANSWERS_FOR_ITSELF}, with its Chinese (the grader reads the English). */
const ANSWERS: Bilingual = { en: ANSWERS_FOR_ITSELF, zh: "会自己给出答案的值在评分时算作篡改" };
const A_PROXY: Bilingual = { en: "a Proxy", zh: "一个 Proxy" };
const UNREADABLE: Bilingual = { en: "a value that could not be read", zh: "一个无法读取的值" };
const MODEL: Bilingual = { en: "model", zh: "模型" };

function at(where: Where): Bilingual {
  return where.path ? { en: ` at ${where.path}`, zh: `（${where.path} 处）` } : { en: "", zh: "" };
}

function returned(where: Where, text: Bilingual): AssertionError {
  const place = at(where);
  return failure({
    en: `${where.what.en} returned ${text.en}${place.en}`,
    zh: `${where.what.zh} 返回了${text.zh}${place.zh}`,
  });
}

/** A value no honest answer needs: the failure says it counts as tampering when graded. */
function answersForItself(where: Where, text: Bilingual): AssertionError {
  const place = at(where);
  return failure({
    en: `${where.what.en} returned ${text.en}${place.en}; ${ANSWERS.en}`,
    zh: `${where.what.zh} 返回了${text.zh}${place.zh}；${ANSWERS.zh}`,
  });
}

function shouldReturn(where: Where, expected: Bilingual, problem: Bilingual): AssertionError {
  const place = at(where);
  return failure({
    en: `${where.what.en} should return ${expected.en}${place.en}, ${problem.en}`,
    zh: `${where.what.zh} 应当返回${expected.zh}${place.zh}，${problem.zh}`,
  });
}

/** Runs `read`; anything it throws that is not one of our failures becomes one. */
function readSafely<T>(what: Text, unreadable: Bilingual, read: () => T): T {
  try {
    return read();
  } catch (error) {
    const named = labelOf(what);
    throw ownFailure(error, {
      en: `${named.en} returned ${unreadable.en}`,
      zh: `${named.zh} 返回了${unreadable.zh}`,
    });
  }
}

function ownFailure(error: unknown, context: Bilingual): AssertionError {
  if (raised.has(error as object)) return error as AssertionError;
  const message = messageOf(error);
  return failure({ en: `${context.en}: ${message.en}`, zh: `${context.zh}：${message.zh}` });
}

/** The message of a thrown error, read as an own data property (no getter runs). */
function messageOf(error: unknown): Bilingual {
  if (typeof error === "string") return { en: error, zh: error };
  const message = isObject(error) && !isProxy(error)
    ? Object.getOwnPropertyDescriptor(error, "message")?.value
    : undefined;
  return typeof message === "string"
    ? { en: message, zh: message }
    : { en: "something other than an Error was thrown", zh: "抛出的不是一个 Error" };
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

/** The Chinese of `a <typeof value>`. */
const KINDS_ZH: Record<string, string> = {
  string: "一个字符串",
  number: "一个数",
  boolean: "一个布尔值",
  bigint: "一个 bigint",
  symbol: "一个 symbol",
  function: "一个函数",
};

function kindOf(value: unknown): Bilingual {
  if (value === null || value === undefined) return { en: String(value), zh: String(value) };
  if (Array.isArray(value)) return { en: "an array", zh: "一个数组" };
  if (isTypedArray(value)) return { en: "a typed array", zh: "一个类型化数组" };
  if (typeof value === "object") return { en: "an object", zh: "一个对象" };
  return { en: `a ${typeof value}`, zh: KINDS_ZH[typeof value] };
}

/** What was found instead, e.g. `got an object`. */
function got(kind: Bilingual): Bilingual {
  return { en: `got ${kind.en}`, zh: `实际是${kind.zh}` };
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
  noun: Bilingual,
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
    else if (isProxy(property.value)) throw answersForItself(inside(where, step(key)), A_PROXY);
    else if (typeof property.value === "function" && !isIndex(key)) methods.push(key);
    else if (keep(key)) visit(key, property);
    else extra.push(key);
  }
  if (accessors.length > 0) {
    throw answersForItself(where, {
      en: `${noun.en} with a getter or setter (${names(accessors)})`,
      zh: `带 getter 或 setter 的${noun.zh}（${names(accessors)}）`,
    });
  }
  if (methods.length > 0) {
    throw answersForItself(where, {
      en: `${noun.en} with its own methods (${names(methods)})`,
      zh: `带有自己的方法的${noun.zh}（${names(methods)}）`,
    });
  }
  if (extra.length > 0) {
    throw returned(where, {
      en: `${noun.en} with extra properties (${names(extra)})`,
      zh: `带有多余属性的${noun.zh}（${names(extra)}）`,
    });
  }
}

/** The elements of a genuine array, each through `element`, in a fresh array. */
function arrayOf<T>(
  value: unknown,
  where: Where,
  element: (item: unknown, where: Where) => T,
): T[] {
  if (isProxy(value)) throw answersForItself(where, A_PROXY);
  if (!Array.isArray(value)) {
    throw shouldReturn(where, { en: "an array", zh: "一个数组" }, got(kindOf(value)));
  }
  if (Object.getPrototypeOf(value) !== Array.prototype) {
    throw answersForItself(where, { en: "an array of its own class", zh: "一个自定义类的数组" });
  }
  const copy: T[] = [];
  copy.length = value.length;
  ownData(
    value,
    { en: "an array", zh: "数组" },
    where,
    (key) => key === "length" || isIndex(key),
    (key, property) => {
      if (key !== "length") {
        copy[Number(key)] = element(property.value, inside(where, step(key)));
      }
    },
  );
  return copy;
}

function copyOf(value: unknown, where: Where, open = new Set<object>()): PlainData {
  if (isProxy(value)) throw answersForItself(where, A_PROXY);
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
  if (open.has(value)) {
    throw returned(where, { en: "a value that contains itself", zh: "一个包含自身的值" });
  }
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
    ownData(value, { en: "a typed array", zh: "类型化数组" }, where, isIndex);
    return new (typed as new (source: TypedArray) => TypedArray)(value as TypedArray);
  }
  if (prototype !== Object.prototype && prototype !== null) {
    throw returned(where, {
      en: "an object that is not plain data (a tensor, a class instance, a Map...): " +
        "return numbers, strings, arrays and plain objects",
      zh: "一个不是普通数据的对象（张量、类的实例、Map……）：" +
        "请返回数、字符串、数组和普通对象",
    });
  }
  const copy: { [key: string]: PlainData } = Object.create(prototype);
  ownData(
    value,
    { en: "an object", zh: "对象" },
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
    const type = typeName(shape);
    const inner = joinPath("", path);
    throw shouldReturn(
      where,
      { en: type, zh: ` ${type}` },
      path ? { en: `but ${inner} is ${found.en}`, zh: `但 ${inner} 是${found.zh}` } : got(found),
    );
  }
  return data as ShapeOf<S>;
}

/** Where `data` first departs from `shape` (a path into it) and what is found there. */
function mismatch(data: PlainData, shape: Shape): { path: string; found: Bilingual } | undefined {
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
  noun: Bilingual,
  where: Where,
): { object: T; own: Map<string | symbol, unknown> } {
  if (involvesProxy(value)) throw answersForItself(where, A_PROXY);
  let inherits = false;
  for (let object = value; isObject(object) && !inherits;) {
    object = Object.getPrototypeOf(object);
    inherits = object === type.prototype;
  }
  if (!inherits) {
    const expected = { en: `a TensorFlow.js ${noun.en}`, zh: `一个 TensorFlow.js 的${noun.zh}` };
    throw shouldReturn(where, expected, got(kindOf(value)));
  }
  const own = new Map<string | symbol, unknown>();
  ownData(
    value as T,
    { en: `a ${noun.en}`, zh: noun.zh },
    where,
    undefined,
    (key, property) => own.set(key, property.value),
  );
  return { object: value as T, own };
}

const TENSOR_TYPES = ["float32", "int32", "bool"];

function tensorCopy(value: unknown, where: Where): tf.Tensor {
  const { object: tensor, own } = instance(value, tf.Tensor, { en: "tensor", zh: "张量" }, where);
  const shape = readAs(own.get("shape"), inside(where, ".shape"), ["number"]);
  const dtype = readAs(own.get("dtype"), inside(where, ".dtype"), "string");
  if (!TENSOR_TYPES.includes(dtype)) {
    throw returned(where, { en: `a tensor of type ${dtype}`, zh: `类型为 ${dtype} 的张量` });
  }
  const values = tf.Tensor.prototype.dataSync.call(tensor) as TypedArray;
  return tf.tensor(values.slice() as Float32Array, shape, dtype as tf.DataType);
}
