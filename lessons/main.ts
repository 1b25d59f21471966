/**
 * `deno task lesson N [options]`: runs lesson N, as the course manifest numbers it, from
 * `lessons/<id>.ts`.
 *
 * @module
 */
import { runCommand, UsageError } from "../lib/cli/errors.ts";
import { lessonNumbered, LESSONS } from "../lib/course/manifest.ts";

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
    console.log(
      `Usage: deno task lesson N [options]   (N is ${range}; add --help after N for its options)\n\n` +
        "Example: deno task lesson 1   (then deno task lesson 1 --help)",
    );
    if (which === undefined) throw new UsageError(`which lesson? Give its number, ${range}`);
    return;
  }
  const lesson = /^\d+$/.test(which) ? lessonNumbered(Number(which)) : undefined;
  if (!lesson) throw new UsageError(`there is no lesson "${which}"; lessons are numbered ${range}`);
  const program: LessonModule = await import(`./${lesson.id}.ts`);
  await program.run(rest);
}

if (import.meta.main) await runCommand(() => main(Deno.args));
