/**
 * The 14-day withdrawal period (Code de la consommation L221-18, L221-19).
 */
import { DateTime } from 'luxon';
import { CNED_FACTS } from '../facts/cned';
import { addDays, daysBetween, nextWorkingDayOnOrAfter, parisDate, parisIsoDate } from './calendar';

/** ISO dates (yyyy-mm-dd, Paris); at least one is required. */
export interface WithdrawalInput {
  registeredOn?: string;
  paidOn?: string;
}
/** One of the two dates the period may count from. */
export type WithdrawalDate = keyof WithdrawalInput;

export interface WithdrawalStatus {
  /** The later of the two dates: the source says "after registration AND payment". */
  countsFrom: string;
  /** countsFrom + 14 days (the day itself is not counted). */
  nominalLastDay: string;
  /** nominalLastDay, moved to the next working day when it is a Saturday, Sunday or public holiday. */
  lastDay: string;
  moved: boolean;
  /** now (Paris) is on or before lastDay (the whole last day counts). */
  open: boolean;
  /** Calendar days from now's Paris date to lastDay (0 on the last day); 0 when closed. */
  daysLeft: number;
  /** Calendar days after lastDay; 0 while open. */
  daysPast: number;
}

function checkedPastDate(isoDate: string, field: string, today: string): string {
  parisDate(isoDate); // throws a RangeError for a malformed date
  if (isoDate > today) {
    // A future registration or payment is a misunderstanding: the dialog asks again.
    throw new RangeError(`${field} ${isoDate} is after today (${today})`);
  }
  return isoDate;
}

/** Where the withdrawal period stands at `now`. */
export function withdrawalStatus(input: WithdrawalInput, now: DateTime): WithdrawalStatus {
  const today = parisIsoDate(now);
  const dates: string[] = [];
  if (input.registeredOn !== undefined) dates.push(checkedPastDate(input.registeredOn, 'registeredOn', today));
  if (input.paidOn !== undefined) dates.push(checkedPastDate(input.paidOn, 'paidOn', today));
  if (dates.length === 0) {
    throw new RangeError('withdrawalStatus needs registeredOn or paidOn');
  }

  // ISO dates compare lexically; the period runs from the later of registration and payment.
  const countsFrom = dates.reduce((a, b) => (a >= b ? a : b));
  const nominalLastDay = addDays(countsFrom, CNED_FACTS.law.withdrawalDays);
  // The law's working days (Reg. 1182/71): CNED's own closures do not extend a legal period.
  const lastDay = nextWorkingDayOnOrAfter(parisDate(nominalLastDay)).toISODate();
  const remaining = daysBetween(today, lastDay);
  const open = remaining >= 0;

  return {
    countsFrom,
    nominalLastDay,
    lastDay,
    moved: lastDay !== nominalLastDay,
    open,
    daysLeft: open ? remaining : 0,
    daysPast: open ? 0 : -remaining,
  };
}

/** The status, or undefined when the dates are refused (missing, malformed, or after now): the dialog asks again. */
export function withdrawalStatusIfValid(input: WithdrawalInput, now: DateTime): WithdrawalStatus | undefined {
  try {
    return withdrawalStatus(input, now);
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

/**
 * The earliest date from which the period would still be open today: "if you paid on this date or after, you can
 * still withdraw" (said when the dates are too uncertain to conclude that the period is over).
 */
export function earliestOpenStart(now: DateTime): string {
  const today = parisIsoDate(now);
  let earliest = today;
  // Fourteen days plus at most a few days of weekend and holidays: 30 days back is always enough.
  for (let back = 1; back <= 30; back += 1) {
    const start = addDays(today, -back);
    if (withdrawalStatus({ paidOn: start }, now).open) earliest = start;
  }
  return earliest;
}
