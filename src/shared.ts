/** Small helpers every layer uses, written once: a plain-object check and the project's root folder. */
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
