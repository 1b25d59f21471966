/**
 * `deno task lesson N --mine`: with the reference solutions in `exercises/`, every lesson runs
 * with the learner's functions and gives the default run's numbers; on the shipped stubs it
 * stops at once with one line naming the first unfinished exercise.
 */
import { assert, assertEquals, assertMatch, assertStringIncludes } from "@std/assert";
import { cp } from "node:fs/promises";
import { basename, join } from "node:path";
import { COURSE_ROOT } from "../../lib/cli/course_root.ts";
import { type LessonEntry, lessonFiles, lessonsWithExercises } from "../../lib/course/manifest.ts";
import { stubLine } from "../../lib/exercise/stub_line.ts";
import { withoutTimes } from "./run_lesson.ts";

/**
 * How each lesson is run for the comparison (small, to keep the suite fast), which exercises
 * its `--mine` run must report using, and how far its numbers may differ from the default
 * run's: 0 where the solution computes exactly what the course does, a relative tolerance where
 * it computes the same thing another way (e.g. in float64 where the course uses float32).
 */
const RUNS: Record<number, { args: string[]; uses: string[]; tolerance: number }> = {
  // The solutions' crossEntropy sums in float64; the course's loss in float32.
  1: {
    args: ["--epochs", "2", "--subset", "600"],
    uses: ["1.1", "1.2", "1.4", "1.5", "1.6"],
    tolerance: 1e-6,
  },
  2: {
    args: ["--epochs", "1", "--subset", "600"],
    uses: ["2.1", "2.2", "2.4", "2.5"],
    tolerance: 0,
  },
  3: { args: ["--epochs", "2", "--subset", "600"], uses: ["3.2", "3.3", "3.4"], tolerance: 0 },
  4: {
    args: ["--epochs", "1", "--subset", "300"],
    uses: ["4.1", "4.2", "4.3", "4.4", "4.5"],
    tolerance: 0,
  },
  5: {
    args: ["--epochs", "3", "--subset", "300"],
    uses: ["5.1", "5.2", "5.3", "5.4", "5.5", "5.6"],
    tolerance: 0,
  },
  6: { args: ["--subset", "200"], uses: ["6.1", "6.2", "6.3", "6.4"], tolerance: 0 },
  7: {
    args: ["--epochs", "1", "--subset", "300", "--batch-size", "50"],
    uses: ["7.1", "7.2", "7.3"],
    tolerance: 0,
  },
  8: {
    args: ["--epochs", "1", "--subset", "300", "--batch-size", "50"],
    uses: ["8.1", "8.2", "8.3", "8.4"],
    tolerance: 0,
  },
};

/**
 * A copy of the course's code with `exercises/` holding `from` (`"solutions"` or the shipped
 * `"exercises"`): lessons and lib are copied, not linked, so the course root the lessons find
 * is the copy's.
 */
async function courseWith(from: "solutions" | "exercises"): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "digits-mine-" });
  for (const name of ["lib", "lessons", "exercises"]) {
    await cp(join(COURSE_ROOT, name), join(dir, name), { recursive: true });
  }
  await cp(join(COURSE_ROOT, from), join(dir, "exercises"), { recursive: true });
  for (const name of ["deno.json", "deno.lock"]) {
    await Deno.copyFile(join(COURSE_ROOT, name), join(dir, name));
  }
  for (const name of ["node_modules", "data"]) {
    await Deno.symlink(join(COURSE_ROOT, name), join(dir, name));
  }
  return dir;
}

async function lessonIn(dir: string, args: string[]) {
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "lessons/main.ts", ...args],
    cwd: dir,
    stdin: "null",
    env: { NO_COLOR: "1", LC_ALL: "C" },
  }).output();
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  return { code, stdout: decode(stdout), stderr: decode(stderr) };
}

// deno-lint-ignore no-explicit-any
async function results(out: string, lesson: LessonEntry): Promise<any> {
  return JSON.parse(await Deno.readTextFile(join(out, lesson.id, "results.json")));
}

Deno.test("every lesson with exercises has a --mine comparison run", () => {
  assertEquals(
    Object.keys(RUNS).map(Number),
    lessonsWithExercises().map((lesson) => lesson.number),
  );
});

for (const lesson of lessonsWithExercises().filter((entry) => RUNS[entry.number])) {
  Deno.test(`lesson ${lesson.number} --mine with the solutions gives the default run's numbers`, async () => {
    const dir = await courseWith("solutions");
    try {
      const { args, uses, tolerance } = RUNS[lesson.number];
      const run = (extra: string[], out: string) =>
        lessonIn(dir, [String(lesson.number), ...args, ...extra, "--out", join(dir, out)]);
      const [course, mine] = await Promise.all([run([], "course"), run(["--mine"], "mine")]);
      assertEquals(course.code, 0, course.stderr);
      assertEquals(mine.code, 0, mine.stderr);
      assertStringIncludes(
        mine.stdout.replace(/\s+/g, " "),
        `--mine: your code from ${lessonFiles(lesson).exercise} runs in this lesson:`,
      );
      const [expected, actual] = [
        await results(join(dir, "course"), lesson),
        await results(join(dir, "mine"), lesson),
      ];
      assertEquals(actual.config.mine, uses);
      assertEquals(expected.config.mine, []);
      delete actual.config.mine;
      delete expected.config.mine;
      for (const run of [actual, expected]) {
        run.charts = run.charts.map((path: string) => basename(path));
      }
      assertCloseDeep(withoutTimes(actual), withoutTimes(expected), tolerance, "results");
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });
}

Deno.test("on the shipped stubs --mine stops at once with one line naming the exercise", async () => {
  const dir = await courseWith("exercises");
  try {
    for (const lesson of lessonsWithExercises()) {
      const run = await lessonIn(dir, [String(lesson.number), "--mine", "--out", join(dir, "out")]);
      const file = lessonFiles(lesson).exercise;
      const source = await Deno.readTextFile(join(dir, file));
      assertEquals(run.code, 2, `lesson ${lesson.number}:\n${run.stdout}\n${run.stderr}`);
      const lines = run.stderr.trim().split("\n");
      assertEquals(lines.length, 1, `one line, got:\n${run.stderr}`);
      const [, line, id] = assertMatchGroups(
        lines[0],
        new RegExp(
          `^error: ${file}:(\\d+): exercise (\\d+\\.\\d+) \\w+ is not finished yet; ` +
            `write it, then run deno task check ${lesson.number}$`,
        ),
      );
      const exercise = lesson.exercises.find((entry) => entry.id === id);
      assert(exercise, `no exercise ${id} in lesson ${lesson.number}`);
      assertEquals(Number(line), stubLine(source, exercise.name));
      assert(!run.stdout.includes("Epoch 1/"), `lesson ${lesson.number} trained before stopping`);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

/** `actual` equals `expected`, numbers within `tolerance` relative to the expected value. */
function assertCloseDeep(actual: unknown, expected: unknown, tolerance: number, path: string) {
  if (typeof expected === "number" && typeof actual === "number") {
    const scale = Math.max(Math.abs(expected), 1e-12);
    assert(
      Math.abs(actual - expected) <= tolerance * scale,
      `${path}: --mine gave ${actual}, the default run ${expected} (tolerance ${tolerance})`,
    );
  } else if (expected && typeof expected === "object") {
    assert(actual && typeof actual === "object", `${path}: expected an object or array`);
    const keys = Object.keys(expected as object);
    assertEquals(Object.keys(actual as object), keys, `${path}: different fields`);
    for (const key of keys) {
      assertCloseDeep(
        (actual as Record<string, unknown>)[key],
        (expected as Record<string, unknown>)[key],
        tolerance,
        `${path}.${key}`,
      );
    }
  } else {
    assertEquals(actual, expected, path);
  }
}

function assertMatchGroups(text: string, pattern: RegExp): string[] {
  assertMatch(text, pattern);
  return pattern.exec(text)!;
}
