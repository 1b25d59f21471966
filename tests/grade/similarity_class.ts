/**
 * Test helper: a generated class for the similarity report, lesson 1 only. Every student starts
 * from the shipped stub, as real students do; what they write is drawn, with one seed, from
 * several ways of writing each exercise and several styles, so independent students share
 * some code (short exercises have few ways to be written) but rarely all of it. Planted among
 * them:
 *
 * - `renamed-N-a` / `renamed-N-b`: b is a's file with every local name changed and the
 *   exercises in another order;
 * - `copy-N-a` / `copy-N-b`: b is a's file, byte for byte, but for its comments and blank lines;
 * - `stub-N`: the stub unchanged; `partial-N`: the stub with two exercises done.
 *
 * @module
 */
import { join } from "node:path";
import { COURSE_ROOT } from "../../lib/cli/course_root.ts";
import { createRng } from "../../lib/cli/random.ts";

/** How many of each kind of student to generate. */
export interface SimilarityClassPlan {
  /** Students writing on their own. */
  independent: number;
  /** Pairs whose second file is the first renamed and reordered. */
  renamedPairs: number;
  /** Pairs whose second file is the first with comments and layout changed. */
  copyPairs: number;
  /** Students submitting the stub unchanged. */
  stubs: number;
  /** Students submitting the stub with two exercises done. */
  partial: number;
}

/** The planted copy pairs, as `[a, b]` ids. */
export function plantedPairs(plan: SimilarityClassPlan): [string, string][] {
  return [
    ...Array.from({ length: plan.renamedPairs }, (_, n) => pairIds("renamed", n)),
    ...Array.from({ length: plan.copyPairs }, (_, n) => pairIds("copy", n)),
  ];
}

function pairIds(kind: string, n: number): [string, string] {
  return [`${kind}-${n}-a`, `${kind}-${n}-b`];
}

/** Ways of writing each exercise's body, by exported function name. */
const BODIES: Record<string, string[]> = {
  scalePixels: [
    "return pixels.map((pixel) => pixel / 255);",
    "const out = [];\n  for (const pixel of pixels) out.push(pixel / 255);\n  return out;",
    "const out = new Array(pixels.length);\n  for (let i = 0; i < pixels.length; i++) {\n    out[i] = pixels[i] / 255;\n  }\n  return out;",
    "return Array.from(pixels, (value) => value * (1 / 255));",
  ],
  oneHot: [
    "return labels.map((label) => Array.from({ length: classes }, (_, i) => (i === label ? 1 : 0)));",
    "const rows = [];\n  for (const label of labels) {\n    const row = new Array(classes).fill(0);\n    row[label] = 1;\n    rows.push(row);\n  }\n  return rows;",
    "return labels.map((label) => {\n    const row = Array(classes).fill(0);\n    row[label] = 1;\n    return row;\n  });",
    "const rows = [];\n  for (let r = 0; r < labels.length; r++) {\n    rows.push([]);\n    for (let c = 0; c < classes; c++) rows[r].push(c === labels[r] ? 1 : 0);\n  }\n  return rows;",
  ],
  softmax: [
    "const largest = Math.max(...logits);\n  const exps = logits.map((logit) => Math.exp(logit - largest));\n  const total = exps.reduce((sum, value) => sum + value, 0);\n  return exps.map((value) => value / total);",
    "let largest = -Infinity;\n  for (const logit of logits) if (logit > largest) largest = logit;\n  let total = 0;\n  const exps = [];\n  for (const logit of logits) {\n    const e = Math.exp(logit - largest);\n    exps.push(e);\n    total += e;\n  }\n  for (let i = 0; i < exps.length; i++) exps[i] /= total;\n  return exps;",
    "const shifted = logits.map((logit) => logit - Math.max(...logits));\n  const exps = shifted.map(Math.exp);\n  let total = 0;\n  exps.forEach((e) => (total += e));\n  return exps.map((e) => e / total);",
    "const largest = logits.reduce((a, b) => Math.max(a, b), -Infinity);\n  const exps = [];\n  let total = 0;\n  for (let i = 0; i < logits.length; i++) {\n    exps[i] = Math.exp(logits[i] - largest);\n    total = total + exps[i];\n  }\n  return exps.map((e) => e / total);",
  ],
  crossEntropy: [
    "let total = 0;\n  probabilities.forEach((row, i) => {\n    row.forEach((p, c) => {\n      const clipped = Math.min(Math.max(p, EPSILON), 1 - EPSILON);\n      total -= targets[i][c] * Math.log(clipped);\n    });\n  });\n  return total / probabilities.length;",
    "let total = 0;\n  for (let i = 0; i < probabilities.length; i++) {\n    for (let c = 0; c < probabilities[i].length; c++) {\n      const p = Math.max(EPSILON, Math.min(1 - EPSILON, probabilities[i][c]));\n      total += -targets[i][c] * Math.log(p);\n    }\n  }\n  return total / probabilities.length;",
    "const clip = (p) => Math.min(1 - EPSILON, Math.max(EPSILON, p));\n  const losses = probabilities.map((row, i) =>\n    -row.reduce((sum, p, c) => sum + targets[i][c] * Math.log(clip(p)), 0)\n  );\n  return losses.reduce((a, b) => a + b, 0) / losses.length;",
    "let sum = 0;\n  const rows = probabilities.length;\n  for (const [i, row] of probabilities.entries()) {\n    for (const [c, p] of row.entries()) {\n      if (targets[i][c] === 0) continue;\n      sum -= targets[i][c] * Math.log(Math.min(Math.max(p, EPSILON), 1 - EPSILON));\n    }\n  }\n  return sum / rows;",
  ],
  accuracy: [
    "const correct = probabilities.filter((row, i) => row.indexOf(Math.max(...row)) === labels[i]);\n  return correct.length / probabilities.length;",
    "let correct = 0;\n  for (let i = 0; i < probabilities.length; i++) {\n    let best = 0;\n    for (let c = 1; c < probabilities[i].length; c++) {\n      if (probabilities[i][c] > probabilities[i][best]) best = c;\n    }\n    if (best === labels[i]) correct++;\n  }\n  return correct / probabilities.length;",
    "const argmax = (row) => row.reduce((best, p, c) => (p > row[best] ? c : best), 0);\n  const hits = probabilities.map((row, i) => (argmax(row) === labels[i] ? 1 : 0));\n  return hits.reduce((a, b) => a + b, 0) / hits.length;",
    "let correct = 0;\n  probabilities.forEach((row, i) => {\n    const top = Math.max(...row);\n    if (row[labels[i]] === top) correct += 1;\n  });\n  return correct / probabilities.length;",
  ],
  buildSoftmaxModel: [
    'return tf.sequential({\n    layers: [tf.layers.dense({ inputShape: [784], units: 10, activation: "softmax" })],\n  });',
    'const model = tf.sequential();\n  model.add(tf.layers.dense({ units: 10, inputShape: [784], activation: "softmax" }));\n  return model;',
    'const layer = tf.layers.dense({ inputShape: [28 * 28], units: 10, activation: "softmax" });\n  return tf.sequential({ layers: [layer], name: "softmax_regression" });',
  ],
};

/** Local names a renamer changes (parameters included; exported names stay). */
const LOCAL_NAMES = [
  "pixels",
  "pixel",
  "value",
  "out",
  "labels",
  "label",
  "classes",
  "row",
  "rows",
  "logits",
  "logit",
  "largest",
  "exps",
  "total",
  "sum",
  "shifted",
  "probabilities",
  "targets",
  "clipped",
  "clip",
  "losses",
  "correct",
  "best",
  "argmax",
  "hits",
  "top",
  "model",
  "layer",
];

/** Small habits that make two students' takes on the same idea differ in their tokens. */
const STYLES: ((body: string) => string)[] = [
  (body) => body,
  // A guard first.
  (body) => `if (arguments.length === 0) throw new Error("no input");\n  ${body}`,
  // A result variable instead of returning the expression.
  (body) => body.replace(/return ([^;]+);$/, "const result = $1;\n  return result;"),
  // A log line a student forgot to remove.
  (body) => `console.debug("called");\n  ${body}`,
  // `let` everywhere.
  (body) => body.replaceAll("const ", "let "),
];

/** Habits of a whole file, each a student's with even odds: the same idea, other tokens. */
const HABITS: ((text: string) => string)[] = [
  // `x => ...` without parentheses around a lone parameter.
  (text) => text.replace(/\((\w+)\) =>/g, "$1 =>"),
  (text) => text.replaceAll("++", " += 1").replaceAll(" += 1;", " += 1;"),
  (text) => text.replaceAll(" === ", " == "),
  // Types on every local array.
  (text) => text.replace(/(const|let) (\w+) = \[\]/g, "$1 $2: number[] = []"),
  (text) => text.replace(/Math\.(max|min|exp|log)\(/g, 'Math["$1"]('),
  (text) => text.replace(/return ([^;\n]+);/g, "return ($1);"),
];

/**
 * Writes the class into `dir` (which must not exist), one folder per student holding
 * `01_softmax.ts`; returns the student ids.
 *
 * @example
 * ```ts
 * await buildSimilarityClass("/tmp/class", { independent: 20, renamedPairs: 2, copyPairs: 2, stubs: 2, partial: 2 }, 7);
 * ```
 */
export async function buildSimilarityClass(
  dir: string,
  plan: SimilarityClassPlan,
  seed: number,
): Promise<string[]> {
  const rng = createRng(seed);
  const random = () => rng.next();
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
  const stub = await Deno.readTextFile(join(COURSE_ROOT, "exercises", "01_softmax.ts"));
  const { header, chunks } = splitStub(stub);
  const write = (chosen: Map<string, string>, order = chunks) =>
    header + order.map((chunk) => fillChunk(chunk, chosen)).join("");
  const ownWork = (names = Object.keys(BODIES)) => {
    const habits = HABITS.filter(() => random() < 0.5);
    const write = (body: string) => habits.reduce((text, habit) => habit(text), body);
    return new Map(names.map((name) => [name, write(pick(STYLES)(pick(BODIES[name])))]));
  };
  const students = new Map<string, string>();
  for (let n = 0; n < plan.independent; n++) {
    students.set(`student-${String(n).padStart(3, "0")}`, renameLocals(write(ownWork()), pick));
  }
  for (let n = 0; n < plan.renamedPairs; n++) {
    const [a, b] = pairIds("renamed", n);
    const work = ownWork();
    students.set(a, write(work));
    students.set(b, renameLocals(write(work, shuffle(chunks, random)), pick));
  }
  for (let n = 0; n < plan.copyPairs; n++) {
    const [a, b] = pairIds("copy", n);
    const text = write(ownWork());
    students.set(a, text);
    students.set(b, text.replace(/^\s*\/\/.*\n/gm, "").replace(/\n\n/g, "\n// my work\n\n"));
  }
  for (let n = 0; n < plan.stubs; n++) students.set(`stub-${n}`, stub);
  for (let n = 0; n < plan.partial; n++) {
    const done = shuffle(Object.keys(BODIES), random).slice(0, 2);
    students.set(`partial-${n}`, write(ownWork(done)));
  }
  for (const [id, text] of students) {
    await Deno.mkdir(join(dir, id), { recursive: true });
    await Deno.writeTextFile(join(dir, id, "01_softmax.ts"), text);
  }
  return [...students.keys()];
}

/** The stub cut into its header (imports) and one chunk per exercise or constant. */
function splitStub(stub: string): { header: string; chunks: string[] } {
  const starts = [...stub.matchAll(/^\/\*\*\n \* Exercise|^\/\*\* The smallest/gm)]
    .map((match) => match.index);
  const chunks = starts.map((start, i) => stub.slice(start, starts[i + 1] ?? stub.length));
  return { header: stub.slice(0, starts[0]), chunks };
}

/** `chunk` with its `todo(...)` body replaced by the chosen one, if any. */
function fillChunk(chunk: string, chosen: Map<string, string>): string {
  const name = /export function (\w+)/.exec(chunk)?.[1];
  const body = name === undefined ? undefined : chosen.get(name);
  if (body === undefined) return chunk;
  return chunk.replace(/ {2}\/\/ TODO[^]*?return todo\([^;]*\);/, `  ${body}`);
}

function renameLocals(text: string, pick: <T>(list: T[]) => T): string {
  const suffix = pick(["A", "Val", "X", "2", "Tmp", "_"]);
  const prefix = pick(["my", "the", "a", "tmp", ""]);
  let renamed = text;
  for (const name of LOCAL_NAMES) {
    const fresh = prefix ? prefix + name[0].toUpperCase() + name.slice(1) + suffix : name + suffix;
    renamed = renamed.replace(new RegExp(`\\b${name}\\b`, "g"), fresh);
  }
  return renamed;
}

function shuffle<T>(list: T[], random: () => number): T[] {
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}
