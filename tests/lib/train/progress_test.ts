import { assertEquals, assertStringIncludes } from "@std/assert";
import { createProgress, formatBar, formatEpochLine } from "../../../lib/train/progress.ts";

Deno.test("formatBar draws Keras's bar", () => {
  assertEquals(formatBar(375, 375), `375/375 [${"=".repeat(30)}]`);
  assertEquals(formatBar(0, 10), ` 0/10 [>${".".repeat(29)}]`);
  assertEquals(formatBar(5, 10), ` 5/10 [${"=".repeat(14)}>${".".repeat(15)}]`);
});

Deno.test("formatEpochLine shows time, time per step and the metrics in Keras's order", () => {
  const line = formatEpochLine("Epoch 3/10", 375, {
    epoch: 3,
    loss: 0.31,
    accuracy: 0.91,
    val_loss: 0.29,
    val_accuracy: 0.92,
    learning_rate: 0.5,
    seconds: 1.9,
  });
  assertEquals(
    line,
    `Epoch 3/10  375/375 [${"=".repeat(30)}] 2s 5ms/step - loss: 0.3100 - accuracy: 0.9100 - ` +
      "val_loss: 0.2900 - val_accuracy: 0.9200",
  );
});

Deno.test("epoch times round to whole seconds before minutes are split off", () => {
  const time = (seconds: number) =>
    formatEpochLine("Epoch 1/1", 1, { epoch: 1, loss: 0, accuracy: 0, seconds }).match(/\] (\S+) /)
      ?.[1];
  assertEquals(time(59.4), "59s");
  assertEquals(time(59.6), "1m0s");
  assertEquals(time(179.7), "3m0s");
  assertEquals(time(185.2), "3m5s");
});

Deno.test("without a terminal, one plain line per epoch and no control characters", () => {
  const out: string[] = [];
  const progress = createProgress({ live: false, write: (text) => out.push(text) });
  progress.epochStart(1, 2, 10);
  progress.update(5, { loss: 1, accuracy: 0.5 });
  progress.epochEnd({ epoch: 1, loss: 0.5, accuracy: 0.8, seconds: 1 });
  assertEquals(out.length, 1);
  assertStringIncludes(out[0], "Epoch 1/2  10/10");
  assertEquals(out[0].includes("\x1b") || out[0].includes("\r"), false);
});

Deno.test("on a terminal, the bar is redrawn in place and ends with the summary line", () => {
  const out: string[] = [];
  const progress = createProgress({ live: true, write: (text) => out.push(text) });
  progress.epochStart(1, 1, 10);
  progress.update(5, { loss: 1, accuracy: 0.5 });
  progress.epochEnd({ epoch: 1, loss: 0.5, accuracy: 0.8, seconds: 1 });
  assertEquals(out.length, 3);
  assertStringIncludes(out[1], "\r");
  assertStringIncludes(out[1], "ETA");
  assertStringIncludes(out[2], "loss: 0.5000");
});
