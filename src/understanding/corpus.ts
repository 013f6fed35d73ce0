/**
 * The intent training corpora (locales/<lang>/corpus.json): schema checked at load,
 * cross-checked by validateCorpora in the spirit of `rasa data validate`.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { findProjectRoot, isRecord } from '../shared';

export { findProjectRoot };
import { INTENTS, Intent, LANGS, Lang, isIntent } from '../domain/types';
import { normalizeText } from './normalize';

export interface CorpusIntent {
  intent: Intent;
  /** Training examples. */
  utterances: string[];
  /** Held-out examples: never trained on, used to score the model. */
  tests: string[];
}

export interface Corpus {
  lang: Lang;
  intents: CorpusIntent[];
}

export type CorpusProblemKind =
  | 'missingLanguage'
  | 'duplicateLanguage'
  | 'duplicateIntent'
  | 'noUtterances'
  | 'noTests'
  | 'duplicateUtterance'
  | 'utteranceUnderTwoIntents'
  | 'testInTraining';

export interface CorpusProblem {
  kind: CorpusProblemKind;
  lang: Lang;
  intent?: Intent;
  text?: string;
  message: string;
}

const CORPUS_KEYS = ['lang', 'intents'];
const INTENT_KEYS = ['intent', 'utterances', 'tests'];

export function corpusPath(lang: Lang, root: string = findProjectRoot()): string {
  return join(root, 'locales', lang, 'corpus.json');
}

/** Reads and schema-checks locales/<lang>/corpus.json; throws an Error naming the file and the faulty place. */
export function loadCorpus(lang: Lang, root?: string): Corpus {
  const file = corpusPath(lang, root);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: cannot read corpus: ${error instanceof Error ? error.message : String(error)}`);
  }
  return parseCorpus(raw, lang, file);
}

function checkKeys(value: Record<string, unknown>, allowed: readonly string[], where: string): void {
  const unknown = Object.keys(value).filter((key) => !allowed.includes(key));
  if (unknown.length > 0) {
    // A translated key ("intention") must fail here, not train silently under `undefined`.
    throw new Error(`${where}: unknown key(s) ${unknown.map((k) => JSON.stringify(k)).join(', ')}; allowed: ${allowed.join(', ')}`);
  }
}

function parseTexts(value: unknown, where: string): string[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new Error(`${where}: expected a non-empty list of strings`);
  }
  return value.map((text: unknown, index) => {
    if (typeof text !== 'string' || normalizeText(text) === '') {
      throw new Error(`${where}[${index}]: expected a non-empty string, got ${JSON.stringify(text)}`);
    }
    return text;
  });
}

/** Checks the shape of a parsed corpus.json; `source` names the file in error messages. */
export function parseCorpus(raw: unknown, lang: Lang, source = `locales/${lang}/corpus.json`): Corpus {
  if (!isRecord(raw)) {
    throw new Error(`${source}: expected an object { "lang", "intents" }`);
  }
  checkKeys(raw, CORPUS_KEYS, source);
  if (raw.lang !== lang) {
    throw new Error(`${source}: "lang" is ${JSON.stringify(raw.lang)}, expected "${lang}"`);
  }
  if (!Array.isArray(raw.intents) || raw.intents.length === 0) {
    throw new Error(`${source}: "intents" must be a non-empty list`);
  }
  const intents = raw.intents.map((entry: unknown, index): CorpusIntent => {
    const where = `${source}: intents[${index}]`;
    if (!isRecord(entry)) {
      throw new Error(`${where}: expected an object { "intent", "utterances", "tests" }`);
    }
    checkKeys(entry, INTENT_KEYS, where);
    if (!isIntent(entry.intent)) {
      throw new Error(`${where}: unknown intent ${JSON.stringify(entry.intent)}; known: ${INTENTS.join(', ')}`);
    }
    return {
      intent: entry.intent,
      utterances: parseTexts(entry.utterances, `${where} (${entry.intent}).utterances`),
      tests: parseTexts(entry.tests, `${where} (${entry.intent}).tests`),
    };
  });
  return { lang, intents };
}

/** Consistency problems across corpora (empty list = consistent). Texts are compared after normalizeText. */
export function validateCorpora(corpora: readonly Corpus[]): CorpusProblem[] {
  const problems: CorpusProblem[] = [];
  for (const lang of LANGS) {
    const count = corpora.filter((corpus) => corpus.lang === lang).length;
    if (count === 0) {
      problems.push({ kind: 'missingLanguage', lang, message: `${lang}: no corpus` });
    } else if (count > 1) {
      problems.push({ kind: 'duplicateLanguage', lang, message: `${lang}: ${count} corpora for one language` });
    }
  }
  for (const corpus of corpora) {
    problems.push(...validateCorpus(corpus));
  }
  return problems;
}

function validateCorpus({ lang, intents }: Corpus): CorpusProblem[] {
  const problems: CorpusProblem[] = [];
  const problem = (kind: CorpusProblemKind, intent: Intent, message: string, text?: string): void => {
    problems.push({ kind, lang, intent, text, message: `${lang}/${intent}: ${message}` });
  };
  for (const intent of INTENTS) {
    const entries = intents.filter((entry) => entry.intent === intent);
    if (entries.length > 1) {
      problem('duplicateIntent', intent, `listed ${entries.length} times`);
    }
    if (!entries.some((entry) => entry.utterances.length > 0)) {
      problem('noUtterances', intent, 'no training utterances');
    }
    if (!entries.some((entry) => entry.tests.length > 0)) {
      problem('noTests', intent, 'no held-out tests');
    }
  }
  // normalized text -> the intent it was first seen under, for training and for tests.
  const trainedUnder = new Map<string, Intent>();
  const testedUnder = new Map<string, Intent>();
  const record = (seen: Map<string, Intent>, intent: Intent, text: string, what: string): void => {
    const key = normalizeText(text);
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, intent);
    } else if (first === intent) {
      problem('duplicateUtterance', intent, `${what} listed twice: ${JSON.stringify(text)}`, text);
    } else {
      problem('utteranceUnderTwoIntents', intent, `${what} also under ${first}: ${JSON.stringify(text)}`, text);
    }
  };
  for (const { intent, utterances } of intents) {
    utterances.forEach((text) => record(trainedUnder, intent, text, 'utterance'));
  }
  for (const { intent, tests } of intents) {
    for (const text of tests) {
      const trained = trainedUnder.get(normalizeText(text));
      if (trained !== undefined) {
        problem('testInTraining', intent, `test is also a training utterance (under ${trained}): ${JSON.stringify(text)}`, text);
      }
      record(testedUnder, intent, text, 'test');
    }
  }
  return problems;
}
