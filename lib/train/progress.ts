/**
 * Keras-style training progress. On a terminal, a live bar per epoch that ends as a summary
 * line; when output goes to a file or a pipe, just the summary line of each epoch:
 *
 * ```text
 * Epoch 3/10  375/375 [==============================] 2s 5ms/step - loss: 0.3100 - accuracy: 0.9100 - val_loss: 0.2900 - val_accuracy: 0.9200
 * ```
 *
 * @module
 */
import { FALLBACK_COLUMNS, terminalColumns } from "../cli/terminal.ts";
import type { EpochLog } from "./history.ts";

/** Receives training progress from {@linkcode fit}. */
export interface ProgressReporter {
  /** Whether {@linkcode update} is worth calling (reading metrics mid-epoch costs time). */
  readonly live: boolean;
  /** An epoch of `steps` batches begins. */
  epochStart(epoch: number, epochs: number, steps: number): void;
  /** `step` batches are done; `metrics` are the running means so far. */
  update(step: number, metrics: Record<string, number>): void;
  /** The epoch is done, validation included. */
  epochEnd(log: EpochLog): void;
}

const BAR_WIDTH = 30;
const MIN_BAR_WIDTH = 10;
const METRIC_ORDER = ["loss", "accuracy", "val_loss", "val_accuracy"] as const;

/** Options for {@linkcode createProgress}. */
export interface ProgressOptions {
  /** Draw a live bar (default: when stdout is a terminal). */
  live?: boolean;
  /** Where text goes (default: stdout). */
  write?: (text: string) => void;
  /**
   * The terminal's width, which live lines fit into (default: stdout's terminal, read at the
   * start of each epoch, or 80 when unknown). Ignored when not live: plain lines keep their
   * full layout.
   */
  columns?: number;
}

/**
 * A progress reporter printing Keras-style lines.
 *
 * @example
 * ```ts
 * const progress = createProgress({ live: false, write: (text) => lines.push(text) });
 * ```
 */
export function createProgress(options: ProgressOptions = {}): ProgressReporter {
  const live = options.live ?? Deno.stdout.isTerminal();
  const write = options.write ?? writeStdout;
  let header = "";
  let steps = 0;
  let started = 0;
  let columns: number | undefined;
  return {
    live,
    epochStart(epoch, epochs, stepCount) {
      header = `Epoch ${epoch}/${epochs}`;
      steps = stepCount;
      started = performance.now();
      if (!live) return;
      columns = options.columns ?? terminalColumns() ?? FALLBACK_COLUMNS;
      write(`\r${CLEAR_LINE}${fitProgressLine(header, 0, steps, "", {}, columns, false)}`);
    },
    update(step, metrics) {
      if (!live) return;
      const elapsed = (performance.now() - started) / 1000;
      const eta = step > 0 ? (elapsed / step) * (steps - step) : 0;
      const timing = `ETA ${formatSeconds(eta)}`;
      write(
        `\r${CLEAR_LINE}${fitProgressLine(header, step, steps, timing, metrics, columns, false)}`,
      );
    },
    epochEnd(log) {
      const line = formatEpochLine(header, steps, log, live ? columns : undefined);
      write(live ? `\r${CLEAR_LINE}${line}\n` : `${line}\n`);
    },
  };
}

/** Erases the whole line the cursor is on (the cursor stays where it is). */
const CLEAR_LINE = "\x1b[2K";

/**
 * The summary line of one epoch, without terminal control characters. Given the `columns` of a
 * terminal, it fits them (see {@linkcode fitProgressLine}), moving metrics that do not fit to
 * lines of their own; without, it is Keras's single line.
 *
 * @example
 * ```ts
 * formatEpochLine("Epoch 1/1", 375, { epoch: 1, loss: 0.31, accuracy: 0.91, seconds: 1.9 });
 * // "Epoch 1/1  375/375 [==============================] 2s 5ms/step - loss: 0.3100 - accuracy: 0.9100"
 * ```
 */
export function formatEpochLine(
  header: string,
  steps: number,
  log: EpochLog,
  columns?: number,
): string {
  const perStep = steps > 0 ? (log.seconds * 1000) / steps : 0;
  const metrics: Record<string, number> = {};
  for (const name of METRIC_ORDER) {
    const value = log[name];
    if (value !== undefined) metrics[name] = value;
  }
  const timing = `${formatSeconds(log.seconds)} ${formatMilliseconds(perStep)}/step`;
  return fitProgressLine(header, steps, steps, timing, metrics, columns, true);
}

/**
 * A progress line, `header  step/steps [bar] timing - name: value ...`, laid out to fit a
 * terminal `columns` wide: no line longer than `columns - 1`, so the terminal never wraps it
 * (a wrapped line cannot be redrawn in place and leaves stale lines behind). Without `columns`
 * (not a terminal) it is the full line with Keras's 30-character bar.
 *
 * To fit, the bar shrinks from 30 characters to 10. If the metrics still do not fit, then with
 * `wrapMetrics` (a summary line, printed once) they move to indented lines below the bar;
 * without (a line redrawn in place) the last metrics are left out. Only then is the bar left
 * out, and as a last resort the line is cut.
 *
 * @example
 * ```ts
 * fitProgressLine("Epoch 1/5", 3, 10, "ETA 1s", { loss: 0.5 }, 40, false);
 * // "Epoch 1/5   3/10 [==>.......] ETA 1s" (with the loss it would not fit in 39 columns)
 * ```
 */
export function fitProgressLine(
  header: string,
  step: number,
  steps: number,
  timing: string,
  metrics: Record<string, number>,
  columns: number | undefined,
  wrapMetrics: boolean,
): string {
  const parts = Object.entries(metrics).map(([name, value]) => `${name}: ${value.toFixed(4)}`);
  const line = (barWidth: number, count: number) =>
    `${header}  ${barWidth > 0 ? formatBar(step, steps, barWidth) : `${step}/${steps}`}` +
    (timing ? ` ${timing}` : "") + parts.slice(0, count).map((part) => ` - ${part}`).join("");
  if (columns === undefined) return line(BAR_WIDTH, parts.length);
  const limit = Math.max(1, columns - 1);
  const barWidths = [...Array(BAR_WIDTH - MIN_BAR_WIDTH + 1).keys()].map((i) => BAR_WIDTH - i);
  const counts = wrapMetrics ? [parts.length, 0] : [...parts.keys(), parts.length].reverse();
  for (const widths of [barWidths, [0]]) {
    for (const count of counts) {
      const barWidth = widths.find((width) => line(width, count).length <= limit);
      if (barWidth === undefined) continue;
      const candidate = line(barWidth, count);
      if (count === parts.length || !wrapMetrics) return candidate;
      return [candidate, ...packMetrics(parts, limit)].join("\n");
    }
  }
  const cut = line(0, 0).slice(0, limit);
  return wrapMetrics ? [cut, ...packMetrics(parts, limit)].join("\n") : cut;
}

/** Metrics on lines of their own, indented, as many on each as fit in `limit` characters. */
function packMetrics(parts: string[], limit: number): string[] {
  const lines: string[] = [];
  let current = "";
  for (const part of parts) {
    if (current && current.length + 3 + part.length > limit) {
      lines.push(current);
      current = "";
    }
    current = (current ? `${current} - ${part}` : `  ${part}`).slice(0, limit);
  }
  if (current) lines.push(current);
  return lines;
}

/**
 * `step/steps [=====>....]`, the bar Keras draws, `barWidth` characters between the brackets
 * (30 unless told).
 */
export function formatBar(step: number, steps: number, barWidth = BAR_WIDTH): string {
  const filled = steps > 0 ? Math.floor((step / steps) * barWidth) : barWidth;
  const bar = step >= steps
    ? "=".repeat(barWidth)
    : "=".repeat(Math.max(0, filled - 1)) + ">" + ".".repeat(barWidth - Math.max(1, filled));
  const width = String(steps).length;
  return `${String(step).padStart(width)}/${steps} [${bar}]`;
}

function formatSeconds(seconds: number): string {
  const whole = Math.round(seconds);
  return whole >= 60 ? `${Math.floor(whole / 60)}m${whole % 60}s` : `${whole}s`;
}

function formatMilliseconds(milliseconds: number): string {
  return milliseconds >= 1000
    ? `${(milliseconds / 1000).toFixed(1)}s`
    : `${Math.round(milliseconds)}ms`;
}

const encoder = new TextEncoder();

function writeStdout(text: string): void {
  let bytes = encoder.encode(text);
  while (bytes.length > 0) bytes = bytes.subarray(Deno.stdout.writeSync(bytes));
}
