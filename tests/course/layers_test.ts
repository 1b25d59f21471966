/**
 * The course's layers, read from the module graph that `deno info --json` reports for every
 * module of `lib/`, `lessons/`, `bench/` and `tools/`: imports point only downwards, so each layer can
 * be read and changed without the ones above it.
 *
 * ```
 * lessons/, bench/, tools/               the programs (bench imports the lessons' builders)
 * lib/ lesson report learn predict grade  the tools people run
 * lib/ data model train backend charts    the machine-learning core, with exercise/ and assert/
 * lib/ cli course                        command-line plumbing and the course manifest
 * ```
 */
import { assertEquals } from "@std/assert";
import { join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { COURSE_ROOT } from "../../lib/cli/course_root.ts";

const BOTTOM = ["cli", "course"];
const CORE = ["data", "model", "train", "backend", "charts", "exercise", "assert"];
const TOOLS = ["lesson", "report", "learn", "predict", "grade", "serve"];

/** Every `.ts` module under `folder` of the course, as a path relative to the course. */
async function modulesUnder(folder: string): Promise<string[]> {
  const found: string[] = [];
  for await (const entry of Deno.readDir(join(COURSE_ROOT, folder))) {
    const path = `${folder}/${entry.name}`;
    if (entry.isDirectory) found.push(...await modulesUnder(path));
    else if (entry.name.endsWith(".ts")) found.push(path);
  }
  return found;
}

/** Each local module's local imports (paths relative to the course), from `deno info`. */
async function importGraph(roots: string[]): Promise<Map<string, string[]>> {
  const dir = await Deno.makeTempDir({ prefix: "digits-layers-" });
  try {
    const entry = join(dir, "all.ts");
    const lines = roots.map((path) => `import "${pathToFileURL(join(COURSE_ROOT, path)).href}";`);
    await Deno.writeTextFile(entry, lines.join("\n") + "\n");
    const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
      args: ["info", "--json", `--config=${join(COURSE_ROOT, "deno.json")}`, entry],
      cwd: COURSE_ROOT,
      stdout: "piped",
      stderr: "piped",
    }).output();
    assertEquals(code, 0, new TextDecoder().decode(stderr));
    const info = JSON.parse(new TextDecoder().decode(stdout));
    const local = (specifier: string | undefined) =>
      specifier?.startsWith("file://") && !specifier.startsWith(pathToFileURL(dir).href)
        ? relative(COURSE_ROOT, fileURLToPath(specifier))
        : undefined;
    const graph = new Map<string, string[]>();
    for (const module of info.modules) {
      const from = local(module.specifier);
      if (!from) continue;
      const imports = (module.dependencies ?? [])
        .map((dependency: { code?: { specifier?: string } }) => local(dependency.code?.specifier))
        .filter((path: string | undefined): path is string => path !== undefined);
      graph.set(from, imports);
    }
    return graph;
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** `lib/<folder>/...` → `folder`; anything else → its top folder (`lessons`, `bench`...). */
function place(path: string): string {
  const [top, folder] = path.split("/");
  return top === "lib" ? folder : top;
}

function allowed(from: string, to: string): boolean {
  if (from === to) return true;
  if (BOTTOM.includes(from)) return BOTTOM.includes(to);
  if (CORE.includes(from)) return BOTTOM.includes(to) || CORE.includes(to);
  if (TOOLS.includes(from)) return [...BOTTOM, ...CORE, ...TOOLS].includes(to);
  if (from === "lessons") return to !== "solutions" && to !== "bench" && to !== "tests";
  if (from === "bench") return to !== "solutions" && to !== "tests";
  return true;
}

Deno.test("imports point only downwards, and no two lib folders import each other", async () => {
  const roots = [
    ...await modulesUnder("lib"),
    ...await modulesUnder("lessons"),
    ...await modulesUnder("bench"),
    ...await modulesUnder("tools"),
  ];
  const graph = await importGraph(roots);
  const upwards: string[] = [];
  const folders = new Set<string>();
  for (const [from, imports] of graph) {
    for (const to of imports) {
      if (!allowed(place(from), place(to))) upwards.push(`${from} -> ${to}`);
      if (from.startsWith("lib/") && to.startsWith("lib/") && place(from) !== place(to)) {
        folders.add(`${place(from)} -> ${place(to)}`);
      }
    }
  }
  assertEquals(upwards, [], "imports that point to a higher layer");
  const bothWays = [...folders].filter((edge) => {
    const [a, b] = edge.split(" -> ");
    return a < b && folders.has(`${b} -> ${a}`);
  });
  assertEquals(bothWays, [], "lib folders that import each other");
  assertEquals(
    roots.filter((path) => !graph.has(path)),
    [],
    "modules deno info did not reach",
  );
});

Deno.test("the layer rules catch an import that points up", () => {
  assertEquals(allowed("train", "lesson"), false);
  assertEquals(allowed("cli", "data"), false);
  assertEquals(allowed("lessons", "solutions"), false);
  assertEquals(allowed("grade", "exercise"), true);
  assertEquals(allowed("bench", "lessons"), true);
});
