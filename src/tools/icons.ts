import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';

/**
 * Draws the two Teams app icons (manifest/color.png 192x192, manifest/outline.png 32x32)
 * with no image library: a tiny RGBA canvas with supersampled shapes and a minimal PNG
 * encoder. The symbol is three connected dots, the "trio" of leader, TR and AMR.
 *
 * Run after a build: `node dist/tools/icons.js [outDir]` (default: the repo's manifest/).
 */

type Rgba = readonly [r: number, g: number, b: number, a: number];
type Shape = (x: number, y: number) => boolean;

const TEAL: Rgba = [0x2e, 0x7d, 0x7a, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const WHITE_SOFT: Rgba = [255, 255, 255, 165];
/** Samples per pixel along each axis; 4x4 gives smooth edges at 32 px. */
const SUPERSAMPLE = 4;

export class Canvas {
  /** Straight (non-premultiplied) RGBA, 0..1. */
  private readonly px: Float64Array;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.px = new Float64Array(width * height * 4);
  }

  /** Composites `color` over the canvas wherever `shape` covers a pixel, weighted by coverage. */
  fill(shape: Shape, color: Rgba): this {
    const [r, g, b, a] = color.map((c) => c / 255) as unknown as Rgba;
    const n = SUPERSAMPLE;
    for (let y = 0; y < this.height; y++) {
      for (let x = 0; x < this.width; x++) {
        let hits = 0;
        for (let sy = 0; sy < n; sy++) {
          for (let sx = 0; sx < n; sx++) if (shape(x + (sx + 0.5) / n, y + (sy + 0.5) / n)) hits++;
        }
        if (hits === 0) continue;
        const srcA = a * (hits / (n * n));
        const i = (y * this.width + x) * 4;
        const dstA = this.px[i + 3]!;
        const outA = srcA + dstA * (1 - srcA);
        const mix = (src: number, dst: number) => (src * srcA + dst * dstA * (1 - srcA)) / outA;
        this.px[i] = mix(r, this.px[i]!);
        this.px[i + 1] = mix(g, this.px[i + 1]!);
        this.px[i + 2] = mix(b, this.px[i + 2]!);
        this.px[i + 3] = outA;
      }
    }
    return this;
  }

  toRgba(): Uint8Array {
    return Uint8Array.from(this.px, (v) => Math.round(Math.min(1, Math.max(0, v)) * 255));
  }
}

export const circle =
  (cx: number, cy: number, r: number): Shape =>
  (x, y) =>
    (x - cx) ** 2 + (y - cy) ** 2 <= r * r;

export const roundedRect =
  (x0: number, y0: number, x1: number, y1: number, r: number): Shape =>
  (x, y) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const dx = Math.max(x0 + r - x, 0, x - (x1 - r));
    const dy = Math.max(y0 + r - y, 0, y - (y1 - r));
    return dx * dx + dy * dy <= r * r;
  };

/** A line from a to b with round caps. */
export const segment =
  (ax: number, ay: number, bx: number, by: number, width: number): Shape =>
  (x, y) => {
    const vx = bx - ax;
    const vy = by - ay;
    const t = Math.max(0, Math.min(1, ((x - ax) * vx + (y - ay) * vy) / (vx * vx + vy * vy)));
    return (x - (ax + t * vx)) ** 2 + (y - (ay + t * vy)) ** 2 <= (width / 2) ** 2;
  };

/**
 * Three dots on an equilateral triangle joined by lines, centred on (cx, midY).
 * `radius` is the triangle's circumradius, `dot` the dot radius.
 */
function drawTrio(c: Canvas, cx: number, midY: number, radius: number, dot: number, line: number, lineColor: Rgba, dotColor: Rgba): void {
  // The bounding box of a point-up triangle is centred R/4 above its centroid.
  const cy = midY + radius / 4;
  const pts = [-90, 150, 30].map((deg) => {
    const rad = (deg * Math.PI) / 180;
    return [cx + radius * Math.cos(rad), cy + radius * Math.sin(rad)] as const;
  });
  for (let i = 0; i < 3; i++) {
    const [ax, ay] = pts[i]!;
    const [bx, by] = pts[(i + 1) % 3]!;
    c.fill(segment(ax, ay, bx, by, line), lineColor);
  }
  for (const [x, y] of pts) c.fill(circle(x, y, dot), dotColor);
}

/** 192x192 full-colour icon: white trio on a calm teal rounded square. */
export function drawColorIcon(): Uint8Array {
  const c = new Canvas(192, 192).fill(roundedRect(0, 0, 192, 192, 36), TEAL);
  drawTrio(c, 96, 96, 44, 17, 7, WHITE_SOFT, WHITE);
  return c.toRgba();
}

/** 32x32 outline icon: white only, on a transparent background, as Teams requires. */
export function drawOutlineIcon(): Uint8Array {
  const c = new Canvas(32, 32);
  drawTrio(c, 16, 16, 11, 4.5, 2, WHITE, WHITE);
  return c.toRgba();
}

/** Encodes 8-bit RGBA pixels as a PNG (IHDR, one IDAT, IEND; filter 0 on every row). */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  if (rgba.length !== width * height * 4) throw new Error(`expected ${width * height * 4} bytes of RGBA, got ${rgba.length}`);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type 6 (RGBA), deflate, filter 0, no interlace
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter type: none
    raw.set(rgba.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(data, crc32(head.subarray(4))), 0);
  return Buffer.concat([head, data, crc]);
}

export function writeIcons(outDir: string): string[] {
  const files = [
    { name: 'color.png', png: encodePng(192, 192, drawColorIcon()) },
    { name: 'outline.png', png: encodePng(32, 32, drawOutlineIcon()) },
  ];
  return files.map(({ name, png }) => {
    const path = join(outDir, name);
    writeFileSync(path, png);
    return path;
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // dist/tools/icons.js and src/tools/icons.ts both sit two levels below the repo root.
  const outDir = process.argv[2] ?? fileURLToPath(new URL('../../manifest/', import.meta.url));
  for (const path of writeIcons(outDir)) console.log(`wrote ${path}`);
}
