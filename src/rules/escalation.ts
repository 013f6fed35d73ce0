/**
 * The escalation ladder (domain-facts.md): given what the user already did and when,
 * which step comes next and from which date.
 * contact -> phoneFollowUp (21 days) -> registeredLetter -> directorAppeal -> mediator
 * (mediator only after a formal written request was refused or left unanswered 2 months: CRPA L231-4).
 */
import { DateTime } from 'luxon';
import { CNED_FACTS } from '../facts/cned';
import { EscalationStep, PastAction } from '../domain/types';
import { addDays, addMonths, nextWorkingDayOnOrAfter, parisDate, parisIsoDate } from './calendar';

export type EscalationReason =
  | 'nothingYet'
  | 'waitForAnswer'
  | 'followUpDue'
  | 'contactUnanswered'
  | 'writtenRefused'
  | 'writtenPending'
  | 'implicitRejection'
  | 'mediatorInProgress';

export interface EscalationAdvice {
  /** The step to take next. */
  next: EscalationStep;
  /** ISO date from which it applies (today when available now; also today, with availableNow false, when the date is unknown). */
  from: string;
  availableNow: boolean;
  reason: EscalationReason;
  /** When the latest unanswered formal written request becomes an implicit rejection (+2 months, CRPA L231-4). */
  implicitRejectionOn?: string;
  /** When the mediator can be asked (today if already), if known. */
  mediatorFrom?: string;
  /**
   * The 2 months run from CNED's receipt (CRPA L231-4). When only the sending date is known, receipt is estimated
   * at 2 working days after sending, and the dates above are estimates (the acknowledgement of receipt has the real one).
   */
  estimatedFromSending?: boolean;
}

type Extras = Pick<EscalationAdvice, 'implicitRejectionOn' | 'mediatorFrom' | 'estimatedFromSending'>;

/** Working days a letter takes to arrive, for the estimate when only the sending date is known. */
export const ESTIMATED_DELIVERY_WORKING_DAYS = 2;

/** The date CNED received a written request: the acknowledgement's date, else sending + 2 working days (an estimate). */
export function receiptDate(action: PastAction): { on: string; estimated: boolean } | undefined {
  if (action.receivedOn !== undefined) return { on: action.receivedOn, estimated: false };
  if (action.on === undefined) return undefined;
  let day = parisDate(action.on);
  for (let i = 0; i < ESTIMATED_DELIVERY_WORKING_DAYS; i += 1) day = nextWorkingDayOnOrAfter(day.plus({ days: 1 }));
  return { on: day.toISODate(), estimated: true };
}

function isWritten(action: PastAction): boolean {
  return action.kind === 'registeredLetter' || action.kind === 'directorAppeal';
}

function isContact(action: PastAction): boolean {
  return action.kind === 'form' || action.kind === 'email' || action.kind === 'phone';
}

function checkDates(history: readonly PastAction[], today: string): void {
  for (const action of history) {
    if (action.on === undefined) continue;
    parisDate(action.on); // throws a RangeError for a malformed date
    if (action.receivedOn !== undefined) parisDate(action.receivedOn);
    if (action.on > today) {
      // An action in the future is a misunderstanding: the dialog asks again.
      throw new RangeError(`${action.kind} dated ${action.on} is after today (${today})`);
    }
  }
}

/** History is taken in the order given; when every action is dated, by date instead (stable for equal dates). */
function chronological(actions: readonly PastAction[]): PastAction[] {
  const copy = [...actions];
  if (copy.every((a) => a.on !== undefined)) {
    copy.sort((a, b) => ((a.on ?? '') < (b.on ?? '') ? -1 : (a.on ?? '') > (b.on ?? '') ? 1 : 0));
  }
  return copy;
}

function earliest(dates: readonly string[]): string | undefined {
  return dates.length === 0 ? undefined : dates.reduce((a, b) => (a <= b ? a : b));
}

function latest(dates: readonly string[]): string | undefined {
  return dates.length === 0 ? undefined : dates.reduce((a, b) => (a >= b ? a : b));
}

/** Steps 4 and 5: at least one registered letter or appeal to the Director General exists. */
function afterWrittenRequest(written: readonly PastAction[], today: string): EscalationAdvice {
  const refused = written.some((a) => a.outcome === 'refused');
  // 'unknown' counts as unanswered: silence is what makes the implicit rejection; a refusal the user would tell.
  const receipts = written.flatMap((a) => {
    const receipt = a.outcome !== 'refused' ? receiptDate(a) : undefined;
    return receipt ? [receipt] : [];
  });
  const rejectionDates = receipts.map((r) => addMonths(r.on, CNED_FACTS.law.implicitRejectionMonths));
  // Acquired on the day two months after receipt (received 15 Jan -> rejected 15 Mar), inclusive.
  const firstRejection = earliest(rejectionDates);
  const implicitlyRejected = firstRejection !== undefined && firstRejection <= today;
  const extras: Extras = {
    implicitRejectionOn: latest(rejectionDates),
    mediatorFrom: refused || implicitlyRejected ? today : firstRejection,
  };
  if (receipts.some((r) => r.estimated)) extras.estimatedFromSending = true;
  const hasAppeal = written.some((a) => a.kind === 'directorAppeal');
  const now = (next: EscalationStep, reason: EscalationReason): EscalationAdvice => ({
    next,
    from: today,
    availableNow: true,
    reason,
    ...extras,
  });

  // A refusal, written or implicit (2 months of silence), opens the mediator; the ladder still offers the appeal
  // to the Director General first when there has been none.
  if (refused) return now(hasAppeal ? 'mediator' : 'directorAppeal', 'writtenRefused');
  if (implicitlyRejected) return now(hasAppeal ? 'mediator' : 'directorAppeal', 'implicitRejection');
  const next: EscalationStep = hasAppeal ? 'mediator' : 'directorAppeal';
  if (firstRejection !== undefined) {
    return { next, from: firstRejection, availableNow: false, reason: 'writtenPending', ...extras };
  }
  // Undated: long enough ago to appeal, but the mediator needs a dated implicit rejection (date unknown: from = today).
  return hasAppeal
    ? { next: 'mediator', from: today, availableNow: false, reason: 'writtenPending', ...extras }
    : now('directorAppeal', 'writtenPending');
}

/** Steps 1 to 3: only contact forms and phone calls so far. */
function afterContacts(contacts: readonly PastAction[], today: string): EscalationAdvice {
  const now = (next: EscalationStep, reason: EscalationReason): EscalationAdvice => ({
    next,
    from: today,
    availableNow: true,
    reason,
  });
  if (contacts.length === 0) {
    return now('contact', 'nothingYet');
  }
  if (contacts.some((a) => a.outcome === 'refused')) {
    return now('registeredLetter', 'contactUnanswered');
  }
  const ordered = chronological(contacts);
  const [only] = ordered;
  if (ordered.length === 1 && only.kind === 'phone' && only.outcome === 'unknown' && only.on === undefined) {
    // A single undated call that settled nothing: the phone was tried, go to writing.
    return now('registeredLetter', 'contactUnanswered');
  }
  // The 21 days run from the first form (a call before it usually just pointed to the form), else the first call.
  const firstForm = ordered.findIndex((a) => a.kind === 'form' || a.kind === 'email');
  const anchorIndex = firstForm >= 0 ? firstForm : 0;
  const anchor = ordered[anchorIndex];
  if (anchor.on !== undefined) {
    const followUpFrom = addDays(anchor.on, CNED_FACTS.law.phoneFollowUpAfterDays);
    if (followUpFrom > today) {
      return { next: 'phoneFollowUp', from: followUpFrom, availableNow: false, reason: 'waitForAnswer' };
    }
  }
  const followedUp = ordered.slice(anchorIndex + 1).some((a) => a.kind === 'phone');
  return followedUp ? now('registeredLetter', 'contactUnanswered') : now('phoneFollowUp', 'followUpDue');
}

/** The next step of the ladder for this history, at `now` (dates are Paris calendar dates). */
export function nextEscalationStep(history: readonly PastAction[], now: DateTime): EscalationAdvice {
  const today = parisIsoDate(now);
  checkDates(history, today);
  if (history.some((a) => a.kind === 'mediator')) {
    return { next: 'mediator', from: today, availableNow: true, reason: 'mediatorInProgress', mediatorFrom: today };
  }
  const written = history.filter(isWritten);
  if (written.length > 0) {
    return afterWrittenRequest(written, today);
  }
  return afterContacts(history.filter(isContact), today);
}
