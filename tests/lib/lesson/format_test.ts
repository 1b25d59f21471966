import { assertEquals } from "@std/assert";
import { formatPercent } from "../../../lib/lesson/format.ts";

Deno.test("formatPercent writes a fraction as a percentage with two decimals", () => {
  assertEquals(formatPercent(0.97812), "97.81%");
  assertEquals(formatPercent(1), "100.00%");
  assertEquals(formatPercent(0), "0.00%");
});

Deno.test("formatPercent takes another number of decimals", () => {
  assertEquals(formatPercent(0.97812, 0), "98%");
  assertEquals(formatPercent(0.15, 0), "15%");
  assertEquals(formatPercent(0.995, 1), "99.5%");
});
