import { assertEquals } from "@std/assert";
import { diagnoseFit } from "../../../lib/train/diagnose_fit.ts";

Deno.test("diagnoseFit tells underfitting, a good fit and overfitting apart", () => {
  const thresholds = { minTrainAccuracy: 0.9, maxGap: 0.03 };
  assertEquals(diagnoseFit(0.8, 0.79, thresholds), "underfit");
  assertEquals(diagnoseFit(0.85, 0.5, thresholds), "underfit", "underfitting is checked first");
  assertEquals(diagnoseFit(0.99, 0.9, thresholds), "overfit");
  assertEquals(diagnoseFit(0.97, 0.96, thresholds), "good fit");
  assertEquals(diagnoseFit(0.9, 0.95, thresholds), "good fit", "validation above training");
});
