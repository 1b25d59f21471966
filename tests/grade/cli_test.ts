/**
 * `deno task grade` as a teacher and an autograding platform use it: bad arguments are one line
 * naming the argument (exit code 2) and touch nothing; `--single` grades one submission into
 * the files Gradescope and GitHub Classroom read, with an exit code that says whether every
 * test passed.
 */
import { assertEquals, assertMatch, assertStringIncludes } from "@std/assert";
import { join } from "node:path";
import { COURSE_ROOT } from "../../lib/cli/course_root.ts";

/** Runs a course command from the course root, in English unless it says `--lang zh`. */
async function run(
  script: string,
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-all", script, ...args],
    cwd: COURSE_ROOT,
    stdin: "null",
    env: { LC_ALL: "C" }, // errors follow the locale: English whatever the machine's
  }).output();
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  return { code, stdout: decode(stdout), stderr: decode(stderr) };
}

function grade(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return run("lib/grade/cli.ts", args);
}

async function withTempDir(use: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "digits-cli-test-" });
  try {
    await use(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("bad arguments are one line naming the argument, exit code 2", async () => {
  await withTempDir(async (dir) => {
    await Deno.mkdir(join(dir, "class"));
    await Deno.mkdir(join(dir, "other-class", "alice"), { recursive: true });
    await Deno.mkdir(join(dir, "busy"));
    await Deno.writeTextFile(join(dir, "busy", "x.txt"), "mine");
    const out = `--out=${join(dir, "out")}`;
    const cases: [string[], RegExp][] = [
      [[], /^error: grade takes one <submissions> argument, got 0/],
      [[join(dir, "nowhere"), out], /^error: <submissions> .*nowhere does not exist$/],
      [[join(dir, "class"), out, "--jobs=0"], /^error: --jobs must be a whole number/],
      [[join(dir, "class"), out, "--timeout=soon"], /^error: --timeout must be a positive/],
      [[join(dir, "class"), out, "--lessons=1,x"], /^error: --lessons must be lesson numbers/],
      [
        [join(dir, "other-class"), out, "--lessons=99"],
        /^error: --lessons: the course has no lesson 99/,
      ],
      [[join(dir, "class"), out, "--sandbox=docker"], /^error: --sandbox must be one of/],
      [
        [join(dir, "class"), out, "--hidden=/nowhere"],
        /^error: --hidden \/nowhere does not exist$/,
      ],
      [[join(dir, "class"), out, "--colour"], /^error: unknown option --colour/],
      [[join(dir, "class"), out, "--export=canvas,pdf"], /^error: --export must be formats/],
      [[join(dir, "class"), out, "--only=a,,b"], /^error: --only must be student ids/],
      [
        ["--single", join(dir, "other-class", "alice"), out, "--only=alice"],
        /^error: --only regrades students of a class; it does not go with --single$/,
      ],
      [[join(dir, "class"), out], /^error: <submissions> .*class holds no submission$/],
      [[dir, `--out=${join(dir, "class")}`], /^error: --out .* must not be inside <submissions>/],
    ];
    for (const [args, expected] of cases) {
      const { code, stdout, stderr } = await grade(args);
      assertEquals([code, stdout], [2, ""], `${args.join(" ")}: ${stderr}`);
      assertEquals(stderr.trim().split("\n").length, 1, stderr);
      assertMatch(stderr.trim(), expected);
    }
    const busy = await grade([join(dir, "other-class"), `--out=${join(dir, "busy")}`]);
    assertEquals(busy.code, 2);
    assertMatch(busy.stderr, /^error: --out .*busy already holds files the grader did not write/);
    assertEquals(await Deno.readTextFile(join(dir, "busy", "x.txt")), "mine");
    assertEquals(await Deno.stat(join(dir, "out")).catch(() => "absent"), "absent");
  });
});

Deno.test("with --lang zh, the teacher's and learner's tools refuse in one Chinese line", async () => {
  await withTempDir(async (dir) => {
    const notImage = join(dir, "digit.png");
    await Deno.writeTextFile(notImage, "not a picture");
    const cases: [string, string[], RegExp][] = [
      ["lib/grade/cli.ts", [], /^错误：grade 需要一个 <submissions> 参数，收到的是 0 个/],
      ["lib/grade/cli.ts", [dir, "--sandbox=docker"], /^错误：--sandbox 只能是 .*"docker"$/],
      ["lib/grade/similarity/cli.ts", [], /^错误：similarity 需要一个 <submissions> 文件夹/],
      ["lib/predict/cli.ts", [], /^错误：需要一个图片文件，收到的是 0 个（用法：/],
      ["lib/predict/cli.ts", [notImage], /^错误：.*digit\.png：不是 PNG 或 JPEG 图片$/],
      ["lib/serve/cli.ts", ["extra"], /^错误：多余的参数 "extra"（用法：/],
    ];
    for (const [script, args, expected] of cases) {
      const { code, stdout, stderr } = await run(script, [...args, "--lang", "zh"]);
      assertEquals([code, stdout], [2, ""], `${script} ${args.join(" ")}: ${stderr}`);
      assertEquals(stderr.trim().split("\n").length, 1, stderr);
      assertMatch(stderr.trim(), expected);
    }
  });
});

Deno.test("--single grades one submission for Gradescope and GitHub Classroom", async () => {
  await withTempDir(async (dir) => {
    const submission = join(dir, "submission");
    await Deno.mkdir(submission);
    await Deno.copyFile(
      join(COURSE_ROOT, "tests/grade/fixtures/class/honest-partial/01_softmax.ts"),
      join(submission, "01_softmax.ts"),
    );
    await Deno.copyFile(join(COURSE_ROOT, "exercises/01_softmax.ts"), join(submission, "stubs.ts"));
    const results = join(dir, "results");
    await Deno.mkdir(results);
    const partial = await grade([
      "--single",
      submission,
      `--out=${results}`,
      "--timeout=60",
      "--lessons=1",
    ]);
    assertEquals(partial.code, 1, partial.stderr);
    assertStringIncludes(partial.stdout, "submission: ok, 9/18 points");
    const gradescope = JSON.parse(await Deno.readTextFile(join(results, "results.json")));
    assertEquals([gradescope.score, gradescope.max_score, gradescope.tests.length], [9, 18, 12]);
    const classroom = JSON.parse(await Deno.readTextFile(join(results, "github-classroom.json")));
    assertEquals([classroom.version, classroom.status, classroom.max_score], [1, "fail", 18]);
    assertStringIncludes(await Deno.readTextFile(join(results, "feedback.md")), "9 / 18 points");

    await Deno.copyFile(
      join(COURSE_ROOT, "solutions/01_softmax.ts"),
      join(submission, "01_softmax.ts"),
    );
    const full = await grade([
      "--single",
      submission,
      `--out=${results}`,
      "--timeout=60",
      "--lessons=1",
    ]);
    assertEquals(full.code, 0, full.stderr);
    assertStringIncludes(full.stdout, "submission: ok, 18/18 points");
  });
});
