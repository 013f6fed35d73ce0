import { DateTime } from 'luxon';
import { addDays } from '../../src/rules/calendar';
import { LateRefundIncrease, lateRefundIncrease, refundAfterWithdrawal } from '../../src/rules/refund';

const paris = (iso: string): DateTime => DateTime.fromISO(iso, { zone: 'Europe/Paris' });
const pct = (percent: number): LateRefundIncrease => ({ kind: 'percent', percent });

// Each band includes its upper bound; beyond 90 days each started 30-day month adds 5 points, capped at 100.
const BOUNDARIES: [number, LateRefundIncrease][] = [
  [0, { kind: 'none' }],
  [1, { kind: 'legalInterest' }],
  [10, { kind: 'legalInterest' }],
  [11, pct(5)],
  [20, pct(5)],
  [21, pct(10)],
  [30, pct(10)],
  [31, pct(20)],
  [60, pct(20)],
  [61, pct(50)],
  [90, pct(50)],
  [91, pct(55)],
  [120, pct(55)],
  [121, pct(60)],
  [150, pct(60)],
  [151, pct(65)],
  [330, pct(90)],
  [331, pct(95)],
  [360, pct(95)],
  [361, pct(100)],
  [1000, pct(100)],
];

describe('lateRefundIncrease (L242-4)', () => {
  test.each(BOUNDARIES)('%i days late -> %j', (daysLate, expected) => {
    expect(lateRefundIncrease(daysLate)).toEqual(expected);
  });

  test.each([-1, 1.5, Number.NaN])('rejects %p', (daysLate) => {
    expect(() => lateRefundIncrease(daysLate)).toThrow(RangeError);
  });

  test('results are copies: mutating one does not change the next', () => {
    const first = lateRefundIncrease(15);
    if (first.kind === 'percent') first.percent = 99;
    expect(lateRefundIncrease(15)).toEqual(pct(5));
  });
});

describe('refundAfterWithdrawal', () => {
  const withdrawnOn = '2026-11-02';
  const dueBy = '2026-11-16';

  test.each(BOUNDARIES)('%i days after the due date -> that many days late, %j', (daysLate, increase) => {
    const now = paris(`${addDays(dueBy, daysLate)}T12:00`);
    expect(refundAfterWithdrawal(withdrawnOn, now)).toEqual({ dueBy, daysLate, increase });
  });

  test.each([
    ['2026-11-02T09:00', 0], // the day of the withdrawal
    ['2026-11-16T23:59', 0], // last minute of the due date: still on time
    ['2026-11-17T00:00', 1], // first minute after it
  ])('at %s: %i days late', (iso, daysLate) => {
    expect(refundAfterWithdrawal(withdrawnOn, paris(iso)).daysLate).toBe(daysLate);
  });

  test('no weekend shift: due 14 days later even on a Saturday', () => {
    expect(refundAfterWithdrawal('2026-11-21', paris('2026-12-07T10:00'))).toEqual({
      dueBy: '2026-12-05',
      daysLate: 2,
      increase: { kind: 'legalInterest' },
    });
  });

  test('across the DST switch the count is in calendar days', () => {
    expect(refundAfterWithdrawal('2026-03-20', paris('2026-04-03T23:59')).daysLate).toBe(0);
    expect(refundAfterWithdrawal('2026-03-10', paris('2026-03-30T00:30')).daysLate).toBe(6);
  });

  test('"4 mois que j\'attends un remboursement" (seed): withdrawn 4 months ago -> 55 %', () => {
    expect(refundAfterWithdrawal('2026-07-25', paris('2026-11-25T10:00'))).toEqual({
      dueBy: '2026-08-08',
      daysLate: 109,
      increase: pct(55),
    });
  });

  test('now is read in Paris', () => {
    const utc = DateTime.fromISO('2026-11-16T23:30:00Z', { zone: 'utc' }); // 17 Nov 00:30 in Paris
    expect(refundAfterWithdrawal(withdrawnOn, utc).daysLate).toBe(1);
  });

  test.each(['2026-11-26', '02/11/2026', '2026-13-01', ''])('withdrawnOn %p is rejected (future or malformed)', (iso) => {
    expect(() => refundAfterWithdrawal(iso, paris('2026-11-25T10:00'))).toThrow(RangeError);
  });
});
