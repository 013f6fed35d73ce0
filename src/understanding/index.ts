/** The understanding layer the dialogs use: the trained classifier plus the entity extractors. */
import type { Understanding } from '../domain/understanding';
import { IntentClassifier } from './classifier';
import { extractDuration, readDate, recognizersWarm, warmUpRecognizers, warmUpRecognizersInSteps } from './dates';
import { extractFacts } from './entities';
import { matchGlobalCommand } from './commands';
import { readMessage } from './reading';
import { detectLanguage } from './language';
import { readYesNo } from './answers';
import { readOutcome } from './story';
import { LoadedClassifier, loadClassifier } from './modelFile';
import { foldText } from './dates';

export type { Understanding } from '../domain/understanding';

export function createUnderstanding(classifier: IntentClassifier): Understanding {
  return {
    command: matchGlobalCommand,
    read: (text, lang) => readMessage(classifier, text, lang),
    language: detectLanguage,
    extractFacts,
    readDate,
    extractDuration,
    yesNo: readYesNo,
    outcome: (text) => readOutcome(foldText(text)),
  };
}

export interface LoadOptions {
  /**
   * 'now' (the default): the date recognizers are warmed up before this resolves (2 to 5 s of CPU).
   * 'later': they are not; the server calls warmUpUnderstanding() once it listens.
   */
  warmUp?: 'now' | 'later';
  /** A folder with the build's saved models (dist/models): used when they match the corpora, else the classifier is trained. */
  models?: string;
  /** Told whether the classifier came from the saved models or was trained. */
  onClassifier?: (from: LoadedClassifier['from']) => void;
}

/**
 * Loads the classifier (the build's saved models, or trained from locales/) and, unless told otherwise, builds the
 * recognizer models, once, at start.
 */
export async function loadUnderstanding(options: LoadOptions = {}): Promise<Understanding> {
  const { classifier, from } = await loadClassifier(options.models);
  options.onClassifier?.(from);
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
