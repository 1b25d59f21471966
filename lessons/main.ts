/**
 * `deno task lesson N [options]`: runs lesson N.
 *
 * @module
 */
import { runCommand, UsageError } from "../lib/cli/errors.ts";
import { LESSONS } from "./registry.ts";

async function main(argv: string[]): Promise<void> {
  const numbers = Object.keys(LESSONS).map(Number);
  const range = `${Math.min(...numbers)}-${Math.max(...numbers)}`;
  const [which, ...rest] = argv;
  if (which === undefined || which === "--help" || which === "-h") {
    console.log(
      `Usage: deno task lesson N [options]   (N is ${range}; add --help after N for its options)`,
    );
    if (which === undefined) throw new UsageError(`which lesson? Give its number, ${range}`);
    return;
  }
  const lesson = /^\d+$/.test(which) ? LESSONS[Number(which)] : undefined;
  if (!lesson) throw new UsageError(`there is no lesson "${which}"; lessons are numbered ${range}`);
  await (await lesson.load()).run(rest);
}

if (import.meta.main) await runCommand(() => main(Deno.args));
