/**
 * The fused Adam update (`AdamUpdate`, from hand-written WebAssembly) against tfjs's own Adam
 * on the cpu backend: the same bits, step after step, and the assembled binary in step with its
 * `.wat` source.
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
