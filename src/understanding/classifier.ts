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
import { LinearModel, SavedLinearModel } from './linearModel';

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
  private readonly stemCache = new Map<string, string>();

  constructor(private readonly tools: WordTools) {}

  features(text: string): NluFeatures {
    const features: NluFeatures = {};
    for (const stem of this.stems(this.clean(text))) features[FEATURE_PREFIX + stem] = 1;
    return features;
  }

  /** Stems, stem bigrams and character 3- to 5-grams of each word (typos and missing accents still share most). */
  linearFeatures(text: string): string[] {
    const clean = this.clean(text);
    const stems = this.stems(clean);
    const out = stems.map((stem) => `w:${stem}`);
    for (let i = 1; i < stems.length; i += 1) out.push(`b:${stems[i - 1]} ${stems[i]}`);
    for (const word of clean.split(' ')) {
      if (word.length === 0 || word.length > MAX_WORD_LENGTH) continue;
      const padded = ` ${word} `;
      for (let n = 3; n <= 5; n += 1) for (let i = 0; i + n <= padded.length; i += 1) out.push(`c:${padded.slice(i, i + n)}`);
    }
    return out;
  }

  private clean(text: string): string {
    return normalizeText(boundText(typeof text === 'string' ? text : '')).replace(NON_WORD, ' ').trim();
  }

  private stems(clean: string): string[] {
    const out: string[] = [];
    for (const word of this.tools.tokenizer.innerTokenize(clean)) if (word.length <= MAX_WORD_LENGTH) out.push(this.stem(word));
    return out;
  }

  private stem(word: string): string {
    const cached = this.stemCache.get(word);
    if (cached !== undefined) {
      return cached;
    }
    const { stemmer } = this.tools;
    stemmer.setCurrent(word);
    stemmer.innerStem();
    const stem = stemmer.getCurrent() || word;
    if (this.stemCache.size >= MAX_CACHED_STEMS) {
      this.stemCache.clear();
    }
    this.stemCache.set(word, stem);
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

  /**
   * nlp.js's fromJSON sets the intent order without "None", which training adds: scores would then be normalized over
   * one intent fewer. Left unset, the order is built as after training, and a loaded model answers exactly the same.
   */
  override fromJSON(json: Record<string, unknown>): void {
    super.fromJSON(json);
    this.intentsArr = undefined;
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

/**
 * A message's scores, and a second opinion: whether each model's own best intent is the same (`agree`), and the
 * lowest score any one model gives the ensemble's best intent (`support`; the score itself for a single model).
 */
export interface Opinions {
  ranking: { intent: Intent; score: number }[];
  agree: boolean;
  support: number;
}

/** Which model scores a message: nlp.js alone, the linear n-gram model alone, or the mean of both (see README). */
export const CLASSIFIER_KINDS = ['nlpjs', 'linear', 'ensemble'] as const;
export type ClassifierKind = (typeof CLASSIFIER_KINDS)[number];
export function isClassifierKind(value: unknown): value is ClassifierKind {
  return CLASSIFIER_KINDS.some((kind) => kind === value);
}
export const DEFAULT_CLASSIFIER: ClassifierKind = 'ensemble';

interface LangModels {
  featurizer: Featurizer;
  nlu?: CorpusNlu;
  linear?: LinearModel;
}

/** Trained models as JSON (see modelFile.ts): what `IntentClassifier.fromJSON` needs to answer like the trained one. */
export interface SavedClassifier {
  kind: ClassifierKind;
  models: { lang: Lang; nlu?: Record<string, unknown>; linear?: SavedLinearModel }[];
}

export class IntentClassifier {
  private constructor(
    private readonly models: ReadonlyMap<Lang, LangModels>,
    readonly kind: ClassifierKind,
    readonly threshold: number,
  ) {}

  /** Trains one model (or two, for the ensemble) per corpus (default: locales/fr and locales/en). */
  static async train(
    corpora: readonly Corpus[] = LANGS.map((lang) => loadCorpus(lang)),
    kind: ClassifierKind = DEFAULT_CLASSIFIER,
  ): Promise<IntentClassifier> {
    const models = new Map<Lang, LangModels>();
    for (const corpus of corpora) {
      if (models.has(corpus.lang)) {
        throw new Error(`IntentClassifier.train: two corpora for "${corpus.lang}"`);
      }
      const featurizer = new Featurizer(WORD_TOOLS[corpus.lang]());
      const examples = corpus.intents.flatMap(({ intent, utterances }) => utterances.map((utterance) => ({ utterance, intent })));
      const entry: LangModels = { featurizer };
      if (kind !== 'linear') {
        const nlu = new CorpusNlu(featurizer, { ...NLU_SETTINGS, locale: corpus.lang });
        await nlu.train(examples);
        entry.nlu = nlu;
      }
      if (kind !== 'nlpjs') {
        entry.linear = LinearModel.train(examples.map(({ utterance, intent }) => ({ features: featurizer.linearFeatures(utterance), label: intent })));
      }
      models.set(corpus.lang, entry);
    }
    return new IntentClassifier(models, kind, CLASSIFICATION_THRESHOLD);
  }

  toJSON(): SavedClassifier {
    return {
      kind: this.kind,
      models: [...this.models].map(([lang, { nlu, linear }]) => ({ lang, nlu: nlu?.toJSON(), linear: linear?.toJSON() })),
    };
  }

  /** The classifier `toJSON` saved, without training; throws when a model its kind needs is missing. */
  static fromJSON(saved: SavedClassifier): IntentClassifier {
    const models = new Map<Lang, LangModels>();
    for (const { lang, nlu: savedNlu, linear: savedLinear } of saved.models) {
      const featurizer = new Featurizer(WORD_TOOLS[lang]());
      const entry: LangModels = { featurizer };
      if (saved.kind !== 'linear') {
        if (savedNlu === undefined) throw new Error(`IntentClassifier.fromJSON: no nlp.js model for "${lang}"`);
        const nlu = new CorpusNlu(featurizer, { ...NLU_SETTINGS, locale: lang });
        nlu.fromJSON(savedNlu);
        entry.nlu = nlu;
      }
      if (saved.kind !== 'nlpjs') {
        if (savedLinear === undefined) throw new Error(`IntentClassifier.fromJSON: no linear model for "${lang}"`);
        entry.linear = LinearModel.fromJSON(savedLinear);
      }
      models.set(lang, entry);
    }
    return new IntentClassifier(models, saved.kind, CLASSIFICATION_THRESHOLD);
  }

  /** Every intent's score (0..1), best first. Synchronous; never throws on any text. */
  scores(text: string, lang: Lang): { intent: Intent; score: number }[] {
    return this.opinions(text, lang).ranking;
  }

  /**
   * The ranking, and each model's own best intent: a second opinion. With the ensemble, a reading is sure only when
   * both models name the same intent (see reading.ts); a single model always agrees with itself.
   */
  opinions(text: string, lang: Lang): Opinions {
    const model = this.models.get(lang);
    if (model === undefined) {
      throw new Error(`IntentClassifier.classify: no model for "${lang}"`);
    }
    const total = new Map<Intent, number>();
    const each: (readonly { intent: string; score: number }[])[] = [];
    const tops: string[] = [];
    const add = (ranked: readonly { intent: string; score: number }[], weight: number): void => {
      tops.push(ranked[0]?.intent ?? '');
      each.push(ranked);
      for (const { intent, score } of ranked) {
        if (isIntent(intent) && Number.isFinite(score) && score > 0) total.set(intent, (total.get(intent) ?? 0) + weight * score);
      }
    };
    const parts = (model.nlu ? 1 : 0) + (model.linear ? 1 : 0);
    if (model.nlu) add(model.nlu.classifySync(text), 1 / parts);
    if (model.linear) add(model.linear.classify(model.featurizer.linearFeatures(text)).map(({ label, score }) => ({ intent: label, score })), 1 / parts);
    const ranking = [...total].map(([intent, score]) => ({ intent, score })).sort((a, b) => b.score - a.score);
    const best = ranking[0]?.intent;
    const support = best === undefined ? 0 : Math.min(...each.map((ranked) => ranked.find((r) => r.intent === best)?.score ?? 0));
    return { ranking, agree: tops.every((top) => top === tops[0]), support };
  }

  /** Synchronous; never throws on any text. Throws only for a language that has no trained model. */
  classify(text: string, lang: Lang): Classification {
    const ranking = this.scores(text, lang).slice(0, 3);
    const best = ranking[0];
    return {
      intent: best !== undefined && best.score >= this.threshold ? best.intent : null,
      score: best?.score ?? 0,
      ranking,
    };
  }
}
