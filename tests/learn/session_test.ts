/**
 * A learner's session on a fresh copy of the course, driving the real commands: `check` points
 * at the first exercise and moves on once it is solved, `progress` counts up, `watch` re-runs
 * on a real save and stops cleanly on Ctrl-C, `hint` reveals one hint at a time in the chosen
 * language, and bad arguments give one line and exit code 2.
 */
import { assert, assertEquals, assertMatch, assertStringIncludes } from "@std/assert";
import { join } from "node:path";
import { COURSE_ROOT } from "../../lib/cli/course_root.ts";
import { mapConcurrently } from "../../lib/cli/pool.ts";
import { lessonsWithExercises, lessonWithId } from "../../lib/course/manifest.ts";
import { loadHints } from "../../lib/learn/hints.ts";
import { copyCourse, runTask, solveExercise, taskCommand } from "./course_copy.ts";
import { chineseLines, englishProse } from "./prose.ts";

function doneCount(progressOutput: string): [number, number] {
  const match = /(\d+)\/(\d+) exercises done/.exec(progressOutput);
  assert(match, `progress printed no "N/M exercises done" line:\n${progressOutput}`);
  return [Number(match[1]), Number(match[2])];
}

async function watchOneSave(dir: string): Promise<void> {
  const child = (await taskCommand(dir, "watch", ["1"], { stdout: "piped", stderr: "piped" }))
    .spawn();
  const deadline = setTimeout(() => child.kill("SIGKILL"), 120_000);
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let output = "";
  const readUntil = async (done: (text: string) => boolean) => {
    while (!done(output)) {
      const { value, done: ended } = await reader.read();
      if (ended) throw new Error(`watch ended early; it printed:\n${output}`);
      output += value;
    }
  };
  const runs = (text: string) => text.split("Watching exercises/").length - 1;
  try {
    await readUntil((text) => runs(text) === 1);
    assertStringIncludes(output, "Next exercise: 1.2 oneHot");
    await solveExercise(dir, "01_softmax.ts", "oneHot");
    await readUntil((text) => runs(text) === 2);
    assertStringIncludes(output, "== watch: exercises/01_softmax.ts changed; checking");
    assertMatch(output, /✓ 1\.2 oneHot +done/);
    assertStringIncludes(output, "Next exercise: 1.3 softmax");
    assert(!output.includes("\x1b"), "watch must not clear the screen when stdout is not a TTY");
    child.kill("SIGINT");
    await readUntil((text) => text.includes("watch stopped."));
    reader.releaseLock();
    assertEquals((await child.status).code, 0, "watch should exit with 0 on Ctrl-C");
  } finally {
    clearTimeout(deadline);
    await child.stderr.cancel();
    await child.stdout.cancel().catch(() => {});
  }
}

Deno.test("a learner's session on a fresh copy of the course", async (t) => {
  const dir = await copyCourse();
  try {
    await t.step(
      "check points at 1.1, then at 1.2 once 1.1 is solved; progress counts up",
      async () => {
        const [before, total] = doneCount((await runTask(dir, "progress")).stdout);
        const first = await runTask(dir, "check");
        assertEquals(first.code, 1, `check on the untouched stubs should exit 1:\n${first.stderr}`);
        assertStringIncludes(first.stdout, "Next exercise: 1.1 scalePixels");
        assertStringIncludes(first.stdout, "deno task check 1");

        await solveExercise(dir, "01_softmax.ts", "scalePixels");
        const second = await runTask(dir, "check");
        assertEquals(second.code, 1, "check should still exit 1: lesson 1 is not finished");
        assertMatch(second.stdout, /✓ 1\.1 scalePixels +done/);
        assertStringIncludes(second.stdout, "Next exercise: 1.2 oneHot");

        const progress = await runTask(dir, "progress");
        assertEquals(progress.code, 0);
        assertEquals(doneCount(progress.stdout), [before + 1, total], progress.stdout);
        assertMatch(progress.stdout, /✓ 1\.1 scalePixels +done/);
        assertEquals(chineseLines(progress.stdout), [], "progress in English printed Chinese");
      },
    );
    await t.step(
      "watch re-runs the check when an exercise file is saved, stops on SIGINT",
      () => watchOneSave(dir),
    );
    await t.step(
      "hint reveals one hint at a time, --all shows them all, and remembers",
      async () => {
        const one = await runTask(dir, "hint", "1.1");
        assertEquals(one.code, 0, one.stderr);
        assertMatch(one.stdout, /Hint 1 of (\d+):/);
        assert(
          !one.stdout.includes("Hint 2 of"),
          `the first call should show one hint:\n${one.stdout}`,
        );
        const two = await runTask(dir, "hint", "1.1");
        assertMatch(two.stdout, /Hint 1 of \d+:[\s\S]*Hint 2 of \d+:/);
        assert(!two.stdout.includes("Hint 3 of"), `the second call should show two hints`);
        const all = await runTask(dir, "hint", "1.2", "--all");
        const count = Number(/Hint 1 of (\d+)/.exec(all.stdout)?.[1]);
        assertStringIncludes(all.stdout, `Hint ${count} of ${count}:`);
        assertStringIncludes(all.stdout, "That is every hint.");
        const state = JSON.parse(await Deno.readTextFile(join(dir, "out", "learn", "hints.json")));
        assertEquals(state["1.1 scalePixels"], 2);
        assertEquals(state["1.2 oneHot"], count);
      },
    );
    await t.step(
      "hint --lang zh prints the Chinese hint and frame, --lang en the English",
      async () => {
        const hints = (await loadHints(lessonWithId("01_softmax")))["1.3"];
        const zh = await runTask(dir, "hint", "1.3", "--lang", "zh");
        assertEquals(zh.code, 0, zh.stderr);
        assertStringIncludes(zh.stdout, `提示 1/${hints.length}：${hints[0].zh}`);
        assertStringIncludes(zh.stdout, "再运行一次 deno task hint 1.3");
        assert(
          !zh.stdout.includes(hints[0].en),
          `--lang zh printed the English hint:\n${zh.stdout}`,
        );
        const en = await runTask(dir, "hint", "1.3", "--lang", "en");
        assertStringIncludes(en.stdout, `Hint 2 of ${hints.length}: ${hints[1].en}`);
        assert(!/\p{Script=Han}/u.test(en.stdout), `--lang en printed Chinese:\n${en.stdout}`);
      },
    );
    await t.step("every task answers --help with its options and an example", async () => {
      const tasks = Object.keys(JSON.parse(await Deno.readTextFile(join(dir, "deno.json"))).tasks)
        .filter((task) => task !== "test");
      const helpArgs = (task: string) => task === "lesson" ? ["1", "--help"] : ["--help"];
      // Two at a time: each is mostly Deno starting up.
      const english = await mapConcurrently(
        tasks,
        2,
        (task) => runTask(dir, task, ...helpArgs(task)),
      );
      english.forEach(({ code, stdout, stderr }, i) => {
        const what = `deno task ${tasks[i]} --help`;
        assertEquals(code, 0, `${what}:\n${stdout}${stderr}`);
        assertMatch(stdout, /usage:\s+deno task /i, what);
        assertMatch(stdout, /^Example: deno task /m, what);
      });
      const translated = ["lesson", "check", "watch", "hint", "progress", "kaggle-csv"];
      const chinese = await mapConcurrently(
        translated,
        2,
        (task) => runTask(dir, task, ...helpArgs(task), "--lang", "zh"),
      );
      chinese.forEach(({ code, stdout }, i) => {
        const what = `deno task ${translated[i]} ${helpArgs(translated[i]).join(" ")} --lang zh`;
        assertEquals(code, 0, what);
        assertMatch(stdout, /^用法：deno task /m, what);
        assertMatch(stdout, /^示例：deno task /m, what);
        assertEquals(englishProse(stdout), [], what);
      });
    });
    await t.step("bad arguments: one line naming what was expected, exit code 2", async () => {
      const cases: [string, string[], RegExp][] = [
        ["hint", ["9.9"], /lesson 9 has no exercises; lessons with exercises: 1\b/],
        ["hint", ["abc"], /"abc" is not an exercise number/],
        ["hint", ["1.99"], /lesson 1 has no exercise 1\.99; its exercises are 1\.1, /],
        ["hint", [], /hint takes one exercise number/],
        ["check", ["99"], /lesson 99 has no exercises/],
        ["check", ["one"], /"one" is not a lesson or exercise number; give N/],
        ["watch", ["99"], /lesson 99 has no exercises/],
        ["progress", ["1"], /progress takes no arguments/],
      ];
      for (const [task, args, expected] of cases) {
        const { code, stdout, stderr } = await runTask(dir, task, ...args);
        const what = `deno task ${task} ${args.join(" ")}`;
        assertEquals(code, 2, `${what} should exit with 2, got ${code}:\n${stdout}${stderr}`);
        assertEquals(
          stderr.trim().split("\n").length,
          1,
          `${what} should print one line:\n${stderr}`,
        );
        assertMatch(stderr, /^error: /, `${what}`);
        assertMatch(stderr, expected, `${what}`);
      }
    });
    await t.step(
      "--lang zh: check and errors print no English prose; --lang en no Chinese",
      async () => {
        const source = join(dir, "exercises", "01_softmax.ts");
        const before = await Deno.readTextFile(source);
        const stub = await Deno.readTextFile(join(COURSE_ROOT, "exercises", "01_softmax.ts"));
        // 1.1 solved and a wrong 1.2: the check explains 1.2's first failing test.
        await Deno.writeTextFile(
          source,
          stub.replace(/(export function oneHot[^]*?)return todo\([^;]*\);/, "$1return [];"),
        );
        await solveExercise(dir, "01_softmax.ts", "scalePixels");
        const zh = await runTask(dir, "check", "1", "--lang", "zh");
        assertStringIncludes(zh.stdout, "第一个问题：1.2 oneHot");
        assertEquals(englishProse(zh.stdout), [], `check --lang zh:\n${zh.stdout}`);
        const en = await runTask(dir, "check", "1", "--lang", "en");
        assertStringIncludes(en.stdout, "First problem: 1.2 oneHot");
        assertEquals(chineseLines(en.stdout), [], `check --lang en:\n${en.stdout}`);
        const bad: string[][] = [
          ["hint", "9.9"],
          ["hint", "abc"],
          ["check", "one"],
          ["check", "--bogus"],
          ["progress", "1"],
          ["lesson", "1", "--epochs", "0"],
          ["lesson", "1", "--data", "/nowhere"],
        ];
        for (const [task, ...args] of bad) {
          const run = await runTask(dir, task, ...args, "--lang", "zh");
          const what = `deno task ${task} ${args.join(" ")} --lang zh`;
          assertEquals(run.code, 2, `${what}:\n${run.stderr}`);
          assertMatch(run.stderr, /^错误：[^\n]*\n?$/, what);
          assertEquals(englishProse(run.stderr), [], what);
        }
        await Deno.writeTextFile(source, before);
      },
    );
    await t.step(
      "check 1 exits 0 once all of lesson 1 passes, and names the next lesson",
      async () => {
        await Deno.copyFile(
          join(COURSE_ROOT, "solutions", "01_softmax.ts"),
          join(dir, "exercises", "01_softmax.ts"),
        );
        const { code, stdout } = await runTask(dir, "check", "1");
        assertEquals(code, 0, `check 1 should exit 0 when every test passes:\n${stdout}`);
        assertStringIncludes(stdout, "All of lesson 1's exercises pass.");
        const next = lessonsWithExercises().find((lesson) => lesson.number > 1);
        assertStringIncludes(
          stdout,
          next
            ? `Next: deno task lesson ${next.number}, then deno task check ${next.number}`
            : "finished",
        );
      },
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
