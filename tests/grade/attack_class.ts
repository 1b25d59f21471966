/**
 * Not a test (it grades every lesson, which takes minutes): a class of the solutions, the stubs
 * and one student per attack on the scores, each attack applied to every lesson's file, graded
 * with each sandbox. The honest copy must get full marks and `ok`; every attacker 0 points and a
 * status other than `ok`; the stubs 0 points.
 *
 * ```sh
 * deno run -A tests/grade/attack_class.ts                  # both sandboxes, every lesson
 * deno run -A tests/grade/attack_class.ts --lessons 1,6 --sandboxes permissions
 * ```
 *
 * The attacks (as found against the grader before it checked reports for cleanness):
 * - `cancels-run`: every function throws a Proxy whose traps throw; the runner cancels the run.
 * - `forged-origin`, `forged-map-file`: the stubs, plus passing look-alikes of the course's tests
 *   registered after the real ones, reported under the course's test file through a source map
 *   (inline; in a `.map` file beside the exercise file).
 * - `lying-values`: every function returns an array whose own methods lie (`every`, `reduce`...).
 * - `fills-storage`: every function fills the Cache API and `localStorage`, then calls the stub.
 * - `test-only`: the solutions, plus a `Deno.test.only` of its own.
 *
 * @module
 */
import { basename, join } from "node:path";
import { parseArgs } from "node:util";
import { COURSE_ROOT } from "../../lib/cli/course_root.ts";
import { lessonFiles, lessonsWithExercises } from "../../lib/course/manifest.ts";
import { testName } from "../../lib/exercise/test_name.ts";
import { testNameCalls } from "../course/test_name_calls.ts";
import { UsageError } from "../../lib/cli/errors.ts";
import { runCommand } from "../../lib/cli/errors.ts";

/** One lesson's files, as an attack sees them. */
interface LessonFiles {
  /** The exercise file's name, e.g. `01_softmax.ts`. */
  file: string;
  /** The names of the functions it exports. */
  functions: string[];
  /** The names of the course's tests of the lesson. */
  testNames: string[];
}

const BOMB = `const trap = (): never => {
  throw bomb;
};
const bomb: object = new Proxy({}, {
  get: trap, getPrototypeOf: trap, getOwnPropertyDescriptor: trap, has: trap, ownKeys: trap,
});`;

const LIAR = `function liar(): number[] {
  const values = [0, 0.2, 1];
  const methods: Record<string, unknown> = {
    every: () => true, some: () => true, reduce: () => 1, forEach: () => {}, map: () => liar(),
    indexOf: () => 0, includes: () => true, filter: () => liar(),
  };
  for (const [name, value] of Object.entries(methods)) {
    Object.defineProperty(values, name, { value, enumerable: false });
  }
  return values;
}`;

const FILL = `async function fill(): Promise<void> {
  try {
    for (let i = 0; i < 256; i++) localStorage.setItem("k" + i, "x".repeat(1 << 20));
  } catch { /* keep going */ }
  try {
    const cache = await caches.open("fill");
    for (let i = 0; i < 256; i++) await cache.put("https://x.test/" + i, new Response(new Uint8Array(1 << 20)));
  } catch { /* keep going */ }
}`;

/** Each attack: the student's file for one lesson, and any file to put beside it. */
const ATTACKS: Record<string, (lesson: LessonFiles) => Record<string, string>> = {
  "cancels-run": ({ file, functions }) => ({
    [file]: [
      `export * from "./stubs/${file}";`,
      BOMB,
      ...functions.map((name) => `export function ${name}(): never {\n  throw bomb;\n}`),
    ].join("\n"),
  }),
  "forged-origin": (lesson) => {
    const code = forger(lesson);
    const map = sourceMap(code, lesson.file);
    return {
      [lesson.file]: `${code}//# sourceMappingURL=data:application/json;base64,${btoa(map)}\n`,
    };
  },
  "forged-map-file": (lesson) => {
    const code = forger(lesson);
    return {
      [lesson.file]: `${code}//# sourceMappingURL=${lesson.file}.map\n`,
      [`${lesson.file}.map`]: sourceMap(code, lesson.file),
    };
  },
  "lying-values": ({ file, functions }) => ({
    [file]: [
      `export * from "./stubs/${file}";`,
      LIAR,
      ...functions.map((name) => `export function ${name}(): any {\n  return liar();\n}`),
    ].join("\n"),
  }),
  "fills-storage": ({ file, functions }) => ({
    [file]: [
      `export * from "./stubs/${file}";`,
      `import * as stub from "./stubs/${file}";`,
      FILL,
      ...functions.map((name) =>
        `export function ${name}(...args: unknown[]): any {\n  fill();\n` +
        `  return (stub.${name} as (...args: unknown[]) => unknown)(...args);\n}`
      ),
    ].join("\n"),
  }),
  "test-only": ({ file, testNames }) => ({
    [file]: `export * from "./solutions/${file}";\n` +
      `Deno.test.only(${JSON.stringify(testNames[0])}, () => {});\n`,
  }),
};

/** The stubs, plus passing look-alikes of every course test, registered after the real ones. */
function forger({ file, testNames }: LessonFiles): string {
  return `export * from "./stubs/${file}";
addEventListener("load", () => {
  for (const name of ${JSON.stringify(testNames)}) Deno.test(name, () => {});
});
`;
}

/** A source map sending every line of `code` to the course's test file of `file`'s lesson. */
function sourceMap(code: string, file: string): string {
  const lines = code.split("\n").length + 1;
  const tests = `../tests/${file.replace(/\.ts$/, "_test.ts")}`;
  return JSON.stringify({ version: 3, sources: [tests], mappings: "AAAA" + ";AACA".repeat(lines) });
}

async function lessonsToAttack(numbers: number[] | undefined): Promise<LessonFiles[]> {
  const lessons = lessonsWithExercises()
    .filter((lesson) => !numbers || numbers.includes(lesson.number));
  return await Promise.all(lessons.map(async (lesson) => {
    const files = lessonFiles(lesson);
    const tests = await Deno.readTextFile(join(COURSE_ROOT, files.test));
    return {
      file: basename(files.exercise),
      functions: lesson.exercises.map((exercise) => exercise.name),
      testNames: testNameCalls(tests).map((call) =>
        testName(call.exerciseId, call.check, call.points)
      ),
    };
  }));
}

async function buildClass(classDir: string, lessons: LessonFiles[]): Promise<void> {
  const copyCourse = async (student: string, from: string) => {
    const dir = join(classDir, student, "exercises");
    await Deno.mkdir(dir, { recursive: true });
    for (const { file } of lessons) {
      await Deno.copyFile(join(COURSE_ROOT, from, file), join(dir, file));
    }
    return dir;
  };
  await copyCourse("solutions", "solutions");
  await copyCourse("stubs", "exercises");
  for (const [student, attack] of Object.entries(ATTACKS)) {
    const dir = await copyCourse(student, "exercises");
    await Deno.mkdir(join(dir, "stubs"));
    await Deno.mkdir(join(dir, "solutions"));
    for (const lesson of lessons) {
      await Deno.rename(join(dir, lesson.file), join(dir, "stubs", lesson.file));
      await Deno.copyFile(
        join(COURSE_ROOT, "solutions", lesson.file),
        join(dir, "solutions", lesson.file),
      );
      for (const [name, text] of Object.entries(attack(lesson))) {
        await Deno.writeTextFile(join(dir, name), text);
      }
    }
  }
}

/** Grades `classDir` with `sandbox`; returns each student's status, total and maximum. */
async function grade(classDir: string, out: string, sandbox: string, lessons?: string) {
  const started = performance.now();
  const { code, stderr } = await new Deno.Command(Deno.execPath(), {
    args: [
      "task",
      "grade",
      classDir,
      `--out=${out}`,
      `--sandbox=${sandbox}`,
      "--jobs=2",
      ...(lessons ? [`--lessons=${lessons}`] : []),
    ],
    cwd: COURSE_ROOT,
    stdout: "null",
    stderr: "piped",
  }).output();
  if (code !== 0) throw new Error(`the grader failed:\n${new TextDecoder().decode(stderr)}`);
  const rows = (await Deno.readTextFile(join(out, "gradebook.csv"))).trim().split("\n").slice(1);
  const seconds = (performance.now() - started) / 1000;
  return {
    seconds,
    students: new Map(rows.map((row) => {
      const [id, status, total, max] = row.split(",");
      return [id, { status, total: Number(total), max: Number(max) }];
    })),
  };
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { lessons: { type: "string" }, sandboxes: { type: "string" } },
  });
  const lessons = values.lessons?.split(",").map(Number);
  if (lessons?.some((n) => !Number.isInteger(n))) {
    throw new UsageError(`--lessons must be numbers separated by commas, got "${values.lessons}"`);
  }
  const sandboxes = (values.sandboxes ?? "bubblewrap,permissions").split(",");
  const root = await Deno.makeTempDir({ prefix: "digits-attack-class-" });
  try {
    await buildClass(join(root, "class"), await lessonsToAttack(lessons));
    let wrong = 0;
    for (const sandbox of sandboxes) {
      const graded = await grade(join(root, "class"), join(root, sandbox), sandbox, values.lessons);
      console.log(`\n${sandbox} (${graded.seconds.toFixed(0)} s):`);
      for (const [id, { status, total, max }] of graded.students) {
        const honest = id === "solutions";
        const right = honest
          ? status === "ok" && total === max
          : total === 0 && (id === "stubs" || status !== "ok");
        if (!right) wrong++;
        console.log(
          `  ${id.padEnd(16)} ${status.padEnd(14)} ${total} / ${max}${right ? "" : "  WRONG"}`,
        );
      }
    }
    return wrong === 0 ? 0 : 1;
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}

if (import.meta.main) await runCommand(() => main(Deno.args));
