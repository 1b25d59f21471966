/**
 * The fused Adam update (`AdamUpdate`, from hand-written WebAssembly) against tfjs's own Adam
 * on the cpu backend: the same bits, step after step (but for moments flushed from the slow
 * denormal range to 0), and the assembled binary in step with its `.wat` source.
 */
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { assert, assertEquals } from "@std/assert";
import { ADAM_UPDATE } from "../../../lib/backend/kernels/adam_update.ts";
import { registerFastKernels } from "../../../lib/backend/kernels/mod.ts";
import { generatedModule, generatedPath, watFiles } from "../../../tools/wasm.ts";
import { values } from "./compare_with_cpu.ts";

tf.enableProdMode();
await tf.setBackend("wasm");
registerFastKernels();

/** Sizes that leave every remainder after the 4-wide loop, and a big one. */
const SHAPES = [[1], [3], [2, 2], [7], [3, 3, 1, 5], [1027], [300, 40]];
const STEPS = 5;

/** Trains variables of {@linkcode SHAPES} for a few Adam steps on `backend`; their final bits. */
async function adamSteps(backend: string): Promise<Uint32Array[]> {
  await tf.setBackend(backend);
  const variables = SHAPES.map((shape, i) =>
    tf.variable(tf.tensor(values(tf.util.sizeFromShape(shape), i + 1), shape), true, `w${i}`)
  );
  const optimizer = tf.train.adam(0.01, 0.9, 0.999, 1e-7);
  for (let step = 0; step < STEPS; step++) {
    const gradients = variables.map((v, i) => ({
      name: v.name,
      tensor: tf.tensor(values(v.size, 100 * step + i + 7), v.shape),
    }));
    optimizer.applyGradients(gradients);
    tf.dispose(gradients.map((g) => g.tensor));
  }
  const moments = (await optimizer.getWeights()).slice(1).map((w) => w.tensor);
  const bits = [...variables, ...moments].map((t) =>
    new Uint32Array(Float32Array.from(t.dataSync()).buffer)
  );
  optimizer.dispose();
  tf.dispose(variables);
  return bits;
}

Deno.test("Adam through AdamUpdate on wasm gives tfjs's cpu results bit for bit", async () => {
  const fused = await adamSteps("wasm");
  const reference = await adamSteps("cpu");
  assertEquals(fused.length, 3 * SHAPES.length);
  fused.forEach((bits, i) => assertEquals(bits, reference[i], `tensor ${i}`));
  await tf.setBackend("wasm");
});

Deno.test("AdamUpdate flushes moments below the smallest normal float32 to 0, nothing else", async () => {
  // A first gradient of 1e-37, then zeros: m shrinks by β1 = 0.9 a step and, from the third
  // step, would be denormal (below 2^-126 ≈ 1.18e-38); v (1e-75 · 0.001) underflows at once.
  const run = async (backend: string) => {
    await tf.setBackend(backend);
    const w = tf.variable(tf.tensor([0.5, -0.25, 1, 0]), true, "tiny");
    const optimizer = tf.train.adam(0.001);
    const tiny = [1e-37, -1e-37, 1, 0];
    const history: number[][] = [];
    for (let step = 0; step < 6; step++) {
      const g = tf.tensor(step === 0 ? tiny : [0, 0, 1, 0]);
      optimizer.applyGradients([{ name: w.name, tensor: g }]);
      g.dispose();
      const [, m] = await optimizer.getWeights();
      history.push([...m.tensor.dataSync(), ...w.dataSync()]);
    }
    optimizer.dispose();
    w.dispose();
    return history;
  };
  const fused = await run("wasm");
  const reference = await run("cpu");
  const smallestNormal = 2 ** -126;
  let flushed = 0;
  fused.forEach((row, step) =>
    row.forEach((value, i) => {
      const expected = reference[step][i];
      if (i < 4 && expected !== 0 && Math.abs(expected) < smallestNormal) {
        assertEquals(value, 0, `step ${step}: m[${i}] = ${expected} is denormal, so 0`);
        flushed++;
      } else {
        assertEquals(value, expected, `step ${step}: ${i < 4 ? "m" : "w"}[${i % 4}]`);
      }
    })
  );
  assert(flushed >= 4, `denormal moments met: ${flushed}`);
  await tf.setBackend("wasm");
});

Deno.test("Adam on wasm runs one AdamUpdate per variable instead of tfjs's 14 kernels", async () => {
  await tf.setBackend("wasm");
  const w = tf.variable(tf.ones([10]), true, "profiled");
  const optimizer = tf.train.adam(0.1);
  const profile = await tf.profile(() =>
    optimizer.applyGradients([{ name: w.name, tensor: tf.ones([10]) }])
  );
  const names = profile.kernels.map((k) => k.name);
  assertEquals(names.filter((n) => n === ADAM_UPDATE).length, 1);
  assert(!names.includes("Sqrt") && !names.includes("RealDiv"), names.join(", "));
  optimizer.dispose();
  w.dispose();
});

Deno.test("every .wat file's generated module is up to date (deno task wasm)", async () => {
  const files = await watFiles();
  assert(files.length > 0);
  for (const wat of files) {
    const name = wat.pathname.split("/").pop()!;
    const expected = await generatedModule(name, await Deno.readTextFile(wat));
    assertEquals(
      await Deno.readTextFile(generatedPath(wat)),
      expected,
      `${name}: run deno task wasm`,
    );
  }
});
