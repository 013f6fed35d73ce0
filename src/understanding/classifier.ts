/**
 * Intent classification: one nlp.js neural NLU model per language, trained at start from
 * locales/<lang>/corpus.json, queried synchronously.
 */
import { Container } from '@nlpjs/core';
import { NluFeatures, NluNeural, NluProcessInput, NluSettings } from '@nlpjs/nlu';
import { StemmerFr, TokenizerFr } from '@nlpjs/lang-fr';
import { StemmerEn, TokenizerEn } from '@nlpjs/lang-en-min';
import { Intent, LANGS, Lang, isIntent } from '../domain/types';
import { Corpus, loadCorpus } from './corpus';
import { normalizeText } from './normalize';

export interface Classification {
  /** The best intent, or null when its score is under the threshold or "no known intent" wins. */
  intent: Intent | null;
  /** Score of the best intent (0..1, scores of all intents and "none" sum to 1); 0 when nothing matched. */
  score: number;
  /** Up to 3 intents with a score above 0, best first. */
  ranking: { intent: Intent; score: number }[];
}

/**
 * 0.4: nlp.js scores are overconfident (held-out misclassifications all score >= 0.6, so no lower threshold
 * catches them, and 0.65 would reject 7 right answers to catch 3 wrong); on 5-fold cross-validation of every
 * corpus sentence, 0.4 rejects the most wrong answers per right answer lost (24 of ~100 vs 2 of ~950),
 * and past 0.55 each step up rejects more right answers than wrong ones. Below it the bot can offer `ranking`.
 */
export const CLASSIFICATION_THRESHOLD = 0.4;

/**
 * Only the start of a message is classified: twice the longest real complaint in the seed (~600 characters),
 * and it keeps a 5,000-character message at ~150 µs (cost grows with the number of known words).
 */
export const MAX_CLASSIFIED_CHARS = 1200;
/** Longer "words" are pasted links, hashes or keyboard mashing: not worth stemming. */
const MAX_WORD_LENGTH = 30;
/** Bound on each model's word -> stem cache, so a stream of unique words cannot grow memory without end. */
const MAX_CACHED_STEMS = 20_000;
/** Prefix on every feature, so a word like "constructor" cannot hit Object.prototype inside nlp.js lookups. */
const FEATURE_PREFIX = 'w:';
/** Everything but letters, digits and apostrophes separates words ("mot-de-passe", "«colis»", "codes!!"). */
const NON_WORD = /[^\p{L}\p{N}']+/gu;

/** nlp.js settings: no console output (its default `log: true` prints every epoch); neural defaults otherwise. */
const NLU_SETTINGS: NluSettings = { log: false, useNoneFeature: true, keepStopwords: true, spellCheck: false };

interface WordTools {
  tokenizer: { innerTokenize(text: string): string[] };
  stemmer: { setCurrent(word: string): void; innerStem(): unknown; getCurrent(): string };
}

const WORD_TOOLS: Readonly<Record<Lang, () => WordTools>> = {
  fr: () => ({ tokenizer: new TokenizerFr(), stemmer: new StemmerFr() }),
  en: () => ({ tokenizer: new TokenizerEn(), stemmer: new StemmerEn() }),
};

/** The first `max` characters of `text`, cut at a space when one is near the end. */
export function boundText(text: string, max = MAX_CLASSIFIED_CHARS): string {
  if (text.length <= max) {
    return text;
  }
  const cut = text.slice(0, max);
  const lastSpace = cut.search(/\s\S*$/u);
  return lastSpace > max / 2 ? cut.slice(0, lastSpace) : cut;
}

/** Text -> bag of stems, the same for training and classification. */
class Featurizer {
  private readonly stems = new Map<string, string>();

  constructor(private readonly tools: WordTools) {}

  features(text: string): NluFeatures {
    const clean = normalizeText(boundText(typeof text === 'string' ? text : '')).replace(NON_WORD, ' ');
    const features: NluFeatures = {};
    for (const word of this.tools.tokenizer.innerTokenize(clean)) {
      if (word.length <= MAX_WORD_LENGTH) {
        features[FEATURE_PREFIX + this.stem(word)] = 1;
      }
    }
    return features;
  }

  private stem(word: string): string {
    const cached = this.stems.get(word);
    if (cached !== undefined) {
      return cached;
    }
    const { stemmer } = this.tools;
    stemmer.setCurrent(word);
    stemmer.innerStem();
    const stem = stemmer.getCurrent() || word;
    if (this.stems.size >= MAX_CACHED_STEMS) {
      this.stems.clear();
    }
    this.stems.set(word, stem);
    return stem;
  }
}

/** nlp.js neural NLU whose text preparation is our Featurizer (synchronous, bounded, cache-safe). */
class CorpusNlu extends NluNeural {
  constructor(
    private readonly featurizer: Featurizer,
    settings: NluSettings,
  ) {
    super(settings, new Container());
  }

  override prepare(text: string): NluFeatures {
    return this.featurizer.features(text);
  }

  /** NluNeural.process without its async pipeline: every step it awaits is synchronous. */
  classifySync(text: string): { intent: string; score: number }[] {
    const input: NluProcessInput = { text: '', settings: this.settings, tokens: this.prepare(text) };
    this.textToFeatures(input);
    this.innerProcess(input);
    this.filterNonActivated(input);
    this.normalizeClassifications(input);
    return input.classifications ?? [];
  }
}

export class IntentClassifier {
  private constructor(
    private readonly models: ReadonlyMap<Lang, CorpusNlu>,
    readonly threshold: number,
  ) {}

  /** Trains one model per corpus (default: locales/fr and locales/en). */
  static async train(corpora: readonly Corpus[] = LANGS.map((lang) => loadCorpus(lang))): Promise<IntentClassifier> {
    const models = new Map<Lang, CorpusNlu>();
    for (const corpus of corpora) {
      if (models.has(corpus.lang)) {
        throw new Error(`IntentClassifier.train: two corpora for "${corpus.lang}"`);
      }
      const model = new CorpusNlu(new Featurizer(WORD_TOOLS[corpus.lang]()), { ...NLU_SETTINGS, locale: corpus.lang });
      await model.train(
        corpus.intents.flatMap(({ intent, utterances }) => utterances.map((utterance) => ({ utterance, intent }))),
      );
      models.set(corpus.lang, model);
    }
    return new IntentClassifier(models, CLASSIFICATION_THRESHOLD);
  }

  /** Synchronous; never throws on any text. Throws only for a language that has no trained model. */
  classify(text: string, lang: Lang): Classification {
    const model = this.models.get(lang);
    if (model === undefined) {
      throw new Error(`IntentClassifier.classify: no model for "${lang}"`);
    }
    const ranked = model.classifySync(text);
    const ranking = ranked
      .filter((c): c is { intent: Intent; score: number } => isIntent(c.intent) && Number.isFinite(c.score) && c.score > 0)
      .slice(0, 3)
      .map(({ intent, score }) => ({ intent, score }));
    const best = ranking[0];
    const bestIsIntent = best !== undefined && ranked[0]?.intent === best.intent;
    return {
      intent: bestIsIntent && best.score >= this.threshold ? best.intent : null,
      score: best?.score ?? 0,
      ranking,
    };
  }
}
