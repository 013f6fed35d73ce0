/**
 * Refund after a withdrawal: due within 14 days (Code de la consommation L221-24),
 * increased by law when late (L242-4).
 */
import { DateTime } from 'luxon';
import { CNED_FACTS } from '../facts/cned';
import { addDays, daysBetween, parisDate, parisIsoDate } from './calendar';

export type LateRefundIncrease = { kind: 'none' } | { kind: 'legalInterest' } | { kind: 'percent'; percent: number };

export interface RefundStatus {
  /** withdrawnOn + 14 days: the last day the refund is on time. */
  dueBy: string;
  /** Calendar days after dueBy (0 when not late). */
  daysLate: number;
  increase: LateRefundIncrease;
}

/** Percent bands of L242-4 up to 90 days late, each band including its upper bound. */
const BANDS: readonly { upToDays: number; increase: LateRefundIncrease }[] = [
  { upToDays: 0, increase: { kind: 'none' } },
  { upToDays: 10, increase: { kind: 'legalInterest' } },
  { upToDays: 20, increase: { kind: 'percent', percent: 5 } },
  { upToDays: 30, increase: { kind: 'percent', percent: 10 } },
  { upToDays: 60, increase: { kind: 'percent', percent: 20 } },
  { upToDays: 90, increase: { kind: 'percent', percent: 50 } },
];
const AFTER_BANDS = { fromPercent: 50, pointsPerMonth: 5, monthDays: 30, capPercent: 100 } as const;

/**
 * The increase for a delay of `daysLate` days.
 * Boundaries: each band includes its upper bound ("au plus tard dix jours" = 1..10 days: legal interest;
 * 11..20: 5 %; 21..30: 10 %; 31..60: 20 %; 61..90: 50 %); beyond 90 days every started 30-day month
 * adds 5 points (91..120: 55 %, 121..150: 60 %, ...), capped at 100 % (the price) from day 361.
 */
export function lateRefundIncrease(daysLate: number): LateRefundIncrease {
  if (!Number.isInteger(daysLate) || daysLate < 0) {
    throw new RangeError(`daysLate must be a non-negative integer, got ${daysLate}`);
  }
  const band = BANDS.find((b) => daysLate <= b.upToDays);
  if (band) {
    return { ...band.increase }; // a copy: the table must not be mutated through a result
  }
  const lastBandEnd = BANDS[BANDS.length - 1].upToDays;
  const startedMonths = Math.ceil((daysLate - lastBandEnd) / AFTER_BANDS.monthDays);
  const percent = Math.min(AFTER_BANDS.capPercent, AFTER_BANDS.fromPercent + AFTER_BANDS.pointsPerMonth * startedMonths);
  // The law adds legal interest once the price is reached; the type has no room for both, the dialog says it.
  return { kind: 'percent', percent };
}

/** Where a refund stands at `now`, for a withdrawal sent on `withdrawnOn` (yyyy-mm-dd). */
export function refundAfterWithdrawal(withdrawnOn: string, now: DateTime): RefundStatus {
  parisDate(withdrawnOn); // throws a RangeError for a malformed date
  const today = parisIsoDate(now);
  if (withdrawnOn > today) {
    throw new RangeError(`withdrawnOn ${withdrawnOn} is after today (${today})`);
  }
  // No weekend shift: L221-24 sets a plain 14-day limit counted from the day CNED learns of the withdrawal.
  const dueBy = addDays(withdrawnOn, CNED_FACTS.law.refundAfterWithdrawalDays);
  const daysLate = Math.max(0, daysBetween(dueBy, today));
  return { dueBy, daysLate, increase: lateRefundIncrease(daysLate) };
}
