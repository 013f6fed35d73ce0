/**
 * Typed access to what a dialog step reads: the options it was begun with, the previous step's result and the
 * values its waterfall keeps between steps. The SDK types them `any` or `object`, and they come back from the
 * store as JSON (maybe written by an older version): each is checked here at run time by a guard, so a dialog
 * never reads step data through a cast. A stored state of the wrong shape fails loudly (the turn's error path
 * apologises and resets the conversation) instead of flowing on with the wrong type.
 *
 * The guards are small combinators over isRecord (src/shared.ts); the domain's own guards (route keys, past
 * actions, case files) are reused, not copied.
 */
import type { WaterfallStepContext } from 'botbuilder-dialogs';
import { isRecord } from '../src/shared';
import { ACTION_KINDS, isRouteKey } from '../src/domain/types';
import type { PastAction, RouteKey } from '../src/domain/types';
import { LETTER_KINDS } from '../src/domain/caseFile';
import type { LetterKind } from '../src/domain/caseFile';
import { isCaseFile, isPastAction } from '../src/documents/links';
import { isIsoDate } from '../src/documents/format';
import type { ExtractedFacts } from '../src/domain/understanding';
import type { DateReading, Duration } from '../src/domain/understanding';
import type { DateAnswer, LaterDates } from './prompts/interpreters';
import type { WithdrawalDate, WithdrawalInput } from '../src/rules/withdrawal';

/** A run-time check that narrows `unknown` to T. */
export type Guard<T> = (value: unknown) => value is T;

export const isString: Guard<string> = (value): value is string => typeof value === 'string';
export const isBoolean: Guard<boolean> = (value): value is boolean => typeof value === 'boolean';
export const isNumber: Guard<number> = (value): value is number => typeof value === 'number' && Number.isFinite(value);

/** One of a fixed list of strings. */
export function oneOf<const T extends string>(values: readonly T[]): Guard<T> {
  return (value): value is T => values.some((allowed) => allowed === value);
}

export function optional<T>(guard: Guard<T>): Guard<T | undefined> {
  return (value): value is T | undefined => value === undefined || guard(value);
}

export function arrayOf<T>(guard: Guard<T>): Guard<T[]> {
  return (value): value is T[] => Array.isArray(value) && value.every((item: unknown) => guard(item));
}

export function either<A, B>(first: Guard<A>, second: Guard<B>): Guard<A | B> {
  return (value): value is A | B => first(value) || second(value);
}

/** An object whose listed fields each pass their guard (other fields are allowed and ignored). */
export function fields<T extends object>(checks: { [K in keyof T]-?: Guard<T[K]> }): Guard<T> {
  const entries: [string, Guard<unknown>][] = Object.entries<Guard<unknown>>(checks);
  return (value): value is T => isRecord(value) && entries.every(([key, check]) => check(value[key]));
}

// ---------------------------------------------------------------------------
// Guards for what dialogs keep and hand over.

export const isRoute: Guard<RouteKey> = isRouteKey;
export const isLetterKind: Guard<LetterKind> = oneOf(LETTER_KINDS);
export const isActionKind = oneOf(ACTION_KINDS);
export { isCaseFile, isPastAction };

/** A real calendar date written yyyy-mm-dd. */
export const isIsoDateString: Guard<string> = isIsoDate;

export const isDuration: Guard<Duration> = fields<Duration>({
  amount: isNumber,
  unit: oneOf(['day', 'week', 'month', 'year']),
  days: isNumber,
});

export const isDateReading: Guard<DateReading> = fields<DateReading>({ iso: isIsoDateString, inferred: isBoolean, approximate: optional(isBoolean) });

/** What a message stated (src/understanding/entities.ts), as handed to a route and kept while a reading is confirmed. */
export const isExtractedFacts: Guard<ExtractedFacts> = fields<ExtractedFacts>({
  registeredOn: optional(isIsoDateString),
  paidOn: optional(isIsoDateString),
  date: optional(isIsoDateString),
  waiting: optional(isDuration),
  orderNumber: optional(isString),
  registered: optional(isBoolean),
  sameDay: optional(isBoolean),
  afterWithdrawal: optional(isBoolean),
  history: arrayOf(isPastAction),
  namedOnly: optional(isBoolean),
  amountCents: optional(isNumber),
  inferred: optional(arrayOf(oneOf(['registeredOn', 'paidOn', 'date']))),
});

export const isPastActions: Guard<PastAction[]> = arrayOf(isPastAction);

// ---------------------------------------------------------------------------
// Accessors.

/** Step data of an unexpected shape: a programming error or a state stored by an incompatible version. */
export class StepStateError extends TypeError {
  constructor(what: 'options' | 'result' | 'values') {
    // Never the content: it may hold what the user said.
    super(`step ${what} of an unexpected shape`);
    this.name = 'StepStateError';
  }
}

/**
 * The values the waterfall keeps between its steps, as the dialog's typed record. It is the stored object itself:
 * what a step sets on it is there for the next steps. The guard must accept the empty record of a first step.
 */
export function valuesOf<T extends object>(step: WaterfallStepContext, guard: Guard<T>): T {
  const values: unknown = step.values;
  if (!guard(values)) throw new StepStateError('values');
  return values;
}

/** The options the dialog was begun with ({} when none), typed; the stored object itself. */
export function optionsOf<T extends object>(step: WaterfallStepContext, guard: Guard<T>): T {
  const options: unknown = step.options ?? {};
  if (!guard(options)) throw new StepStateError('options');
  return options;
}

/** The previous step's result when it has the expected shape, else undefined (a step may be reached several ways). */
export function resultOf<T>(step: WaterfallStepContext, guard: Guard<T>): T | undefined {
  const result: unknown = step.result;
  return guard(result) ? result : undefined;
}

/**
 * The answer to the question the previous step asked (an AskDialog's `{ kind: 'answer', value }`), when it has
 * the type the question's interpreter gives; undefined otherwise (no question was asked, or the step was skipped).
 */
export function answerOf<T>(step: WaterfallStepContext, guard: Guard<T>): T | undefined {
  const result: unknown = step.result;
  if (!isRecord(result) || result.kind !== 'answer') return undefined;
  const value = result.value;
  return guard(value) ? value : undefined;
}

// The answers of each kind of question (dialogs/prompts/interpreters.ts).

/** A button's value (pickedChoice, buttonOnly). */
export const isChoice: Guard<string> = isString;
export const isWithdrawalDate: Guard<WithdrawalDate> = oneOf(['paidOn', 'registeredOn']);
export const isWithdrawalInput: Guard<WithdrawalInput> = fields<WithdrawalInput>({ registeredOn: optional(isIsoDateString), paidOn: optional(isIsoDateString) });
export const isLaterDates: Guard<LaterDates> = fields<LaterDates>({
  kind: oneOf(['dates']),
  registeredOn: optional(isIsoDateString),
  paidOn: optional(isIsoDateString),
  date: optional(isIsoDateString),
  inferred: isBoolean,
  sameDay: optional(isBoolean),
});
export const isDateAnswer: Guard<DateAnswer> = either(isDateReading, oneOf(['unknown', 'sameDay']));
export const isWaitingAnswer: Guard<number | 'unknown'> = either(isNumber, oneOf(['unknown']));
export const isHistoryAnswer: Guard<PastAction[] | 'none'> = either(isPastActions, oneOf(['none']));
