/**
 * `deno task hint N.M [--all] [--lang en|zh]`: the next hint for exercise M of lesson N, in the
 * chosen language. Hints come one at a time, gentlest first; every call shows the hints seen so
 * far and one more, and remembers it (`out/learn/hints.json`). `--all` shows them all at once.
 *
 * @module
 */
import { runCommand, UsageError } from "../cli/errors.ts";
import { parseCommandLine } from "../cli/args.ts";
import { chooseLanguage, speaker } from "../cli/language.ts";
import { exerciseLabel, lessonFiles } from "../course/manifest.ts";
import { lessonToCheck, noSuchExercise } from "./course_lessons.ts";
import { readRevealed, writeRevealed } from "./hint_state.ts";
import { loadHints } from "./hints.ts";

const USAGE = {
  en: "usage: deno task hint N.M [--all], e.g. deno task hint 1.1",
  zh: "用法：deno task hint N.M [--all]，例如 deno task hint 1.1",
};
const HELP = {
  usage: USAGE,
  text: {
    en: [
      "usage: deno task hint N.M [--all]",
      "",
      "Shows the hints of exercise N.M one at a time: each run reveals the next one.",
      "",
      "  N.M         the exercise, e.g. 1.3",
      "  --all       show every hint at once",
      "  --lang en|zh  the language (default: from LANG)",
      "  -h, --help  show this help",
      "",
      "Example: deno task hint 1.3",
    ].join("\n"),
    zh: [
      "用法：deno task hint N.M [--all]",
      "",
      "一次一条地显示练习 N.M 的提示：每运行一次，多给出一条。",
      "",
      "  N.M         练习编号，例如 1.3",
      "  --all       一次显示全部提示",
      "  --lang en|zh  语言（默认取自 LANG）",
      "  -h, --help  显示本帮助",
      "",
      "示例：deno task hint 1.3",
    ].join("\n"),
  },
};

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseCommandLine(
    argv,
    { all: { type: "boolean" }, lang: { type: "string" } },
    HELP,
  );
  const say = speaker(chooseLanguage(values.lang));
  if (positionals.length !== 1) {
    throw new UsageError({
      en: `hint takes one exercise number such as 1.1 (${USAGE.en})`,
      zh: `hint 需要一个练习编号，例如 1.1（${USAGE.zh}）`,
    });
  }
  const match = /^(\d+)\.(\d+)$/.exec(positionals[0]);
  if (!match) {
    throw new UsageError({
      en: `"${positionals[0]}" is not an exercise number; give lesson.exercise, e.g. 1.1`,
      zh: `"${positionals[0]}" 不是练习编号；请写成 课.练习，例如 1.1`,
    });
  }
  const lesson = lessonToCheck(Number(match[1]));
  const id = `${Number(match[1])}.${Number(match[2])}`;
  const exercise = lesson.exercises.find((candidate) => candidate.id === id);
  if (!exercise) {
    const ids = lesson.exercises.map((candidate) => candidate.id).join(", ");
    throw new UsageError(noSuchExercise(lesson.number, id, ids));
  }
  const list = (await loadHints(lesson))[id];
  const label = exerciseLabel(exercise);
  const seen = Math.min((await readRevealed())[label] ?? 0, list.length);
  const shown = values.all ? list.length : Math.min(seen + 1, list.length);
  await writeRevealed(label, shown);
  const files = lessonFiles(lesson);
  console.log(
    say({
      en: `Exercise ${label} (${files.exercise}):`,
      zh: `练习 ${label}（${files.exercise}）：`,
    }),
  );
  list.slice(0, shown).forEach((hint, i) =>
    console.log(say({
      en: `\nHint ${i + 1} of ${list.length}: ${hint.en}`,
      zh: `\n提示 ${i + 1}/${list.length}：${hint.zh}`,
    }))
  );
  console.log("");
  if (shown < list.length) {
    console.log(say({
      en: `Run deno task hint ${id} again for the next hint (or add --all for every hint).`,
      zh: `再运行一次 deno task hint ${id} 可以看下一条提示（加 --all 显示全部）。`,
    }));
  } else {
    console.log(say({
      en: `That is every hint. The reference answer is in ${files.solution}.`,
      zh: `提示已经全部给出。参考答案在 ${files.solution}。`,
    }));
  }
  console.log(say({
    en: `Then check your work: deno task check ${lesson.number}`,
    zh: `然后检查你的代码：deno task check ${lesson.number}`,
  }));
}

if (import.meta.main) await runCommand(() => main(Deno.args));
