/**
 * The saved models the playground offers (`/api/models`): every model a lesson saved under
 * `--out`, found as `deno task predict` finds them, most accurate first, each with the address
 * its `model.json` is served at.
 *
 * @module
 */
import { relative, sep } from "node:path";
import { MODEL_JSON } from "../model/file_io.ts";
import { savedModels } from "../predict/find_model.ts";

/** A saved model as the page lists it. */
export interface ModelEntry {
  /** `<lesson folder>/<model folder>`, e.g. `07_cnn/model`. */
  name: string;
  /** Where the server serves its `model.json`, e.g. `/out/07_cnn/model/model.json`. */
  url: string;
  /** The lesson that saved it, e.g. `07_cnn`. */
  lesson: string;
  /** Its lesson's test accuracy, when recorded. */
  testAccuracy?: number;
}

/**
 * Every model saved under `outRoot`, most accurate first.
 *
 * @example
 * ```ts
 * (await modelEntries("out"))[0];
 * // { name: "07_cnn/model", url: "/out/07_cnn/model/model.json", lesson: "07_cnn", testAccuracy: 0.99 }
 * ```
 */
export async function modelEntries(outRoot: string): Promise<ModelEntry[]> {
  return (await savedModels(outRoot)).map(({ dir, lesson, testAccuracy }) => {
    const parts = relative(outRoot, dir).split(sep);
    return {
      name: parts.join("/"),
      url: `/out/${[...parts, MODEL_JSON].map(encodeURIComponent).join("/")}`,
      lesson: lesson ?? parts[0],
      testAccuracy,
    };
  });
}
