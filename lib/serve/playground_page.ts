/**
 * The playground's HTML: the drawing pad, its buttons, the places the script fills in (input,
 * bars, feature maps, mistakes), and the scripts, all served by the course's own server.
 *
 * @module
 */
import type { Language } from "../cli/language.ts";
import { escapeHtml, htmlPage } from "../report/html.ts";
import { navigation } from "./navigation.ts";
import { pageText, type TextName } from "./page/texts.ts";

/**
 * The playground page in `language`.
 *
 * @example
 * ```ts
 * playgroundPage("en").includes('<canvas id="pad"'); // true
 * ```
 */
export function playgroundPage(language: Language): string {
  const say = (name: TextName) => escapeHtml(pageText(name, language));
  const body = `${navigation(language)}
<link rel="stylesheet" href="/assets/playground.css">
<h1>${say("heading")}</h1>
<p>${say("intro")}</p>
<p><label>${say("model")} <select id="model"></select></label> <small id="backend"></small></p>
<div class="row">
  <div>
    <canvas id="pad" width="280" height="280"></canvas><br>
    <button id="undo">${say("undo")}</button><button id="clear">${
    say("clear")
  }</button><button id="test-digit">${say("testDigit")}</button>
    <p id="test-label"></p>
  </div>
  <div><h2>${say("input")}</h2><canvas id="input" width="28" height="28"></canvas></div>
  <div><h2>${say("probabilities")}</h2><div id="bars"></div><p id="top"></p></div>
</div>
<h2>${say("featureMaps")}</h2>
<p id="maps-note"></p>
<div id="maps"></div>
<h2>${say("mistakes")}</h2>
<button id="find-mistakes">${say("findMistakes")}</button>
<p id="mistakes-status"></p>
<div id="mistakes"></div>
<script src="/vendor/tf.min.js"></script>
<script src="/vendor/tf-backend-wasm.min.js"></script>
<script type="module" src="/assets/playground.js"></script>`;
  return htmlPage(pageText("title", language), body, language);
}
