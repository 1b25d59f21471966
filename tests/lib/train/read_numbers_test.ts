import * as tf from "@tensorflow/tfjs";
import { assertEquals } from "@std/assert";
import { startBackend } from "../../../lib/backend/backend.ts";
import { readNumbers } from "../../../lib/train/read_numbers.ts";

Deno.test("readNumbers flattens a tensor into a plain array", async () => {
  await startBackend("wasm");
  const tensor = tf.tensor([[1, 2], [3, 0.5]]);
  const numbers = readNumbers(tensor);
  assertEquals(numbers, [1, 2, 3, 0.5]);
  assertEquals(Array.isArray(numbers), true);
  tensor.dispose();
});
