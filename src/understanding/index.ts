/** The understanding layer the dialogs use: the trained classifier plus the entity extractors. */
import type { Understanding } from '../../dialogs/understanding';
import { IntentClassifier } from './classifier';
import { extractDate, extractDuration, extractFacts, warmUpRecognizers } from './entities';
import { recognizersWarm, warmUpRecognizersInSteps } from './dates';

export function createUnderstanding(classifier: IntentClassifier): Understanding {
  return {
    classify: (text, lang) => classifier.classify(text, lang),
    extractFacts,
    extractDate,
    extractDuration,
  };
}

export interface LoadOptions {
  /**
   * 'now' (the default): the date recognizers are warmed up before this resolves (2 to 5 s of CPU).
   * 'later': they are not; the server calls warmUpUnderstanding() once it listens.
   */
  warmUp?: 'now' | 'later';
}

/** Trains the classifier from locales/ and, unless told otherwise, builds the recognizer models, once, at start. */
export async function loadUnderstanding(options: LoadOptions = {}): Promise<Understanding> {
  const classifier = await IntentClassifier.train();
  if (options.warmUp !== 'later') warmUpRecognizers();
  return createUnderstanding(classifier);
}

/**
 * Warms the date recognizers up in the background, in steps (see dates.ts), each after `beforeEachStep`
 * (default: one turn of the event loop); the same promise on every call.
 */
export function warmUpUnderstanding(beforeEachStep?: () => Promise<void>): Promise<void> {
  return warmUpRecognizersInSteps(beforeEachStep);
}

/** True once the date recognizers are warm: a message then never waits for a compilation. */
export function understandingWarm(): boolean {
  return recognizersWarm();
}
