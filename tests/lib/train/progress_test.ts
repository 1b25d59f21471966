import { assertEquals, assertLessOrEqual, assertStringIncludes } from "@std/assert";
import {
  createProgress,
  fitProgressLine,
  formatBar,
  formatEpochLine,
} from "../../../lib/train/progress.ts";

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

const LOG = {
  epoch: 10,
  loss: 0.2709,
  accuracy: 0.9245,
  val_loss: 0.2729,
  val_accuracy: 0.9262,
  seconds: 2,
};

Deno.test("without a terminal width the summary is Keras's single line, bar of 30", () => {
  const line = formatEpochLine("Epoch 10/15", 375, LOG);
  assertEquals(line, formatEpochLine("Epoch 10/15", 375, LOG, undefined));
  assertEquals(
    line,
    `Epoch 10/15  375/375 [${"=".repeat(30)}] 2s 5ms/step - loss: 0.2709 - accuracy: 0.9245 - ` +
      "val_loss: 0.2729 - val_accuracy: 0.9262",
  );
  assertEquals(formatEpochLine("Epoch 10/15", 375, LOG, 200), line);
});

Deno.test("no progress line reaches the terminal's last column, at any width", () => {
  for (let columns = 10; columns <= 200; columns++) {
    const lines = [
      ...formatEpochLine("Epoch 10/15", 375, LOG, columns).split("\n"),
      fitProgressLine(
        "Epoch 10/15",
        200,
        375,
        "ETA 12s",
        { loss: 0.27, accuracy: 0.92 },
        columns,
        false,
      ),
    ];
    for (const line of lines) assertLessOrEqual(line.length, columns - 1, `${columns}: ${line}`);
  }
  assertEquals(fitProgressLine("E", 1, 2, "", { loss: 1 }, 40, false).includes("\n"), false);
});

Deno.test("in 80 columns the bar shrinks first, and summary metrics move below the bar", () => {
  const live = fitProgressLine(
    "Epoch 10/15",
    200,
    375,
    "ETA 1s",
    { loss: 0.2709, accuracy: 0.9245 },
    80,
    false,
  );
  assertEquals(
    live,
    "Epoch 10/15  200/375 [=======>.......] ETA 1s - loss: 0.2709 - accuracy: 0.9245",
  );
  assertEquals(
    formatEpochLine("Epoch 10/15", 375, LOG, 80),
    `Epoch 10/15  375/375 [${"=".repeat(30)}] 2s 5ms/step\n` +
      "  loss: 0.2709 - accuracy: 0.9245 - val_loss: 0.2729 - val_accuracy: 0.9262",
  );
  assertEquals(formatBar(5, 10, 10), ` 5/10 [====>.....]`);
});

Deno.test("a redrawn line that cannot hold every metric drops the last ones, then the bar", () => {
  const metrics = { loss: 0.2709, accuracy: 0.9245 };
  assertEquals(
    fitProgressLine("Epoch 10/15", 200, 375, "ETA 1s", metrics, 60, false),
    "Epoch 10/15  200/375 [======>.......] ETA 1s - loss: 0.2709",
  );
  assertEquals(
    fitProgressLine("Epoch 10/15", 200, 375, "ETA 1s", metrics, 40, false),
    "Epoch 10/15  200/375 ETA 1s",
  );
});

Deno.test("on a terminal of given width, every redraw clears the line and fits it", () => {
  const out: string[] = [];
  const progress = createProgress({ live: true, columns: 80, write: (text) => out.push(text) });
  progress.epochStart(1, 15, 375);
  progress.update(200, { loss: 0.2709, accuracy: 0.9245 });
  progress.epochEnd(LOG);
  for (const text of out) {
    assertEquals(text.startsWith("\r\x1b[2K"), true);
    for (const line of text.slice(5).replace(/\n$/, "").split("\n")) {
      assertLessOrEqual(line.length, 79);
    }
  }
  assertStringIncludes(out[2], "\n  loss: 0.2709");
});
