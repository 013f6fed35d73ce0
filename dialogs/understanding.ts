/** What the dialogs need from the understanding layer; passed to constructors so tests can hand in fakes. */
import type { DateTime } from 'luxon';
import type { Intent, Lang, PastAction } from '../src/domain/types';

export interface Classification {
  intent: Intent | null;
  score: number;
}

export interface Duration {
  amount: number;
  unit: 'day' | 'week' | 'month' | 'year';
  days: number;
}

export interface ExtractedFacts {
  registeredOn?: string;
  paidOn?: string;
  date?: string;
  waiting?: Duration;
  orderNumber?: string;
  registered?: boolean;
  afterWithdrawal?: boolean;
  history: PastAction[];
}

export interface Understanding {
  classify(text: string, lang: Lang): Classification;
  extractFacts(text: string, lang: Lang, now: DateTime): ExtractedFacts;
  extractDate(text: string, lang: Lang, now: DateTime): string | undefined;
  extractDuration(text: string, lang: Lang): Duration | undefined;
}

export const NO_FACTS: ExtractedFacts = { history: [] };
