/**
 * Charts in the reader's language: the chart builders label their axes and legends in English
 * ("epoch", "training", "validation"...); {@linkcode localizeChart} gives a spec the same labels
 * in Chinese, with the glossary's terms, for a lesson run with `--lang zh`. Axis and legend
 * titles are replaced; legend labels are rewritten for display only (the data keep their
 * English values, so colours, dashes and sort orders stay as they are).
 *
 * @module
 */
import type { TopLevelSpec } from "vega-lite";
import type { Language } from "../cli/language.ts";

/** Axis and legend titles the chart builders use, in Chinese. */
const TITLES: Record<string, string> = {
  "epoch": "轮",
  "loss": "损失",
  "accuracy": "准确率",
  "training loss": "训练损失",
  "validation loss": "验证损失",
  "training accuracy": "训练准确率",
  "validation accuracy": "验证准确率",
  "test accuracy": "测试准确率",
  "loss (log scale)": "损失（对数刻度）",
  "learning rate": "学习率",
  "learning rate (log scale)": "学习率（对数刻度）",
  "batch size": "批大小",
  "true": "真实数字",
  "predicted": "预测数字",
  "mistakes": "错误数",
  "weight": "权重",
  "value": "数值",
  "response": "响应",
  "run": "运行",
  "line": "线型",
  "probability": "概率",
  "digit": "数字",
  "seconds": "秒",
  "share of values": "占比",
};

/** Words inside legend labels (such as "dropout 0.3, training"), in Chinese. */
const LABEL_WORDS: [string, string][] = [
  ["training (each batch)", "训练集（每批）"],
  ["validation (end of epoch)", "验证集（每轮结束时）"],
  ["training", "训练集"],
  ["validation", "验证集"],
  ["learning rate", "学习率"],
];

/**
 * `spec` with its axis and legend texts in `language` (English specs are returned as they are).
 *
 * @example
 * ```ts
 * const spec = localizeChart(trainingCurvesSpec(history, { title }), "zh");
 * // axis "epoch" -> "轮", legend "training" -> "训练集"
 * ```
 */
export function localizeChart(spec: TopLevelSpec, language: Language): TopLevelSpec {
  if (language === "en") return spec;
  return translate(spec) as TopLevelSpec;
}

function translate(node: unknown, key?: string): unknown {
  if (Array.isArray(node)) return node.map((item) => translate(item));
  if (node === null || typeof node !== "object") {
    return key === "title" && typeof node === "string" ? translateTitle(node) : node;
  }
  const entries = Object.entries(node as Record<string, unknown>).map((
    [name, value],
  ) => [name, name === "data" ? value : translate(value, name)]);
  const object = Object.fromEntries(entries);
  if (key === "legend" && !("labelExpr" in object)) object.labelExpr = LABEL_EXPRESSION;
  return object;
}

/** A Vega expression rewriting each legend label's English words. */
const LABEL_EXPRESSION = LABEL_WORDS.reduce(
  (expression, [english, chinese]) => `replace(${expression}, '${english}', '${chinese}')`,
  "datum.label",
);

/** A title in Chinese: a known one, or a relative one such as "validation loss ÷ no remedy's". */
function translateTitle(title: string): string {
  if (title in TITLES) return TITLES[title];
  const relative = /^(.+) ÷ (.+)'s$/.exec(title);
  if (relative && relative[1] in TITLES) {
    return `${TITLES[relative[1]]}（相对于${relative[2]}）`;
  }
  return title;
}
