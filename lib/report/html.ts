/**
 * The pieces every course HTML page shares: escaping and one self-contained page template
 * (inline CSS, no scripts, nothing fetched), so reports open offline in any browser.
 *
 * @module
 */
import type { Language } from "../cli/language.ts";

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * Escapes text for use in HTML content or a quoted attribute.
 *
 * @example
 * ```ts
 * escapeHtml(`a < b & "c"`); // "a &lt; b &amp; &quot;c&quot;"
 * ```
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char]);
}

const STYLE = `
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto;
         padding: 0 1rem; color: #1b1b1b; }
  h1 { margin-bottom: 0.2rem; } h2 { margin-top: 2rem; border-bottom: 1px solid #ddd; }
  pre { white-space: pre-wrap; background: #f6f6f6; padding: 0.6rem; overflow-x: auto; font-size: 0.85rem; }
  figure { margin: 1rem 0; } figure img { max-width: 100%; height: auto; }
  figcaption { color: #555; font-size: 0.9rem; }
  table { border-collapse: collapse; } td, th { padding: 0.3rem 0.8rem; border-bottom: 1px solid #ddd; }
  .headline { font-size: 1.2rem; color: #08519c; }
  figure.code pre { white-space: pre; background: #f7f9fc; border-left: 3px solid #08519c;
                    margin: 0; line-height: 1.4; }
  figure.code figcaption { font-family: ui-monospace, monospace; font-size: 0.8rem; }
  .kw { color: #8250df; font-weight: 600; } .str { color: #0a7d32; } .num { color: #b35900; }
  .com { color: #6e7781; font-style: italic; }
`;

/**
 * A complete HTML page with the course's style around `body` (already HTML), its `lang`
 * attribute naming the page's language.
 *
 * @example
 * ```ts
 * htmlPage("Lesson 1", "<h1>Lesson 1</h1>");
 * ```
 */
export function htmlPage(title: string, body: string, language: Language = "en"): string {
  return `<!doctype html>
<html lang="${language === "zh" ? "zh-CN" : "en"}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}
