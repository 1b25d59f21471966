/**
 * Reading the SVG that vega writes, for the chart tests: a strict well-formedness check and
 * access to the items of each mark. Vega puts every mark's items in one group,
 * `<g class="mark-<type> role-<role> <name>">`, with one `<path>`, `<text>`, `<line>` ... per
 * item, which is what {@linkcode markItems} reads.
 *
 * @module
 */
import { assert, assertEquals } from "@std/assert";

/** A start, end or empty tag, every attribute double-quoted. */
const TAG = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"]*")*)\s*(\/?)>/y;

/** `&` that does not start an XML entity. */
const BARE_AMPERSAND = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;

/**
 * Asserts that `svg` is one well-formed `<svg>` element: every `<` starts a valid tag, tags
 * nest and close properly, and there is a single root.
 */
export function assertWellFormedSvg(svg: string): void {
  assert(svg.startsWith("<svg "), `expected an <svg> document, got: ${svg.slice(0, 60)}`);
  assert(!BARE_AMPERSAND.test(svg), "unescaped & in the SVG");
  const open: string[] = [];
  let roots = 0;
  for (let at = svg.indexOf("<"); at !== -1; at = svg.indexOf("<", at)) {
    TAG.lastIndex = at;
    const tag = TAG.exec(svg);
    assert(tag, `malformed tag at ${at}: ${svg.slice(at, at + 80)}`);
    const [, closing, name, , empty] = tag;
    if (closing) {
      assertEquals(open.pop(), name, `</${name}> closes the wrong element at ${at}`);
    } else if (!empty) {
      if (open.length === 0) roots++;
      open.push(name);
    }
    at = TAG.lastIndex;
  }
  assertEquals(open, [], "unclosed elements");
  assertEquals(roots, 1, "more than one root element");
  assert(svg.endsWith("</svg>"), "text after the root element");
}

/**
 * The items of the marks of `type` (`"rect"`, `"text"`, `"symbol"`, `"line"` ...) with vega's
 * `role` (`"mark"` for the chart's own marks; `"axis-label"`, `"legend-label"`, `"title-text"`
 * ... for guides), one array per mark group, in document order.
 */
export function markItems(svg: string, type: string, role = "mark"): string[][] {
  const group = new RegExp(`<g class="mark-${type} role-${role}[ "][^>]*>(.*?)</g>`, "g");
  return [...svg.matchAll(group)].map(([, items]) =>
    items.match(/<(?:path|line|text)\b[^>]*?(?:\/>|>.*?<\/text>)/g) ?? []
  );
}

/** The text content of `<text>` items, entities left as written. */
export function textOf(items: string[]): string[] {
  return items.map((item) => item.replace(/<[^>]*>/g, ""));
}

/** The `fill` colour of an item, or `undefined` if it has none. */
export function fillOf(item: string): string | undefined {
  return item.match(/ fill="([^"]*)"/)?.[1];
}

/**
 * Asserts `svg` is a well-formed chart whose own title, drawn after every other title, is
 * `title`. Returns the other titles (those of sub-charts, such as picture captions), in order.
 */
export function assertChart(svg: string, title: string): string[] {
  assertWellFormedSvg(svg);
  const titles = textOf(markItems(svg, "text", "title-text").flat());
  assertEquals(titles.at(-1), title, "chart title");
  return titles.slice(0, -1);
}
