/**
 * The server's plain replies (a missing page, a method it refuses) in the server's language,
 * asked of the handler directly, without a server or a bundled script.
 */
import { assertEquals } from "@std/assert";
import { courseHandler } from "../../lib/serve/handler.ts";
import type { Language } from "../../lib/cli/language.ts";

async function reply(language: Language, method: string, path: string): Promise<string[]> {
  const outRoot = await Deno.makeTempDir();
  try {
    const handler = courseHandler({ outRoot, language, script: "" });
    const response = await handler(new Request(`http://127.0.0.1${path}`, { method }));
    return [String(response.status), await response.text()];
  } finally {
    await Deno.remove(outRoot, { recursive: true });
  }
}

Deno.test("a missing page is 'not found' in English and 找不到 in Chinese", async () => {
  assertEquals(await reply("en", "GET", "/nowhere"), ["404", "not found\n"]);
  assertEquals(await reply("zh", "GET", "/nowhere"), ["404", "找不到\n"]);
  assertEquals(await reply("zh", "GET", "/out/missing.json"), ["404", "找不到\n"]);
});

Deno.test("a method other than GET and HEAD is refused in the server's language", async () => {
  assertEquals(await reply("en", "POST", "/"), ["405", "only GET and HEAD\n"]);
  assertEquals(await reply("zh", "POST", "/"), ["405", "只接受 GET 和 HEAD 请求\n"]);
});
