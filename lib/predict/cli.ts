/**
 * `deno task predict <image.png|image.jpg> [--model DIR]`: reads a photo or drawing of one
 * digit, prepares it as MNIST's digits were prepared, and asks a model you trained which digit
 * it is. Prints the three most likely digits and writes a chart of the prepared input and all
 * ten probabilities.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { basename, extname, join } from "node:path";
import { startBackend } from "../backend/backend.ts";
import { predictionSpec } from "../charts/prediction.ts";
import { writeChart } from "../charts/render.ts";
import { parseCommandLine, usageLine } from "../cli/args.ts";
import { type Bilingual, chooseLanguage, speaker } from "../cli/language.ts";
import { localizeChart } from "../charts/localize.ts";
import { runCommand, UsageError } from "../cli/errors.ts";
import { chooseModel } from "./find_model.ts";
import type { SavedModel } from "./find_model.ts";
import { readImageFile } from "./image_file.ts";
import { loadModel } from "./load_model.ts";
import { toMnistStyle } from "./mnist_style.ts";

const USAGE = "usage: deno task predict <image.png|image.jpg> [--model DIR] [--out DIR]";
const HELP = {
  usage: USAGE,
  text: {
    en: [
      USAGE,
      "",
      "Reads a photo or drawing of one digit, prepares it as MNIST's digits were prepared and",
      "asks a model a lesson saved which digit it is.",
      "",
      "  --model DIR   a model folder saved by a lesson (default: the most accurate one under --out)",
      "  --out DIR     where lessons wrote their output, and where the chart goes (default out)",
      "  --lang en|zh  the language (default: from LANG)",
      "  -h, --help    show this help",
      "",
      "Example: deno task lesson 7 && deno task predict my_digit.jpg",
    ].join("\n"),
    zh: [
      usageLine(USAGE).zh,
      "",
      "读入一张只写了一个数字的照片或图画，按 MNIST 数字当年的方式预处理，",
      "再请某一课保存的模型判断它是哪个数字。",
      "",
      "  --model DIR   某一课保存的模型文件夹（默认：--out 下最准确的那个）",
      "  --out DIR     各课写输出的地方，图表也写在这里（默认 out）",
      "  --lang en|zh  语言（默认取自 LANG）",
      "  -h, --help    显示本帮助",
      "",
      "示例：deno task lesson 7 && deno task predict my_digit.jpg",
    ].join("\n"),
  },
};

/** A model's folder, lesson and test accuracy, as one line shows them. */
function describe({ dir, lesson, testAccuracy }: SavedModel): Bilingual {
  const percent = testAccuracy === undefined ? undefined : `${(testAccuracy * 100).toFixed(2)}%`;
  return {
    en: lesson
      ? `${dir} (lesson ${lesson}, ${
        percent ? `test accuracy ${percent}` : "no test accuracy recorded"
      })`
      : dir,
    zh: lesson
      ? `${dir}（${lesson}，${percent ? `测试准确率 ${percent}` : "没有记录测试准确率"}）`
      : dir,
  };
}

/** The ten probabilities `model` gives to the prepared 784 `pixels`. */
function predict(model: tf.LayersModel, pixels: Float32Array): Float32Array {
  const inputShape = model.inputs[0].shape;
  const shape = inputShape.length === 2 ? [1, 784] : [1, 28, 28, 1];
  return tf.tidy(() => {
    const output = model.predict(tf.tensor(pixels, shape)) as tf.Tensor;
    return output.dataSync() as Float32Array;
  });
}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseCommandLine(argv, {
    model: { type: "string" },
    out: { type: "string", default: "out" },
    lang: { type: "string" },
  }, HELP);
  const language = chooseLanguage(values.lang);
  const say = speaker(language);
  if (positionals.length !== 1) {
    const count = positionals.length;
    throw new UsageError({
      en: `expected one image file, got ${count} (${USAGE})`,
      zh: `需要一个图片文件，收到的是 ${count} 个（${usageLine(USAGE).zh}）`,
    });
  }
  const [imagePath] = positionals;
  const { pixels, warnings } = toMnistStyle(await readImageFile(imagePath), imagePath);
  for (const warning of warnings) {
    console.error(
      say({ en: `warning: ${imagePath}: ${warning.en}`, zh: `警告：${imagePath}：${warning.zh}` }),
    );
  }
  const { model: saved, others } = await chooseModel(values.model, values.out);
  await startBackend("wasm");
  const model = await loadModel(saved.dir);
  console.log(say({ en: `Model: ${say(describe(saved))}`, zh: `模型：${say(describe(saved))}` }));
  if (others.length > 0) {
    const also = others.map((other) => say(describe(other))).join("; ");
    console.log(say({
      en: `  the most accurate of ${others.length + 1} saved models; also saved: ${also}`,
      zh: `  这是已保存的 ${others.length + 1} 个模型中最准确的；其余的：${also}`,
    }));
  }

  const probabilities = predict(model, pixels);
  const ranked = Array.from(probabilities, (p, digit) => ({ digit, p })).sort((a, b) => b.p - a.p);
  console.log(say({ en: `${imagePath}: most likely`, zh: `${imagePath}：最可能是` }));
  for (const { digit, p } of ranked.slice(0, 3)) {
    console.log(`  ${digit}  ${(p * 100).toFixed(1).padStart(5)}%`);
  }
  const name = basename(imagePath, extname(imagePath));
  const chart = await writeChart(
    join(values.out, "predict", `${name}.svg`),
    localizeChart(
      predictionSpec(pixels, probabilities, {
        title: `${basename(imagePath)}: ${ranked[0].digit} (${(ranked[0].p * 100).toFixed(1)}%)`,
        caption: say({ en: "28x28 input", zh: "28x28 输入" }),
      }),
      language,
    ),
  );
  console.log(say({
    en: `  chart: ${chart}  (the prepared 28x28 input and every digit's probability)`,
    zh: `  图表：${chart}（预处理后的 28x28 输入和每个数字的概率）`,
  }));
}

if (import.meta.main) await runCommand(() => main(Deno.args));
