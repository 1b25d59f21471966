/**
 * The drawing canvas: strokes from a mouse, a finger or a pen (pointer events), drawn as round
 * ink on a transparent canvas, with undo and clear. A picture can also be placed on it (a test
 * digit), and undone like a stroke. What it holds is read back as a {@linkcode Picture}, the
 * input `deno task predict`'s preparation takes.
 *
 * @module
 */
import { type Canvas2D, create, type PageCanvas, type PagePointerEvent } from "./dom.ts";
import type { Picture } from "../../predict/picture.ts";

/** The ink's width, as a fraction of the canvas's side (a felt pen on a sheet). */
const INK_WIDTH = 1 / 16;

/** One thing drawn: a stroke through points, or a picture covering the canvas. */
type Mark = { points: [number, number][] } | { picture: PageCanvas };

/** A canvas to draw digits on. */
export class DrawingPad {
  #marks: Mark[] = [];
  #stroke?: [number, number][];
  #context: Canvas2D;

  /** Draws on `canvas`; `changed` is called after every change to what it holds. */
  constructor(readonly canvas: PageCanvas, private readonly changed: () => void) {
    this.#context = canvas.getContext("2d", { willReadFrequently: true })!;
    canvas.style.touchAction = "none";
    canvas.addEventListener("pointerdown", (event) => this.#start(event));
    canvas.addEventListener("pointermove", (event) => this.#extend(event));
    for (const end of ["pointerup", "pointercancel"]) {
      canvas.addEventListener(end, () => this.#stroke = undefined);
    }
  }

  /** The pointer's place in the canvas's own pixels (the canvas may be shown scaled). */
  #at(event: PagePointerEvent): [number, number] {
    const box = this.canvas.getBoundingClientRect();
    return [
      (event.clientX - box.left) * this.canvas.width / box.width,
      (event.clientY - box.top) * this.canvas.height / box.height,
    ];
  }

  #start(event: PagePointerEvent): void {
    event.preventDefault();
    this.canvas.setPointerCapture(event.pointerId);
    this.#stroke = [this.#at(event)];
    this.#marks.push({ points: this.#stroke });
    this.#draw(this.#stroke);
    this.changed();
  }

  #extend(event: PagePointerEvent): void {
    if (!this.#stroke) return;
    event.preventDefault();
    this.#stroke.push(this.#at(event));
    this.#draw(this.#stroke.slice(-2));
    this.changed();
  }

  /** Ink along `points` (one point: a dot). */
  #draw(points: [number, number][]): void {
    const context = this.#context;
    context.strokeStyle = "#000";
    context.lineWidth = INK_WIDTH * this.canvas.width;
    context.lineCap = "round";
    context.lineJoin = "round";
    context.beginPath();
    context.moveTo(...points[0]);
    for (const point of points.length === 1 ? points : points.slice(1)) context.lineTo(...point);
    context.stroke();
  }

  #redraw(): void {
    this.#context.clearRect(0, 0, this.canvas.width, this.canvas.height);
    for (const mark of this.#marks) {
      if ("points" in mark) this.#draw(mark.points);
      else this.#context.drawImage(mark.picture, 0, 0, this.canvas.width, this.canvas.height);
    }
    this.changed();
  }

  /** Whether nothing is drawn. */
  get empty(): boolean {
    return this.#marks.length === 0;
  }

  /** Takes back the last stroke or picture. */
  undo(): void {
    this.#marks.pop();
    this.#redraw();
  }

  /** Wipes everything. */
  clear(): void {
    this.#marks = [];
    this.#redraw();
  }

  /**
   * Replaces what is drawn by a `side` x `side` grey picture (`ink`, 0-255 per pixel, ink
   * high, as MNIST stores its digits), scaled up to the canvas.
   */
  showInk(ink: Uint8Array, side: number): void {
    const picture = create<PageCanvas>("canvas");
    [picture.width, picture.height] = [side, side];
    const image = new ImageData(side, side);
    ink.forEach((level, i) => image.data[4 * i + 3] = level);
    picture.getContext("2d")!.putImageData(image, 0, 0);
    this.#marks = [{ picture }];
    this.#redraw();
  }

  /** What is drawn, as RGBA pixels: black ink, its opacity the ink's strength. */
  picture(): Picture {
    const { width, height } = this.canvas;
    return { width, height, rgba: this.#context.getImageData(0, 0, width, height).data };
  }
}
