/**
 * Structure: Paris time is named in one module. Code that needs the zone imports PARIS_ZONE from
 * src/rules/calendar.ts; the facts file may keep the literal as data (the phone line's schedule), and must agree.
 * String literals are read with the TypeScript compiler's parser, so comments may still say "Europe/Paris".
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { PARIS_ZONE } from '../../src/rules/calendar';
import { CNED_FACTS } from '../../src/facts/cned';

const ROOT = path.resolve(__dirname, '..', '..');
const CODE = ['src', 'dialogs', 'scripts', 'bench'];
const ALLOWED = new Set(['src/rules/calendar.ts', 'src/facts/cned.ts']);
const ZONE = /europe\/paris/i;

function tsFilesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...tsFilesUnder(full));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

/** Line numbers (1-based) of the string or template literals of a source that name the Paris zone. */
function zoneLiterals(fileName: string, text: string): number[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const lines: number[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node)) {
      if (ZONE.test(node.text)) lines.push(source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return lines;
}

test.each([
  ["const z = 'Europe/Paris';", [1]],
  ['const z = "Europe/Paris";', [1]],
  ['const z = `Europe/Paris`;', [1]],
  ['const z = `${a}Europe/Paris${b}`;', [1]],
  ["f(x,\n  { zone: 'Europe/Paris' });", [2]],
  ['// Europe/Paris\n/** in Europe/Paris */\nconst z = PARIS_ZONE;', []],
  ["const z = 'Europe/London';", []],
])('the literal finder reads %j as %j', (text, expected) => {
  expect(zoneLiterals('example.ts', text)).toEqual(expected);
});

test('the code files were found', () => {
  const files = CODE.flatMap((top) => tsFilesUnder(path.join(ROOT, top)));
  expect(files.length).toBeGreaterThan(50);
  expect(files.map((file) => path.relative(ROOT, file).split(path.sep).join('/'))).toEqual(expect.arrayContaining([...ALLOWED]));
});

test("no code outside src/rules/calendar.ts and the facts writes 'Europe/Paris' (import PARIS_ZONE)", () => {
  const offending: string[] = [];
  for (const file of CODE.flatMap((top) => tsFilesUnder(path.join(ROOT, top)))) {
    const name = path.relative(ROOT, file).split(path.sep).join('/');
    if (ALLOWED.has(name)) continue;
    for (const line of zoneLiterals(name, readFileSync(file, 'utf8'))) offending.push(`${name}:${line}`);
  }
  expect(offending).toEqual([]);
});

test("the facts' phone schedule is in the same zone as the rules", () => {
  expect(PARIS_ZONE).toBe('Europe/Paris');
  expect(CNED_FACTS.phone.schedule.timeZone).toBe(PARIS_ZONE);
});
