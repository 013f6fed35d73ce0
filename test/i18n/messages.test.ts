/** Every sentence exists in both languages, every key is used by the code, every placeholder matches. */
import fs from 'node:fs';
import path from 'node:path';
import { CATALOGS, compileMessage, langFromLocale, placeholdersOf, t, MessageKey, MessageParams } from '../../src/i18n/messages';
import type { Lang } from '../../src/domain/types';
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
const placeholderNames = (lang: Lang, key: MessageKey) => placeholdersOf(lang, key).map((p) => p.name);

/** Values for every placeholder of a message: a number where ICU needs one, a word elsewhere. */
function sampleValues(lang: Lang, key: MessageKey): MessageParams {
  return Object.fromEntries(placeholdersOf(lang, key).map(({ name, plain }) => [name, plain ? 'X' : 3]));
}
const apostrophes = (text: string) => (text.match(/'/g) ?? []).length;

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

  test.each(LANGS)('every %s message is valid ICU MessageFormat', (lang) => {
    const broken = frKeys.filter((key) => {
      try {
        compileMessage(lang, CATALOGS[lang][key]);
        return false;
      } catch {
        return true;
      }
    });
    expect(broken).toEqual([]);
  });

  test('both languages use the same placeholders', () => {
    const mismatched = frKeys.filter((key) => placeholderNames('fr', key).join() !== placeholderNames('en', key).join());
    expect(mismatched).toEqual([]);
  });

  test.each(LANGS)('no "(s)" in %s: plurals are ICU plural forms', (lang) => {
    expect(frKeys.filter((key) => CATALOGS[lang][key].includes('(s)'))).toEqual([]);
  });

  test.each(LANGS)('every %s message renders with its apostrophes intact and every placeholder filled', (lang) => {
    const damaged = frKeys.filter((key) => {
      const text = t(lang, key, sampleValues(lang, key));
      return apostrophes(text) !== apostrophes(CATALOGS[lang][key]) || /[{}]/.test(text);
    });
    expect(damaged).toEqual([]);
    expect(t('fr', 'page.chatLabel')).toBe("Conversation avec l'assistant");
    expect(t('fr', 'withdrawal.openTitle', { lastDay: 'X' })).toBe("Vous pouvez vous rétracter jusqu'au X inclus");
  });

  test.each([
    ['fr', 0, 'Il vous reste 0 jour.'],
    ['fr', 1, 'Il vous reste 1 jour.'],
    ['fr', 2, 'Il vous reste 2 jours.'],
    ['fr', 1500, 'Il vous reste 1\u202f500 jours.'],
    ['en', 0, 'You have 0 days left.'],
    ['en', 1, 'You have 1 day left.'],
    ['en', 2, 'You have 2 days left.'],
    ['en', 1500, 'You have 1,500 days left.'],
  ] as const)('%s, %i days left: "%s"', (lang, days, sentence) => {
    expect(t(lang, 'withdrawal.daysLeft', { days })).toContain(sentence.replace(/\.$/, ''));
  });

  test.each([
    ['fr', 'duration.days', 1, '1 jour'],
    ['fr', 'duration.days', 5, '5 jours'],
    ['fr', 'duration.weeks', 3, 'environ 3 semaines'],
    ['fr', 'duration.months', 4, 'environ 4 mois'],
    ['en', 'duration.days', 1, '1 day'],
    ['en', 'duration.days', 5, '5 days'],
    ['en', 'duration.weeks', 3, 'about 3 weeks'],
    ['en', 'duration.months', 1, 'about 1 month'],
    ['en', 'duration.months', 4, 'about 4 months'],
  ] as const)('%s %s %i → %s', (lang, key, n, text) => {
    expect(t(lang, key, { n })).toBe(text);
  });

  test.each([
    ['fr', 'Le remboursement a 1 jour de retard', 'de 10 % ('],
    ['en', 'The refund is 1 day late', 'by 10% ('],
  ] as const)('%s: a late refund with a percentage', (lang, late, percent) => {
    const text = t(lang, 'refund.increasePercent', { daysLate: 1, percent: 10 });
    expect(text).toContain(late);
    expect(text).toContain(percent);
  });

  test('a "<" is plain text, and an apostrophe before a placeholder would be caught', () => {
    expect(compileMessage('en', 'Under <b>{n, number}</b>').format.format({ n: 3 })).toBe('Under <b>3</b>');
    // ICU quotes from an apostrophe right before "{": the placeholder would vanish, which the test above detects.
    expect(compileMessage('fr', "jusqu'{x}").format.format({ x: 'ici' })).not.toContain('ici');
  });

  test('numbers are formatted the language\'s way', () => {
    expect(t('fr', 'common.tooLong', { max: 2000 })).toContain('plus de 2\u202f000 caractères');
    expect(t('en', 'common.tooLong', { max: 2000 })).toContain('over 2,000 characters');
  });

  test('placeholders are filled, and a missing one stays visible', () => {
    expect(t('fr', 'withdrawal.openTitle', { lastDay: 'lundi 7 décembre 2026' })).toBe("Vous pouvez vous rétracter jusqu'au lundi 7 décembre 2026 inclus");
    expect(t('en', 'withdrawal.openTitle')).toContain('{lastDay}');
    expect(t('en', 'withdrawal.daysLeft')).toContain('{days, plural');
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
