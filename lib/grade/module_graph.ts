/**
 * The fallback sandbox's check of a submission's module graph. Static imports and `import()`s
 * of literal strings load without Deno's `--allow-read` check, so without a mount namespace
 * they could reach any file on disk, `solutions/` included. Before the tests run, `deno info`
 * (which reads modules without running them) lists every module the student's file reaches
 * that way, and the run is refused if one lies outside the submission, the course's `lib/` and
 * its dependencies, is remote, or is an npm package the course does not use. Computed
 * `import()`s are left to `--allow-read`, which Deno does check for them.
 *
 * @module
 */
import { fileURLToPath } from "node:url";

/** The parts of `deno info --json` the check reads. */
export interface ModuleGraph {
  /** Every module found. */
  modules: {
    specifier: string;
    error?: string;
    dependencies?: { specifier: string; code?: { error?: string } }[];
  }[];
}

/** What the submission may import. */
export interface ImportRules {
  /** Folders whose files may be imported: the submission, `lib/`, dependencies and data. */
  folders: string[];
  /** npm package names the course uses. */
  packages: Set<string>;
}

/**
 * Problems with `graph`: modules that fail to load and imports the rules do not allow; empty
 * when the graph is fine.
 *
 * @example
 * ```ts
 * graphProblems(graph, { folders: ["/tmp/view/exercises"], packages: new Set() });
 * // ["imports /work/course/solutions/01_softmax.ts, outside the submission and lib/"]
 * ```
 */
export function graphProblems(graph: ModuleGraph, rules: ImportRules): string[] {
  const problems: string[] = [];
  for (const module of graph.modules) {
    if (module.error) problems.push(module.error);
    for (const dependency of module.dependencies ?? []) {
      if (dependency.code?.error) problems.push(dependency.code.error);
    }
    const problem = importProblem(module.specifier, rules);
    if (problem) problems.push(problem);
  }
  return problems;
}

function importProblem(specifier: string, rules: ImportRules): string | undefined {
  if (specifier.startsWith("node:")) return undefined;
  if (specifier.startsWith("file:")) {
    const path = fileURLToPath(specifier);
    if (rules.folders.some((folder) => path.startsWith(`${folder}/`))) return undefined;
    return `imports ${path}, outside the submission and lib/`;
  }
  if (specifier.startsWith("npm:")) {
    const name = npmPackageName(specifier);
    if (rules.packages.has(name)) return undefined;
    return `imports the npm package ${name}, which the course does not use`;
  }
  return `imports ${specifier}; only the submission's files, lib/ and the course's packages may be imported`;
}

/** The package name of an npm specifier: `npm:/@scope/name@1.0.0/x` gives `@scope/name`. */
export function npmPackageName(specifier: string): string {
  const path = specifier.replace(/^npm:\/?/, "");
  const segments = path.split("/");
  const nameWithVersion = path.startsWith("@") ? `${segments[0]}/${segments[1]}` : segments[0];
  const at = nameWithVersion.indexOf("@", 1);
  return at < 0 ? nameWithVersion : nameWithVersion.slice(0, at);
}

/**
 * Runs `deno info --json` on `root` with the course's config, remote modules off, in an empty
 * environment, and returns the graph.
 */
export async function readModuleGraph(
  root: string,
  configPath: string,
  env: Record<string, string>,
): Promise<ModuleGraph> {
  const { stdout, stderr, success } = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json", "--no-remote", `--config=${configPath}`, root],
    env,
    clearEnv: true,
    stdin: "null",
  }).output();
  if (!success) {
    return { modules: [{ specifier: root, error: new TextDecoder().decode(stderr).trim() }] };
  }
  return JSON.parse(new TextDecoder().decode(stdout));
}
