/**
 * The part of the course a submission's tests may see, staged once per grading run: a
 * `deno.json` mapping `@exercises/` to `./exercises/` (where the sandbox puts the student's
 * files), the selected lessons' test files and the teacher's hidden tests. `lib/`,
 * `node_modules/` and `data/` are read from the course itself; `solutions/` never leaves it.
 *
 * @module
 */
import { cp } from "node:fs/promises";
import { basename, join } from "node:path";
import { withExercisesAt } from "../exercise/import_map.ts";
import { HIDDEN_TEST_FILE, type Lesson } from "./lessons.ts";

/** A staged course. */
export interface CourseStage {
  /** The teacher's course root, whose `lib/`, `node_modules/` and `data/` the tests read. */
  courseRoot: string;
  /** The staged folder: `deno.json`, `tests/` and, with hidden tests, `hidden/`. */
  dir: string;
  /** Whether `hidden/` exists. */
  hasHidden: boolean;
  /**
   * A Deno dir the reference runs fill (with Deno's caches of the course's own modules) and
   * every student's run then reads, unable to write: `deno-dir/` beside the staged files.
   */
  cacheDir: string;
}

/** The config file a graded test run uses: the course's imports, no lock, no installs. */
async function gradingConfig(courseRoot: string): Promise<Record<string, unknown>> {
  const config = JSON.parse(await Deno.readTextFile(join(courseRoot, "deno.json")));
  return {
    imports: withExercisesAt(config.imports, "./exercises/"),
    nodeModulesDir: "manual",
    lock: false,
  };
}

/**
 * Stages `lessons` of the course at `courseRoot` into `dir`, with the hidden tests of those
 * lessons (and every other file of `hiddenDir`, such as helpers they import).
 *
 * @example
 * ```ts
 * const stage = await stageCourse(COURSE_ROOT, lessons, undefined, "/tmp/grading/stage");
 * ```
 */
export async function stageCourse(
  courseRoot: string,
  lessons: Lesson[],
  hiddenDir: string | undefined,
  dir: string,
): Promise<CourseStage> {
  await Deno.mkdir(join(dir, "tests"), { recursive: true });
  await Deno.mkdir(join(dir, "deno-dir"));
  const config = await gradingConfig(courseRoot);
  await Deno.writeTextFile(join(dir, "deno.json"), JSON.stringify(config, null, 2));
  for (const lesson of lessons) {
    await Deno.copyFile(join(courseRoot, lesson.testFile), join(dir, lesson.testFile));
  }
  if (hiddenDir) {
    const selected = new Set(lessons.flatMap((lesson) => lesson.hiddenFiles));
    await cp(hiddenDir, join(dir, "hidden"), {
      recursive: true,
      filter: (source) =>
        !HIDDEN_TEST_FILE.test(basename(source)) || selected.has(basename(source)),
    });
  }
  return {
    courseRoot,
    dir,
    hasHidden: hiddenDir !== undefined,
    cacheDir: join(dir, "deno-dir"),
  };
}

/** The test files of `lesson`, relative to the staged course: its own and its hidden ones. */
export function lessonTestFiles(lesson: Lesson): string[] {
  return [lesson.testFile, ...lesson.hiddenFiles.map((file) => `hidden/${file}`)];
}
