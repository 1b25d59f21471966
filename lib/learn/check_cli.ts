/**
 * `deno task check [N]`: the learner's loop. Runs lesson N's exercise tests against
 * `exercises/` (by default the first lesson with unfinished work), shows each exercise as
 * done, failing or not started, explains the first failure, and says what to do next.
 * Exit code 0 only when every exercise of the lesson passes; 2 for a bad argument.
 *
 * @module
 */
import { runCommand } from "../cli/errors.ts";
import { checkTarget, runCheck } from "./check.ts";

if (import.meta.main) {
  await runCommand(() => {
    const { target, language } = checkTarget("check", Deno.args);
    return runCheck(target, { language });
  });
}
