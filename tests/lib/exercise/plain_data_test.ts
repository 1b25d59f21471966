import * as tf from "@tensorflow/tfjs";
import {
  assert,
  assertEquals,
  AssertionError,
  assertRejects,
  assertStrictEquals,
  assertThrows,
} from "@std/assert";
import { startBackend } from "../../../lib/backend/backend.ts";
import { ANSWERS_FOR_ITSELF } from "../../../lib/exercise/answers_for_itself.ts";
import {
  plainAs,
  plainAwaited,
  plainData,
  plainModel,
  plainTensor,
} from "../../../lib/exercise/plain_data.ts";
import { messageIn } from "../../../lib/cli/two_languages.ts";
import { assertCloseArrays } from "../../../lib/exercise/assert_close.ts";

/** A Proxy every trap of which counts itself in `calls.count` and throws the Proxy itself. */
function hostileProxy(calls: { count: number }): object {
  const traps = [
    "apply",
    "construct",
    "defineProperty",
    "deleteProperty",
    "get",
    "getOwnPropertyDescriptor",
    "getPrototypeOf",
    "has",
    "isExtensible",
    "ownKeys",
    "preventExtensions",
    "set",
    "setPrototypeOf",
  ];
  const handler: ProxyHandler<() => void> = Object.fromEntries(
    traps.map((trap) => [trap, () => {
      calls.count++;
      throw proxy;
    }]),
  );
  const proxy: object = new Proxy(() => {}, handler);
  return proxy;
}

Deno.test("plainData copies nested arrays and plain objects into fresh ones", () => {
  const original = { rows: [[1, 2], [3, 4]], name: "x", flag: true, none: null, gone: undefined };
  const copy = plainData(original, "f()");
  assertEquals(copy, original);
  const rows = (copy as { rows: number[][] }).rows;
  assert(rows !== original.rows, "a fresh copy");
  assert(rows[0] !== original.rows[0], "a fresh copy");
  original.rows[0][0] = 99;
  assertEquals(rows[0][0], 1, "the copy does not follow later changes to the original");
  const sparse = plainData([1, , 3], "f()") as number[];
  assertEquals(sparse.length, 3);
  assert(!(1 in sparse), "a hole stays a hole");
  const bare = plainData(Object.assign(Object.create(null), { a: 1 }), "f()") as object;
  assertStrictEquals(Object.getPrototypeOf(bare), null);
});

Deno.test("plainData rejects a Proxy without running any of its traps", () => {
  const calls = { count: 0 };
  const proxy = hostileProxy(calls);
  assertThrows(
    () => plainData(proxy, "softmax([1, 2])"),
    AssertionError,
    "softmax([1, 2]) returned a Proxy",
  );
  assertThrows(
    () => plainData([[1], proxy], "oneHot([0], 1)"),
    AssertionError,
    "returned a Proxy at [1]",
  );
  assertThrows(
    () => plainData({ state: { velocity: proxy } }, "step()"),
    AssertionError,
    "a Proxy at state.velocity",
  );
  const array = new Proxy([0.5, 0.5], {});
  assertThrows(() => plainData(array, "softmax([1, 1])"), AssertionError, "returned a Proxy");
  assertEquals(calls.count, 0, "no trap ran");
});

Deno.test("plainData rejects an array with its own methods, even hidden ones", () => {
  const lying = Object.assign([0.5, 0.5], { every: () => true });
  assertThrows(
    () => plainData(lying, "softmax([1, 1])"),
    AssertionError,
    "softmax([1, 1]) returned an array with its own methods (every)",
  );
  const hidden = [1, 2];
  Object.defineProperty(hidden, "reduce", { value: () => 1, enumerable: false });
  assertThrows(
    () => plainData([hidden], "oneHot"),
    AssertionError,
    "its own methods (reduce) at [0]",
  );
  const extra = Object.assign([1], { total: 1 });
  assertThrows(
    () => plainData(extra, "f()"),
    AssertionError,
    "an array with extra properties (total)",
  );
  class Lying extends Array {}
  assertThrows(
    () => plainData(Lying.from([1]), "f()"),
    AssertionError,
    "an array of its own class",
  );
});

Deno.test("plainData rejects getters and setters without calling them", () => {
  let called = false;
  const getter = {
    get loss() {
      called = true;
      return 0;
    },
  };
  assertThrows(
    () => plainData(getter, "backpropagate()"),
    AssertionError,
    "an object with a getter or setter (loss)",
  );
  const array = [1, 2];
  Object.defineProperty(array, 0, { get: () => (called = true) && 1 });
  assertThrows(
    () => plainData(array, "relu()"),
    AssertionError,
    "an array with a getter or setter (0)",
  );
  assert(!called, "no getter ran");
});

Deno.test("plainData rejects functions, class instances, symbols and cycles", async () => {
  await startBackend("cpu");
  assertThrows(
    () => plainData({ valueOf: () => 1 }, "f()"),
    AssertionError,
    "its own methods (valueOf)",
  );
  assertThrows(() => plainData([() => 1], "f()"), AssertionError, "returned a function at [0]");
  assertThrows(() => plainData(new Map(), "f()"), AssertionError, "not plain data");
  assertThrows(() => plainData(tf.scalar(1), "relu()"), AssertionError, "not plain data (a tensor");
  assertThrows(
    () => plainData({ [Symbol.iterator]: 1 }, "f()"),
    AssertionError,
    "extra properties",
  );
  const cycle: unknown[] = [];
  cycle.push(cycle);
  assertThrows(
    () => plainData(cycle, "f()"),
    AssertionError,
    "a value that contains itself at [0]",
  );
  const shared = [1];
  assertEquals(plainData([shared, shared], "f()"), [[1], [1]], "a value seen twice is not a cycle");
});

Deno.test("plainData accepts typed arrays and copies them", () => {
  const original = new Float32Array([1, 2.5]);
  const copy = plainData({ values: original }, "f()") as { values: Float32Array };
  assert(copy.values instanceof Float32Array);
  assert(copy.values !== original, "a fresh copy");
  assertEquals(Array.from(copy.values), [1, 2.5]);
  const lying = Object.assign(new Float64Array(2), { every: () => true });
  assertThrows(
    () => plainData(lying, "f()"),
    AssertionError,
    "a typed array with its own methods (every)",
  );
});

Deno.test("plainAs checks the shape and names where it differs", () => {
  const momentum = plainAs({ params: [1, 2], state: { velocity: [0, 1] } }, "momentumStep()", {
    params: ["number"],
    state: { velocity: ["number"] },
  });
  assertEquals(momentum.state.velocity, [0, 1]);
  assertThrows(
    () => plainAs([1, "2"], "sgdStep()", ["number"]),
    AssertionError,
    "sgdStep() should return number[], but [1] is a string",
  );
  assertThrows(
    () => plainAs({ params: [1] }, "momentumStep()", { state: { velocity: ["number"] } }),
    AssertionError,
    "should return { state: { velocity: number[] } }, but state is undefined",
  );
  assertThrows(
    () => plainAs(undefined, "crossEntropy()", "number"),
    AssertionError,
    "got undefined",
  );
  assertThrows(() => plainAs([1, , 3], "relu()", ["number"]), AssertionError, "[1] is undefined");
});

Deno.test("plainAwaited waits for genuine promises only", async () => {
  assertEquals(await plainAwaited(Promise.resolve({ best: [1] }), "sweep()"), { best: [1] });
  assertEquals(await plainAwaited(3, "sweep()"), 3, "a value that is not a promise is copied");
  const failure = new RangeError("no rates");
  const passed = await assertRejects(() => plainAwaited(Promise.reject(failure), "sweep([])"));
  assertStrictEquals(passed, failure, "a genuine rejection is passed on as it is");
  let called = false;
  const thenable = {
    then: () => {
      called = true;
    },
  };
  await assertRejects(
    () => plainAwaited(thenable, "sweep()"),
    AssertionError,
    "its own methods (then)",
  );
  const own = Object.assign(Promise.resolve(1), { then: () => (called = true) });
  await assertRejects(
    () => plainAwaited(own, "sweep()"),
    AssertionError,
    "a promise with its own methods (then)",
  );
  assert(!called, "no then of the learner's ran");
  const calls = { count: 0 };
  await assertRejects(
    () => plainAwaited(hostileProxy(calls), "sweep()"),
    AssertionError,
    "sweep() returned a Proxy",
  );
  await assertRejects(
    () => plainAwaited(Promise.reject(hostileProxy(calls)), "sweep()"),
    AssertionError,
    "sweep() rejected with a Proxy",
  );
  assertEquals(calls.count, 0, "no trap ran");
});

Deno.test("plainTensor copies a genuine tensor and rejects a fake one", async () => {
  await startBackend("cpu");
  const original = tf.tensor2d([[1, 2], [3, 4]]);
  const copy = plainTensor(original, "layer()");
  assert(copy !== original, "a fresh copy");
  assertEquals(copy.arraySync(), [[1, 2], [3, 4]]);
  original.dispose();
  assertEquals(copy.arraySync(), [[1, 2], [3, 4]], "the copy outlives the original");
  copy.dispose();
  const fake = Object.assign(Object.create(tf.Tensor.prototype), { dataSync: () => [1] });
  assertThrows(
    () => plainTensor(fake, "layer()"),
    AssertionError,
    "a tensor with its own methods (dataSync)",
  );
  assertThrows(
    () => plainTensor([1, 2], "layer()"),
    AssertionError,
    "should return a TensorFlow.js tensor, got an array",
  );
});

/** A small genuine model: 3 inputs, a hidden layer of 4, 2 softmax outputs. */
function smallModel(): tf.Sequential {
  return tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [3], units: 4, activation: "relu" }),
      tf.layers.dense({ units: 2, activation: "softmax" }),
    ],
  });
}

Deno.test("plainModel rebuilds a genuine model that predicts as the original did", async () => {
  await startBackend("cpu");
  const original = smallModel();
  const x = tf.tensor2d([[0.1, -0.5, 2], [1, 1, 1]]);
  const expected = (original.predict(x) as tf.Tensor).arraySync();
  const copy = await plainModel(original, "buildModel()");
  assert(copy !== original, "a fresh copy");
  assert(copy instanceof tf.Sequential, "a Sequential model is copied as a Sequential model");
  assertEquals(copy.layers.map((layer) => layer.getConfig().activation), ["relu", "softmax"]);
  assertEquals(copy.countParams(), original.countParams());
  assertEquals((copy.predict(x) as tf.Tensor).arraySync(), expected);
  assertThrows(() => original.dispose(), Error, "already disposed", "the original was disposed");
  copy.dispose();
  x.dispose();
});

Deno.test("plainModel rejects fake models, Proxies and models with own methods", async () => {
  await startBackend("cpu");
  const fake = Object.assign(Object.create(tf.Sequential.prototype), {
    predict: () => tf.ones([1, 10]),
  });
  await assertRejects(
    () => plainModel(fake, "buildSoftmaxModel()"),
    AssertionError,
    "a model with its own methods (predict)",
  );
  const calls = { count: 0 };
  await assertRejects(
    () => plainModel(hostileProxy(calls), "buildCnn()"),
    AssertionError,
    "buildCnn() returned a Proxy",
  );
  await assertRejects(
    () => plainModel(Object.create(hostileProxy(calls)), "buildCnn()"),
    AssertionError,
    "returned a Proxy",
  );
  assertEquals(calls.count, 0, "no trap ran");
  const layered = smallModel();
  Object.assign(layered.layers[1], { call: () => tf.ones([1, 2]) });
  await assertRejects(
    () => plainModel(layered, "buildDenseModel([4])"),
    AssertionError,
    "a layer with its own methods (call) at layers[1]",
  );
  await assertRejects(
    () => plainModel({}, "buildCnn()"),
    AssertionError,
    "buildCnn() should return a TensorFlow.js model, got an object",
  );
});

Deno.test("plainModel turns whatever a model class throws into an AssertionError", async () => {
  await startBackend("cpu");
  const calls = { count: 0 };
  const thrown = hostileProxy(calls);
  class Throwing extends tf.Sequential {
    override getConfig(): never {
      throw thrown;
    }
  }
  const model = new Throwing({ layers: [tf.layers.dense({ inputShape: [2], units: 1 })] });
  const error = await assertRejects(() => plainModel(model, "buildModel()"), AssertionError);
  assertEquals(
    messageIn(error.message, "en"),
    "buildModel() returned a model that could not be copied: " +
      "something other than an Error was thrown",
  );
  assertEquals(
    messageIn(error.message, "zh"),
    "buildModel() 返回的模型无法复制：抛出的不是一个 Error",
  );
  assertEquals(calls.count, 0, "no trap of the thrown Proxy ran");
});

Deno.test("only values no honest answer needs are marked as answering for themselves", () => {
  const marked = (value: unknown) => {
    try {
      plainData(value, "f()");
    } catch (error) {
      return messageIn((error as Error).message, "en").endsWith(ANSWERS_FOR_ITSELF);
    }
    throw new Error("plainData accepted it");
  };
  assert(marked(new Proxy([1], {})), "a Proxy");
  assert(marked(Object.assign([1], { every: () => true })), "an array with its own every");
  assert(
    marked({
      get loss() {
        return 0;
      },
    }),
    "a getter",
  );
  assert(!marked(new Map()), "a class instance is a mistake, not tampering");
  assert(!marked([1, () => 2]), "a function returned inside an array is a mistake");
});

Deno.test("a label given in both languages names the call in each language's message", () => {
  const what = { en: "sgdStep at step 3", zh: "第 3 步的 sgdStep" };
  const error = assertThrows(() => plainAs({ steps: 3 }, what, ["number"]), AssertionError);
  assertEquals(
    messageIn(error.message, "en"),
    "sgdStep at step 3 should return number[], got an object",
  );
  assertEquals(
    messageIn(error.message, "zh"),
    "第 3 步的 sgdStep 应当返回 number[]，实际是一个对象",
  );
  const nested = assertThrows(() => plainData([() => 1], what), AssertionError);
  assertEquals(messageIn(nested.message, "zh"), "第 3 步的 sgdStep 返回了一个函数（[0] 处）");
});

Deno.test("assertCloseArrays names a two-language label in the reader's language", () => {
  const what = { en: "dLoss/dW2 (seed 11)", zh: "dLoss/dW2（随机种子 11）" };
  const error = assertThrows(() => assertCloseArrays([1, 3], [1, 2], 1e-9, what), AssertionError);
  assertEquals(
    messageIn(error.message, "en").split("\n")[0],
    "dLoss/dW2 (seed 11): element 1 should be 2, got 3",
  );
  assertEquals(
    messageIn(error.message, "zh").split("\n")[0],
    "dLoss/dW2（随机种子 11）：下标 1 处的元素应当是 2，实际是 3",
  );
});
