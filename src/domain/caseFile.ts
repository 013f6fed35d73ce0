/**
 * What the conversation established about one learner's case, as the documents need it (letters, case-file PDF,
 * calendar). Filled by the dialogs; holds no name, address or free text typed by the user.
 */
import type { EscalationStep, PastAction } from './types';

export type LetterKind = 'complaint' | 'directorAppeal' | 'mediator' | 'refundNotice' | 'withdrawal' | 'debitContest';
export const LETTER_KINDS: readonly LetterKind[] = ['complaint', 'directorAppeal', 'mediator', 'refundNotice', 'withdrawal', 'debitContest'];

export type DeadlineKind = 'withdrawalLastDay' | 'phoneFollowUp' | 'implicitRejection' | 'mediatorFrom' | 'refundDue';
export const DEADLINE_KINDS: readonly DeadlineKind[] = ['withdrawalLastDay', 'phoneFollowUp', 'implicitRejection', 'mediatorFrom', 'refundDue'];

export interface Deadline {
  kind: DeadlineKind;
  /** ISO yyyy-mm-dd, Europe/Paris calendar date. */
  date: string;
  /** True when computed from a sending date rather than a date of receipt (domain-facts: "Implicit rejection runs from receipt"). */
  estimate?: boolean;
}

export interface CaseFile {
  /** Route key, e.g. 'refundDelay', 'noAnswer', 'withdrawal', 'debitDispute', 'pedagogy'. */
  problem: string;
  /** ISO dates (yyyy-mm-dd, Paris). */
  registeredOn?: string;
  paidOn?: string;
  withdrawnOn?: string;
  orderNumber?: string;
  /** When the learner gave an amount (the price paid, or the sum debited or claimed). */
  amountCents?: number;
  /** What was done, when, outcome. */
  history: PastAction[];
  next?: { step: EscalationStep; from: string; availableNow: boolean };
  deadlines: Deadline[];
}
