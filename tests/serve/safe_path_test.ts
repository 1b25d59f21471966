/**
 * `fileUnder` on request paths as they reach it, before any URL cleaning: only plain names
 * inside the folder, symlinks followed and kept inside, a folder only through its index.html.
 */
import { assertEquals } from "@std/assert";
import { join } from "node:path";
import { fileUnder } from "../../lib/serve/safe_path.ts";

Deno.test("fileUnder finds files inside the folder and nothing outside it", async () => {
  const root = await Deno.makeTempDir({ prefix: "digits-root-" });
  const outside = await Deno.makeTempDir({ prefix: "digits-outside-" });
  await Deno.mkdir(join(root, "07_cnn", "model"), { recursive: true });
  await Deno.writeTextFile(join(root, "07_cnn", "index.html"), "report");
  await Deno.writeTextFile(join(root, "a b.json"), "{}");
  await Deno.writeTextFile(join(outside, "secret.txt"), "secret");
  await Deno.symlink(outside, join(root, "out_link"));
  const real = await Deno.realPath(root);
  try {
    assertEquals(await fileUnder(root, "07_cnn/index.html"), join(real, "07_cnn", "index.html"));
    assertEquals(await fileUnder(root, "07_cnn/"), join(real, "07_cnn", "index.html"));
    assertEquals(await fileUnder(root, "07_cnn"), join(real, "07_cnn", "index.html"));
    assertEquals(await fileUnder(root, "a%20b.json"), join(real, "a b.json"));
    for (
      const path of [
        "..",
        "../secret.txt",
        "%2e%2e/secret.txt",
        "%2E%2E%2Fsecret.txt",
        "07_cnn/%2e%2e/%2e%2e/etc/passwd",
        "07_cnn/..%5c..%5cetc",
        ".",
        "%2e",
        "/etc/passwd",
        "%2Fetc%2Fpasswd",
        encodeURIComponent(join(outside, "secret.txt")),
        "out_link/secret.txt",
        "07_cnn/model/",
        "",
        "a%00b",
        "%E0%A4%A",
        "missing.json",
      ]
    ) {
      assertEquals(await fileUnder(root, path), undefined, path);
    }
  } finally {
    await Deno.remove(root, { recursive: true });
    await Deno.remove(outside, { recursive: true });
  }
});
