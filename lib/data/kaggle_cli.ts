/**
 * `deno task kaggle-csv [--out DIR] [--seed N] [--lang en|zh]` (default folder
 * data/cache/kaggle): writes
 * `train.csv` (42,000 labelled digits) and `test.csv` (28,000 unlabelled digits) in exactly
 * the format of Kaggle's "digit-recognizer" competition, drawn from MNIST's 70,000 digits with a seeded shuffle.
 * Lesson 8 reads such a folder with `--csv DIR`.
 *
 * @module
 */
import { join } from "node:path";
import { parseCommandLine, parseCount, usageLine } from "../cli/args.ts";
import { runCommand, UsageError } from "../cli/errors.ts";
import { chooseLanguage, speaker } from "../cli/language.ts";
import { writeWhole } from "../cli/write_whole.ts";
import { createRng, deriveSeed } from "../cli/random.ts";
import { formatKaggleCsv, kaggleFromMnist } from "./kaggle_csv.ts";
import { loadMnist } from "./mnist.ts";

const USAGE = "usage: deno task kaggle-csv [--out DIR] [--seed N] [--lang en|zh]";
const HELP = {
  usage: USAGE,
  text: {
    en: [
      USAGE,
      "",
      "Writes train.csv (42,000 labelled digits) and test.csv (28,000 digits) in the format of",
      "Kaggle's digit-recognizer competition, drawn from MNIST with a seeded shuffle.",
      "",
      "  --out DIR   folder to write into (default data/cache/kaggle)",
      "  --seed N    seed of the shuffle (default 42)",
      "  --lang en|zh  the language of its messages (default: from LANG)",
      "  -h, --help  show this help",
      "",
      "Example: deno task kaggle-csv && deno task lesson 8 --csv data/cache/kaggle",
    ].join("\n"),
    zh: [
      usageLine(USAGE).zh,
      "",
      "按 Kaggle 的 digit-recognizer 竞赛的格式写出 train.csv（42,000 个带标签的数字）和",
      "test.csv（28,000 个数字），数字取自 MNIST，用随机种子打乱。",
      "",
      "  --out DIR   写入的文件夹（默认 data/cache/kaggle）",
      "  --seed N    打乱用的随机种子（默认 42）",
      "  --lang en|zh  提示信息的语言（默认取自 LANG）",
      "  -h, --help  显示本帮助",
      "",
      "示例：deno task kaggle-csv && deno task lesson 8 --csv data/cache/kaggle",
    ].join("\n"),
  },
};

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseCommandLine(argv, {
    out: { type: "string" },
    seed: { type: "string" },
    lang: { type: "string" },
  }, HELP);
  const say = speaker(chooseLanguage(values.lang));
  if (positionals.length > 0) {
    const usage = usageLine(USAGE);
    throw new UsageError({
      en: `unexpected "${positionals[0]}" (${usage.en})`,
      zh: `多余的参数 "${positionals[0]}"（${usage.zh}）`,
    });
  }
  const out = values.out ?? join("data", "cache", "kaggle");
  const seed = parseCount("--seed", values.seed, 0) ?? 42;
  const { train, test } = kaggleFromMnist(
    await loadMnist(),
    createRng(deriveSeed(seed, "kaggle")).next,
  );
  await writeWhole(join(out, "train.csv"), formatKaggleCsv(train, true));
  await writeWhole(join(out, "test.csv"), formatKaggleCsv(test, false));
  const [trainFile, testFile] = [join(out, "train.csv"), join(out, "test.csv")];
  console.log(say({
    en: `Wrote ${trainFile} (${train.count} labelled digits) and ` +
      `${testFile} (${test.count} digits) from MNIST, seed ${seed}.`,
    zh: `已从 MNIST 写出 ${trainFile}（${train.count} 个带标签的数字）和 ` +
      `${testFile}（${test.count} 个数字），种子 ${seed}。`,
  }));
}

if (import.meta.main) await runCommand(() => main(Deno.args));
