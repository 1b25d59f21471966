/**
 * Which saved model `deno task predict` uses: the one named with `--model`, or else the most
 * accurate model a lesson has saved under `out/<lesson-id>/model/` (lesson 7's CNN once it has
 * run).
 *
 * @module
 */
import { join } from "node:path";
import { MODEL_JSON } from "../model/file_io.ts";
import { UsageError } from "../cli/errors.ts";

/** A saved model and what is known of it. */
export interface SavedModel {
  /** Its folder (holding `model.json`). */
  dir: string;
  /** The lesson that saved it, e.g. `07_cnn`, when known. */
  lesson?: string;
  /** That run's test accuracy, when known. */
  testAccuracy?: number;
}

async function exists(path: string): Promise<boolean> {
  return await Deno.stat(path).then(() => true, () => false);
}

/**
 * Every model a lesson saved under `outRoot`, most accurate first.
 *
 * @example
 * ```ts
 * (await savedModels("out"))[0]; // { dir: "out/07_cnn/model", lesson: "07_cnn", testAccuracy: 0.99 }
 * ```
 */
export async function savedModels(outRoot: string): Promise<SavedModel[]> {
  const models: SavedModel[] = [];
  const entries = await Array.fromAsync(Deno.readDir(outRoot)).catch(() => []);
  for (const entry of entries) {
    const dir = join(outRoot, entry.name, "model");
    if (!entry.isDirectory || !(await exists(join(dir, MODEL_JSON)))) continue;
    const results = await Deno.readTextFile(join(outRoot, entry.name, "results.json"))
      .then((text) => JSON.parse(text), () => undefined);
    models.push({ dir, lesson: entry.name, testAccuracy: results?.test?.accuracy });
  }
  return models.sort((a, b) =>
    (b.testAccuracy ?? -1) - (a.testAccuracy ?? -1) || a.dir.localeCompare(b.dir)
  );
}

/**
 * The model to predict with: `requested` if given (it must hold a `model.json`), else the best
 * of {@linkcode savedModels}. Throws a {@linkcode UsageError} saying what to run when there is
 * none.
 *
 * @example
 * ```ts
 * const model = await chooseModel(undefined, "out");
 * ```
 */
export async function chooseModel(
  requested: string | undefined,
  outRoot: string,
): Promise<SavedModel> {
  if (requested !== undefined) {
    const dir = requested.endsWith(MODEL_JSON) ? requested.slice(0, -MODEL_JSON.length) : requested;
    if (!(await exists(join(dir, MODEL_JSON)))) {
      throw new UsageError(
        `--model ${requested}: no ${MODEL_JSON} there; expected a folder saved by a lesson`,
      );
    }
    return { dir };
  }
  const [best] = await savedModels(outRoot);
  if (!best) {
    throw new UsageError(
      `no saved model under ${outRoot}/; run deno task lesson 7 first (it saves ${outRoot}/07_cnn/model), or pass --model DIR`,
    );
  }
  return best;
}
