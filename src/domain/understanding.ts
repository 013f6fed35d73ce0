/**
 * What the dialogs need from the understanding layer, as types only: the interface src/understanding implements
 * (passed to the dialogs' constructors, so tests can hand in fakes) and the values it returns.
 */
import type { DateTime } from 'luxon';
import type { ActionOutcome, Lang, NonProblemIntent, PastAction, RouteKey } from './types';

/** A command that works at any point of a conversation (a whole short message). */
export type GlobalCommand = 'menu' | 'help' | 'restart' | 'cancel' | 'person' | 'deleteData';

/** Yes, no or "I don't know", in their many written forms. */
export type YesNo = 'yes' | 'no' | 'unknown';

/** A waiting time ("3 semaines", "since March"). */
export interface Duration {
  amount: number;
  unit: 'day' | 'week' | 'month' | 'year';
  /** Approximate total in days (week = 7, month = 30, year = 365). */
  days: number;
}

/** A date read from a reply, and whether part of it was guessed (the month of "le 20"). */
export interface DateReading {
  iso: string;
  inferred: boolean;
  /**
   * The day itself is a guess ("fin octobre", "en juillet", "il y a quelques jours"): good enough to date a step, never
   * to give a last day, early or late.
   */
  approximate?: boolean;
}

/**
 * What a user's message already says: dates of registration and payment, how long they have waited, an order
 * number, whether they are registered, whether the refund follows a withdrawal, and what they already did.
 */
export interface ExtractedFacts {
  registeredOn?: string;
  paidOn?: string;
  /** A past date mentioned without saying what it is. */
  date?: string;
  waiting?: Duration;
  orderNumber?: string;
  registered?: boolean;
  afterWithdrawal?: boolean;
  /** What they already did to reach CNED, in the order told. */
  history: PastAction[];
  /**
   * The message only names a step, in a few words with no verb, outcome or date ("médiateur", "recours au DG"): as a
   * first message it is the topic, not a step taken; as the answer to "what did you do?" ("un appel") it is the step.
   */
  namedOnly?: boolean;
  /** An amount of money the message gives ("450 €", "1 200,50 euros"), in euro cents. */
  amountCents?: number;
  /** "Le même jour", "the same day", said without any date: the step asked about happened on the day of the other. */
  sameDay?: boolean;
  /** Dates above whose month or year was guessed ("le 20", or a day and month long ago): confirm before concluding. */
  inferred?: Array<'registeredOn' | 'paidOn' | 'date'>;
}

/**
 * One reading of a message as a new request: a problem (how sure, the candidates when not, the other problems the
 * message names), something that is no CNED problem, or unclear.
 */
export type MessageReading =
  | {
      kind: 'problem';
      route: RouteKey;
      /** Sure enough to restate the problem; otherwise ask to confirm among `candidates`. */
      sure: boolean;
      candidates: RouteKey[];
      /** Other problems the message also names, in the order they appear. */
      others: RouteKey[];
    }
  | { kind: 'nonProblem'; intent: NonProblemIntent }
  | { kind: 'unclear'; candidates: RouteKey[] };
/** The understanding layer as the dialogs use it (src/understanding/index.ts builds it). */
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
