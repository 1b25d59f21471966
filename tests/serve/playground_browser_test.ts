/**
 * The playground in a real browser (Debian's headless Chromium over the DevTools protocol):
 * the strokes of MNIST test digits drawn on the canvas with mouse events are prepared exactly
 * as `deno task predict` prepares the same picture saved as PNG, and the page's top prediction
 * is predict's; a test digit can be shown, the mistakes gallery finds what the model gets
 * wrong, and screenshots of the home and the playground are saved under out/serve/.
 */
import * as tf from "@tensorflow/tfjs";
import { assert, assertEquals, assertGreater, assertStringIncludes } from "@std/assert";
import { join } from "node:path";
import { COURSE_ROOT } from "../../lib/cli/course_root.ts";
import { imageAt, sliceDigits } from "../../lib/data/digits.ts";
import { loadMnist } from "../../lib/data/mnist.ts";
import { fileSystem } from "../../lib/model/file_io.ts";
import { readImageFile } from "../../lib/predict/image_file.ts";
import { toMnistStyle } from "../../lib/predict/mnist_style.ts";
import { type DevToolsSession, findChromium, openBrowser } from "../browser/chromium.ts";
import { predictCli } from "../predict/predict_cli.ts";
import { saveSmallCnn, saveSmallDense, serveCourse } from "./fixtures.ts";

const chromium = findChromium();
/** Test digits drawn: the first three of MNIST's test set (a 7, a 2 and a 1). */
const DRAWN = [0, 1, 2];
const SCREENSHOTS = join(COURSE_ROOT, "out", "serve");

/** Rows of ink of a 28x28 digit as strokes on a 280-pixel canvas: one per run of dark pixels. */
function strokes(pixels: Uint8Array): [number, number, number, number][] {
  const found: [number, number, number, number][] = [];
  for (let y = 0; y < 28; y++) {
    for (let x = 0; x < 28; x++) {
      if (pixels[y * 28 + x] < 128 || (x > 0 && pixels[y * 28 + x - 1] >= 128)) continue;
      let end = x;
      while (end + 1 < 28 && pixels[y * 28 + end + 1] >= 128) end++;
      found.push([x * 10 + 5, y * 10 + 5, end * 10 + 5, y * 10 + 5]);
    }
  }
  return found;
}

/** Draws `pixels`' strokes on the pad with mouse events, as a learner's mouse would. */
async function drawWithMouse(page: DevToolsSession, pixels: Uint8Array): Promise<void> {
  const box = await page.evaluate(
    `(() => { const b = document.getElementById("pad").getBoundingClientRect();
      return { left: b.left + 2, top: b.top + 2 }; })()`, // inside the 2-pixel border
  );
  const mouse = (type: string, x: number, y: number) =>
    page.send("Input.dispatchMouseEvent", {
      type,
      x: box.left + x,
      y: box.top + y,
      button: "left",
      buttons: type === "mouseReleased" ? 0 : 1,
      clickCount: 1,
    });
  for (const [x0, y0, x1, y1] of strokes(pixels)) {
    await mouse("mousePressed", x0, y0);
    await mouse("mouseMoved", (x0 + x1) / 2, (y0 + y1) / 2);
    await mouse("mouseMoved", x1, y1);
    await mouse("mouseReleased", x1, y1);
  }
}

/** Picks the saved model `name` in the page's picker and waits until it has read the pad. */
async function chooseModel(page: DevToolsSession, name: string): Promise<void> {
  await page.evaluate(`(() => {
    const picker = document.getElementById("model");
    picker.value = [...picker.options].find((o) => o.text.startsWith(${
    JSON.stringify(name)
  })).value;
    picker.dispatchEvent(new Event("change"));
  })()`);
  await page.evaluate(
    `new Promise((done) => { const wait = () => playground.model === ${JSON.stringify(name)}
      ? done() : setTimeout(wait, 20); wait(); })`,
  );
  await page.evaluate("playground.idle()");
}

async function screenshot(page: DevToolsSession, name: string): Promise<string> {
  const { data } = await page.send("Page.captureScreenshot", {
    format: "png",
    captureBeyondViewport: true,
  });
  await Deno.mkdir(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, name);
  await Deno.writeFile(path, Uint8Array.from(atob(data), (c) => c.charCodeAt(0)));
  return path;
}

async function navigate(page: DevToolsSession, url: string): Promise<void> {
  const loaded = page.next("Page.loadEventFired");
  await page.send("Page.navigate", { url });
  await loaded;
}

Deno.test({
  name: "the playground reads drawn digits as predict reads the same pictures",
  ignore: chromium === undefined,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const out = await Deno.makeTempDir({ prefix: "digits-serve-" });
    const mnist = await loadMnist();
    const modelDir = await saveSmallCnn(out, mnist);
    const denseDir = await saveSmallDense(out, mnist);
    const served = await serveCourse(out);
    const browser = await openBrowser(chromium!, 1100, 1000);
    const page = browser.page;
    try {
      const errors: string[] = [];
      page.on("Runtime.exceptionThrown", (p) => errors.push(p.exceptionDetails.text));
      page.on("Log.entryAdded", (p) => {
        if (p.entry.level === "error") errors.push(`${p.entry.text} ${p.entry.url ?? ""}`);
      });
      await page.send("Runtime.enable");
      await page.send("Log.enable");
      await page.send("Page.enable");

      await navigate(page, `${served.origin}/`);
      const home = await page.evaluate("document.body.innerText");
      assertStringIncludes(home, "07_cnn");
      assertStringIncludes(home, "(2 saved models)");
      assertStringIncludes(home, "not run yet: deno task lesson 1");
      await screenshot(page, "home.png");

      await navigate(page, `${served.origin}/playground`);
      await page.evaluate("playground.idle()");
      const backend = await page.evaluate("playground.backend");
      assert(["webgl", "wasm", "cpu"].includes(backend), backend);
      const picker = await page.evaluate(`document.getElementById("model").innerText`);
      assertStringIncludes(picker, "07_cnn/model (test accuracy");
      assertStringIncludes(picker, "02_hidden_layers/model (test accuracy");
      await chooseModel(page, "07_cnn/model");

      for (const index of DRAWN) {
        await page.evaluate(`document.getElementById("clear").click()`);
        await drawWithMouse(page, imageAt(mnist.test, index));
        await page.evaluate("playground.idle()");
        const seen = await page.evaluate(`({
          top: playground.top, pixels: playground.pixels,
          png: document.getElementById("pad").toDataURL("image/png").split(",")[1],
          maps: document.querySelectorAll("#maps canvas").length,
          bars: document.getElementById("bars").dataset.top,
        })`);
        const png = join(out, `drawn_${index}.png`);
        await Deno.writeFile(png, Uint8Array.from(atob(seen.png), (c) => c.charCodeAt(0)));
        const { pixels } = toMnistStyle(await readImageFile(png), png);
        const largest = Math.max(...Array.from(pixels, (p, i) => Math.abs(p - seen.pixels[i])));
        assert(largest < 1e-6, `digit ${index}: the page's 28x28 input differs by ${largest}`);
        const run = await predictCli([png, "--model", modelDir, "--out", out]);
        assertEquals(run.code, 0, run.stderr);
        const predicted = Number(/most likely\n\s+(\d)\s/.exec(run.stdout)?.[1]);
        assertEquals(seen.top, predicted, `digit ${index}: page ${seen.top}, predict ${predicted}`);
        assertEquals(seen.bars, String(predicted));
        assertEquals(seen.maps, 8, "one feature map per filter of the first convolution");
        if (index === DRAWN[0]) await screenshot(page, "playground.png");
      }

      // A dense network reads the same drawing from the flat 784 pixels, and has no feature maps.
      await chooseModel(page, "02_hidden_layers/model");
      const dense = await page.evaluate(`({
        top: playground.top,
        note: document.getElementById("maps-note").textContent,
        maps: document.querySelectorAll("#maps canvas").length,
      })`);
      const last = join(out, `drawn_${DRAWN.at(-1)}.png`);
      const run = await predictCli([last, "--model", denseDir, "--out", out]);
      assertEquals(dense.top, Number(/most likely\n\s+(\d)\s/.exec(run.stdout)?.[1]));
      assertEquals(dense.maps, 0);
      assertStringIncludes(dense.note, "no convolution layer");

      await page.evaluate(`document.getElementById("test-digit").click()`);
      await page.evaluate(
        `new Promise((done) => { const wait = () => document.getElementById("test-label")
          .textContent ? done() : setTimeout(wait, 50); wait(); })`,
      );
      await page.evaluate("playground.idle()");
      assertStringIncludes(
        await page.evaluate(`document.getElementById("test-label").textContent`),
        "labelled",
      );
      assert(await page.evaluate("playground.top !== undefined"));

      // The gallery reads all 10,000 test digits: on the wasm backend, which the page falls back
      // to where WebGL is missing (headless Chromium's WebGL is a slow software one).
      await navigate(page, `${served.origin}/playground?backend=wasm`);
      await page.evaluate("playground.idle()");
      assertEquals(await page.evaluate("playground.backend"), "wasm");
      await chooseModel(page, "07_cnn/model");
      await page.evaluate(`document.getElementById("find-mistakes").click()`);
      await page.evaluate(
        `new Promise((done) => { const wait = () => /accuracy/.test(document
          .getElementById("mistakes-status").textContent) ? done() : setTimeout(wait, 100); wait(); })`,
      );
      const gallery = await page.evaluate(`({
        status: document.getElementById("mistakes-status").textContent,
        shown: document.querySelectorAll("#mistakes figure").length,
      })`);
      const model = await tf.loadLayersModel(fileSystem(modelDir));
      let wrong = 0;
      for (let start = 0; start < mnist.test.count; start += 500) {
        const { images, labels, count } = sliceDigits(mnist.test, start, start + 500);
        wrong += tf.tidy(() => {
          const x = tf.tensor4d(Float32Array.from(images, (v) => v / 255), [count, 28, 28, 1]);
          const predicted = (model.predict(x) as tf.Tensor).argMax(-1);
          return predicted.notEqual(tf.tensor1d(labels, "int32")).sum().dataSync()[0];
        });
      }
      model.dispose();
      const pageWrong = Number(/^(\d+) of 10000/.exec(gallery.status)?.[1]);
      assert(Math.abs(pageWrong - wrong) <= 2, `page finds ${pageWrong} mistakes, Deno ${wrong}`);
      assertEquals(gallery.shown, Math.min(60, pageWrong));
      assertGreater(pageWrong, 0);
      assertEquals(errors, []);
    } finally {
      await browser.close();
      await served.stop();
      await Deno.remove(out, { recursive: true });
    }
  },
});
