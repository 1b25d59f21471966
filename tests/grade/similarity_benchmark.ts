/**
 * Not a test: how the similarity report does on a generated class (see `similarity_class.ts`):
 * builds the class, runs `deno task similarity` on it as a teacher would, and prints the wall
 * time, where each planted copy pair ranks, the best score of a pair that is not planted, and
 * whether any pair of stub-only submissions was reported.
 *
 * ```sh
 * deno run -A tests/grade/similarity_benchmark.ts --students 200
 * ```
 *
 * @module
 */
import { join } from "node:path";
import { parseArgs } from "node:util";
import { COURSE_ROOT } from "../../lib/cli/course_root.ts";
import { runCommand } from "../../lib/cli/errors.ts";
import { parseCount } from "../../lib/cli/args.ts";
import {
  buildSimilarityClass,
  plantedPairs,
  type SimilarityClassPlan,
} from "./similarity_class.ts";

/** A class of `students` with the planted pairs and stubs in the proportions of the issue. */
function planFor(students: number): SimilarityClassPlan {
  const renamedPairs = Math.max(1, Math.round(students / 20));
  const copyPairs = Math.max(1, Math.round(students / 40));
  const stubs = Math.max(2, Math.round(students / 20));
  const partial = Math.max(1, Math.round(students / 20));
  const independent = students - 2 * (renamedPairs + copyPairs) - stubs - partial;
  return { independent, renamedPairs, copyPairs, stubs, partial };
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { students: { type: "string" }, seed: { type: "string" } },
  });
  const students = parseCount("--students", values.students) ?? 200;
  const seed = parseCount("--seed", values.seed) ?? 1;
  const plan = planFor(students);
  const root = await Deno.makeTempDir({ prefix: "digits-similarity-benchmark-" });
  try {
    await buildSimilarityClass(join(root, "class"), plan, seed);
    const started = performance.now();
    const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
      args: ["task", "-q", "similarity", join(root, "class"), `--out=${join(root, "out")}`],
      cwd: COURSE_ROOT,
      stdin: "null",
    }).output();
    const seconds = (performance.now() - started) / 1000;
    console.log(new TextDecoder().decode(stdout).trim());
    if (code !== 0) {
      console.error(new TextDecoder().decode(stderr));
      return 1;
    }
    const rows = (await Deno.readTextFile(join(root, "out", "similarity.csv"))).trim().split("\n")
      .slice(1).map((line) => line.split(","));
    const planted = new Set(plantedPairs(plan).map(([a, b]) => `${a} ${b}`));
    const ranks = rows.flatMap((row, rank) => planted.has(`${row[0]} ${row[1]}`) ? [rank + 1] : []);
    const planted_scores = rows.filter((row) => planted.has(`${row[0]} ${row[1]}`)).map((r) =>
      r[3]
    );
    const others = rows.filter((row) => !planted.has(`${row[0]} ${row[1]}`));
    const stubPairs = rows.filter((row) =>
      row[0].startsWith("stub-") && row[1].startsWith("stub-")
    );
    console.log(
      `${students} students (${JSON.stringify(plan)}), ${rows.length} pairs reported, ` +
        `wall time ${seconds.toFixed(1)} s including Deno start-up`,
    );
    console.log(`planted pairs (${planted.size}) at ranks ${ranks.join(", ")}`);
    console.log(`planted scores: ${planted_scores.join(", ")}`);
    console.log(
      `best other pairs: ${others.slice(0, 5).map((r) => `${r[0]}-${r[1]} ${r[3]}`).join("; ")}`,
    );
    console.log(`other pairs above the threshold: ${others.filter((r) => r[4] === "yes").length}`);
    console.log(`stub-only pairs reported: ${stubPairs.length}`);
    return 0;
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}

if (import.meta.main) await runCommand(() => main(Deno.args));
