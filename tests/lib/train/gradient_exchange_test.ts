import { assertEquals, assertThrows } from "@std/assert";
import {
  ExchangeClosedError,
  GradientExchange,
} from "../../../lib/train/parallel/gradient_exchange.ts";

Deno.test("the exchange averages the published gradients weighted by share, skipping empty shares", () => {
  const main = GradientExchange.allocate(3, [2, 1]);
  const worker = new GradientExchange(main.layout); // another replica's view of the same memory
  main.publish(0, 0, [[1, 2], [3]]);
  worker.publish(1, 0, [[5, 6], [7]]);
  const expected = [Float32Array.of(3 / 4 + 5 / 4, 6 / 4 + 6 / 4), Float32Array.of(9 / 4 + 7 / 4)];
  assertEquals(main.average(0, [3, 1, 0]), expected);
  assertEquals(worker.average(0, [3, 1, 0]), expected);
  worker.waitFor(0, [3, 1, 0]); // both stamped: returns at once
});

Deno.test("consecutive steps use separate slots, so step n+1 leaves step n's gradients intact", () => {
  const exchange = GradientExchange.allocate(2, [1]);
  exchange.publish(0, 0, [[1]]);
  exchange.publish(1, 0, [[3]]);
  exchange.publish(0, 1, [[10]]);
  assertEquals(exchange.average(0, [1, 1]), [Float32Array.of(2)]);
});

Deno.test("a replica waiting for a share that never comes is released when the exchange closes", () => {
  const exchange = GradientExchange.allocate(2, [1]);
  exchange.publish(1, 0, [[1]]);
  exchange.close();
  assertThrows(() => exchange.waitFor(0, [1, 1]), ExchangeClosedError);
});
