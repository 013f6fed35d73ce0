/** The understanding layer the dialogs use: the trained classifier plus the entity extractors. */
import type { Understanding } from './understanding';
import { IntentClassifier } from './classifier';
import { extractDuration, readDate, warmUpRecognizers } from './dates';
import { extractFacts } from './entities';
import { matchGlobalCommand } from './commands';
import { readMessage } from './reading';
import { detectLanguage } from './language';
import { readYesNo } from './answers';

export type { Understanding } from './understanding';

export function createUnderstanding(classifier: IntentClassifier): Understanding {
  return {
    command: matchGlobalCommand,
    read: (text, lang) => readMessage(classifier, text, lang),
    language: detectLanguage,
    extractFacts,
    readDate,
    extractDuration,
    yesNo: readYesNo,
  };
}

/** Trains the classifier from locales/ and builds the recognizer models, once, at start. */
export async function loadUnderstanding(): Promise<Understanding> {
  const classifier = await IntentClassifier.train();
  warmUpRecognizers();
  return createUnderstanding(classifier);
}
