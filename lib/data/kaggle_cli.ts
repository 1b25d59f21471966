/**
 * `deno task kaggle-csv [--out DIR] [--seed N]` (default folder data/cache/kaggle): writes
 * `train.csv` (42,000 labelled digits) and `test.csv` (28,000 unlabelled digits) in exactly
 * the format of Kaggle's "digit-recognizer" competition, drawn from MNIST's 70,000 digits with a seeded shuffle.
 * Lesson 8 reads such a folder with `--csv DIR`.
 *
 * @module
 */
import { join } from "node:path";
import { parseCommandLine, parseCount } from "../cli/args.ts";
import { runCommand, UsageError } from "../cli/errors.ts";
import { writeWhole } from "../cli/write_whole.ts";
import { createRng, deriveSeed } from "../cli/random.ts";
import { formatKaggleCsv, kaggleFromMnist } from "./kaggle_csv.ts";
import { loadMnist } from "./mnist.ts";

const USAGE = "usage: deno task kaggle-csv [--out DIR] [--seed N]";
const HELP = {
  usage: USAGE,
  text: [
    USAGE,
    "",
    "Writes train.csv (42,000 labelled digits) and test.csv (28,000 digits) in the format of",
    "Kaggle's digit-recognizer competition, drawn from MNIST with a seeded shuffle.",
    "",
    "  --out DIR   folder to write into (default data/cache/kaggle)",
    "  --seed N    seed of the shuffle (default 42)",
    "  -h, --help  show this help",
    "",
    "Example: deno task kaggle-csv && deno task lesson 8 --csv data/cache/kaggle",
  ].join("\n"),
};

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseCommandLine(argv, {
    out: { type: "string" },
    seed: { type: "string" },
  }, HELP);
  if (positionals.length > 0) throw new UsageError(`unexpected "${positionals[0]}" (${USAGE})`);
  const out = values.out ?? join("data", "cache", "kaggle");
  const seed = parseCount("--seed", values.seed, 0) ?? 42;
  const { train, test } = kaggleFromMnist(
    await loadMnist(),
    createRng(deriveSeed(seed, "kaggle")).next,
  );
  await writeWhole(join(out, "train.csv"), formatKaggleCsv(train, true));
  await writeWhole(join(out, "test.csv"), formatKaggleCsv(test, false));
  console.log(
    `Wrote ${join(out, "train.csv")} (${train.count} labelled digits) and ` +
      `${join(out, "test.csv")} (${test.count} digits) from MNIST, seed ${seed}.`,
  );
}

if (import.meta.main) await runCommand(() => main(Deno.args));
