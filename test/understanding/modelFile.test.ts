/**
 * The build's saved models (src/understanding/modelFile.ts): a classifier loaded from its JSON scores every message
 * exactly as the trained one, and a file is used only when its key matches the corpora and the code.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { LANGS } from '../../src/domain/types';
import { IntentClassifier } from '../../src/understanding/classifier';
import { Corpus, loadCorpus } from '../../src/understanding/corpus';
import { MODEL_FILE, loadClassifier, saveClassifier, trainingKey } from '../../src/understanding/modelFile';

let corpora: Corpus[];
let dir: string;
beforeAll(() => {
  corpora = LANGS.map((lang) => loadCorpus(lang));
  dir = mkdtempSync(join(tmpdir(), 'models-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A few intents of each corpus: enough for the file mechanics, quick to train. */
const small = (): Corpus[] => corpora.map((corpus) => ({ ...corpus, intents: corpus.intents.slice(0, 4) }));

test('the classifier read back from its JSON gives the same scores as the trained one, on every held-out sentence and on odd text', async () => {
  const trained = await IntentClassifier.train(corpora);
  const loaded = IntentClassifier.fromJSON(JSON.parse(JSON.stringify(trained.toJSON())));
  for (const corpus of corpora) {
    const texts = [...corpus.intents.flatMap((intent) => intent.tests), '', '???', 'constructor __proto__', 'x'.repeat(5000)];
    for (const text of texts) {
      expect(loaded.opinions(text, corpus.lang)).toEqual(trained.opinions(text, corpus.lang));
    }
  }
}, 60_000);

test('a saved file is used when its key matches, skipped (training instead) when the corpora change or the file is damaged', async () => {
  const corpus = small();
  expect(await saveClassifier(dir, corpus)).toBe('written');
  expect(await saveClassifier(dir, corpus)).toBe('upToDate');
  expect((await loadClassifier(dir, corpus)).from).toBe('file');
  expect((await loadClassifier(undefined, corpus)).from).toBe('training');

  const changed = corpus.map((c) => ({ ...c, intents: c.intents.map((intent, i) => (i === 0 ? { ...intent, utterances: [...intent.utterances, 'une phrase de plus'] } : intent)) }));
  expect(trainingKey(changed, 'ensemble')).not.toBe(trainingKey(corpus, 'ensemble'));
  expect(trainingKey(corpus, 'linear')).not.toBe(trainingKey(corpus, 'ensemble'));
  expect((await loadClassifier(dir, changed)).from).toBe('training');
  expect((await loadClassifier(dir, corpus, 'linear')).from).toBe('training');

  const file = join(dir, MODEL_FILE);
  const saved = readFileSync(file, 'utf8');
  for (const damaged of ['{', '[]', saved.replace(/"weights":"[^"]*"/u, '"weights":"AAAA"'), saved.replace(/"kind":"ensemble"/u, '"kind":"other"')]) {
    writeFileSync(file, damaged);
    const { classifier, from } = await loadClassifier(dir, corpus);
    expect(from).toBe('training');
    expect(classifier.opinions('mot de passe perdu', 'fr').ranking.length).toBeGreaterThan(0);
  }
  expect(await saveClassifier(dir, corpus)).toBe('written');
}, 120_000);
