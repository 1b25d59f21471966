import { assertEquals, assertThrows } from "@std/assert";
import { describeParseError, parseCommandLine } from "../../../lib/cli/args.ts";
import { HelpRequested, UsageError } from "../../../lib/cli/errors.ts";

const OPTIONS = {
  epochs: { type: "string" },
  out: { type: "string" },
  all: { type: "boolean" },
} as const;
const HELP = { usage: "usage: x [--epochs N]", text: "usage: x [--epochs N]\n\nExample: x 1" };

Deno.test("a negative number after an option that takes a value is its value", () => {
  const { values, positionals } = parseCommandLine(["--epochs", "-3", "1"], OPTIONS, HELP);
  assertEquals(values.epochs, "-3");
  assertEquals(positionals, ["1"]);
  assertEquals(parseCommandLine(["--epochs", "-.5"], OPTIONS, HELP).values.epochs, "-.5");
});

Deno.test("an unknown option suggests the nearest known one, or lists them", () => {
  assertThrows(
    () => parseCommandLine(["--epoch", "3"], OPTIONS, HELP),
    UsageError,
    "unknown option --epoch; did you mean --epochs? (usage: x [--epochs N])",
  );
  assertThrows(() => parseCommandLine(["--al"], OPTIONS, HELP), UsageError, "did you mean --all?");
  assertEquals(
    describeParseError(new Error("Unknown option '--zzzzzz'"), OPTIONS).en,
    "unknown option --zzzzzz; options: --epochs, --out, --all",
  );
});

Deno.test("--help and -h ask for the command's help text", () => {
  for (const flag of ["--help", "-h"]) {
    const error = assertThrows(() => parseCommandLine([flag], OPTIONS, HELP), HelpRequested);
    assertEquals((error as HelpRequested).text, HELP.text);
  }
});
