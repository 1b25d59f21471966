import { assertEquals, assertThrows } from "@std/assert";
import { UsageError } from "../../../lib/cli/errors.ts";
import { chooseLanguage, languageFromEnvironment, speaker } from "../../../lib/cli/language.ts";

Deno.test("the environment's locale picks the language: any zh* is Chinese", () => {
  assertEquals(languageFromEnvironment({}), "en");
  assertEquals(languageFromEnvironment({ LANG: "zh_CN.UTF-8" }), "zh");
  assertEquals(languageFromEnvironment({ LANG: "zh_TW" }), "zh");
  assertEquals(languageFromEnvironment({ LANG: "en_GB.UTF-8" }), "en");
  assertEquals(languageFromEnvironment({ LANG: "C" }), "en");
  assertEquals(languageFromEnvironment({ LC_MESSAGES: "zh_CN", LANG: "C" }), "zh");
  assertEquals(languageFromEnvironment({ LC_ALL: "C", LANG: "zh_CN.UTF-8" }), "en");
  assertEquals(languageFromEnvironment({ LC_ALL: "", LANG: "zh_CN.UTF-8" }), "zh");
});

Deno.test("--lang wins over the environment and must be en or zh", () => {
  assertEquals(chooseLanguage("en", { LANG: "zh_CN.UTF-8" }), "en");
  assertEquals(chooseLanguage("zh", { LANG: "C" }), "zh");
  assertEquals(chooseLanguage(undefined, { LANG: "zh_CN.UTF-8" }), "zh");
  assertThrows(() => chooseLanguage("fr"), UsageError, '--lang must be en or zh, got "fr"');
});

Deno.test("a speaker picks each text's version", () => {
  assertEquals(speaker("zh")({ en: "done", zh: "已完成" }), "已完成");
  assertEquals(speaker("en")({ en: "done", zh: "已完成" }), "done");
});
