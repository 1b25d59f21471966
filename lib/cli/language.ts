/**
 * The course speaks English or Chinese. Every text a person reads is written once, next to its
 * translation, as a {@linkcode Bilingual} at the place it is used; a command picks the language
 * from `--lang`, else from the environment (`LC_ALL`, `LC_MESSAGES`, `LANG`: any `zh*` means
 * Chinese), else English. The course glossary (docs/glossary.md) fixes the Chinese terms.
 * The languages themselves live in `locale.ts` (re-exported here), which the error types use.
 *
 * @module
 */
import { UsageError } from "./errors.ts";
import { type Language, languageFromEnvironment, LANGUAGES } from "./locale.ts";

export {
  type Bilingual,
  inLanguage,
  type Language,
  languageFromEnvironment,
  languageOfCommandLine,
  LANGUAGES,
  speaker,
  type Text,
} from "./locale.ts";

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
  throw new UsageError({
    en: `--lang must be ${LANGUAGES.join(" or ")}, got "${flag}"`,
    zh: `--lang 只能是 ${LANGUAGES.join(" 或 ")}，收到的是 "${flag}"`,
  });
}
