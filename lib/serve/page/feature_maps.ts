/**
 * What a CNN's first convolution layers see in a drawing: the output of each of their filters
 * (a feature map), one small picture per filter, as lesson 7's `feature_maps_conv1.svg` shows
 * them for test digits.
 *
 * @module
 */
import { create, type PageCanvas, type PageElement } from "./dom.ts";
import { paintGrey } from "./pixels_canvas.ts";
import { tf } from "./tfjs.ts";
import type * as Tfjs from "@tensorflow/tfjs";

/** How many convolution layers are shown, from the input on. */
const SHOWN_LAYERS = 2;

/** A model giving the outputs of a CNN's first convolution layers, and those layers' names. */
export interface FeatureMaps {
  /** From the CNN's input to each layer's output. */
  model: Tfjs.LayersModel;
  /** The layers' names, e.g. `conv2d`, `conv2d_1`. */
  layers: string[];
}

/**
 * The first convolution layers of `model`, or `undefined` when it has none (a dense network).
 *
 * @example
 * ```ts
 * featureMaps(cnn)?.layers; // ["conv2d", "conv2d_1"]
 * ```
 */
export function featureMaps(model: Tfjs.LayersModel): FeatureMaps | undefined {
  const convolutions = model.layers
    .filter((layer) => layer.getClassName() === "Conv2D")
    .slice(0, SHOWN_LAYERS);
  if (convolutions.length === 0) return undefined;
  return {
    model: tf.model({
      inputs: model.inputs,
      outputs: convolutions.map((layer) => layer.output as Tfjs.SymbolicTensor),
    }),
    layers: convolutions.map((layer) => layer.name),
  };
}

/**
 * Shows in `container` every feature map of `maps` for `input`, layer by layer, each headed by
 * `caption(name, count, size)`.
 */
export async function showFeatureMaps(
  container: PageElement,
  maps: FeatureMaps,
  input: Tfjs.Tensor,
  caption: (name: string, count: number, size: string) => string,
): Promise<void> {
  const outputs = [maps.model.predict(input)].flat() as Tfjs.Tensor[];
  const layers = await Promise.all(outputs.map(async (output, i) => {
    const [, height, width, channels] = output.shape as number[];
    const values = await output.data();
    output.dispose();
    const section = create("div");
    section.className = "maps";
    const heading = create("p");
    heading.textContent = caption(maps.layers[i], channels, `${width}x${height}`);
    section.append(heading);
    for (let channel = 0; channel < channels; channel++) {
      const map = new Float32Array(width * height);
      let max = 0;
      for (let at = 0; at < map.length; at++) {
        map[at] = values[at * channels + channel];
        max = Math.max(max, map[at]);
      }
      section.append(paintGrey(create<PageCanvas>("canvas"), map, width, height, max));
    }
    return section;
  }));
  container.replaceChildren(...layers);
}
