import { assertEquals, assertThrows } from "@std/assert";
import { gzipSync } from "node:zlib";
import { DataError } from "../../../lib/cli/errors.ts";
import { encodeIdx, parseIdx } from "../../../lib/data/idx.ts";

const images = {
  dims: [2, 2, 3],
  data: new Uint8Array([0, 1, 2, 3, 4, 5, 250, 251, 252, 253, 254, 255]),
};

Deno.test("encodeIdx then parseIdx round-trips dimensions and data", () => {
  const parsed = parseIdx(encodeIdx(images), "images");
  assertEquals(parsed.dims, [2, 2, 3]);
  assertEquals(Array.from(parsed.data), Array.from(images.data));
});

Deno.test("encodeIdx writes the magic number and big-endian sizes", () => {
  const bytes = encodeIdx({ dims: [258], data: new Uint8Array(258) });
  assertEquals(Array.from(bytes.subarray(0, 8)), [0, 0, 8, 1, 0, 0, 1, 2]);
});

Deno.test("parseIdx unpacks gzip transparently", () => {
  const parsed = parseIdx(new Uint8Array(gzipSync(encodeIdx(images))), "images.gz");
  assertEquals(parsed.dims, [2, 2, 3]);
  assertEquals(parsed.data[11], 255);
});

Deno.test("parseIdx names the file and the problem for malformed input", () => {
  const valid = encodeIdx(images);
  const cases: [string, Uint8Array, string][] = [
    ["too short", new Uint8Array([0, 0]), "too short"],
    ["wrong magic", Uint8Array.from([1, 2, 8, 1, 0, 0, 0, 0]), "magic number"],
    ["wrong type", Uint8Array.from([0, 0, 0x0d, 1, 0, 0, 0, 0]), "type code 0x0d"],
    ["truncated header", valid.subarray(0, 9), "truncated inside its header"],
    ["truncated data", valid.subarray(0, valid.length - 1), "truncated"],
    ["trailing bytes", Uint8Array.from([...valid, 7]), "bytes after"],
    ["corrupt gzip", Uint8Array.from([0x1f, 0x8b, 8, 0, 1, 2, 3]), "corrupt or truncated gzip"],
  ];
  for (const [label, bytes, problem] of cases) {
    const error = assertThrows(
      () => parseIdx(bytes, "data/x-idx3-ubyte"),
      DataError,
      problem,
      label,
    );
    assertEquals(
      error.message.startsWith("data/x-idx3-ubyte: "),
      true,
      `${label}: ${error.message}`,
    );
  }
});
