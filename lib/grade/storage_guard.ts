/**
 * Storage a graded process must not use, and the check that reports an attempt. The Cache API
 * (`caches`) and web storage (`localStorage`, `sessionStorage`) need no Deno permission and
 * write into the Deno dir, outside the memory the grader watches. The sandboxes give the test
 * process no usable Deno dir, so nothing can be stored; {@linkcode guardStorage} also replaces
 * the three globals with getters that throw, remembers the attempt, and registers one check per
 * test file, run after that file's tests, that fails when an attempt was made. The grader gives
 * a lesson whose storage check failed the status `storage`.
 *
 * @module
 */

/** The file the storage check is registered from, as the test runner reports it. */
export const STORAGE_CHECK_FILE = "./lib/grade/storage_guard.ts";

/** The globals that reach storage. */
const STORAGE_GLOBALS = ["caches", "localStorage", "sessionStorage"];

/**
 * Makes the storage globals throw and registers the storage check (see the module
 * documentation). Call once, before any other module runs (`lib/grade/preload.ts` does).
 *
 * @example
 * ```ts
 * guardStorage();
 * localStorage.setItem("a", "b"); // throws; the check "grader › no storage used" fails
 * ```
 */
export function guardStorage(): void {
  const test = Deno.test;
  const attempts = new Set<string>();
  for (const name of STORAGE_GLOBALS) {
    Object.defineProperty(globalThis, name, {
      get() {
        attempts.add(name);
        throw new TypeError(`${name} is not available while grading: code may not store data`);
      },
      enumerable: false,
      configurable: false,
    });
  }
  // Registered once every test module has loaded, so it runs after the file's own tests.
  addEventListener("load", () => {
    test(storageCheckName(Deno.mainModule), () => {
      if (attempts.size > 0) {
        throw new Error(`the code reached for ${[...attempts].join(", ")}`);
      }
    });
  });
}

/**
 * The storage check's name for the test file `mainModule`: its last two path segments, so the
 * name is the same in every sandbox and differs between `tests/` and `hidden/`.
 *
 * @example
 * ```ts
 * storageCheckName("file:///course/tests/01_softmax_test.ts");
 * // "grader › no storage used (tests/01_softmax_test.ts)"
 * ```
 */
export function storageCheckName(mainModule: string): string {
  return `grader › no storage used (${mainModule.split("/").slice(-2).join("/")})`;
}
