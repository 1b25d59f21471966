/**
 * The words that end an exercise test's failure when learner code returned a value that
 * answers for itself: a Proxy, or an array or object with methods, getters or a class of its
 * own (see `plain_data.ts`). No honest answer to an exercise needs one, so the teachers' grader
 * gives a lesson whose tests failed this way the status `tampered` (see `lib/grade/score.ts`).
 * A module of its own, so the grader can read it without loading TensorFlow.js.
 *
 * @module
 */

/**
 * Appended to the failure message of a value that answers for itself.
 *
 * @example
 * ```ts
 * `softmax([1, 2]) returned a Proxy; ${ANSWERS_FOR_ITSELF}`;
 * // "softmax([1, 2]) returned a Proxy; a value that answers for itself counts as tampering"
 * ```
 */
export const ANSWERS_FOR_ITSELF = "a value that answers for itself counts as tampering";
