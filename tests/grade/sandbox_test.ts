/**
 * The two sandboxes: what bubblewrap mounts (the staged course, the submission, one writable
 * report folder, never `solutions/`), and the fallback's module-graph check, which refuses a
 * submission importing files outside itself and the course's `lib/`.
 */
import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { join } from "node:path";
import { COURSE_ROOT } from "../../lib/cli/course_root.ts";
import { bubblewrapArgs } from "../../lib/grade/bubblewrap.ts";
import { graphProblems, npmPackageName } from "../../lib/grade/module_graph.ts";

const STAGE = {
  courseRoot: "/teacher/course",
  dir: "/teacher/out/.work/stage",
  hasHidden: true,
  cacheDir: "/teacher/out/.work/stage/deno-dir",
};

/** The bubblewrap arguments of a student's run, or of a reference run. */
function argsOf(reference: boolean): string[] {
  return bubblewrapArgs({
    stage: STAGE,
    exercisesDir: "/teacher/out/.work/submission-1/exercises",
    exerciseFile: "01_softmax.ts",
    testFiles: ["tests/01_softmax_test.ts"],
    workDir: "/teacher/out/.work/submission-1/01_softmax-1",
    memoryMb: 512,
    reference,
  }, "/teacher/out/.work/submission-1/01_softmax-1/report");
}

/** `[kind, target]` of every bind mount among `args`. */
function mountsOf(args: string[]): string[][] {
  return args.flatMap((arg, i) => (arg.endsWith("bind") ? [[arg, args[i + 2]]] : []));
}

Deno.test("bubblewrap isolates everything and mounts only the course view", () => {
  const args = argsOf(false);
  for (const flag of ["--unshare-all", "--die-with-parent", "--new-session", "--clearenv"]) {
    assert(args.includes(flag), `missing ${flag}`);
  }
  assertEquals(args.slice(args.indexOf("--cap-drop"), args.indexOf("--cap-drop") + 2), [
    "--cap-drop",
    "ALL",
  ]);
  const mounts = mountsOf(args);
  assertEquals(mounts.filter(([kind]) => kind === "--bind"), [["--bind", "/report"]]);
  assertEquals(
    mounts.map(([, target]) => target).filter((target) => target.startsWith("/course")),
    [
      "/course/deno.json",
      "/course/tests",
      "/course/hidden",
      "/course/lib",
      "/course/node_modules",
      "/course/exercises",
    ].concat(args.includes("/course/data") ? ["/course/data"] : []).sort((a, b) =>
      args.indexOf(a) - args.indexOf(b)
    ),
  );
  assert(!args.some((arg) => arg.includes("solutions")), "solutions/ is mounted");
});

Deno.test("only a reference run may write the shared Deno dir; /tmp is capped", () => {
  const deno = (args: string[]) => mountsOf(args).find(([, target]) => target === "/deno-dir");
  assertEquals(deno(argsOf(false)), ["--ro-bind", "/deno-dir"]);
  assertEquals(deno(argsOf(true)), ["--bind", "/deno-dir"]);
  const args = argsOf(false);
  assertEquals(args.slice(args.indexOf("--size"), args.indexOf("--size") + 4), [
    "--size",
    String(8 * 1024 * 1024),
    "--tmpfs",
    "/tmp",
  ]);
});

Deno.test("the module graph check refuses imports from outside the submission and lib/", () => {
  const rules = {
    folders: ["/v/exercises", "/v/lib"],
    packages: new Set(["@tensorflow/tfjs"]),
  };
  const graph = {
    modules: [
      { specifier: "file:///v/exercises/01_softmax.ts" },
      { specifier: "file:///v/lib/exercise/todo.ts" },
      { specifier: "npm:/@tensorflow/tfjs@4.22.0" },
      { specifier: "node:fs" },
      { specifier: "file:///teacher/course/solutions/01_softmax.ts" },
      { specifier: "file:///v/exercises-evil/x.ts" },
      { specifier: "npm:/left-pad@1.3.0" },
      { specifier: "https://example.com/x.ts" },
      { specifier: "file:///v/exercises/broken.ts", error: "SyntaxError: Unexpected token" },
    ],
  };
  assertEquals(graphProblems(graph, rules), [
    "imports /teacher/course/solutions/01_softmax.ts, outside the submission and lib/",
    "imports /v/exercises-evil/x.ts, outside the submission and lib/",
    "imports the npm package left-pad, which the course does not use",
    "imports https://example.com/x.ts; only the submission's files, lib/ and the course's " +
    "packages may be imported",
    "SyntaxError: Unexpected token",
  ]);
  assertEquals(npmPackageName("npm:/@scope/name@1.0.0/sub/path.js"), "@scope/name");
  assertEquals(npmPackageName("npm:fflate@0.8.2"), "fflate");
});

Deno.test("the permissions sandbox grades honest work and keeps solutions/ out of reach", async () => {
  const root = await Deno.makeTempDir({ prefix: "digits-permissions-test-" });
  try {
    const solution = await Deno.readTextFile(join(COURSE_ROOT, "solutions/01_softmax.ts"));
    const stub = await Deno.readTextFile(join(COURSE_ROOT, "exercises/01_softmax.ts"));
    const target = join(COURSE_ROOT, "solutions/01_softmax.ts");
    const students: Record<string, Record<string, string>> = {
      honest: { "01_softmax.ts": solution },
      importer: { "01_softmax.ts": `export * from "${target}";\n` },
      computed: {
        "stubs.ts": stub,
        "01_softmax.ts": `import * as stubs from "./stubs.ts";
const url = ["file://", ${JSON.stringify(target)}].join("");
const lesson: typeof stubs = await import(url).catch(() => stubs);
export const { scalePixels, oneHot, softmax, crossEntropy, accuracy, buildSoftmaxModel } = lesson;
`,
      },
    };
    for (const [student, files] of Object.entries(students)) {
      await Deno.mkdir(join(root, "class", student), { recursive: true });
      for (const [name, text] of Object.entries(files)) {
        await Deno.writeTextFile(join(root, "class", student, name), text);
      }
    }
    const { code, stderr } = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--allow-all",
        "lib/grade/cli.ts",
        join(root, "class"),
        `--out=${join(root, "out")}`,
        "--sandbox=permissions",
        "--lessons=1",
        "--jobs=2",
        "--timeout=60",
      ],
      cwd: COURSE_ROOT,
      stdin: "null",
      env: { LC_ALL: "C" }, // the console lines follow the locale: English here
    }).output();
    const warnings = new TextDecoder().decode(stderr);
    assertEquals(code, 0, warnings);
    assertStringIncludes(warnings, "warning: submissions run with Deno permissions and a check");
    assertEquals(
      await Deno.readTextFile(join(root, "out/gradebook.csv")),
      "student,status,total,max,01_softmax,notes\n" +
        "computed,ok,0,18,0,\n" +
        "honest,ok,18,18,18,\n" +
        "importer,compile-error,0,18,0,01_softmax: compile-error\n",
    );
    const feedback = await Deno.readTextFile(join(root, "out/students/importer/feedback.md"));
    assertStringIncludes(feedback, "solutions/01_softmax.ts, outside the submission and lib/");
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
