/**
 * A replica of the model in a Web Worker, with its own weights and its own copy of the main
 * thread's optimizer. Each step it computes the gradients of its share of the batch, publishes
 * them in the shared gradient slots, tells the main thread, waits for the other replicas'
 * gradients and applies the same averaged update as every other replica. Its weights thus stay
 * equal to the main thread's, bit for bit, without being sent. (With an optimizer that cannot
 * be copied, the step brings the weights and the main thread alone updates.)
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { startBackend } from "../../backend/backend.ts";
import { shareGradients } from "../batch_loss.ts";
import type { LossName } from "../loss.ts";
import { createRng } from "../../cli/random.ts";
import { applyAverage, GradientExchange } from "./gradient_exchange.ts";
import { restoreOptimizer } from "./optimizer_state.ts";
import type { Share, StepReply, StepRequest, WorkerReply, WorkerRequest } from "./messages.ts";

/** The worker's global scope, typed for the two members used here. */
const scope = globalThis as unknown as {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerReply): void;
};

/** What the worker holds once set up. */
interface Replica {
  model: tf.LayersModel;
  variables: tf.Variable[];
  loss: LossName;
  index: number;
  exchange: GradientExchange;
  /** The copy of the main thread's optimizer; absent when the main thread updates alone. */
  optimizer?: tf.Optimizer;
}

let replica: Replica | undefined;

scope.onmessage = async ({ data: request }) => {
  try {
    if (request.kind === "init") {
      await startBackend(request.backend);
      Math.random = createRng(request.seed).next;
      const model = await tf.models.modelFromJSON(request.architecture as tf.io.ModelJSON);
      replica = {
        model,
        variables: model.trainableWeights.map((weight) => weight.read() as tf.Variable),
        loss: request.loss,
        index: request.replica,
        exchange: new GradientExchange(request.exchange),
      };
      scope.postMessage({ kind: "ready" });
      return;
    }
    if (!replica) throw new Error(`a ${request.kind} request arrived before the worker was set up`);
    if (request.kind === "sync") {
      tf.tidy(() =>
        replica!.model.weights.forEach((weight, i) =>
          weight.write(tf.tensor(request.weights[i], weight.read().shape))
        )
      );
      replica.optimizer?.dispose();
      replica.optimizer = request.optimizer && restoreOptimizer(request.optimizer);
      scope.postMessage({ kind: "ready" });
    } else if (request.kind === "step") {
      step(replica, request);
    } else {
      const weights = replica.variables.map((variable) => variable.dataSync() as Float32Array);
      scope.postMessage({ kind: "weights", weights });
    }
  } catch (error) {
    scope.postMessage({ kind: "error", message: (error as Error).message });
  }
};

function step(replica: Replica, request: StepRequest): void {
  const { variables, exchange, optimizer } = replica;
  if (request.weights) {
    variables.forEach((variable, i) =>
      tf.tidy(() => variable.assign(tf.tensor(request.weights![i], variable.shape)))
    );
  }
  const reply: StepReply = request.share
    ? computeShare(replica, request.step, request.share)
    : { kind: "published", loss: 0, correct: 0 };
  scope.postMessage(reply);
  if (!optimizer) return;
  exchange.waitFor(request.step, request.shares);
  applyAverage(exchange, request.step, request.shares, optimizer, variables);
}

/** Computes the share's gradients and publishes them; returns its loss and correct count. */
function computeShare(replica: Replica, step: number, share: Share): StepReply {
  const { model, variables, loss, index, exchange } = replica;
  const measured = tf.tidy(() => {
    const x = tf.tensor(share.x, share.xShape, "float32");
    const yType = share.y instanceof Int32Array ? "int32" : "float32";
    const y = tf.tensor(share.y, share.yShape, yType);
    return shareGradients(model, x, y, loss, variables);
  });
  exchange.publish(index, step, measured.gradients.map((gradient) => gradient.dataSync()));
  const reply: StepReply = {
    kind: "published",
    loss: measured.loss.dataSync()[0],
    correct: measured.correct.dataSync()[0],
  };
  tf.dispose(measured);
  return reply;
}
