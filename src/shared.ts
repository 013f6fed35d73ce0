/** Small helpers every layer uses, written once: a plain-object check, the project's root folder, a seeded random. */
import { existsSync } from 'fs';
import { dirname, join } from 'path';

/** A plain object (not null, not an array): what JSON objects and SDK payloads are checked with before reading a field. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The nearest folder above `from` holding package.json: the same from src/ (tests) and from dist/src/ (npm start). */
export function findProjectRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`No package.json found above ${from}`);
  }
}

/** mulberry32: a small deterministic pseudo-random generator, for reproducible orders (training) and cases (fuzzing). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
