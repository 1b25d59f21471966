/**
 * `deno task lesson N [options]`: runs lesson N, as the course manifest numbers it, from
 * `lessons/<id>.ts`.
 *
 * @module
 */
import { runCommand, UsageError } from "../lib/cli/errors.ts";
import { lessonNumbered, LESSONS } from "../lib/course/manifest.ts";
import { inLanguage, languageOfCommandLine } from "../lib/cli/language.ts";

/** What every lesson file exports: its program. */
interface LessonModule {
  /** Runs the lesson with command-line arguments; resolves when it is done. */
  run(argv: string[]): Promise<void>;
}

async function main(argv: string[]): Promise<void> {
  const numbers = LESSONS.map((lesson) => lesson.number);
  const range = `${Math.min(...numbers)}-${Math.max(...numbers)}`;
  const [which, ...rest] = argv;
  if (which === undefined || which === "--help" || which === "-h") {
    console.log(inLanguage({
      en:
        `Usage: deno task lesson N [options]   (N is ${range}; add --help after N for its options)\n\n` +
        "Example: deno task lesson 1   (then deno task lesson 1 --help)",
      zh:
        `用法：deno task lesson N [选项]   （N 是 ${range}；在 N 后面加 --help 查看它的选项）\n\n` +
        "示例：deno task lesson 1   （然后 deno task lesson 1 --help）",
    }, languageOfCommandLine(argv)));
    if (which === undefined) {
      throw new UsageError({
        en: `which lesson? Give its number, ${range}`,
        zh: `要运行哪一课？请给出课号，${range}`,
      });
    }
    return;
  }
  const lesson = /^\d+$/.test(which) ? lessonNumbered(Number(which)) : undefined;
  if (!lesson) {
    throw new UsageError({
      en: `there is no lesson "${which}"; lessons are numbered ${range}`,
      zh: `没有 "${which}" 这一课；课号是 ${range}`,
    });
  }
  const program: LessonModule = await import(`./${lesson.id}.ts`);
  await program.run(rest);
}

if (import.meta.main) await runCommand(() => main(Deno.args));
