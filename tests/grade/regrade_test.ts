/**
 * `--only` regrades a few students into an earlier class run: their files change, every other
 * student's files stay byte-identical, and the class files (gradebook, summaries, record,
 * exports) end up exactly as grading the whole class afresh would write them. The dashboard it
 * writes, `summary.html`, is opened in headless Chromium: charts drawn, students linked, no
 * error. Lesson 1 only, three students, so it stays quick.
 */
import { assert, assertEquals, assertMatch, assertNotEquals } from "@std/assert";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { COURSE_ROOT } from "../../lib/cli/course_root.ts";
import { checkPage, findChromium } from "../lib/report/headless_chromium.ts";
import { buildFixtureClass } from "./fixture_class.ts";

const HIDDEN = join(COURSE_ROOT, "teachers", "hidden-tests-example");
const STUDENTS = ["honest-full", "honest-partial", "missing-lesson"];

async function grade(
  classDir: string,
  out: string,
  extra: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-all",
      "lib/grade/cli.ts",
      classDir,
      `--out=${out}`,
      "--lessons=1",
      "--jobs=2",
      "--timeout=40",
      "--memory=768",
      ...extra,
    ],
    cwd: COURSE_ROOT,
    stdin: "null",
    env: { LC_ALL: "C" }, // the console lines follow the locale: English here
  }).output();
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  return { code, stdout: decode(stdout), stderr: decode(stderr) };
}

async function readTree(dir: string, prefix = ""): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for await (const entry of Deno.readDir(dir)) {
    const path = join(dir, entry.name);
    if (entry.isDirectory) {
      for (const [name, text] of await readTree(path, `${prefix}${entry.name}/`)) {
        files.set(name, text);
      }
    } else {
      files.set(`${prefix}${entry.name}`, await Deno.readTextFile(path));
    }
  }
  return files;
}

Deno.test({
  name: "--only regrades those students, leaves the others byte-identical, and the class " +
    "files match a fresh run",
  ignore: Deno.build.os !== "linux",
}, async () => {
  const root = await Deno.makeTempDir({ prefix: "digits-regrade-" });
  try {
    const classDir = join(root, "class");
    await buildFixtureClass(classDir, { COURSE_ROOT, MARKER_DIR: root, OUT: root, PORT: "9" });
    for await (const entry of Deno.readDir(classDir)) {
      if (!STUDENTS.includes(entry.name)) {
        await Deno.remove(join(classDir, entry.name), { recursive: true });
      }
    }
    const out = join(root, "out");
    const options = [`--hidden=${HIDDEN}`, "--export=canvas,moodle"];
    const first = await grade(classDir, out, options);
    assertEquals(first.code, 0, first.stderr);
    const before = await readTree(out);

    // honest-partial finishes the lesson; missing-lesson submits too, but is not regraded.
    const partial = join(classDir, "honest-partial");
    await Deno.copyFile(join(partial, "reference.ts"), join(partial, "01_softmax.ts"));
    await Deno.copyFile(
      join(partial, "reference.ts"),
      join(classDir, "missing-lesson", "01_softmax.ts"),
    );
    const regrade = await grade(classDir, out, [...options, "--only=honest-partial"]);
    assertEquals(regrade.code, 0, regrade.stderr);
    assertMatch(regrade.stdout, /regraded 1 submissions/);
    const after = await readTree(out);

    assertEquals([...after.keys()].sort(), [...before.keys()].sort());
    for (const [name, text] of after) {
      if (name.startsWith("students/honest-partial/")) {
        assertNotEquals(text, before.get(name), `${name} was not rewritten`);
      } else if (name.startsWith("students/")) {
        assertEquals(text, before.get(name), `${name} changed`);
      }
    }
    assertMatch(after.get("gradebook.csv")!, /^honest-partial,ok,22,22,22,$/m);
    assertMatch(after.get("gradebook.csv")!, /^missing-lesson,missing,0,22,0,/m);
    assertMatch(after.get("moodle.csv")!, /^honest-partial,22$/m);

    // The same class, regraded the same way from scratch but for missing-lesson's new file.
    await Deno.remove(join(classDir, "missing-lesson", "01_softmax.ts"));
    const fresh = join(root, "fresh");
    assertEquals((await grade(classDir, fresh, options)).code, 0);
    assertEquals(after, await readTree(fresh), "a regrade differs from a fresh run");

    const chromium = findChromium();
    if (chromium) {
      const page = await checkPage(
        chromium,
        pathToFileURL(join(out, "summary.html")).href,
        `({ charts: document.querySelectorAll("figure svg").length,
            bars: document.querySelectorAll("figure svg .mark-rect path").length,
            links: [...document.querySelectorAll('a[href^="students/"]')]
              .map((a) => a.getAttribute("href")) })`,
      );
      assertEquals(page.errors, []);
      const measured = page.measured as { charts: number; bars: number; links: string[] };
      assertEquals(measured.charts, 2);
      assert(measured.bars > 6, `only ${measured.bars} bars drawn`);
      assert(measured.links.includes("students/missing-lesson/feedback.md"), measured.links.join());
      for (const link of new Set(measured.links)) {
        assert(after.has(link), `${link} is a dead link`);
      }
    }
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("--only refuses an --out with no earlier run, an unknown student and other tests", async () => {
  const root = await Deno.makeTempDir({ prefix: "digits-regrade-args-" });
  try {
    const classDir = join(root, "class");
    await Deno.mkdir(join(classDir, "alice"), { recursive: true });
    await Deno.copyFile(
      join(COURSE_ROOT, "exercises", "01_softmax.ts"),
      join(classDir, "alice", "01_softmax.ts"),
    );
    const out = join(root, "out");
    const none = await grade(classDir, out, ["--only=alice"]);
    assertEquals(none.code, 2);
    assertMatch(none.stderr.trim(), /^error: --only regrades into an earlier class run's --out/);
    assertEquals((await grade(classDir, out, [])).code, 0);
    const unknown = await grade(classDir, out, ["--only=bob"]);
    assertEquals(unknown.code, 2);
    assertEquals(unknown.stderr.trim(), 'error: --only: no submission of "bob" in <submissions>');
    const other = await grade(classDir, out, ["--only=alice", `--hidden=${HIDDEN}`]);
    assertEquals(other.code, 2);
    assertMatch(other.stderr.trim(), /^error: --only: the tests that score differ/);
    assertEquals(other.stderr.trim().split("\n").length, 1, other.stderr);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
