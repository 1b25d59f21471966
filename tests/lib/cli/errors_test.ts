import { assertEquals } from "@std/assert";
import { DataError, errorLine, UsageError } from "../../../lib/cli/errors.ts";
import { languageOfCommandLine } from "../../../lib/cli/language.ts";

Deno.test("an error written in both languages prints in the command's, its message in English", () => {
  const usage = new UsageError({ en: "which lesson?", zh: "要运行哪一课？" });
  assertEquals(usage.message, "which lesson?");
  assertEquals(errorLine(usage, "en"), "error: which lesson?");
  assertEquals(errorLine(usage, "zh"), "错误：要运行哪一课？");
  const data = new DataError("data/x.gz", { en: "does not exist", zh: "不存在" });
  assertEquals(data.message, "data/x.gz: does not exist");
  assertEquals(errorLine(data, "en"), "error: data/x.gz: does not exist");
  assertEquals(errorLine(data, "zh"), "错误：data/x.gz：不存在");
});

Deno.test("an English-only error stays English, with its error: prefix, in Chinese too", () => {
  assertEquals(
    errorLine(new UsageError("--jobs must be 1 or more"), "zh"),
    "error: --jobs must be 1 or more",
  );
  assertEquals(errorLine(new DataError("x.json", "is empty"), "zh"), "error: x.json: is empty");
});

Deno.test("the command line's --lang decides the errors' language before it is parsed", () => {
  const zh = { LANG: "zh_CN.UTF-8" };
  assertEquals(languageOfCommandLine(["1", "--lang", "zh"], {}), "zh");
  assertEquals(languageOfCommandLine(["--lang=zh", "--bogus"], {}), "zh");
  assertEquals(languageOfCommandLine(["--lang", "en"], zh), "en");
  assertEquals(languageOfCommandLine(["--lang", "fr"], zh), "zh", "a bad --lang falls back");
  assertEquals(languageOfCommandLine([], zh), "zh");
  assertEquals(languageOfCommandLine([], { LC_ALL: "C", LANG: "zh_CN.UTF-8" }), "en");
});
