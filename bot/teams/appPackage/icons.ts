// The app's two icons, drawn in code: a white speech bubble with three dots, on the bank's blue
// (color, 192×192) or alone on transparency (outline, 32×32, white as Teams requires).
import { encodePng } from './png';

const ACCENT = [0x1f, 0x5a, 0xa6] as const;
export const ACCENT_COLOR = '#1F5AA6';
/** Samples per pixel side: edges are anti-aliased by coverage. */
const SUPERSAMPLE = 4;

type Shape = (x: number, y: number) => boolean;

function roundedRect(x0: number, y0: number, x1: number, y1: number, r: number): Shape {
  return (x, y) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const cx = Math.min(Math.max(x, x0 + r), x1 - r);
    const cy = Math.min(Math.max(y, y0 + r), y1 - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
}

function triangle(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): Shape {
  const sign = (px: number, py: number, qx: number, qy: number, rx: number, ry: number) => (px - rx) * (qy - ry) - (qx - rx) * (py - ry);
  return (x, y) => {
    const d1 = sign(x, y, ax, ay, bx, by);
    const d2 = sign(x, y, bx, by, cx, cy);
    const d3 = sign(x, y, cx, cy, ax, ay);
    return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
  };
}

const circle = (cx: number, cy: number, r: number): Shape => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const union = (...shapes: Shape[]): Shape => (x, y) => shapes.some((s) => s(x, y));
const minus = (a: Shape, b: Shape): Shape => (x, y) => a(x, y) && !b(x, y);

/** The bubble in unit coordinates (0..1): a rounded box with a tail, three dots cut out. */
function bubble(): Shape {
  const body = roundedRect(0.16, 0.2, 0.84, 0.68, 0.12);
  const tail = triangle(0.3, 0.6, 0.46, 0.66, 0.24, 0.84);
  const dots = union(circle(0.34, 0.44, 0.055), circle(0.5, 0.44, 0.055), circle(0.66, 0.44, 0.055));
  return minus(union(body, tail), dots);
}

/** Fraction of the pixel's sub-samples inside the shape. */
function coverage(shape: Shape, px: number, py: number, size: number): number {
  let inside = 0;
  for (let sy = 0; sy < SUPERSAMPLE; sy++) {
    for (let sx = 0; sx < SUPERSAMPLE; sx++) {
      if (shape((px + (sx + 0.5) / SUPERSAMPLE) / size, (py + (sy + 0.5) / SUPERSAMPLE) / size)) inside++;
    }
  }
  return inside / (SUPERSAMPLE * SUPERSAMPLE);
}

/** RGBA pixels of the color icon: the bubble in white over a full blue square. */
export function colorIconPixels(size = 192): Uint8Array {
  const shape = bubble();
  const rgba = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const c = coverage(shape, x, y, size);
      const i = (y * size + x) * 4;
      for (let k = 0; k < 3; k++) rgba[i + k] = Math.round(ACCENT[k]! * (1 - c) + 255 * c);
      rgba[i + 3] = 255;
    }
  }
  return rgba;
}

/** RGBA pixels of the outline icon: white, with coverage as alpha, on transparency. */
export function outlineIconPixels(size = 32): Uint8Array {
  const shape = bubble();
  const rgba = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const alpha = Math.round(coverage(shape, x, y, size) * 255);
      const i = (y * size + x) * 4;
      if (alpha > 0) rgba.set([255, 255, 255, alpha], i);
    }
  }
  return rgba;
}

export function colorIcon(): Buffer {
  return encodePng(192, 192, colorIconPixels(192));
}

export function outlineIcon(): Buffer {
  return encodePng(32, 32, outlineIconPixels(32));
}
