/**
 * The playground page's script: a drawing pad whose picture is prepared by predict's own
 * {@linkcode toMnistStyle} and read live by a saved model of the learner's choice, with the
 * 28x28 input, the ten probabilities, a CNN's first feature maps, random test digits and the
 * test digits the model gets wrong.
 *
 * Bundled for the browser by `lib/serve/bundle.ts`; what it last computed is kept in
 * `globalThis.playground` for the browser tests (and the curious, in the console).
 *
 * @module
 */
import { byId, create, type PageCanvas, pageLanguage, queryParameter } from "./dom.ts";
import type * as Tfjs from "@tensorflow/tfjs";
import { toMnistStyle } from "../../predict/mnist_style.ts";
import { DrawingPad } from "./drawing_pad.ts";
import { type FeatureMaps, featureMaps, showFeatureMaps } from "./feature_maps.ts";
import { paintGrey } from "./pixels_canvas.ts";
import { showProbabilities } from "./probabilities.ts";
import { findMistakes, loadTestSet, modelInput, testDigit, type TestSet } from "./test_set.ts";
import { pageText, type TextName } from "./texts.ts";
import { startBrowserBackend, tf } from "./tfjs.ts";

/** A saved model as `/api/models` lists it. */
interface ModelEntry {
  name: string;
  url: string;
  lesson: string;
  testAccuracy?: number;
}

/** What the page last computed. */
interface PlaygroundState {
  backend?: string;
  model?: string;
  /** The prepared 28x28 input (784 values, 0-1), when something is drawn. */
  pixels?: number[];
  probabilities?: number[];
  top?: number;
  /** Resolves when every change drawn so far has been read. */
  idle(): Promise<void>;
}

const language = pageLanguage();
const say = (name: TextName, values?: Record<string, string | number>) =>
  pageText(name, language, values);
const percent = (p: number) => `${(p * 100).toFixed(1)}%`;

let model: Tfjs.LayersModel | undefined;
let maps: FeatureMaps | undefined;
let testSet: Promise<TestSet> | undefined;
let [pending, running] = [false, false];
let settled = Promise.resolve();
const state: PlaygroundState = { idle: () => settled };
(globalThis as unknown as { playground: PlaygroundState }).playground = state;

const pad = new DrawingPad(byId<PageCanvas>("pad"), () => schedule());

/** Reads the drawing again, once the reading in progress (if any) is done. */
function schedule(): void {
  pending = true;
  if (running) return;
  running = true;
  settled = (async () => {
    while (pending) {
      pending = false;
      await read().catch((error) => console.error(error));
    }
    running = false;
  })();
}

/** Prepares the drawing, asks the model, and shows the input, bars and feature maps. */
async function read(): Promise<void> {
  let prepared: Float32Array | undefined;
  try {
    prepared = model && !pad.empty ? toMnistStyle(pad.picture(), "canvas").pixels : undefined;
  } catch {
    prepared = undefined; // no ink left on the canvas
  }
  if (!model || !prepared) {
    Object.assign(state, { pixels: undefined, probabilities: undefined, top: undefined });
    showProbabilities(byId("bars"), undefined);
    byId("top").textContent = say("drawSomething");
    byId("maps").replaceChildren();
    paintGrey(byId<PageCanvas>("input"), new Float32Array(784), 28, 28, 1);
    return;
  }
  paintGrey(byId<PageCanvas>("input"), prepared, 28, 28, 1);
  const input = modelInput(model, prepared);
  try {
    const output = model.predict(input) as Tfjs.Tensor;
    const probabilities = Array.from(await output.data());
    output.dispose();
    const top = showProbabilities(byId("bars"), probabilities)!;
    byId("top").textContent = say("reads", { digit: top, percent: percent(probabilities[top]) });
    Object.assign(state, { pixels: Array.from(prepared), probabilities, top });
    if (maps) {
      await showFeatureMaps(
        byId("maps"),
        maps,
        input,
        (name, count, size) => say("layer", { name, count, size }),
      );
    }
  } finally {
    input.dispose();
  }
}

/** Loads the model at `entry` in place of the current one. */
async function chooseModel(entry: ModelEntry): Promise<void> {
  const loaded = await tf.loadLayersModel(entry.url);
  model?.dispose();
  [model, maps] = [loaded, featureMaps(loaded)];
  state.model = entry.name;
  byId("maps-note").textContent = maps ? "" : say("noFeatureMaps");
  byId("maps").replaceChildren();
  byId("mistakes").replaceChildren();
  byId("mistakes-status").textContent = "";
  schedule();
}

/** Draws test digit `index` on the pad, saying its label. */
async function showTestDigit(index: number): Promise<void> {
  const set = await (testSet ??= loadTestSet());
  pad.showInk(testDigit(set, index), 28);
  byId("test-label").textContent = say("testDigitLabel", { index, label: set.labels[index] });
}

/** Reads the whole test set with the current model and shows the digits it gets wrong. */
async function showMistakes(): Promise<void> {
  if (!model) return;
  const [set, status, gallery] = [
    await (testSet ??= loadTestSet()),
    byId("mistakes-status"),
    byId("mistakes"),
  ];
  const shown = 60;
  const mistakes = await findMistakes(model, set, (done, wrong) => {
    status.textContent = say("scanning", { done, total: set.count, wrong: wrong.length });
  });
  status.textContent = say("scanned", {
    wrong: mistakes.length,
    total: set.count,
    percent: percent(1 - mistakes.length / set.count),
    shown: Math.min(shown, mistakes.length),
  });
  gallery.replaceChildren(
    ...mistakes.slice(0, shown).map(({ index, label, predicted }) => {
      const figure = create("figure");
      const digit = testDigit(set, index);
      const caption = create("figcaption");
      caption.textContent = `${label} → ${predicted}`;
      figure.append(paintGrey(create<PageCanvas>("canvas"), digit, 28, 28, 255), caption);
      figure.title = `#${index}`;
      figure.addEventListener("click", () => showTestDigit(index));
      return figure;
    }),
  );
}

async function main(): Promise<void> {
  state.backend = await startBrowserBackend(queryParameter("backend"));
  byId("backend").textContent = say("backend", { name: state.backend });
  byId("clear").addEventListener("click", () => {
    pad.clear();
    byId("test-label").textContent = "";
  });
  byId("undo").addEventListener("click", () => pad.undo());
  byId("test-digit").addEventListener("click", async () => {
    const set = await (testSet ??= loadTestSet());
    await showTestDigit(Math.floor(Math.random() * set.count));
  });
  byId("find-mistakes").addEventListener("click", () => showMistakes());
  const entries: ModelEntry[] = await (await fetch("/api/models")).json();
  const picker = byId("model");
  picker.replaceChildren(...entries.map((entry, i) => {
    const accuracy = entry.testAccuracy === undefined
      ? ""
      : ` (${say("testAccuracy")} ${(entry.testAccuracy * 100).toFixed(2)}%)`;
    const option = create("option");
    [option.textContent, option.value] = [`${entry.name}${accuracy}`, String(i)];
    return option;
  }));
  picker.addEventListener("change", () => chooseModel(entries[Number(picker.value)]));
  if (entries.length === 0) {
    byId("top").textContent = say("noModel");
    return;
  }
  await chooseModel(entries[0]);
  await settled;
}

const ready = main();
state.idle = () => ready.then(() => settled);
