/**
 * Not a test: how long grading a class takes on this machine: builds a class of honest copies of
 * lesson 1's solution (a third each as folders, `.zip` and `.tar.gz`), grades lesson 1 with
 * `deno task grade`, checks that every student got full marks, and prints the wall time.
 *
 * ```sh
 * deno run -A tests/grade/benchmark_class.ts --students 100 --jobs 2
 * ```
 *
 * @module
 */
import { join } from "node:path";
import { parseArgs } from "node:util";
import { COURSE_ROOT } from "../../lib/cli/course_root.ts";
import { runCommand } from "../../lib/cli/errors.ts";
import { parseCount } from "../../lib/cli/args.ts";
import { tarGzArchive, zipArchive } from "./archives.ts";

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { students: { type: "string" }, jobs: { type: "string" } },
  });
  const students = parseCount("--students", values.students) ?? 100;
  const jobs = parseCount("--jobs", values.jobs) ?? navigator.hardwareConcurrency;
  const solution = await Deno.readTextFile(join(COURSE_ROOT, "solutions", "01_softmax.ts"));
  const root = await Deno.makeTempDir({ prefix: "digits-benchmark-" });
  try {
    const classDir = join(root, "class");
    await Deno.mkdir(classDir);
    for (let i = 0; i < students; i++) {
      const id = `student-${String(i + 1).padStart(3, "0")}`;
      if (i % 3 === 0) {
        await Deno.mkdir(join(classDir, id, "exercises"), { recursive: true });
        await Deno.writeTextFile(join(classDir, id, "exercises", "01_softmax.ts"), solution);
      } else if (i % 3 === 1) {
        const zip = zipArchive([{ name: `${id}/exercises/01_softmax.ts`, data: solution }]);
        await Deno.writeFile(join(classDir, `${id}.zip`), zip);
      } else {
        const tarGz = tarGzArchive([{ name: "01_softmax.ts", data: solution }]);
        await Deno.writeFile(join(classDir, `${id}.tar.gz`), tarGz);
      }
    }
    const started = performance.now();
    const { code } = await new Deno.Command(Deno.execPath(), {
      // Each copy holds lesson 1's solution, so lesson 1 is what is graded.
      args: [
        "task",
        "grade",
        classDir,
        `--out=${join(root, "out")}`,
        `--jobs=${jobs}`,
        "--lessons=1",
      ],
      cwd: COURSE_ROOT,
      stdout: "null",
    }).output();
    const seconds = (performance.now() - started) / 1000;
    if (code !== 0) return code;
    const rows = (await Deno.readTextFile(join(root, "out", "gradebook.csv"))).trim().split("\n");
    const full = rows.slice(1).filter((row) => /^[^,]+,ok,(\d+),\1,/.test(row)).length;
    console.log(
      `${students} students, --jobs ${jobs}, ${navigator.hardwareConcurrency} cores: ` +
        `${seconds.toFixed(1)} s in all, ${(seconds / students).toFixed(2)} s per student; ` +
        `${full}/${students} graded ok with full marks`,
    );
    return full === students ? 0 : 1;
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}

if (import.meta.main) await runCommand(() => main(Deno.args));
