import { assertEquals, assertStringIncludes } from "@std/assert";
import { inBothLanguages, messageIn } from "../../../lib/cli/two_languages.ts";
import { STUB_MARKER, TodoError } from "../../../lib/exercise/todo.ts";
import { explainFailure } from "../../../lib/exercise/explain_failure.ts";

Deno.test("a message in both languages reads as either, untranslated lines kept in both", () => {
  const message = [
    "softmax([1, 2]) should return 2 numbers",
    inBothLanguages({
      en: "Values are not equal.\n  expected: 2",
      zh: "两个值不相等。\n  期望：2\n  （见上）",
    }),
    "    at file:///x.ts:1:1",
  ].join("\n");
  assertEquals(
    messageIn(message, "en"),
    "softmax([1, 2]) should return 2 numbers\nValues are not equal.\n  expected: 2\n    at file:///x.ts:1:1",
  );
  assertEquals(
    messageIn(message, "zh"),
    "softmax([1, 2]) should return 2 numbers\n两个值不相等。\n  期望：2\n  （见上）\n    at file:///x.ts:1:1",
  );
  assertEquals(inBothLanguages("plain"), "plain");
  assertEquals(messageIn("plain\nlines", "zh"), "plain\nlines");
});

Deno.test("a stub's error names its task in both languages and keeps the stub marker", () => {
  const error = new TodoError("1.1 scalePixels", { en: "divide by 255", zh: "除以 255" });
  assertStringIncludes(error.message, STUB_MARKER);
  const failure = `${error.name}: ${error.message}\n    at scalePixels (file:///x.ts:3:10)`;
  assertEquals(explainFailure(failure), "Exercise 1.1 scalePixels is not done yet: divide by 255");
  assertEquals(explainFailure(failure, "zh"), "练习 1.1 scalePixels 还没有完成：除以 255");
});
