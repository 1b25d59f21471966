/**
 * Every word the playground shows, in English and Chinese: the server writes the page in one
 * language and the page's script picks the same one from the page's `lang` attribute.
 *
 * @module
 */
import type { Bilingual, Language } from "../../cli/language.ts";

/** The playground's texts. */
export const TEXTS = {
  title: { en: "digits: playground", zh: "digits：手写数字试验场" },
  heading: { en: "Draw a digit", zh: "写一个数字" },
  intro: {
    en: "Draw one digit with the mouse, a finger or a pen. The picture is prepared exactly as " +
      "deno task predict prepares a photo, and the model you chose reads it as you draw.",
    zh: "用鼠标、手指或触控笔写一个数字。图像的预处理与 deno task predict 处理照片时完全相同，" +
      "你选的模型会一边看你写一边识别。",
  },
  model: { en: "Model", zh: "模型" },
  noModel: {
    en: "No saved model yet: run deno task lesson 7 (or 8) first, then reload this page.",
    zh: "还没有保存的模型：先运行 deno task lesson 7（或 8），再刷新本页。",
  },
  testAccuracy: { en: "test accuracy", zh: "测试准确率" },
  clear: { en: "Clear", zh: "清空" },
  undo: { en: "Undo", zh: "撤销" },
  testDigit: { en: "Show me a test digit", zh: "给我一个测试集数字" },
  testDigitLabel: {
    en: "MNIST test digit #{index}, labelled {label}",
    zh: "MNIST 测试集第 {index} 个数字，标签为 {label}",
  },
  input: { en: "The 28x28 input", zh: "28x28 输入" },
  probabilities: { en: "Probabilities", zh: "概率" },
  drawSomething: {
    en: "Draw a digit to see what the model reads.",
    zh: "写一个数字，看看模型认出了什么。",
  },
  reads: { en: "The model reads {digit} ({percent})", zh: "模型认为是 {digit}（{percent}）" },
  featureMaps: { en: "Feature maps of the first convolution layers", zh: "前几个卷积层的特征图" },
  noFeatureMaps: {
    en: "This model has no convolution layer (it is not a CNN).",
    zh: "这个模型没有卷积层（它不是卷积神经网络）。",
  },
  layer: { en: "{name}: {count} feature maps of {size}", zh: "{name}：{count} 张 {size} 的特征图" },
  mistakes: { en: "Test digits this model gets wrong", zh: "这个模型认错的测试集数字" },
  findMistakes: { en: "Find its mistakes", zh: "找出它认错的数字" },
  scanning: {
    en: "Checked {done} of {total} test digits: {wrong} wrong so far",
    zh: "已检查 {total} 个测试集数字中的 {done} 个：目前认错 {wrong} 个",
  },
  scanned: {
    en:
      "{wrong} of {total} test digits wrong ({percent} accuracy); the first {shown} are shown (label → prediction), click one to draw it",
    zh:
      "{total} 个测试集数字中认错 {wrong} 个（准确率 {percent}）；下面是前 {shown} 个（标签 → 预测），点击可把它画到画板上",
  },
  backend: { en: "TensorFlow.js backend: {name}", zh: "TensorFlow.js 后端：{name}" },
  home: { en: "Course home", zh: "课程首页" },
  playground: { en: "Playground", zh: "试验场" },
} satisfies Record<string, Bilingual>;

/** The name of one of the playground's texts. */
export type TextName = keyof typeof TEXTS;

/**
 * The text `name` in `language`, each `{key}` replaced by `values[key]`.
 *
 * @example
 * ```ts
 * pageText("reads", "en", { digit: 7, percent: "98.1%" }); // "The model reads 7 (98.1%)"
 * ```
 */
export function pageText(
  name: TextName,
  language: Language,
  values: Record<string, string | number> = {},
): string {
  return TEXTS[name][language].replace(/\{(\w+)\}/g, (whole, key) => String(values[key] ?? whole));
}
