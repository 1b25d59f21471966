/**
 * The grader against the fixture class: every honest, broken and hostile submission gets its
 * expected status and points, nothing a student does reaches outside their sandbox, and
 * grading the class twice gives byte-identical results. It insists on bubblewrap, the sandbox
 * the grader uses on Linux, so a machine where it cannot start fails here rather than quietly
 * testing the fallback.
 */
import { assert, assertEquals, assertLess } from "@std/assert";
import { join } from "node:path";
import { COURSE_ROOT } from "../../lib/cli/course_root.ts";
import { buildFixtureClass, EXPECTED_GRADES } from "./fixture_class.ts";

const HIDDEN = join(COURSE_ROOT, "teachers", "hidden-tests-example");

/**
 * Grades `classDir` into `out` with the CLI, as a teacher would, in `sandbox`; returns what it
 * printed.
 */
async function grade(classDir: string, out: string, sandbox = "bubblewrap"): Promise<string> {
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-all",
      "lib/grade/cli.ts",
      classDir,
      `--out=${out}`,
      `--hidden=${HIDDEN}`,
      // The fixture submissions are written for lesson 1; other lessons would all be "missing".
      "--lessons=1",
      "--jobs=2",
      // Generous, so honest work (and the CPU-hogging worker) finishes even on a busy machine
      // (the suite runs another test file beside this one): the slowest honest submission,
      // worker-hog, takes about 9 s alone. The infinite loop waits it out in both runs, so it
      // is also what keeps this test from being shorter.
      "--timeout=30",
      "--memory=768",
      `--sandbox=${sandbox}`,
    ],
    cwd: COURSE_ROOT,
    stdin: "null",
    env: { LC_ALL: "C" }, // the console lines follow the locale: English here
  }).output();
  const text = new TextDecoder().decode(stdout);
  assertEquals(code, 0, `the grader failed:\n${text}\n${new TextDecoder().decode(stderr)}`);
  return text;
}

async function readTree(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for await (const entry of Deno.readDir(dir)) {
    const path = join(dir, entry.name);
    if (entry.isDirectory) {
      for (const [name, text] of await readTree(path)) files.set(`${entry.name}/${name}`, text);
    } else {
      files.set(entry.name, await Deno.readTextFile(path));
    }
  }
  return files;
}

function gradebookRows(csv: string): Map<string, { status: string; score: number }> {
  const [header, ...rows] = csv.trim().split("\n").map((line) => line.split(","));
  assertEquals(header, ["student", "status", "total", "max", "01_softmax", "notes"]);
  return new Map(rows.map((row) => [row[0], { status: row[1], score: Number(row[2]) }]));
}

// Linux only: elsewhere no /proc watches memory, and the buffer bomb would eat the machine.
Deno.test({
  name: "the fixture class grades as expected, confined, and the same twice",
  ignore: Deno.build.os !== "linux",
}, async () => {
  const root = await Deno.makeTempDir({ prefix: "digits-grade-class-" });
  const connections: string[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (request) => {
    connections.push(request.url);
    return new Response("ok");
  });
  try {
    const markerDir = join(root, "marker");
    await Deno.mkdir(markerDir);
    const classDir = join(root, "class");
    await buildFixtureClass(classDir, {
      COURSE_ROOT,
      MARKER_DIR: markerDir,
      OUT: join(root, "first"),
      PORT: String(server.addr.port),
    });
    const progress = await grade(classDir, join(root, "first"));
    await grade(classDir, join(root, "second"));

    const grades = gradebookRows(await Deno.readTextFile(join(root, "first", "gradebook.csv")));
    const actual = Object.fromEntries(grades);
    assertEquals(actual, EXPECTED_GRADES);
    const students = Object.keys(EXPECTED_GRADES).length;
    const progressLine = new RegExp(`^\\[\\s*\\d+/${students}\\]`);
    assertEquals(progress.split("\n").filter((line) => progressLine.test(line)).length, students);

    const firstTree = await readTree(join(root, "first"));
    assertEquals(firstTree, await readTree(join(root, "second")), "two runs differ");
    assertEquals(
      [...firstTree.keys()].filter((name) => !name.startsWith("students/")).sort(),
      ["gradebook.csv", "grades.json", "summary.html", "summary.md"],
    );

    assertEquals(connections, [], "a submission reached the network");
    assertEquals(await Array.fromAsync(Deno.readDir(markerDir)), [], "a submission wrote");
    for (const path of ["lib/written-by-a-student.txt", "zip-slip-escaped.ts"]) {
      assert(!(await exists(join(COURSE_ROOT, path))), `${path} was written`);
    }
    assert(!(await exists("/tmp/written-by-a-student.txt")), "a submission wrote to /tmp");

    const peek = firstTree.get("students/peek/feedback.md")!;
    assert(!peek.includes("Math.max(...row)"), "the solution leaked into feedback");
    const flood = firstTree.get("students/output-flood/feedback.md")!;
    assertLess(flood.length, 10_000, "a flood of output reached the feedback");
    const partial = JSON.parse(firstTree.get("students/honest-partial/results.json")!);
    assertEquals([partial.score, partial.max_score], [12, 22]);
    const hiddenTests = partial.tests.filter((test: { visibility: string }) =>
      test.visibility === "after_published"
    );
    assertEquals(hiddenTests.length, 4);
    const rejected = firstTree.get("students/zip-slip/feedback.md")!;
    assert(rejected.includes("points outside its folder"), rejected);
  } finally {
    await server.shutdown();
    await Deno.remove(root, { recursive: true });
  }
});

async function exists(path: string): Promise<boolean> {
  return await Deno.lstat(path).then(() => true, () => false);
}

/** The students who attack the scores themselves (rather than the machine). */
const SCORE_ATTACKS = [
  "cancels-run",
  "fills-storage",
  "forged-map-file",
  "forged-origin",
  "lying-values",
  "tamper",
  "test-only",
];

Deno.test("without bubblewrap, attacks on the scores earn nothing either", async () => {
  const root = await Deno.makeTempDir({ prefix: "digits-grade-attacks-" });
  try {
    const classDir = join(root, "class");
    const placeholders = { COURSE_ROOT, MARKER_DIR: root, OUT: join(root, "out"), PORT: "9" };
    await buildFixtureClass(classDir, placeholders);
    const graded = ["honest-full", "stubs", ...SCORE_ATTACKS];
    for await (const entry of Deno.readDir(classDir)) {
      if (!graded.includes(entry.name)) {
        await Deno.remove(join(classDir, entry.name), { recursive: true });
      }
    }
    await grade(classDir, join(root, "out"), "permissions");
    const grades = gradebookRows(await Deno.readTextFile(join(root, "out", "gradebook.csv")));
    assertEquals(
      Object.fromEntries(grades),
      Object.fromEntries(graded.sort().map((id) => [id, EXPECTED_GRADES[id]])),
    );
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
