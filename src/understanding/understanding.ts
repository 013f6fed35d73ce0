/** What the dialogs need from the understanding layer; passed to constructors so tests can hand in fakes. */
import type { DateTime } from 'luxon';
import type { ActionOutcome, Lang } from '../domain/types';
import type { DateReading, Duration } from './dates';
import type { ExtractedFacts } from './entities';
import type { GlobalCommand } from './commands';
import type { MessageReading } from './reading';
import type { YesNo } from './answers';

export type { DateReading, Duration, ExtractedFacts, GlobalCommand, MessageReading, YesNo };

export interface Understanding {
  /** A whole short message that is a command ("menu", "supprimer mes données"). */
  command(text: string): GlobalCommand | undefined;
  /** The message read as a new request. */
  read(text: string, lang: Lang): MessageReading;
  /** The language the text is written in, when long and clear enough to tell. */
  language(text: string): Lang | undefined;
  extractFacts(text: string, lang: Lang, now: DateTime): ExtractedFacts;
  readDate(text: string, lang: Lang, now: DateTime): DateReading | undefined;
  /** A waiting time; a date ("depuis le 3 octobre") counts the days since. */
  extractDuration(text: string, lang: Lang, now: DateTime): Duration | undefined;
  yesNo(text: string): YesNo | undefined;
  /** What came of a step: refused or unanswered, from the reply's words. */
  outcome(text: string): ActionOutcome | undefined;
}
