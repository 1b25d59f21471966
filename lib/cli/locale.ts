/**
 * The languages the course speaks and the environment's choice among them, with no other
 * dependency, so that the error types (`errors.ts`) can speak both too.
 * Commands import these through `language.ts`, which adds `--lang`.
 *
 * @module
 */

/** The languages the course is written in. */
export const LANGUAGES = ["en", "zh"] as const;

/** One of {@linkcode LANGUAGES}. */
export type Language = typeof LANGUAGES[number];

/** A text in both languages, e.g. `{ en: "done", zh: "已完成" }`. */
export type Bilingual = Record<Language, string>;

/** A text in one language only (names, numbers, code) or in both. */
export type Text = string | Bilingual;

/**
 * `text` in `language` (a plain string is the same in both).
 *
 * @example
 * ```ts
 * inLanguage({ en: "done", zh: "已完成" }, "zh"); // "已完成"
 * inLanguage("softmax", "zh"); // "softmax"
 * ```
 */
export function inLanguage(text: Text, language: Language): string {
  return typeof text === "string" ? text : text[language];
}

/** The environment variables that name the reader's language, most specific first. */
const LOCALE_VARIABLES = ["LC_ALL", "LC_MESSAGES", "LANG"];

/**
 * The language the environment asks for: the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is
 * set decides; `zh`, `zh_CN.UTF-8`, `zh_TW`... mean Chinese, anything else English. Variables
 * the process may not read count as unset.
 *
 * @example
 * ```ts
 * languageFromEnvironment({ LANG: "zh_CN.UTF-8" }); // "zh"
 * languageFromEnvironment({ LC_ALL: "C", LANG: "zh_CN.UTF-8" }); // "en"
 * ```
 */
export function languageFromEnvironment(
  env: Record<string, string | undefined> = readLocale(),
): Language {
  const locale = LOCALE_VARIABLES.map((name) => env[name]).find((value) => value);
  return locale?.toLowerCase().startsWith("zh") ? "zh" : "en";
}

/**
 * The language a command line asks for before it is parsed: a valid `--lang en|zh` (or
 * `--lang=zh`) in `argv`, otherwise the environment's. Errors found while parsing the rest
 * then already speak the learner's language.
 *
 * @example
 * ```ts
 * languageOfCommandLine(["1", "--lang", "zh"], {}); // "zh"
 * languageOfCommandLine(["--lang=xx"], { LANG: "zh_CN.UTF-8" }); // "zh"
 * ```
 */
export function languageOfCommandLine(
  argv: string[],
  env?: Record<string, string | undefined>,
): Language {
  const given = argv.flatMap((arg, i) =>
    arg === "--lang" ? [argv[i + 1]] : arg.startsWith("--lang=") ? [arg.slice(7)] : []
  ).at(-1);
  return (LANGUAGES as readonly (string | undefined)[]).includes(given)
    ? given as Language
    : languageFromEnvironment(env);
}

/**
 * A function that picks each text's version in `language`.
 *
 * @example
 * ```ts
 * const say = speaker("zh");
 * say({ en: "done", zh: "已完成" }); // "已完成"
 * ```
 */
export function speaker(language: Language): (text: Bilingual) => string {
  return (text) => text[language];
}

/** The locale variables this process may read (without a permission prompt). */
function readLocale(): Record<string, string | undefined> {
  const values: Record<string, string | undefined> = {};
  for (const variable of LOCALE_VARIABLES) {
    const allowed = Deno.permissions.querySync({ name: "env", variable }).state === "granted";
    if (allowed) values[variable] = Deno.env.get(variable);
  }
  return values;
}
