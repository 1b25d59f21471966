/**
 * The course's server serves only the course's pages, tfjs from the installed packages and the
 * files under `--out`: traversal attempts (`..`, encoded `%2e%2e`, absolute paths, symlinks out
 * of out/) are refused, folders are never listed, nothing can be written; and `deno task serve`
 * prints its address, warns when open to the network, and rejects bad flags in one line.
 */
import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { join } from "node:path";
import { COURSE_ROOT } from "../../lib/cli/course_root.ts";
import { serveCourse } from "./fixtures.ts";

/** The status code of a raw `GET path` sent over TCP exactly as written (no URL cleaning). */
async function rawStatus(port: number, path: string, method = "GET"): Promise<number> {
  const connection = await Deno.connect({ hostname: "127.0.0.1", port });
  await connection.write(
    new TextEncoder().encode(
      `${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`,
    ),
  );
  const reply = new TextDecoder().decode(await new Response(connection.readable).arrayBuffer());
  return Number(/^HTTP\/1\.1 (\d{3})/.exec(reply)?.[1]);
}

Deno.test("only the course's pages, tfjs and out/ are served; traversal attempts are refused", async () => {
  const out = await Deno.makeTempDir({ prefix: "digits-serve-" });
  const outside = await Deno.makeTempDir({ prefix: "digits-outside-" });
  await Deno.writeTextFile(join(outside, "secret.txt"), "not for the browser");
  await Deno.mkdir(join(out, "07_cnn", "model"), { recursive: true });
  await Deno.writeTextFile(join(out, "07_cnn", "results.json"), "{}");
  await Deno.writeTextFile(join(out, "07_cnn", "index.html"), "<p>report</p>");
  await Deno.symlink(outside, join(out, "linked_folder"));
  await Deno.symlink(join(outside, "secret.txt"), join(out, "linked_file.txt"));
  await Deno.symlink(join(out, "07_cnn", "results.json"), join(out, "inside_link.json"));
  const served = await serveCourse(out);
  const port = Number(new URL(served.origin).port);
  try {
    const allowed = [
      "/",
      "/playground",
      "/assets/playground.js",
      "/assets/playground.css",
      "/vendor/tf.min.js",
      "/vendor/tfjs-backend-wasm-simd.wasm",
      "/api/models",
      "/out/07_cnn/results.json",
      "/out/07_cnn/",
      "/out/inside_link.json",
    ];
    for (const path of allowed) assertEquals(await rawStatus(port, path), 200, path);
    const refused = [
      "/out/../deno.json",
      "/out/%2e%2e/deno.json",
      "/out/%2E%2E/%2E%2E/etc/passwd",
      "/out/..%2fdeno.json",
      "/out/%2e%2e%2fdeno.json",
      "/out/..%5cdeno.json",
      "/out/07_cnn/../../deno.json",
      "/..%2f..%2fetc/passwd",
      "//etc/passwd",
      "/out//etc/passwd",
      "/out/%2Fetc%2Fpasswd",
      `/out/${encodeURIComponent(join(COURSE_ROOT, "deno.json"))}`,
      "/out/linked_folder/secret.txt",
      "/out/linked_file.txt",
      "/out/07_cnn/model/", // a folder without index.html: no listing
      "/out/",
      "/vendor/../deno.json",
      "/vendor/package.json",
      "/assets/../handler.ts",
      "/assets/playground.ts",
      "/lib/serve/cli.ts",
      "/deno.json",
      "/out/%00",
      "/out/%zz",
    ];
    for (const path of refused) {
      const status = await rawStatus(port, path);
      assert(status === 404 || status === 400, `${path}: status ${status}, expected 404 or 400`);
    }
    for (const method of ["PUT", "POST", "DELETE"]) {
      assertEquals(await rawStatus(port, "/out/07_cnn/results.json", method), 405, method);
    }
    assertEquals(await Deno.readTextFile(join(out, "07_cnn", "results.json")), "{}");
  } finally {
    await served.stop();
    await Deno.remove(out, { recursive: true });
    await Deno.remove(outside, { recursive: true });
  }
});

/** Starts `deno task serve` with `args`, returns its first stdout line and stderr, and stops it. */
async function startServe(args: string[]): Promise<{ address: string; stderr: string }> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "lib/serve/cli.ts", ...args],
    cwd: COURSE_ROOT,
    env: { LC_ALL: "C" },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let address = "";
  while (!address.includes("\n")) {
    const { value, done } = await reader.read();
    if (done) break;
    address += value;
  }
  child.kill();
  await reader.cancel();
  const stderr = await new Response(child.stderr).text();
  await child.status;
  return { address: address.trim(), stderr };
}

Deno.test("deno task serve prints its address, and warns when every computer can reach it", async () => {
  const local = await startServe(["--port", "0"]);
  assert(/^Serving the course at http:\/\/127\.0\.0\.1:\d+\//.test(local.address), local.address);
  assertEquals(local.stderr, "");
  const open = await startServe(["--port", "0", "--host", "0.0.0.0"]);
  assertStringIncludes(open.address, "http://127.0.0.1:");
  assertStringIncludes(open.stderr, "warning: --host 0.0.0.0: every computer on the network");
});

Deno.test("bad flags are one line and exit status 2", async () => {
  const file = await Deno.makeTempFile();
  const taken = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const busy = String(taken.addr.port);
  const cases: [string[], string][] = [
    [["--port", "http"], `error: --port must be a whole number of at least 0, got "http"`],
    [["--port", "70000"], `error: --port must be at most 65535, got "70000"`],
    [["--lang", "fr"], `error: --lang must be en or zh, got "fr"`],
    [["--out", file], `error: --out ${file}: not a folder; expected where lessons write`],
    [["--prot", "8000"], "error: unknown option --prot; did you mean --port?"],
    [["extra"], `error: unexpected argument "extra"`],
    [["--port", busy], `error: --host 127.0.0.1 --port ${busy}: already in use; choose another`],
  ];
  for (const [args, expected] of cases) {
    const { code, stderr } = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "lib/serve/cli.ts", ...args],
      cwd: COURSE_ROOT,
      env: { LC_ALL: "C" },
      stdin: "null",
      stdout: "null",
      stderr: "piped",
    }).output();
    const text = new TextDecoder().decode(stderr).trim();
    assertEquals(code, 2, args.join(" "));
    assertEquals(text.split("\n").length, 1, text);
    assertStringIncludes(text, expected);
  }
  taken.close();
  await Deno.remove(file);
});
