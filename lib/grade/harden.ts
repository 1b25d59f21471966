/**
 * Making a test process tamper-proof before any student module runs. A student module shares
 * the process with the tests, so it could replace what the tests rely on to decide a result:
 * `Math.abs` inside an assertion, `Array.prototype.every`, `node:assert`'s functions, the global
 * `Math` itself, or `Deno.test`. After {@linkcode hardenIntrinsics} and
 * {@linkcode hardenDenoTest}, every such assignment throws.
 *
 * Freezing prototypes naively breaks ordinary code: `this.name = "MyError"` in an `Error`
 * subclass assigns over `Error.prototype.name`, which a frozen prototype refuses (the "override
 * mistake"). As in SES's `lockdown()`, each property of a frozen prototype becomes a getter
 * with a setter that creates the property on the object assigned to, so overriding an inherited
 * property still works while the prototype itself never changes.
 *
 * Two properties stay writable because the runtime and the course write them:
 * `Error.stackTraceLimit` (Node's internals) and `Math.random` (seeded by `seedEverything`, in
 * every test that trains, so a student's replacement is overwritten before it matters).
 *
 * `lib/grade/preload.ts` applies all of this through `deno test --preload`.
 *
 * @module
 */

/** The ECMAScript globals made read-only and deeply frozen. */
export const INTRINSIC_GLOBALS = [
  "AggregateError",
  "Array",
  "ArrayBuffer",
  "Atomics",
  "BigInt",
  "BigInt64Array",
  "BigUint64Array",
  "Boolean",
  "DataView",
  "Date",
  "Error",
  "EvalError",
  "FinalizationRegistry",
  "Float16Array",
  "Float32Array",
  "Float64Array",
  "Function",
  "Int16Array",
  "Int32Array",
  "Int8Array",
  "Intl",
  "Iterator",
  "JSON",
  "Map",
  "Math",
  "Number",
  "Object",
  "Promise",
  "Proxy",
  "RangeError",
  "ReferenceError",
  "Reflect",
  "RegExp",
  "Set",
  "SharedArrayBuffer",
  "String",
  "Symbol",
  "SyntaxError",
  "TypeError",
  "URIError",
  "Uint16Array",
  "Uint32Array",
  "Uint8Array",
  "Uint8ClampedArray",
  "WeakMap",
  "WeakRef",
  "WeakSet",
  "WebAssembly",
  "decodeURI",
  "decodeURIComponent",
  "encodeURI",
  "encodeURIComponent",
  "isFinite",
  "isNaN",
  "parseFloat",
  "parseInt",
];

/**
 * Deeply freezes the ECMAScript intrinsics, including the ones no global names (iterator
 * prototypes, `%TypedArray%`, the async and generator function prototypes), and makes their
 * global names read-only.
 *
 * @example
 * ```ts
 * hardenIntrinsics();
 * Math.abs = () => 0; // TypeError: Cannot assign to read only property 'abs'
 * ```
 */
export function hardenIntrinsics(): void {
  const global = globalThis as Record<string, unknown>;
  const names = INTRINSIC_GLOBALS.filter((name) => name in global);
  harden(...names.map((name) => global[name]), ...unnamedIntrinsics());
  for (const name of names) {
    Object.defineProperty(globalThis, name, { writable: false, configurable: false });
  }
}

/**
 * Makes `Deno.test` and every property of the `Deno` namespace read-only, and the global `Deno`
 * itself. The namespace stays extensible: the runtime adds to it lazily.
 */
export function hardenDenoTest(): void {
  harden(Deno.test);
  for (const key of Reflect.ownKeys(Deno)) lockProperty(Deno, key, false);
  Object.defineProperty(globalThis, "Deno", { writable: false, configurable: false });
}

/**
 * Deeply freezes `roots` and everything reachable from them through properties and
 * prototypes, keeping inherited properties overridable (see the module documentation).
 *
 * @example
 * ```ts
 * import assert from "node:assert";
 * harden(assert);
 * ```
 */
export function harden(...roots: unknown[]): void {
  const objects = reachableObjects(roots);
  const prototypes = new Set<object>([
    Object.prototype,
    Function.prototype,
    ...unnamedIntrinsics(),
  ]);
  for (const object of objects) {
    const prototype = Object.getPrototypeOf(object);
    if (prototype) prototypes.add(prototype);
    if (typeof object === "function" && Object.hasOwn(object, "prototype")) {
      const own = (object as { prototype: unknown }).prototype;
      if (isObject(own)) prototypes.add(own);
    }
  }
  for (const object of objects) {
    for (const key of Reflect.ownKeys(object)) lockProperty(object, key, prototypes.has(object));
    if (object !== Error) Object.preventExtensions(object);
  }
}

function lockProperty(object: object, key: PropertyKey, overridable: boolean): void {
  if (object === Error && key === "stackTraceLimit") return;
  const descriptor = Object.getOwnPropertyDescriptor(object, key)!;
  if (object === Math && key === "random") {
    Object.defineProperty(object, key, { configurable: false });
  } else if (
    "value" in descriptor && descriptor.writable && descriptor.configurable && overridable
  ) {
    Object.defineProperty(object, key, overridableProperty(object, key, descriptor));
  } else {
    const readOnly = "value" in descriptor ? { writable: false } : {};
    Object.defineProperty(object, key, { ...readOnly, configurable: false });
  }
}

/** A read-only getter for `descriptor.value` whose setter overrides it on other objects. */
function overridableProperty(
  owner: object,
  key: PropertyKey,
  descriptor: PropertyDescriptor,
): PropertyDescriptor {
  const value = descriptor.value;
  return {
    get: () => value,
    set(this: object, replacement: unknown) {
      if (this === owner) {
        throw new TypeError(`Cannot assign to read only property '${String(key)}'`);
      }
      if (Object.hasOwn(this, key)) {
        (this as Record<PropertyKey, unknown>)[key] = replacement;
      } else {
        Object.defineProperty(this, key, {
          value: replacement,
          writable: true,
          enumerable: true,
          configurable: true,
        });
      }
    },
    enumerable: descriptor.enumerable,
    configurable: false,
  };
}

function reachableObjects(roots: unknown[]): Set<object> {
  const found = new Set<object>();
  const pending = [...roots];
  while (pending.length > 0) {
    const value = pending.pop();
    if (!isObject(value) || found.has(value)) continue;
    found.add(value);
    pending.push(Object.getPrototypeOf(value));
    for (const key of Reflect.ownKeys(value)) {
      const descriptor = Object.getOwnPropertyDescriptor(value, key)!;
      pending.push(descriptor.value, descriptor.get, descriptor.set);
    }
  }
  return found;
}

function isObject(value: unknown): value is object {
  return (typeof value === "object" && value !== null) || typeof value === "function";
}

/** Intrinsics no global names, found through the objects that inherit from them. */
function unnamedIntrinsics(): object[] {
  const arrayIterator = Object.getPrototypeOf([][Symbol.iterator]());
  return [
    arrayIterator,
    Object.getPrototypeOf(arrayIterator),
    Object.getPrototypeOf(new Map()[Symbol.iterator]()),
    Object.getPrototypeOf(new Set()[Symbol.iterator]()),
    Object.getPrototypeOf(""[Symbol.iterator]()),
    Object.getPrototypeOf(/./[Symbol.matchAll]("")),
    Object.getPrototypeOf(Int8Array),
    Object.getPrototypeOf(Int8Array.prototype),
    Object.getPrototypeOf(async function () {}),
    Object.getPrototypeOf(function* () {}),
    Object.getPrototypeOf(async function* () {}),
    Object.getPrototypeOf(function* () {}.prototype),
    Object.getPrototypeOf(async function* () {}.prototype),
  ];
}
