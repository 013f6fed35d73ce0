/**
 * Trained classifier models saved by the build (`npm run build` runs scripts/trainModels.ts, which writes
 * dist/models/classifier.json) and loaded at start instead of training: training takes about 1.2 s of CPU before the
 * first message can be answered, loading the file about a tenth of that.
 *
 * The file carries a key: a hash of the corpora, the classifier kind, the code that turns text into features and
 * trains (this folder's classifier, linearModel and normalize modules, as compiled) and the nlp.js versions. Any change
 * to one of them makes the file stale, and a missing, stale or unreadable file means training at start, as before: the
 * file only saves time, it never changes an answer.
 */
import { createHash } from 'crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'fs';
import { extname, join } from 'path';
import { LANGS, isLang } from '../domain/types';
import { isRecord } from '../shared';
import { ClassifierKind, DEFAULT_CLASSIFIER, IntentClassifier, SavedClassifier, isClassifierKind } from './classifier';
import { Corpus, loadCorpus } from './corpus';

export const MODEL_FILE = 'classifier.json';
/** The modules whose code decides what a trained model is (compiled .js under dist/, .ts under ts-jest). */
const TRAINING_CODE = ['classifier', 'linearModel', 'normalize'];
const NLPJS_PACKAGES = ['@nlpjs/nlu', '@nlpjs/neural', '@nlpjs/lang-fr', '@nlpjs/lang-en-min'];

/** The key a saved model must carry to be used with these corpora and this code. */
export function trainingKey(corpora: readonly Corpus[], kind: ClassifierKind): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ kind, corpora }));
  const extension = extname(__filename);
  for (const name of TRAINING_CODE) hash.update(readFileSync(join(__dirname, name + extension)));
  for (const name of NLPJS_PACKAGES) hash.update(readFileSync(require.resolve(`${name}/package.json`)));
  return hash.digest('hex');
}

function parseSaved(raw: unknown, key: string): SavedClassifier | undefined {
  if (!isRecord(raw) || raw.key !== key || !isRecord(raw.classifier)) return undefined;
  const { kind, models } = raw.classifier;
  if (!isClassifierKind(kind) || !Array.isArray(models)) return undefined;
  const parsed: SavedClassifier['models'] = [];
  for (const model of models) {
    if (!isRecord(model) || !isLang(model.lang)) return undefined;
    const { nlu, linear } = model;
    const savedLinear =
      isRecord(linear) && Array.isArray(linear.labels) && Array.isArray(linear.features) && typeof linear.weights === 'string'
        ? { labels: linear.labels.map(String), features: linear.features.map(String), weights: linear.weights }
        : undefined;
    parsed.push({ lang: model.lang, nlu: isRecord(nlu) ? nlu : undefined, linear: savedLinear });
  }
  return { kind, models: parsed };
}

export interface LoadedClassifier {
  classifier: IntentClassifier;
  /** 'file' when the saved models were used, 'training' when they were missing, stale or unreadable. */
  from: 'file' | 'training';
}

/** The classifier from `dir`/classifier.json when its key matches, otherwise trained now. */
export async function loadClassifier(
  dir: string | undefined,
  corpora: readonly Corpus[] = LANGS.map((lang) => loadCorpus(lang)),
  kind: ClassifierKind = DEFAULT_CLASSIFIER,
): Promise<LoadedClassifier> {
  if (dir !== undefined && existsSync(join(dir, MODEL_FILE))) {
    try {
      const saved = parseSaved(JSON.parse(readFileSync(join(dir, MODEL_FILE), 'utf8')), trainingKey(corpora, kind));
      if (saved !== undefined && saved.kind === kind && saved.models.length === corpora.length) {
        return { classifier: IntentClassifier.fromJSON(saved), from: 'file' };
      }
    } catch {
      // Unreadable or inconsistent: train, as without a file.
    }
  }
  return { classifier: await IntentClassifier.train(corpora, kind), from: 'training' };
}

/**
 * Trains and writes `dir`/classifier.json unless the file there already has the current key (an incremental build
 * does not retrain). Written to a temporary file then renamed, so that a server starting meanwhile never reads half a file.
 */
export async function saveClassifier(
  dir: string,
  corpora: readonly Corpus[] = LANGS.map((lang) => loadCorpus(lang)),
  kind: ClassifierKind = DEFAULT_CLASSIFIER,
): Promise<'written' | 'upToDate'> {
  const key = trainingKey(corpora, kind);
  const file = join(dir, MODEL_FILE);
  if (existsSync(file)) {
    try {
      if (parseSaved(JSON.parse(readFileSync(file, 'utf8')), key) !== undefined) return 'upToDate';
    } catch {
      // Rewritten below.
    }
  }
  const classifier = await IntentClassifier.train(corpora, kind);
  mkdirSync(dir, { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify({ key, classifier: classifier.toJSON() }));
  renameSync(temporary, file);
  return 'written';
}
