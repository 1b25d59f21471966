import { assertEquals } from "@std/assert";
import { FALLBACK_COLUMNS, terminalColumns, usableColumns } from "../../../lib/cli/terminal.ts";

Deno.test("a terminal's width is used as reported, 80 when it reports nothing sensible", () => {
  assertEquals(usableColumns(120), 120);
  assertEquals(usableColumns(80.5), 80);
  for (const reported of [undefined, 0, -3, NaN]) {
    assertEquals(usableColumns(reported), FALLBACK_COLUMNS);
  }
  assertEquals(FALLBACK_COLUMNS, 80);
});

Deno.test("output that is not a terminal has no width", () => {
  if (Deno.stdout.isTerminal()) return;
  assertEquals(terminalColumns(), undefined);
});
