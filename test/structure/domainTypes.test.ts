/**
 * Structure: the types the layers share live in src/domain as type-only modules (nothing runs when they are
 * imported), and the modules that used to hold them no longer do.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '..', '..');

/** The JavaScript a module compiles to, without the CommonJS preamble and comments: '' for a type-only module. */
function emitted(source: string): string {
  const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, removeComments: true } });
  return outputText
    .replace(/^"use strict";/m, '')
    .replace(/^Object\.defineProperty\(exports, "__esModule", \{ value: true \}\);/m, '')
    .trim();
}

test.each([
  ["import type { X } from './x';\nexport interface A { x: X }\nexport type B = 'b';", true],
  ["export const A = 1;", false],
  ["import { x } from './x';\nexport type B = typeof x;\nx();", false],
])('the type-only check reads %j as type-only: %s', (source, typeOnly) => {
  expect(emitted(source) === '').toBe(typeOnly);
});

test.each(['src/domain/understanding.ts', 'src/domain/turnInfo.ts'])('%s is type-only', (file) => {
  expect(emitted(readFileSync(path.join(ROOT, file), 'utf8'))).toBe('');
});

test.each([
  ['src/domain/understanding.ts', ['Understanding', 'ExtractedFacts', 'DateReading', 'Duration', 'GlobalCommand', 'MessageReading', 'YesNo']],
  ['src/domain/turnInfo.ts', ['TurnInfo']],
])('%s declares %j', (file, names) => {
  const source = readFileSync(path.join(ROOT, file), 'utf8');
  for (const name of names) expect(source).toMatch(new RegExp(`export (interface|type) ${name}\\b`));
});

test.each([
  ['src/understanding/dates.ts', ['Duration', 'DateReading']],
  ['src/understanding/entities.ts', ['ExtractedFacts']],
  ['src/understanding/commands.ts', ['GlobalCommand']],
  ['src/understanding/reading.ts', ['MessageReading']],
  ['src/understanding/answers.ts', ['YesNo']],
  ['dialogs/turnInfo.ts', ['TurnInfo']],
])('%s no longer declares %j', (file, names) => {
  const source = readFileSync(path.join(ROOT, file), 'utf8');
  for (const name of names) expect(source).not.toMatch(new RegExp(`(interface|type) ${name}\\b`));
});
