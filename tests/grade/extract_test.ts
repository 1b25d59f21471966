/**
 * Unpacking archives safely: honest archives unpack whole; `../` paths, absolute paths, links,
 * bombs, too many entries and damaged archives are refused with a reason, and nothing is ever
 * written outside the destination folder.
 */
import { assert, assertEquals, assertRejects, assertThrows } from "@std/assert";
import { join } from "node:path";
import { extractArchive } from "../../lib/grade/extract.ts";
import { RejectedSubmission, safeRelativePath } from "../../lib/grade/limits.ts";
import { tarGzArchive, type TestEntry, zipArchive } from "./archives.ts";

async function tempDir(): Promise<string> {
  return await Deno.makeTempDir({ prefix: "digits-extract-test-" });
}

async function listTree(dir: string, prefix = ""): Promise<string[]> {
  const names: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    const name = `${prefix}${entry.name}`;
    names.push(entry.isDirectory ? `${name}/` : name);
    if (entry.isDirectory) names.push(...await listTree(join(dir, entry.name), `${name}/`));
  }
  return names.sort();
}

/** Writes `bytes` as an archive, unpacks it into `<root>/dest`, and returns `root`. */
async function unpack(name: string, bytes: Uint8Array): Promise<string> {
  const root = await tempDir();
  await Deno.writeFile(join(root, name), bytes);
  await extractArchive(
    join(root, name),
    name.endsWith(".zip") ? "zip" : "tar.gz",
    join(root, "dest"),
  );
  return root;
}

/** Asserts the archive is refused with a reason containing `reason`, writing nothing outside. */
async function assertRefused(name: string, bytes: Uint8Array, reason: string) {
  const root = await tempDir();
  try {
    await Deno.writeFile(join(root, name), bytes);
    const format = name.endsWith(".zip") ? "zip" : "tar.gz";
    await assertRejects(
      () => extractArchive(join(root, name), format, join(root, "nested", "dest")),
      RejectedSubmission,
      reason,
    );
    const inside = (path: string) =>
      [name, "nested/"].includes(path) || path.startsWith("nested/dest/");
    const outside = (await listTree(root)).filter((path) => !inside(path));
    assertEquals(outside, [], "something was written outside the destination");
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}

const HONEST: TestEntry[] = [
  { name: "alice/exercises/01_softmax.ts", data: "export const x = 1;\n" },
  { name: "alice/exercises/helpers/util.ts", data: "export const y = 2;\n" },
  { name: "__MACOSX/alice/._01_softmax.ts", data: "resource fork" },
  { name: "alice/.DS_Store", data: "finder" },
];

for (
  const [name, bytes] of [
    ["honest.zip", zipArchive(HONEST)],
    ["honest.tar.gz", tarGzArchive(HONEST)],
  ] as const
) {
  Deno.test(`${name} unpacks whole, without operating-system clutter`, async () => {
    const root = await unpack(name, bytes);
    try {
      assertEquals(await listTree(join(root, "dest")), [
        "alice/",
        "alice/exercises/",
        "alice/exercises/01_softmax.ts",
        "alice/exercises/helpers/",
        "alice/exercises/helpers/util.ts",
      ]);
      const text = await Deno.readTextFile(join(root, "dest/alice/exercises/01_softmax.ts"));
      assertEquals(text, "export const x = 1;\n");
    } finally {
      await Deno.remove(root, { recursive: true });
    }
  });
}

Deno.test("a .tar.gz made by GNU tar, long names included, unpacks whole", async () => {
  const root = await tempDir();
  try {
    const longName = `${"a".repeat(120)}.ts`;
    await Deno.mkdir(join(root, "src", "exercises"), { recursive: true });
    await Deno.writeTextFile(join(root, "src", "exercises", "01_softmax.ts"), "one");
    await Deno.writeTextFile(join(root, "src", "exercises", longName), "long");
    const tar = await new Deno.Command("tar", {
      args: ["-czf", join(root, "made.tar.gz"), "-C", join(root, "src"), "exercises"],
    }).output().catch(() => undefined);
    if (!tar?.success) return; // No GNU tar on this machine: the ustar tests above still run.
    await extractArchive(join(root, "made.tar.gz"), "tar.gz", join(root, "dest"));
    assertEquals(await listTree(join(root, "dest")), [
      "exercises/",
      "exercises/01_softmax.ts",
      `exercises/${longName}`,
    ]);
    assertEquals(await Deno.readTextFile(join(root, "dest", "exercises", longName)), "long");
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

for (const format of ["zip", "tar.gz"] as const) {
  const archive = format === "zip" ? zipArchive : tarGzArchive;
  const name = `bad.${format}`;
  Deno.test(`${format}: a ../ path is refused before anything escapes`, async () => {
    await assertRefused(
      name,
      archive([{ name: "ok.ts", data: "ok" }, { name: "../../escaped.ts", data: "x" }]),
      "points outside its folder",
    );
  });
  Deno.test(`${format}: an absolute path is refused`, async () => {
    await assertRefused(name, archive([{ name: "/etc/cron.d/x", data: "x" }]), "absolute");
  });
  Deno.test(`${format}: a backslash ..\\ path is refused`, async () => {
    await assertRefused(name, archive([{ name: "..\\..\\x.ts", data: "x" }]), "outside");
  });
  Deno.test(`${format}: a symbolic link is refused`, async () => {
    await assertRefused(name, archive([{ name: "etc", symlink: "/etc" }]), "is a link");
  });
  Deno.test(`${format}: more than 1000 entries are refused`, async () => {
    const many = Array.from({ length: 1001 }, (_, i) => ({ name: `f${i}.ts`, data: "" }));
    await assertRefused(name, archive(many), "more than 1000 files");
  });
  Deno.test(`${format}: unpacking to more than 32 MB is refused`, async () => {
    const zeros = new Uint8Array(33 * 1024 * 1024);
    await assertRefused(name, archive([{ name: "zeros.bin", data: zeros }]), "more than 32 MB");
  });
  Deno.test(`${format}: garbage is refused, not crashed on`, async () => {
    await assertRefused(name, new TextEncoder().encode("not an archive at all"), format);
  });
}

Deno.test("tar.gz: a hard link is refused", async () => {
  await assertRefused(
    "bad.tar.gz",
    tarGzArchive([{ name: "passwd", hardLink: "/etc/passwd" }]),
    "is a link",
  );
});

Deno.test("zip: an entry that unpacks to more than it declares is stopped", async () => {
  const zip = zipArchive([{ name: "bomb.bin", data: new Uint8Array(1024 * 1024) }]);
  const view = new DataView(zip.buffer);
  for (let at = 0; at < zip.length - 4; at++) {
    if (view.getUint32(at, true) === 0x02014b50) view.setUint32(at + 24, 10, true);
  }
  await assertRefused("bomb.zip", zip, "unpacks to more than it declares");
});

Deno.test("zip: a truncated archive is refused", async () => {
  const zip = zipArchive([{ name: "a.ts", data: "x".repeat(1000) }]);
  await assertRefused("cut.zip", zip.subarray(0, zip.length - 30), "zip");
});

Deno.test("safeRelativePath keeps honest paths and refuses escapes", () => {
  assertEquals(safeRelativePath("a/./b//c.ts"), "a/b/c.ts");
  assertEquals(safeRelativePath("exercises\\01_softmax.ts"), "exercises/01_softmax.ts");
  const tooLong = ["x".repeat(256), "a/".repeat(33) + "b"];
  for (
    const bad of ["../x", "a/../../x", "/etc/passwd", "C:/x", "a/\u0000b", ".", "", ...tooLong]
  ) {
    assertThrows(() => safeRelativePath(bad), RejectedSubmission);
  }
  assert(safeRelativePath("a..b/c") === "a..b/c", "dots inside a name are fine");
});
