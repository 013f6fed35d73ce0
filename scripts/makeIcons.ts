/**
 * Draws the two Teams app icons, deterministically, and writes them as PNG with node's zlib (no image library):
 * - teams/color.png: 192×192, full colour: a white speech bubble with a blue check mark on CNED-ish blue,
 *   the symbol inside the central 96×96 safe area;
 * - teams/outline.png: 32×32, the same symbol as white strokes on a transparent background (alpha 0 or 255
 *   only, as Teams asks for the outline icon).
 * Run: npm run teams:icons (writes both files; they are committed).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';

// ---- PNG encoding -----------------------------------------------------------------------------------------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** An 8-bit RGB (3 channels) or RGBA (4 channels) image as PNG; every scanline uses filter 0 (none). */
export function encodePng(width: number, height: number, channels: 3 | 4, pixels: Uint8Array): Buffer {
  if (pixels.length !== width * height * channels) throw new RangeError('pixel buffer does not match the size');
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = channels === 4 ? 6 : 2; // colour type: RGBA or RGB
  ihdr[10] = 0; // deflate
  ihdr[11] = 0; // adaptive filtering
  ihdr[12] = 0; // no interlace
  const stride = width * channels;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y += 1) {
    raw[y * (stride + 1)] = 0;
    Buffer.from(pixels.buffer, pixels.byteOffset + y * stride, stride).copy(raw, y * (stride + 1) + 1);
  }
  return Buffer.concat([PNG_SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

// ---- Drawing with signed distances (negative inside) ------------------------------------------------------

type Shape = (x: number, y: number) => number;

const roundedRect =
  (left: number, top: number, right: number, bottom: number, radius: number): Shape =>
  (x, y) => {
    const cx = (left + right) / 2;
    const cy = (top + bottom) / 2;
    const qx = Math.abs(x - cx) - ((right - left) / 2 - radius);
    const qy = Math.abs(y - cy) - ((bottom - top) / 2 - radius);
    return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
  };

/** A stroke of the given width along a polyline. */
const stroke =
  (points: readonly [number, number][], width: number): Shape =>
  (x, y) => {
    let best = Infinity;
    for (let i = 1; i < points.length; i += 1) {
      const [ax, ay] = points[i - 1];
      const [bx, by] = points[i];
      const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
      best = Math.min(best, Math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay))));
    }
    return best - width / 2;
  };

/** A filled triangle (exact inside test, distance approximated by the nearest edge). */
const triangle =
  (a: [number, number], b: [number, number], c: [number, number]): Shape =>
  (x, y) => {
    const edge = stroke([a, b, c, a], 0);
    const sign = (p: [number, number], q: [number, number]) => (x - q[0]) * (p[1] - q[1]) - (p[0] - q[0]) * (y - q[1]);
    const d1 = sign(a, b);
    const d2 = sign(b, c);
    const d3 = sign(c, a);
    const inside = !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
    return inside ? -edge(x, y) : edge(x, y);
  };

const union =
  (...shapes: Shape[]): Shape =>
  (x, y) =>
    Math.min(...shapes.map((shape) => shape(x, y)));

/** An outline of the given width around a shape's edge. */
const ring =
  (shape: Shape, width: number): Shape =>
  (x, y) =>
    Math.abs(shape(x, y)) - width / 2;

const SAMPLES = 4;

/** Fraction of the pixel (x, y) the shape covers, from SAMPLES × SAMPLES sub-pixel samples. */
function coverage(shape: Shape, x: number, y: number): number {
  let inside = 0;
  for (let sy = 0; sy < SAMPLES; sy += 1) {
    for (let sx = 0; sx < SAMPLES; sx += 1) {
      if (shape(x + (sx + 0.5) / SAMPLES, y + (sy + 0.5) / SAMPLES) <= 0) inside += 1;
    }
  }
  return inside / (SAMPLES * SAMPLES);
}

type Rgb = readonly [number, number, number];

export const BLUE: Rgb = [0x0a, 0x4d, 0x8c];
const WHITE: Rgb = [255, 255, 255];

/**
 * The bubble and check mark, designed on a 96-unit grid, placed by scale and offset: the colour icon keeps the
 * symbol in its central 96×96 safe area, the outline icon fills most of its 32×32 canvas.
 */
function symbol(scale: number, offset: number) {
  const p = (x: number, y: number): [number, number] => [x * scale + offset, y * scale + offset];
  const [left, top] = p(26, 28);
  const [right, bottom] = p(70, 60);
  const body = roundedRect(left, top, right, bottom, 7 * scale);
  return {
    body,
    bubble: union(body, triangle(p(34, 58), p(46, 58), p(32, 70))),
    tailStroke: (width: number) => stroke([p(36, 60), p(32, 70), p(45, 60)], width * scale),
    check: (width: number) => stroke([p(37, 44), p(45, 52), p(59, 37)], width * scale),
  };
}

export function colorIconPng(): Buffer {
  const size = 192;
  // Grid 0..96 → canvas 0..192: the symbol (grid 26..70 × 28..70) stays within the central 96×96.
  const { bubble, check } = symbol(2, 0);
  const mark = check(6);
  const pixels = new Uint8Array(size * size * 3);
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      const white = coverage(bubble, x, y);
      const blue = coverage(mark, x, y);
      for (let c = 0; c < 3; c += 1) {
        const onBubble = BLUE[c] + (WHITE[c] - BLUE[c]) * white;
        pixels[(y * size + x) * 3 + c] = Math.round(onBubble + (BLUE[c] - onBubble) * blue);
      }
    }
  }
  return encodePng(size, size, 3, pixels);
}

export function outlineIconPng(): Buffer {
  const size = 32;
  // Grid 26..70 → canvas 5..27: two-pixel strokes (4 grid units at scale 1/2).
  const { body, tailStroke, check } = symbol(0.5, -8);
  const drawing = union(ring(body, 4 * 0.5), tailStroke(4), check(4));
  const pixels = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      // Binary alpha: white where the strokes cover at least half the pixel, fully transparent elsewhere.
      const on = coverage(drawing, x, y) >= 0.5;
      pixels.set(on ? [255, 255, 255, 255] : [0, 0, 0, 0], (y * size + x) * 4);
    }
  }
  return encodePng(size, size, 4, pixels);
}

/** The project root: the nearest folder above this file that holds package.json. */
export function projectRoot(from: string = __dirname): string {
  let dir = from;
  for (;;) {
    try {
      require.resolve(path.join(dir, 'package.json'));
      return dir;
    } catch {
      const parent = path.dirname(dir);
      if (parent === dir) throw new Error(`no package.json above ${from}`);
      dir = parent;
    }
  }
}

export function writeIcons(teamsDir: string = path.join(projectRoot(), 'teams')): string[] {
  const files = [
    [path.join(teamsDir, 'color.png'), colorIconPng()],
    [path.join(teamsDir, 'outline.png'), outlineIconPng()],
  ] as const;
  for (const [file, png] of files) writeFileSync(file, png);
  return files.map(([file]) => file);
}

if (require.main === module) {
  for (const file of writeIcons()) console.log(`wrote ${path.relative(process.cwd(), file)}`);
}
