/**
 * `deno task test`: the project's whole suite, what CI runs.
 *
 * 1. `deno fmt --check`, `deno lint`, `deno check` over the project;
 * 2. `deno test` over `tests/`, with `@exercises/` pointed at `solutions/`: the library tests,
 *    the exercise tests proving the solutions right, the proof that the shipped stubs fail,
 *    lesson smoke runs and the grader's tests. Test files run in parallel, one per core
 *    (`--parallel`; `DENO_JOBS` overrides the count): most of them wait on one subprocess at a
 *    time, so run one after another they kept a single core busy (10.0 min on 2 cores; 6.5
 *    min in parallel). Each test works in its own temporary folder.
 *
 * It ends with one line `suite: N passed, M failed` and exits non-zero if anything failed.
 *
 * @module
 */
import { join } from "node:path";
import { COURSE_ROOT } from "../lib/cli/course_root.ts";
import { writeImportMap } from "../lib/exercise/import_map.ts";
import { parseJunit } from "../lib/exercise/junit.ts";

const DENO = Deno.execPath();

async function step(title: string, args: string[]): Promise<boolean> {
  console.log(`\n== ${title}: deno ${args.join(" ")}`);
  const command = new Deno.Command(DENO, {
    args,
    cwd: COURSE_ROOT,
    stdin: "null",
    stdout: "inherit",
    stderr: "inherit",
  });
  const { code } = await command.spawn().status;
  return code === 0;
}

async function main(): Promise<number> {
  const started = performance.now();
  const workDir = join(COURSE_ROOT, "out", "suite");
  await Deno.mkdir(workDir, { recursive: true });
  const importMap = await writeImportMap(
    join(COURSE_ROOT, "solutions"),
    join(workDir, "solutions_import_map.json"),
  );
  const report = join(workDir, "junit.xml");
  await Deno.remove(report).catch(() => {});

  const checks = [
    { name: "format", ok: await step("format", ["fmt", "--check"]) },
    { name: "lint", ok: await step("lint", ["lint"]) },
    { name: "type check", ok: await step("type check", ["check", "."]) },
  ];
  const testsOk = await step("tests (exercises -> solutions/)", [
    "test",
    "--allow-all",
    "--parallel",
    `--import-map=${importMap}`,
    `--junit-path=${report}`,
    "tests/",
  ]);

  const cases = await Deno.readTextFile(report).then(parseJunit).catch(() => []);
  const passed = cases.filter((c) => c.status === "passed").length +
    checks.filter((c) => c.ok).length;
  const failedChecks = checks.filter((c) => !c.ok).map((c) => c.name);
  // A test the runner cancelled (an aborted run) is reported as an error: it failed too.
  const failedTests = cases.filter((c) => c.status === "failed" || c.status === "error")
    .map((c) => `${c.file}: ${c.name}`);
  const failed = failedChecks.length + failedTests.length + (testsOk || failedTests.length ? 0 : 1);
  const minutes = ((performance.now() - started) / 60000).toFixed(1);
  console.log(`\n== summary (${minutes} min)`);
  for (const name of [...failedChecks, ...failedTests]) console.log(`  failed: ${name}`);
  if (!testsOk && failedTests.length === 0) console.log("  failed: deno test exited with an error");
  console.log(`suite: ${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

Deno.exit(await main());
