/**
 * Test helper: assembles the fixture class (see `fixtures/README.md`) in a temporary folder:
 * the hand-written submissions of `fixtures/class/` with their placeholders filled in, plus the
 * archive submissions, generated here so no binary file is committed. `EXPECTED_GRADES` says
 * what each student must get with the example hidden tests (22 points in all).
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { COURSE_ROOT } from "../../lib/cli/course_root.ts";
import type { GradeStatus } from "../../lib/grade/status.ts";
import { tarGzArchive, zipArchive } from "./archives.ts";

/** Values for the fixtures' placeholders. */
export interface Placeholders {
  /** The course root, for attempts to reach `solutions/` and `lib/`. */
  COURSE_ROOT: string;
  /** A folder that must stay empty: hostile writes and spawned processes aim at it. */
  MARKER_DIR: string;
  /** The grader's output folder, which a student tries to overwrite. */
  OUT: string;
  /** A port on 127.0.0.1 where the test listens for network attempts. */
  PORT: string;
}

/** Every student of the fixture class, with the status and points they must get (of 22). */
export const EXPECTED_GRADES: Record<string, { status: GradeStatus; score: number }> = {
  "honest-full": { status: "ok", score: 22 },
  "honest-partial": { status: "ok", score: 12 },
  "stubs": { status: "ok", score: 0 },
  "syntax-error": { status: "compile-error", score: 0 },
  "missing-lesson": { status: "missing", score: 0 },
  "infinite-loop": { status: "timeout", score: 0 },
  "memory-bomb": { status: "memory", score: 0 },
  "buffer-bomb": { status: "memory", score: 0 },
  "output-flood": { status: "ok", score: 22 },
  "exit-calls": { status: "ok", score: 12 },
  "fake-output": { status: "ok", score: 0 },
  "tamper": { status: "tampered", score: 0 },
  "cancels-run": { status: "crashed", score: 0 },
  "forged-origin": { status: "tampered", score: 0 },
  "forged-map-file": { status: "tampered", score: 0 },
  "lying-values": { status: "tampered", score: 0 },
  "fills-storage": { status: "storage", score: 0 },
  "test-only": { status: "tampered", score: 0 },
  "peek": { status: "ok", score: 0 },
  "writes-outside": { status: "storage", score: 0 },
  "network": { status: "ok", score: 22 },
  "spawns": { status: "ok", score: 22 },
  "worker-hog": { status: "ok", score: 22 },
  "honest-zip": { status: "ok", score: 22 },
  "partial-tar": { status: "ok", score: 12 },
  "zip-slip": { status: "rejected-archive", score: 0 },
  "link-to-etc": { status: "rejected-archive", score: 0 },
  "link-in-tar": { status: "rejected-archive", score: 0 },
  "hard-link": { status: "rejected-archive", score: 0 },
  "zip-bomb": { status: "rejected-archive", score: 0 },
  "notes.rar": { status: "rejected-archive", score: 0 },
};

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "fixtures", "class");
const LESSON_FILE = /^\d\d_\w+\.ts$/;

/** Builds the fixture class in `classDir` (which must not exist yet). */
export async function buildFixtureClass(classDir: string, placeholders: Placeholders) {
  const solution = await Deno.readTextFile(join(COURSE_ROOT, "solutions", "01_softmax.ts"));
  const stub = await Deno.readTextFile(join(COURSE_ROOT, "exercises", "01_softmax.ts"));
  const fill = (text: string) =>
    text.replace(/%(\w+)%/g, (match, name) => placeholders[name as keyof Placeholders] ?? match);
  await copyFixtures(FIXTURES, classDir, fill, { "reference.ts": solution, "stubs.ts": stub });
  const partial = await Deno.readTextFile(join(FIXTURES, "honest-partial", "01_softmax.ts"));
  const archives: [string, Uint8Array][] = [
    [
      "honest-zip.zip",
      zipArchive([
        { name: "digits-main/README.md", data: "my course work" },
        { name: "digits-main/exercises/01_softmax.ts", data: solution },
      ]),
    ],
    [
      "partial-tar.tar.gz",
      tarGzArchive([
        { name: "01_softmax.ts", data: partial },
        { name: "stubs.ts", data: stub },
      ]),
    ],
    [
      "zip-slip.zip",
      zipArchive([
        { name: "exercises/01_softmax.ts", data: solution },
        { name: "../../zip-slip-escaped.ts", data: "escaped" },
      ]),
    ],
    [
      "link-to-etc.zip",
      zipArchive([
        { name: "exercises/01_softmax.ts", data: solution },
        { name: "exercises/etc", symlink: "/etc" },
      ]),
    ],
    ["link-in-tar.tgz", tarGzArchive([{ name: "01_softmax.ts", symlink: "/etc/passwd" }])],
    ["hard-link.tar.gz", tarGzArchive([{ name: "01_softmax.ts", hardLink: "/etc/passwd" }])],
    [
      "zip-bomb.zip",
      zipArchive([
        { name: "exercises/01_softmax.ts", data: solution },
        { name: "exercises/padding.bin", data: new Uint8Array(40 * 1024 * 1024) },
      ]),
    ],
    ["notes.rar", new TextEncoder().encode("Rar!\u001a\u0007\u0000 not really")],
  ];
  for (const [name, bytes] of archives) await Deno.writeFile(join(classDir, name), bytes);
}

async function copyFixtures(
  from: string,
  to: string,
  fill: (text: string) => string,
  companions: Record<string, string>,
): Promise<void> {
  await Deno.mkdir(to, { recursive: true });
  for await (const entry of Deno.readDir(from)) {
    if (entry.isDirectory) {
      await copyFixtures(join(from, entry.name), join(to, entry.name), fill, companions);
      continue;
    }
    await Deno.writeTextFile(
      join(to, entry.name),
      fill(await Deno.readTextFile(join(from, entry.name))),
    );
    if (!LESSON_FILE.test(entry.name)) continue;
    for (const [name, text] of Object.entries(companions)) {
      await Deno.writeTextFile(join(to, name), text);
    }
  }
}
