/** The understanding layer the dialogs use: the trained classifier plus the entity extractors. */
import type { Understanding } from '../../dialogs/understanding';
import { IntentClassifier } from './classifier';
import { extractDate, extractDuration, extractFacts, warmUpRecognizers } from './entities';

export function createUnderstanding(classifier: IntentClassifier): Understanding {
  return {
    classify: (text, lang) => classifier.classify(text, lang),
    extractFacts,
    extractDate,
    extractDuration,
  };
}

/** Trains the classifier from locales/ and builds the recognizer models, once, at start. */
export async function loadUnderstanding(): Promise<Understanding> {
  const classifier = await IntentClassifier.train();
  warmUpRecognizers();
  return createUnderstanding(classifier);
}
