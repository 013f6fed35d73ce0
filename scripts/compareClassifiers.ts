/**
 * Compares the classifiers on the corpora's held-out tests (never trained on): macro-F1, out-of-scope rejection and
 * the precision of confident answers at each threshold. `npm run compare:classifiers` prints one table per language.
 * The thresholds of src/understanding/reading.ts were chosen from this output (README, "Understanding").
 */
import { performance } from 'perf_hooks';
import { Intent, LANGS, Lang, NON_PROBLEM_INTENTS } from '../src/domain/types';
import { CLASSIFIER_KINDS, ClassifierKind, IntentClassifier } from '../src/understanding/classifier';
import { loadCorpus } from '../src/understanding/corpus';

const KINDS: readonly ClassifierKind[] = CLASSIFIER_KINDS;
const THRESHOLDS = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8];
const NON_PROBLEMS = new Set<string>(NON_PROBLEM_INTENTS);

interface Case {
  intent: Intent;
  text: string;
}

function macroF1(gold: Intent[], predicted: Intent[]): number {
  const labels = [...new Set(gold)];
  const f1s = labels.map((label) => {
    const tp = gold.filter((g, i) => g === label && predicted[i] === label).length;
    const fp = gold.filter((g, i) => g !== label && predicted[i] === label).length;
    const fn = gold.filter((g, i) => g === label && predicted[i] !== label).length;
    return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  });
  return f1s.reduce((a, b) => a + b, 0) / labels.length;
}

const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;

async function main(): Promise<void> {
  for (const lang of LANGS as readonly Lang[]) {
    const corpus = loadCorpus(lang);
    const cases: Case[] = corpus.intents.flatMap(({ intent, tests }) => tests.map((text) => ({ intent, text })));
    console.log(`\n${lang}: ${cases.length} held-out utterances, ${corpus.intents.reduce((n, i) => n + i.utterances.length, 0)} training`);
    for (const kind of KINDS) {
      const started = performance.now();
      const classifier = await IntentClassifier.train([corpus], kind);
      const trainMs = performance.now() - started;
      const opinions = cases.map((c) => classifier.opinions(c.text, lang));
      const top = opinions.map((o) => o.ranking[0]);
      const predicted = top.map((t) => t?.intent ?? ('outOfScope' as Intent));
      const f1 = macroF1(
        cases.map((c) => c.intent),
        predicted,
      );
      const accuracy = cases.filter((c, i) => predicted[i] === c.intent).length / cases.length;
      const line = [`  ${kind.padEnd(8)} train ${trainMs.toFixed(0)} ms  accuracy ${pct(accuracy)}  macro-F1 ${pct(f1)}`];
      for (const threshold of THRESHOLDS) {
        // Confident: a problem at or above the threshold, and, for the ensemble, both models agreeing on it.
        const confident = cases.map((c, i) => top[i] !== undefined && !NON_PROBLEMS.has(top[i].intent) && top[i].score >= threshold && opinions[i].agree);
        const answered = cases.filter((_, i) => confident[i]);
        const right = cases.filter((c, i) => confident[i] && predicted[i] === c.intent).length;
        const problems = cases.filter((c) => !NON_PROBLEMS.has(c.intent));
        const negatives = cases.filter((c) => NON_PROBLEMS.has(c.intent));
        const rejected = negatives.filter((c) => !confident[cases.indexOf(c)]).length;
        const covered = problems.filter((c) => confident[cases.indexOf(c)] && predicted[cases.indexOf(c)] === c.intent).length;
        line.push(
          `    at ${threshold.toFixed(2)}: confident precision ${pct(answered.length ? right / answered.length : 1)} (${answered.length - right} wrong of ${answered.length}),` +
            ` problems answered right ${pct(covered / Math.max(1, problems.length))}, negatives not routed ${pct(negatives.length ? rejected / negatives.length : 1)}`,
        );
      }
      console.log(line.join('\n'));
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
