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
const METRIC_ORDER = ["loss", "accuracy", "val_loss", "val_accuracy"] as const;

/** Options for {@linkcode createProgress}. */
export interface ProgressOptions {
  /** Draw a live bar (default: when stdout is a terminal). */
  live?: boolean;
  /** Where text goes (default: stdout). */
  write?: (text: string) => void;
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
  return {
    live,
    epochStart(epoch, epochs, stepCount) {
      header = `Epoch ${epoch}/${epochs}`;
      steps = stepCount;
      started = performance.now();
      if (live) write(`${header}  ${formatBar(0, steps)}`);
    },
    update(step, metrics) {
      if (!live) return;
      const elapsed = (performance.now() - started) / 1000;
      const eta = step > 0 ? (elapsed / step) * (steps - step) : 0;
      write(
        `\r\x1b[2K${header}  ${formatBar(step, steps)} ETA ${formatSeconds(eta)}${
          formatMetrics(metrics)
        }`,
      );
    },
    epochEnd(log) {
      const line = formatEpochLine(header, steps, log);
      write(live ? `\r\x1b[2K${line}\n` : `${line}\n`);
    },
  };
}

/**
 * The summary line of one epoch, without terminal control characters.
 *
 * @example
 * ```ts
 * formatEpochLine("Epoch 1/1", 375, { epoch: 1, loss: 0.31, accuracy: 0.91, seconds: 1.9 });
 * // "Epoch 1/1  375/375 [==============================] 2s 5ms/step - loss: 0.3100 - accuracy: 0.9100"
 * ```
 */
export function formatEpochLine(header: string, steps: number, log: EpochLog): string {
  const perStep = steps > 0 ? (log.seconds * 1000) / steps : 0;
  const metrics: Record<string, number> = {};
  for (const name of METRIC_ORDER) {
    const value = log[name];
    if (value !== undefined) metrics[name] = value;
  }
  return `${header}  ${formatBar(steps, steps)} ${formatSeconds(log.seconds)} ` +
    `${formatMilliseconds(perStep)}/step${formatMetrics(metrics)}`;
}

/** `step/steps [=====>....]`, the bar Keras draws. */
export function formatBar(step: number, steps: number): string {
  const filled = steps > 0 ? Math.floor((step / steps) * BAR_WIDTH) : BAR_WIDTH;
  const bar = step >= steps
    ? "=".repeat(BAR_WIDTH)
    : "=".repeat(Math.max(0, filled - 1)) + ">" + ".".repeat(BAR_WIDTH - Math.max(1, filled));
  const width = String(steps).length;
  return `${String(step).padStart(width)}/${steps} [${bar}]`;
}

function formatMetrics(metrics: Record<string, number>): string {
  return Object.entries(metrics)
    .map(([name, value]) => ` - ${name}: ${value.toFixed(4)}`)
    .join("");
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
