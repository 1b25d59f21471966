/**
 * Which saved model `deno task predict` uses: the one named with `--model`, or else the most
 * accurate model any lesson saved under `--out`: every `<lesson folder>/<folder>/model.json`
 * (lesson 7's `07_cnn/model`, lesson 8's `08_modern_cnn/best_model`, ...), ranked by the test
 * accuracy in its lesson's `results.json`.
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

/** The model chosen, and the other saved models it was chosen from. */
export interface ModelChoice {
  /** The model to predict with. */
  model: SavedModel;
  /** Every other saved model found, most accurate first (empty with `--model`). */
  others: SavedModel[];
}

async function exists(path: string): Promise<boolean> {
  return await Deno.stat(path).then(() => true, () => false);
}

async function subfolders(dir: string): Promise<string[]> {
  const entries = await Array.fromAsync(Deno.readDir(dir)).catch(() => []);
  return entries.filter((entry) => entry.isDirectory).map((entry) => entry.name).sort();
}

/** The test accuracy in `<lessonDir>/results.json`, if it is there and says one. */
async function testAccuracy(lessonDir: string): Promise<number | undefined> {
  const results = await Deno.readTextFile(join(lessonDir, "results.json"))
    .then((text) => JSON.parse(text), () => undefined)
    .catch(() => undefined);
  const accuracy = results?.test?.accuracy;
  return typeof accuracy === "number" ? accuracy : undefined;
}

/**
 * Every model a lesson saved under `outRoot` (`<lesson>/<folder>/model.json`), most accurate
 * first; models whose lesson recorded no test accuracy come last.
 *
 * @example
 * ```ts
 * (await savedModels("out"))[0];
 * // { dir: "out/08_modern_cnn/best_model", lesson: "08_modern_cnn", testAccuracy: 0.993 }
 * ```
 */
export async function savedModels(outRoot: string): Promise<SavedModel[]> {
  const models: SavedModel[] = [];
  for (const lesson of await subfolders(outRoot)) {
    const lessonDir = join(outRoot, lesson);
    for (const folder of await subfolders(lessonDir)) {
      const dir = join(lessonDir, folder);
      if (!(await exists(join(dir, MODEL_JSON)))) continue;
      models.push({ dir, lesson, testAccuracy: await testAccuracy(lessonDir) });
    }
  }
  return models.sort((a, b) =>
    (b.testAccuracy ?? -1) - (a.testAccuracy ?? -1) || a.dir.localeCompare(b.dir)
  );
}

/**
 * The model to predict with: `requested` if given (it must hold a `model.json`), else the best
 * of {@linkcode savedModels}, with the others found. Throws a {@linkcode UsageError} saying
 * what to run when there is none.
 *
 * @example
 * ```ts
 * const { model, others } = await chooseModel(undefined, "out");
 * ```
 */
export async function chooseModel(
  requested: string | undefined,
  outRoot: string,
): Promise<ModelChoice> {
  if (requested !== undefined) {
    const dir = requested.endsWith(MODEL_JSON) ? requested.slice(0, -MODEL_JSON.length) : requested;
    if (!(await exists(join(dir, MODEL_JSON)))) {
      throw new UsageError({
        en: `--model ${requested}: no ${MODEL_JSON} there; expected a folder saved by a lesson`,
        zh: `--model ${requested}：那里没有 ${MODEL_JSON}；应当是某一课保存的模型文件夹`,
      });
    }
    return { model: { dir }, others: [] };
  }
  const [model, ...others] = await savedModels(outRoot);
  if (!model) {
    throw new UsageError({
      en:
        `no saved model under ${outRoot}/; run deno task lesson 7 first (it saves ${outRoot}/07_cnn/model), or pass --model DIR`,
      zh:
        `${outRoot}/ 下没有保存的模型；请先运行 deno task lesson 7（它会保存 ${outRoot}/07_cnn/model），或用 --model DIR 指定`,
    });
  }
  return { model, others };
}
