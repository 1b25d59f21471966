/**
 * The course speaks English or Chinese. Every text a person reads is written once, next to its
 * translation, as a {@linkcode Bilingual} at the place it is used; a command picks the language
 * from `--lang`, else from the environment (`LC_ALL`, `LC_MESSAGES`, `LANG`: any `zh*` means
 * Chinese), else English. The course glossary (docs/glossary.md) fixes the Chinese terms.
 *
 * @module
 */
import { UsageError } from "./errors.ts";

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
 * The language a command runs in: `--lang` when given (a {@linkcode UsageError} unless it is
 * `en` or `zh`), otherwise the environment's.
 *
 * @example
 * ```ts
 * chooseLanguage("zh"); // "zh"
 * chooseLanguage(undefined, { LANG: "C" }); // "en"
 * ```
 */
export function chooseLanguage(
  flag: string | undefined,
  env?: Record<string, string | undefined>,
): Language {
  if (flag === undefined) return languageFromEnvironment(env);
  if ((LANGUAGES as readonly string[]).includes(flag)) return flag as Language;
  throw new UsageError(`--lang must be ${LANGUAGES.join(" or ")}, got "${flag}"`);
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
