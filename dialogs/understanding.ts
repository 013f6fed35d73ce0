/** What the dialogs need from the understanding layer; passed to constructors so tests can hand in fakes. */
import type { DateTime } from 'luxon';
import type { Lang } from '../src/domain/types';
import type { Classification } from '../src/understanding/classifier';
import type { Duration, ExtractedFacts } from '../src/understanding/entities';

export type { Duration, ExtractedFacts };

export interface Understanding {
  classify(text: string, lang: Lang): Pick<Classification, 'intent' | 'score'>;
  extractFacts(text: string, lang: Lang, now: DateTime): ExtractedFacts;
  extractDate(text: string, lang: Lang, now: DateTime): string | undefined;
  extractDuration(text: string, lang: Lang): Duration | undefined;
}
