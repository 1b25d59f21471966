/**
 * Refusing source maps in submissions. The test runner reports each test under the file its
 * `Deno.test` call came from *after* applying source maps, so a student module carrying a map
 * that points at `../tests/01_softmax_test.ts` can make its own tests look like the course's.
 * The scorer does not rely on that origin (a look-alike is a duplicate or an extra case, which
 * makes the run unclean, see `score.ts`), and the grader refuses such files before running
 * anything: a `.map` file, or a file that mentions `sourceMappingURL` or `sourceURL` (V8's two
 * comments for naming a script's source), anywhere in the exercise folder.
 *
 * @module
 */
import { join } from "node:path";
import type { Bilingual } from "../cli/language.ts";

const SOURCE_MAP_COMMENT = /source(?:Mapping)?URL/;

/**
 * Why the folder `dir` is refused (one line naming the file), or `undefined` when it holds no
 * source map. Reads every file as text; the folder's size was capped when it was prepared.
 *
 * @example
 * ```ts
 * await sourceMapProblem("/tmp/alice/exercises");
 * // { en: "01_softmax.ts mentions sourceMappingURL: source maps could disguise where code runs", zh: ... }
 * ```
 */
export async function sourceMapProblem(
  dir: string,
  relative = "",
): Promise<Bilingual | undefined> {
  for await (const entry of Deno.readDir(join(dir, relative))) {
    const path = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isDirectory) {
      const problem = await sourceMapProblem(dir, path);
      if (problem) return problem;
      continue;
    }
    if (entry.name.toLowerCase().endsWith(".map")) {
      return {
        en: `${path} is a source map: source maps could disguise where code runs`,
        zh: `${path} 是 source map：source map 可以伪装代码运行的位置`,
      };
    }
    const mention = SOURCE_MAP_COMMENT.exec(await Deno.readTextFile(join(dir, path)));
    if (mention) {
      return {
        en: `${path} mentions ${mention[0]}: source maps could disguise where code runs`,
        zh: `${path} 提到了 ${mention[0]}：source map 可以伪装代码运行的位置`,
      };
    }
  }
  return undefined;
}
