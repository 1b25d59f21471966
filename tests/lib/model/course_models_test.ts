import * as tf from "@tensorflow/tfjs";
import { assertEquals } from "@std/assert";
import { startBackend } from "../../../lib/backend/backend.ts";
import { mlp, modernCnn, simpleCnn, softmaxRegression } from "../../../lib/model/course_models.ts";

Deno.test("the course models have the documented parameter counts and map inputs to 10 probabilities", async () => {
  await startBackend("cpu");
  const cases: [string, () => tf.LayersModel, number, number[]][] = [
    ["softmax regression", softmaxRegression, 7_850, [2, 784]],
    ["mlp(128)", () => mlp(128, 0.2), 118_282, [2, 784]],
    ["mlp(512)", () => mlp(512, 0.2), 669_706, [2, 784]],
    ["lesson-7 CNN", simpleCnn, 1_199_882, [2, 28, 28, 1]],
    ["lesson-8 CNN", modernCnn, 742_858, [2, 28, 28, 1]],
  ];
  for (const [name, build, parameters, inputShape] of cases) {
    const model = build();
    assertEquals(model.countParams(), parameters, `${name}: expected ${parameters} parameters`);
    const probabilities = tf.tidy(() => model.predict(tf.zeros(inputShape)) as tf.Tensor);
    assertEquals(probabilities.shape, [2, 10], `${name}: expected [2, 10] outputs`);
    const sums = probabilities.sum(1).dataSync();
    sums.forEach((sum) =>
      assertEquals(Math.abs(sum - 1) < 1e-5, true, `${name}: rows sum to ${sum}`)
    );
    tf.dispose(probabilities);
    model.dispose();
  }
});
