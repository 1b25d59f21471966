/**
 * A replica of the model in a Web Worker: given the current weights and a share of a batch,
 * it returns the share's gradients, loss and correct count. It keeps no state between steps
 * except the model's structure, so every replica computes at exactly the main thread's weights.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { startBackend } from "../../backend/backend.ts";
import { shareGradients } from "../batch_loss.ts";
import type { LossName } from "../loss.ts";
import { createRng } from "../../cli/random.ts";
import type { StepReply, StepRequest, WorkerReply, WorkerRequest } from "./messages.ts";

/** The worker's global scope, typed for the two members used here. */
const scope = globalThis as unknown as {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerReply, transfer?: Transferable[]): void;
};

let replica: { model: tf.LayersModel; loss: LossName } | undefined;

scope.onmessage = async ({ data: request }) => {
  try {
    if (request.kind === "init") {
      await startBackend(request.backend);
      Math.random = createRng(request.seed).next;
      const model = await tf.models.modelFromJSON(request.architecture as tf.io.ModelJSON);
      replica = { model, loss: request.loss };
      scope.postMessage({ kind: "ready" });
    } else {
      if (!replica) throw new Error("a step arrived before the worker was set up");
      const reply = computeShare(replica.model, replica.loss, request);
      scope.postMessage(reply, reply.gradients.map((gradient) => gradient.buffer as ArrayBuffer));
    }
  } catch (error) {
    scope.postMessage({ kind: "error", message: (error as Error).message });
  }
};

function computeShare(model: tf.LayersModel, loss: LossName, request: StepRequest): StepReply {
  const variables = model.trainableWeights.map((weight) => weight.read() as tf.Variable);
  const measured = tf.tidy(() => {
    model.weights.forEach((weight, i) =>
      weight.write(tf.tensor(request.weights[i], weight.read().shape))
    );
    const x = tf.tensor(request.x, request.xShape, "float32");
    const yType = request.y instanceof Int32Array ? "int32" : "float32";
    const y = tf.tensor(request.y, request.yShape, yType);
    return shareGradients(model, x, y, loss, variables);
  });
  const reply: StepReply = {
    kind: "gradients",
    gradients: measured.gradients.map((gradient) => gradient.dataSync() as Float32Array),
    loss: measured.loss.dataSync()[0],
    correct: measured.correct.dataSync()[0],
  };
  tf.dispose(measured);
  return reply;
}
