import { assertEquals } from "@std/assert";
import { formatPercent } from "../../../lib/lesson/format.ts";

Deno.test("formatPercent writes a fraction as a percentage with two decimals", () => {
  assertEquals(formatPercent(0.97812), "97.81%");
  assertEquals(formatPercent(1), "100.00%");
  assertEquals(formatPercent(0), "0.00%");
});
