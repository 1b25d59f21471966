/**
 * The course manifest, in the spirit of Rustlings' `info.toml`: every lesson's number, id and
 * title, and its exercises with their ids, functions and titles, written once. Every tool reads
 * it (`deno task lesson`, check, watch, hint, progress, the grader, the reports' index) and the
 * lessons, exercise tests and hints refer to it; a test keeps the course's files in step with
 * it. Adding a lesson means one entry here plus its files (see README, "Adding a lesson").
 *
 * It imports nothing, so every layer of the course may read it.
 *
 * @module
 */

/** One exercise: a function the learner writes in `exercises/<lesson id>.ts`. */
export interface ExerciseEntry {
  /** `<lesson>.<n>`, e.g. `1.3`. */
  id: string;
  /** The exported function the learner completes, e.g. `softmax`. */
  name: string;
  /** What it asks, in a few words. */
  title: string;
}

/** One lesson. */
export interface LessonEntry {
  /** Its number, as in `deno task lesson 1`. */
  number: number;
  /** The name its files share: `lessons/<id>.ts`, `exercises/<id>.ts`, `tests/<id>_test.ts`. */
  id: string;
  /** Its title. */
  title: string;
  /** Its title in Chinese, with the glossary's terms. */
  zhTitle: string;
  /** Its exercises, in order (none for a lesson without exercises). */
  exercises: ExerciseEntry[];
}

/** Every lesson of the course, in order. */
export const LESSONS: readonly LessonEntry[] = [
  {
    number: 1,
    id: "01_softmax",
    title: "Softmax regression",
    zhTitle: "softmax 回归",
    exercises: [
      { id: "1.1", name: "scalePixels", title: "scale pixels from 0..255 to 0..1" },
      { id: "1.2", name: "oneHot", title: "one-hot encode labels" },
      { id: "1.3", name: "softmax", title: "a numerically stable softmax" },
      { id: "1.4", name: "crossEntropy", title: "the cross-entropy loss" },
      { id: "1.5", name: "accuracy", title: "the fraction classified correctly" },
      { id: "1.6", name: "buildSoftmaxModel", title: "the softmax regression model" },
    ],
  },
  {
    number: 2,
    id: "02_hidden_layers",
    title: "Hidden layers",
    zhTitle: "隐藏层",
    exercises: [
      { id: "2.1", name: "relu", title: "the ReLU activation" },
      { id: "2.2", name: "reluDerivative", title: "the derivative of ReLU" },
      { id: "2.3", name: "denseForward", title: "a dense layer's forward pass" },
      { id: "2.4", name: "countDenseParameters", title: "parameters of a dense network" },
      { id: "2.5", name: "buildDenseModel", title: "a network with hidden layers" },
      { id: "2.6", name: "backpropagate", title: "backpropagation through one hidden layer" },
    ],
  },
  {
    number: 3,
    id: "03_dropout",
    title: "Dropout",
    zhTitle: "Dropout",
    exercises: [
      { id: "3.1", name: "dropoutMask", title: "an inverted-dropout mask" },
      { id: "3.2", name: "applyDropout", title: "dropout applied to activations" },
      { id: "3.3", name: "buildDropoutModel", title: "a network with dropout" },
      { id: "3.4", name: "diagnoseFit", title: "overfitting or underfitting?" },
    ],
  },
  {
    number: 4,
    id: "04_optimizers",
    title: "Optimizers: SGD, momentum, RMSprop and Adam",
    zhTitle: "优化器：SGD、动量、RMSprop 与 Adam",
    exercises: [
      { id: "4.1", name: "sgdStep", title: "one step of SGD" },
      { id: "4.2", name: "momentumStep", title: "one step of SGD with momentum" },
      { id: "4.3", name: "rmspropStep", title: "one step of RMSprop" },
      { id: "4.4", name: "adamStep", title: "one step of Adam" },
      { id: "4.5", name: "learningRateSweep", title: "a learning-rate sweep" },
    ],
  },
  {
    number: 5,
    id: "05_regularization",
    title: "Regularisation: L1, L2, elastic net, dropout and early stopping",
    zhTitle: "正则化：L1、L2、弹性网络、Dropout 与提前停止",
    exercises: [
      { id: "5.1", name: "l1Penalty", title: "the L1 penalty and its gradient" },
      { id: "5.2", name: "l2Penalty", title: "the L2 penalty and its gradient" },
      { id: "5.3", name: "elasticNetPenalty", title: "the elastic-net penalty" },
      { id: "5.4", name: "bestEpoch", title: "the epoch with the lowest validation loss" },
      { id: "5.5", name: "earlyStoppingDecision", title: "when early stopping stops" },
      { id: "5.6", name: "diagnoseFit", title: "underfit, good fit or overfit?" },
    ],
  },
  {
    number: 6,
    id: "06_convolutions",
    title: "Convolution by hand",
    zhTitle: "手算卷积",
    exercises: [
      { id: "6.1", name: "conv2d", title: "a 2-D convolution by hand" },
      { id: "6.2", name: "maxPool", title: "max pooling by hand" },
      { id: "6.3", name: "outputSize", title: "the size of a convolution's output" },
      { id: "6.4", name: "convParameters", title: "parameters of a convolution layer" },
    ],
  },
  {
    number: 7,
    id: "07_cnn",
    title: "A convolutional network",
    zhTitle: "卷积神经网络",
    exercises: [
      { id: "7.1", name: "buildCnn", title: "the convolutional network" },
      { id: "7.2", name: "confusionMatrix", title: "the confusion matrix" },
      { id: "7.3", name: "topMistakes", title: "the most confident mistakes" },
    ],
  },
  {
    number: 8,
    id: "08_modern_cnn",
    title: "A modern CNN: BatchNorm, augmentation, callbacks, a Kaggle submission",
    zhTitle: "现代卷积神经网络：批归一化、数据增强、回调与 Kaggle 提交",
    exercises: [
      { id: "8.1", name: "augmentationMatrix", title: "an augmentation as an affine matrix" },
      { id: "8.2", name: "plateauRates", title: "reduce the learning rate on a plateau" },
      { id: "8.3", name: "batchNormInference", title: "BatchNorm at inference time" },
      { id: "8.4", name: "batchNormParameters", title: "parameters of a BatchNorm layer" },
    ],
  },
];

/** Where a lesson's files live, relative to the course root. */
export interface LessonFiles {
  /** The program `deno task lesson N` runs, e.g. `lessons/01_softmax.ts`. */
  lesson: string;
  /** The learner's stubs, e.g. `exercises/01_softmax.ts` (a submission holds the same name). */
  exercise: string;
  /** The exercises' hints, e.g. `exercises/01_softmax.hints.json`. */
  hints: string;
  /** The reference answers, e.g. `solutions/01_softmax.ts`. */
  solution: string;
  /** The exercise tests, e.g. `tests/01_softmax_test.ts`. */
  test: string;
}

/**
 * The files of `lesson`: all of them for a lesson with exercises, only `lesson` for the others.
 *
 * @example
 * ```ts
 * lessonFiles(lessonWithId("01_softmax")).test; // "tests/01_softmax_test.ts"
 * ```
 */
export function lessonFiles(lesson: LessonEntry): LessonFiles {
  return {
    lesson: `lessons/${lesson.id}.ts`,
    exercise: `exercises/${lesson.id}.ts`,
    hints: `exercises/${lesson.id}.hints.json`,
    solution: `solutions/${lesson.id}.ts`,
    test: `tests/${lesson.id}_test.ts`,
  };
}

/**
 * The lessons that have exercises, in order: the ones a learner checks and a teacher grades.
 *
 * @example
 * ```ts
 * lessonsWithExercises().map((lesson) => lesson.number); // [1, 2, 3, 4, 5, 6, 7, 8]
 * ```
 */
export function lessonsWithExercises(): LessonEntry[] {
  return LESSONS.filter((lesson) => lesson.exercises.length > 0);
}

/**
 * The lesson numbered `number`, or `undefined` when the course has none.
 *
 * @example
 * ```ts
 * lessonNumbered(1)?.id; // "01_softmax"
 * ```
 */
export function lessonNumbered(number: number): LessonEntry | undefined {
  return LESSONS.find((lesson) => lesson.number === number);
}

/**
 * The lesson whose id is `id`; throws for an id the manifest does not have (a lesson file out
 * of step with the manifest is a bug, caught by the course's tests).
 *
 * @example
 * ```ts
 * lessonWithId("07_cnn").title; // "A convolutional network"
 * ```
 */
export function lessonWithId(id: string): LessonEntry {
  const lesson = LESSONS.find((candidate) => candidate.id === id);
  if (!lesson) throw new Error(`the course manifest has no lesson "${id}"`);
  return lesson;
}

/**
 * The exercise whose id is `id` (e.g. `1.3`); throws for an id the manifest does not have.
 *
 * @example
 * ```ts
 * exerciseWithId("1.3").name; // "softmax"
 * ```
 */
export function exerciseWithId(id: string): ExerciseEntry {
  for (const lesson of LESSONS) {
    const exercise = lesson.exercises.find((candidate) => candidate.id === id);
    if (exercise) return exercise;
  }
  throw new Error(`the course manifest has no exercise ${id}`);
}

/**
 * How an exercise is named in test names, hints and the learner's tools: `1.3 softmax`.
 *
 * @example
 * ```ts
 * exerciseLabel(exerciseWithId("1.3")); // "1.3 softmax"
 * ```
 */
export function exerciseLabel(exercise: ExerciseEntry): string {
  return `${exercise.id} ${exercise.name}`;
}
