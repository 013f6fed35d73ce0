/** The training corpora: schema at load, and consistency in the spirit of `rasa data validate`. */
import { join } from 'path';
import { INTENTS, Intent, LANGS, Lang, OTHER_PROBLEMS } from '../../src/domain/types';
import {
  Corpus,
  CorpusProblemKind,
  findProjectRoot,
  loadCorpus,
  parseCorpus,
  validateCorpora,
} from '../../src/understanding/corpus';
import { normalizeText } from '../../src/understanding/normalize';

/** Minimum examples per intent and language (the brief's floor: may only rise). */
const MIN_UTTERANCES: Record<Lang, number> = { fr: 25, en: 10 };
const MIN_TESTS: Record<Lang, number> = { fr: 8, en: 4 };

/** The three real complaints at the end of the seed text, and where they belong (held out, never trained). */
const SEED_COMPLAINTS: [Intent, string][] = [
  ['missingAccessCodes', 'Mi novembre, toujours pas de codes d’accès aux cours malgré l’inscription et le paiement.'],
  ['refundDelay', '4 mois que j’attends un remboursement, on me dit que c’est en cours depuis plusieurs semaines et rien.'],
  ['noAnswer', 'Je fais un recours auprès du Directeur général comme le propose la procédure'],
];

const corpora: Record<Lang, Corpus> = { fr: loadCorpus('fr'), en: loadCorpus('en') };
const pairs = LANGS.flatMap((lang) => INTENTS.map((intent): [Lang, Intent] => [lang, intent]));

function entry(lang: Lang, intent: Intent) {
  return corpora[lang].intents.find((e) => e.intent === intent);
}

describe('locales/<lang>/corpus.json', () => {
  test.each(pairs)('%s/%s has enough utterances and held-out tests', (lang, intent) => {
    const found = entry(lang, intent);
    expect(found).toBeDefined();
    expect(found?.utterances.length).toBeGreaterThanOrEqual(MIN_UTTERANCES[lang]);
    expect(found?.tests.length).toBeGreaterThanOrEqual(MIN_TESTS[lang]);
  });

  // Issue 8: every family beyond the source at least 40 French and 15 English examples; at least 150 negatives.
  test.each(OTHER_PROBLEMS)('%s has at least 40 French and 15 English training utterances', (intent) => {
    expect(entry('fr', intent)?.utterances.length).toBeGreaterThanOrEqual(40);
    expect(entry('en', intent)?.utterances.length).toBeGreaterThanOrEqual(15);
  });

  test('at least 150 French out-of-scope negatives', () => {
    expect(entry('fr', 'outOfScope')?.utterances.length).toBeGreaterThanOrEqual(150);
  });

  test('the corpora are consistent (no intent without data, no utterance under two intents, no test in training)', () => {
    expect(validateCorpora([corpora.fr, corpora.en]).map((p) => p.message)).toEqual([]);
  });

  test.each(SEED_COMPLAINTS)('the seed complaint is a held-out test of %s', (intent, excerpt) => {
    const wanted = normalizeText(excerpt);
    expect(entry('fr', intent)?.tests.some((t) => normalizeText(t).includes(wanted))).toBe(true);
  });

  test('the corpus path is found from src/ and from the compiled dist/src/', () => {
    const root = findProjectRoot();
    expect(findProjectRoot(join(root, 'dist', 'src', 'understanding'))).toBe(root);
  });
});

describe('parseCorpus rejects malformed data with a clear error', () => {
  const good = { intent: 'greeting', utterances: ['bonjour'], tests: ['salut'] };
  test.each<[string, unknown, RegExp]>([
    ['not an object', [], /expected an object/],
    ['wrong lang', { lang: 'en', intents: [good] }, /"lang" is "en", expected "fr"/],
    ['no intents', { lang: 'fr', intents: [] }, /"intents" must be a non-empty list/],
    ['unknown intent', { lang: 'fr', intents: [{ ...good, intent: 'refund' }] }, /unknown intent "refund"/],
    ['translated key', { lang: 'fr', intents: [{ intention: 'greeting', utterances: ['a'], tests: ['b'] }] }, /unknown key\(s\) "intention"/],
    ['empty utterances', { lang: 'fr', intents: [{ ...good, utterances: [] }] }, /\(greeting\)\.utterances: expected a non-empty list/],
    ['empty tests', { lang: 'fr', intents: [{ ...good, tests: [] }] }, /\(greeting\)\.tests: expected a non-empty list/],
    ['non-string', { lang: 'fr', intents: [{ ...good, utterances: ['ok', 42] }] }, /utterances\[1\]: expected a non-empty string, got 42/],
    ['blank string', { lang: 'fr', intents: [{ ...good, tests: [' \u200b '] }] }, /tests\[0\]: expected a non-empty string/],
  ])('%s', (_case, raw, message) => {
    expect(() => parseCorpus(raw, 'fr', 'fr.json')).toThrow(message);
  });

  test('a valid corpus parses', () => {
    expect(parseCorpus({ lang: 'fr', intents: [good] }, 'fr')).toEqual({ lang: 'fr', intents: [good] });
  });
});

describe('validateCorpora reports planted problems', () => {
  /** A complete, consistent pair of corpora with one distinct sentence per intent. */
  function complete(): Corpus[] {
    return LANGS.map((lang) => ({
      lang,
      intents: INTENTS.map((intent) => ({ intent, utterances: [`${lang} train ${intent}`], tests: [`${lang} test ${intent}`] })),
    }));
  }
  function kinds(corpora: Corpus[]): CorpusProblemKind[] {
    return validateCorpora(corpora).map((p) => p.kind);
  }

  test('a complete corpus has no problem', () => {
    expect(validateCorpora(complete())).toEqual([]);
  });

  test('an intent missing from a language', () => {
    const [fr, en] = complete();
    fr.intents = fr.intents.filter((e) => e.intent !== 'contactFax');
    const problems = validateCorpora([fr, en]);
    expect(problems.map((p) => [p.kind, p.lang, p.intent])).toEqual([
      ['noUtterances', 'fr', 'contactFax'],
      ['noTests', 'fr', 'contactFax'],
    ]);
  });

  test('an utterance under two intents, compared after normalization', () => {
    const [fr, en] = complete();
    fr.intents[0].utterances.push('Bonjour à TOUS');
    fr.intents[1].utterances.push('  bonjour a tous ');
    expect(kinds([fr, en])).toEqual(['utteranceUnderTwoIntents']);
  });

  test('a test that is also a training utterance', () => {
    const [fr, en] = complete();
    en.intents[2].tests.push(en.intents[5].utterances[0]);
    expect(kinds([fr, en])).toEqual(['testInTraining']);
  });

  test('a duplicate, an intent listed twice, a missing language', () => {
    const [fr] = complete();
    fr.intents[0].utterances.push(fr.intents[0].utterances[0]);
    fr.intents.push({ intent: 'help', utterances: ['à l’aide'], tests: ['au secours'] });
    expect(kinds([fr]).sort()).toEqual(['duplicateIntent', 'duplicateUtterance', 'missingLanguage']);
  });
});
