/**
 * The parts of the browser's page the playground's script uses, typed here rather than by
 * TypeScript's `dom` library: that library, once referenced, applies to every module checked
 * with it (the whole course under `deno check`), where its types clash with Deno's own.
 *
 * @module
 */

/** A pointer (mouse, finger or pen) event. */
export interface PagePointerEvent {
  /** Where it happened, in the window. */
  clientX: number;
  /** Where it happened, in the window, vertically. */
  clientY: number;
  /** Which pointer. */
  pointerId: number;
  /** Keeps the browser from scrolling or selecting. */
  preventDefault(): void;
}

/** An element of the page. */
export interface PageElement {
  /** Its text. */
  textContent: string | null;
  /** Its class attribute. */
  className: string;
  /** Its tooltip. */
  title: string;
  /** Its value (a select element's chosen option, an option's value). */
  value: string;
  /** Its `data-*` attributes. */
  dataset: Record<string, string | undefined>;
  /** Its inline style. */
  style: Record<string, string>;
  /** Replaces its children. */
  replaceChildren(...children: PageElement[]): void;
  /** Adds children at its end. */
  append(...children: (PageElement | string)[]): void;
  /** Calls `listener` at every `type` event. */
  addEventListener(type: string, listener: (event: PagePointerEvent) => void): void;
}

/** The canvas's 2-D drawing context (the calls the playground makes). */
export interface Canvas2D {
  /** Stroke colour. */
  strokeStyle: string;
  /** Stroke width. */
  lineWidth: number;
  /** Ends of strokes. */
  lineCap: string;
  /** Corners of strokes. */
  lineJoin: string;
  /** Starts a path. */
  beginPath(): void;
  /** Moves without drawing. */
  moveTo(x: number, y: number): void;
  /** Adds a line. */
  lineTo(x: number, y: number): void;
  /** Draws the path. */
  stroke(): void;
  /** Makes a rectangle transparent. */
  clearRect(x: number, y: number, width: number, height: number): void;
  /** Draws another canvas, scaled. */
  drawImage(canvas: PageCanvas, x: number, y: number, width: number, height: number): void;
  /** Reads pixels back, four bytes each (RGBA). */
  getImageData(x: number, y: number, width: number, height: number): { data: Uint8ClampedArray };
  /** Writes pixels. */
  putImageData(image: ImageData, x: number, y: number): void;
}

/** A canvas element. */
export interface PageCanvas extends PageElement {
  /** Its width in its own pixels. */
  width: number;
  /** Its height in its own pixels. */
  height: number;
  /** Its 2-D context. */
  getContext(kind: "2d", options?: { willReadFrequently?: boolean }): Canvas2D | null;
  /** Its box in the window. */
  getBoundingClientRect(): { left: number; top: number; width: number; height: number };
  /** Sends the pointer's events here until it is released. */
  setPointerCapture(pointerId: number): void;
}

/** The page's document, as far as the playground uses it. */
interface PageDocument {
  documentElement: { lang: string };
  getElementById(id: string): PageElement | null;
  createElement(tag: string): PageElement;
}

const document = (globalThis as unknown as { document: PageDocument }).document;

/**
 * The element with `id` (the page is written with every id the script uses).
 *
 * @example
 * ```ts
 * byId<PageCanvas>("pad").width; // 280
 * ```
 */
export function byId<T extends PageElement = PageElement>(id: string): T {
  return document.getElementById(id) as T;
}

/**
 * A new `tag` element.
 *
 * @example
 * ```ts
 * create<PageCanvas>("canvas");
 * ```
 */
export function create<T extends PageElement = PageElement>(tag: string): T {
  return document.createElement(tag) as T;
}

/**
 * The page's language, `zh` or `en`, from its `lang` attribute.
 *
 * @example
 * ```ts
 * pageLanguage(); // "en"
 * ```
 */
export function pageLanguage(): "en" | "zh" {
  return document.documentElement.lang.startsWith("zh") ? "zh" : "en";
}

/**
 * The page address's `name` query parameter (`?backend=wasm`), or `null`.
 *
 * @example
 * ```ts
 * queryParameter("backend"); // "wasm" on /playground?backend=wasm
 * ```
 */
export function queryParameter(name: string): string | null {
  const { location } = globalThis as unknown as { location: { search: string } };
  return new URLSearchParams(location.search).get(name);
}
