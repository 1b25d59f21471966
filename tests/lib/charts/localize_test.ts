import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { confusionMatrixSpec } from "../../../lib/charts/confusion.ts";
import { trainingCurvesSpec } from "../../../lib/charts/curves.ts";
import { localizeChart } from "../../../lib/charts/localize.ts";
import { renderSvg } from "../../../lib/charts/render.ts";

const HISTORY = [1, 2, 3].map((epoch) => ({
  epoch,
  loss: 1 / epoch,
  accuracy: 1 - 0.5 / epoch,
  val_loss: 1.1 / epoch,
  val_accuracy: 1 - 0.6 / epoch,
  seconds: 1,
}));

Deno.test("an English chart is left as it is", () => {
  const spec = trainingCurvesSpec(HISTORY, { title: "Curves" });
  assertEquals(localizeChart(spec, "en"), spec);
});

Deno.test("a Chinese chart has its axes and legend in Chinese; its data stay English", async () => {
  const spec = trainingCurvesSpec(HISTORY, { title: "softmax 回归" });
  const svg = await renderSvg(localizeChart(spec, "zh"));
  for (const text of ["轮", "损失", "准确率", "训练集", "验证集"]) {
    assertStringIncludes(svg, `>${text}<`);
  }
  assert(!/>(epoch|loss|accuracy|training|validation)</.test(svg), "an English label is left");
  assertStringIncludes(JSON.stringify(localizeChart(spec, "zh")), '"series":"training"');
  const matrix = await renderSvg(
    localizeChart(confusionMatrixSpec([[5, 1], [2, 7]], { title: "测试集" }), "zh"),
  );
  for (const text of ["真实数字", "预测数字", "错误数"]) assertStringIncludes(matrix, `>${text}<`);
});
