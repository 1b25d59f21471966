/**
 * The links at the top of every page the server writes: the course home and the playground.
 *
 * @module
 */
import type { Language } from "../cli/language.ts";
import { escapeHtml } from "../report/html.ts";
import { pageText } from "./page/texts.ts";

/**
 * The navigation bar in `language`.
 *
 * @example
 * ```ts
 * navigation("en"); // '<nav><a href="/">Course home</a> · <a href="/playground">Playground</a></nav>'
 * ```
 */
export function navigation(language: Language): string {
  return `<nav><a href="/">${escapeHtml(pageText("home", language))}</a> · ` +
    `<a href="/playground">${escapeHtml(pageText("playground", language))}</a></nav>`;
}
