/**
 * The lessons, in order. `deno task lesson N` looks lesson N up here; every other tool that
 * walks the course (reports, progress) reads this list too.
 *
 * @module
 */

/** A lesson module: its declaration and its program. */
export interface LessonModule {
  /** Runs the lesson with command-line arguments; resolves when it is done. */
  run(argv: string[]): Promise<void>;
}

/** Where each lesson lives, by number. */
export const LESSONS: Record<number, { id: string; load: () => Promise<LessonModule> }> = {
  1: { id: "01_softmax", load: () => import("./01_softmax.ts") },
  2: { id: "02_hidden_layers", load: () => import("./02_hidden_layers.ts") },
  3: { id: "03_dropout", load: () => import("./03_dropout.ts") },
  4: { id: "04_optimizers", load: () => import("./04_optimizers.ts") },
  5: { id: "05_regularization", load: () => import("./05_regularization.ts") },
  6: { id: "06_convolutions", load: () => import("./06_convolutions.ts") },
  7: { id: "07_cnn", load: () => import("./07_cnn.ts") },
  8: { id: "08_modern_cnn", load: () => import("./08_modern_cnn.ts") },
};
