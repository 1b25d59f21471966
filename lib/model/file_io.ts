/**
 * Saving and loading TensorFlow.js models on disk from Deno. tfjs ships a file handler only
 * for tfjs-node (`file://`); this module does the same job with Deno's file API, in the same
 * format, so a model saved here loads in any tfjs program (and the other way round):
 *
 * ```text
 * <dir>/model.json     topology, training config and the weights manifest
 * <dir>/weights.bin    every weight, float32, in manifest order
 * ```
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { join } from "node:path";
import { DataError } from "../cli/errors.ts";

/** The name of the topology file inside a model folder. */
export const MODEL_JSON = "model.json";

/** The name of the weights file inside a model folder. */
export const WEIGHTS_BIN = "weights.bin";

/**
 * A tfjs IO handler that saves to and loads from the folder `dir` (created when saving).
 * Loading problems (missing folder, malformed `model.json`, short weights file) throw a
 * {@linkcode DataError} naming the file.
 *
 * @example
 * ```ts
 * await model.save(fileSystem("out/07_cnn/model"));
 * const again = await tf.loadLayersModel(fileSystem("out/07_cnn/model"));
 * ```
 */
export function fileSystem(dir: string): tf.io.IOHandler {
  return {
    async save(artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> {
      if (artifacts.modelTopology instanceof ArrayBuffer) {
        throw new Error(
          "fileSystem: binary model topologies are not supported; save a layers model",
        );
      }
      await Deno.mkdir(dir, { recursive: true });
      const weights = artifacts.weightData === undefined
        ? new ArrayBuffer(0)
        : tf.io.CompositeArrayBuffer.join(artifacts.weightData);
      const modelJson: tf.io.ModelJSON = {
        modelTopology: artifacts.modelTopology!,
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy,
        weightsManifest: [{ paths: [WEIGHTS_BIN], weights: artifacts.weightSpecs ?? [] }],
        ...(artifacts.trainingConfig ? { trainingConfig: artifacts.trainingConfig } : {}),
      };
      await Deno.writeFile(join(dir, WEIGHTS_BIN), new Uint8Array(weights));
      await Deno.writeTextFile(join(dir, MODEL_JSON), JSON.stringify(modelJson));
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    },

    async load(): Promise<tf.io.ModelArtifacts> {
      const jsonPath = join(dir, MODEL_JSON);
      const modelJson = parseModelJson(jsonPath, await readOrFail(jsonPath, Deno.readTextFile));
      return await tf.io.getModelArtifactsForJSON(modelJson, async (manifest) => {
        const specs = manifest.flatMap((group) => group.weights);
        const parts: ArrayBuffer[] = [];
        for (const group of manifest) {
          for (const path of group.paths) {
            const bytes = await readOrFail(join(dir, path), Deno.readFile);
            parts.push(bytes.slice().buffer);
          }
        }
        const data = tf.io.CompositeArrayBuffer.join(parts);
        const expected = specs.reduce((sum, spec) => sum + byteSize(spec), 0);
        if (data.byteLength !== expected) {
          throw new DataError(
            join(dir, WEIGHTS_BIN),
            {
              en: `holds ${data.byteLength} bytes; model.json lists ${expected} bytes of weights`,
              zh: `有 ${data.byteLength} 字节，而 model.json 列出的权重共 ${expected} 字节`,
            },
          );
        }
        return [specs, data];
      });
    },
  };
}

async function readOrFail<T>(path: string, read: (path: string) => Promise<T>): Promise<T> {
  try {
    return await read(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw new DataError(path, {
        en: "does not exist; train and save the model first",
        zh: "不存在；请先训练并保存模型",
      });
    }
    const why = (error as Error).message;
    throw new DataError(path, { en: `cannot be read (${why})`, zh: `无法读取（${why}）` });
  }
}

function parseModelJson(path: string, text: string): tf.io.ModelJSON {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const why = (error as Error).message;
    throw new DataError(path, {
      en: `is not valid JSON (${why})`,
      zh: `不是有效的 JSON（${why}）`,
    });
  }
  const json = parsed as Partial<tf.io.ModelJSON> | null;
  if (typeof json !== "object" || json === null || !json.modelTopology) {
    throw new DataError(path, {
      en: "has no modelTopology; expected a tfjs layers model",
      zh: "没有 modelTopology；应当是 tfjs 的 layers 模型",
    });
  }
  if (!Array.isArray(json.weightsManifest)) {
    throw new DataError(path, {
      en: "has no weightsManifest listing the weight files",
      zh: "没有列出权重文件的 weightsManifest",
    });
  }
  return json as tf.io.ModelJSON;
}

const BYTES_PER_VALUE: Record<string, number> = {
  float32: 4,
  int32: 4,
  bool: 1,
  complex64: 8,
  uint8: 1,
  uint16: 2,
  float16: 2,
};

/** Bytes a weight takes in the weights file (quantized weights are stored in their own type). */
function byteSize(spec: tf.io.WeightsManifestEntry): number {
  const values = spec.shape.reduce((a, b) => a * b, 1);
  return values * (BYTES_PER_VALUE[spec.quantization?.dtype ?? spec.dtype] ?? 4);
}
