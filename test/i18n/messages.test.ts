/** Every sentence exists in both languages, every key is used by the code, every placeholder matches. */
import fs from 'node:fs';
import path from 'node:path';
import { CATALOGS, langFromLocale, t, MessageKey } from '../../src/i18n/messages';
import { LANGS } from '../../src/domain/types';

const ROOT = path.resolve(__dirname, '../..');
const CODE_DIRS = ['src', 'dialogs'];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

const code = CODE_DIRS.flatMap((dir) => sourceFiles(path.join(ROOT, dir)))
  .map((file) => fs.readFileSync(file, 'utf8'))
  .join('\n');
const frKeys = Object.keys(CATALOGS.fr) as MessageKey[];
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogues', () => {
  test.each(LANGS)('%s has exactly the French keys, none empty', (lang) => {
    const keys = Object.keys(CATALOGS[lang]).sort();
    expect(keys).toEqual([...frKeys].sort());
    for (const key of frKeys) expect({ key, text: CATALOGS[lang][key].trim() }).toEqual({ key, text: expect.stringMatching(/\S/) });
  });

  test('every key is used somewhere in the code', () => {
    const unused = frKeys.filter((key) => !code.includes(`'${key}'`));
    expect(unused).toEqual([]);
  });

  test('both languages use the same placeholders', () => {
    const mismatched = frKeys.filter((key) => placeholders(CATALOGS.fr[key]).join() !== placeholders(CATALOGS.en[key]).join());
    expect(mismatched).toEqual([]);
  });

  test('placeholders are filled, and a missing one stays visible', () => {
    expect(t('fr', 'withdrawal.daysLeft', { days: 3 })).toContain('3 jour');
    expect(t('en', 'withdrawal.daysLeft')).toContain('{days}');
  });

  test.each([
    ['fr-FR', 'fr'],
    ['en-US', 'en'],
    ['en', 'en'],
    ['EN-gb', 'en'],
    ['de-DE', 'fr'],
    [undefined, 'fr'],
    ['english', 'fr'],
  ])('locale %s → %s', (locale, lang) => {
    expect(langFromLocale(locale)).toBe(lang);
  });
});
