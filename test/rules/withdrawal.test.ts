import { DateTime } from 'luxon';
import { WithdrawalInput, withdrawalStatus, withdrawalStatusIfValid } from '../../src/rules/withdrawal';

const paris = (iso: string): DateTime => DateTime.fromISO(iso, { zone: 'Europe/Paris' });
const LATER = paris('2027-06-01T10:00'); // after every period below: only the dates matter here

describe('withdrawalStatus: the last day', () => {
  test.each([
    // [countsFrom, nominalLastDay, lastDay, moved]
    ['2026-11-20', '2026-12-04', '2026-12-04', false], // domain-facts example: paid Friday 20 Nov -> Friday 4 Dec
    ['2026-11-21', '2026-12-05', '2026-12-07', true], // domain-facts example: 5 Dec is a Saturday -> Monday 7 Dec
    ['2026-11-22', '2026-12-06', '2026-12-07', true], // ends on a Sunday
    ['2026-12-17', '2026-12-31', '2026-12-31', false], // Thursday 31 Dec: not a holiday
    ['2026-12-11', '2026-12-25', '2026-12-28', true], // Christmas Friday, then the weekend -> Monday
    ['2026-12-18', '2027-01-01', '2027-01-04', true], // New Year Friday, then the weekend
    ['2026-03-23', '2026-04-06', '2026-04-07', true], // Easter Monday
    ['2026-04-17', '2026-05-01', '2026-05-04', true], // 1 May Friday, then the weekend
    ['2026-04-30', '2026-05-14', '2026-05-15', true], // Ascension Thursday (CNED bridge days would not count)
    ['2026-06-30', '2026-07-14', '2026-07-15', true], // Bastille Day Tuesday
    ['2026-03-20', '2026-04-03', '2026-04-03', false], // across the DST switch; Good Friday is no national holiday
    ['2026-02-14', '2026-02-28', '2026-03-02', true], // end of February on a Saturday
  ])('counting from %s: nominal %s, last day %s (moved %s)', (countsFrom, nominal, lastDay, moved) => {
    const status = withdrawalStatus({ paidOn: countsFrom }, LATER);
    expect(status).toMatchObject({ countsFrom, nominalLastDay: nominal, lastDay, moved });
  });
});

describe('withdrawalStatus: registration and payment', () => {
  test.each([
    [{ registeredOn: '2026-11-10', paidOn: '2026-11-20' }, '2026-11-20'], // paid after registering
    [{ registeredOn: '2026-11-21', paidOn: '2026-11-20' }, '2026-11-21'], // paid first (deposit), registered later
    [{ registeredOn: '2026-11-20', paidOn: '2026-11-20' }, '2026-11-20'],
    [{ registeredOn: '2026-11-20' }, '2026-11-20'], // only one date known
    [{ paidOn: '2026-11-21' }, '2026-11-21'],
  ] as [WithdrawalInput, string][])('%j counts from %s (the later date)', (input, countsFrom) => {
    expect(withdrawalStatus(input, LATER).countsFrom).toBe(countsFrom);
  });
});

describe('withdrawalStatus: open, daysLeft, daysPast at now', () => {
  test.each([
    // [paidOn, now (Paris), open, daysLeft, daysPast]
    ['2026-11-20', '2026-11-20T10:00', true, 14, 0], // the day of payment
    ['2026-11-20', '2026-12-01T10:00', true, 3, 0],
    ['2026-11-20', '2026-12-04T00:00', true, 0, 0], // the last day, first minute
    ['2026-11-20', '2026-12-04T23:59', true, 0, 0], // the last day, last minute
    ['2026-11-20', '2026-12-05T00:00', false, 0, 1], // the next day: closed
    ['2026-11-20', '2026-12-14T09:00', false, 0, 10],
    ['2026-11-21', '2026-12-05T12:00', true, 2, 0], // nominal Saturday: still open
    ['2026-11-21', '2026-12-07T23:59', true, 0, 0], // moved last day, last minute
    ['2026-11-21', '2026-12-08T00:00', false, 0, 1],
    ['2026-12-11', '2026-12-27T20:00', true, 1, 0],
    ['2026-12-11', '2026-12-29T08:00', false, 0, 1],
    ['2026-03-20', '2026-03-29T03:30', true, 5, 0], // DST switch day
  ])('paid %s, at %s: open %s, %i left, %i past', (paidOn, now, open, daysLeft, daysPast) => {
    expect(withdrawalStatus({ paidOn }, paris(now))).toMatchObject({ open, daysLeft, daysPast });
  });

  test.each([
    ['2026-12-04T21:59:00Z', true, 0], // 22:59 in Paris on the last day
    ['2026-12-04T23:30:00Z', false, 1], // 00:30 on 5 Dec in Paris, although still 4 Dec in UTC
  ])('now is read in Paris: %s UTC -> open %s', (utcIso, open, daysPast) => {
    const status = withdrawalStatus({ paidOn: '2026-11-20' }, DateTime.fromISO(utcIso, { zone: 'utc' }));
    expect(status.open).toBe(open);
    expect(status.daysPast).toBe(daysPast);
  });

  test('a user in Montreal on the evening of the last day is already past it in Paris', () => {
    const now = DateTime.fromISO('2026-12-04T19:00', { zone: 'America/Montreal' }); // 01:00 on 5 Dec in Paris
    expect(withdrawalStatus({ paidOn: '2026-11-20' }, now).open).toBe(false);
  });
});

describe('withdrawalStatus: invalid input', () => {
  const now = paris('2026-11-25T10:00');
  test.each([
    [{}],
    [{ paidOn: '2026-11-26' }], // tomorrow
    [{ registeredOn: '2026-11-20', paidOn: '2026-12-01' }], // one of the two in the future
    [{ registeredOn: '2027-01-01' }],
    [{ paidOn: '20/11/2026' }],
    [{ paidOn: '2026-02-30' }],
    [{ paidOn: '' }],
  ] as [WithdrawalInput][])('%j throws a RangeError', (input) => {
    expect(() => withdrawalStatus(input, now)).toThrow(RangeError);
  });

  test('today is accepted', () => {
    expect(withdrawalStatus({ paidOn: '2026-11-25' }, now)).toMatchObject({ open: true, daysLeft: 14 });
  });

  test('an invalid now is rejected', () => {
    expect(() => withdrawalStatus({ paidOn: '2026-11-20' }, DateTime.invalid('broken'))).toThrow(RangeError);
  });
});

describe('withdrawalStatusIfValid', () => {
  const now = DateTime.fromISO('2026-11-26T10:00', { zone: 'Europe/Paris' });
  test('undefined for a refused date, the status otherwise', () => {
    expect(withdrawalStatusIfValid({ registeredOn: '2026-12-01' }, now)).toBeUndefined();
    expect(withdrawalStatusIfValid({}, now)).toBeUndefined();
    expect(withdrawalStatusIfValid({ paidOn: '2026-11-20' }, now)?.lastDay).toBe('2026-12-04');
  });
});
