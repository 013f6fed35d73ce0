import { DateTime } from 'luxon';
import {
  PARIS_ZONE,
  addDays,
  addMonths,
  daysBetween,
  daysSince,
  easterSunday,
  isWorkingDay,
  nextWorkingDayOnOrAfter,
  parisDate,
  parisIsoDate,
  parisDaysAgo,
  publicHolidayOn,
  publicHolidays,
  toParis,
} from '../../src/rules/calendar';

const paris = (iso: string): DateTime => DateTime.fromISO(iso, { zone: PARIS_ZONE });

describe('easterSunday', () => {
  test.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2028, '2028-04-16'],
    [2029, '2029-04-01'],
    [2030, '2030-04-21'],
    // Extremes of the Gregorian range: earliest (22 March) and latest (25 April) possible dates.
    [1818, '1818-03-22'],
    [2285, '2285-03-22'],
    [1943, '1943-04-25'],
    [2038, '2038-04-25'],
    [2000, '2000-04-23'],
  ])('Easter %i is %s', (year, expected) => {
    const { month, day } = easterSunday(year);
    expect(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`).toBe(expected);
  });

  test.each([1582, 2026.5, Number.NaN])('rejects %p (not a Gregorian year)', (year) => {
    expect(() => easterSunday(year)).toThrow(RangeError);
  });
});

describe('publicHolidays', () => {
  test('2026: the 11 holidays of L3133-1, sorted', () => {
    expect(publicHolidays(2026)).toEqual([
      { date: '2026-01-01', key: 'newYear' },
      { date: '2026-04-06', key: 'easterMonday' },
      { date: '2026-05-01', key: 'labourDay' },
      { date: '2026-05-08', key: 'victoryInEurope' },
      { date: '2026-05-14', key: 'ascension' },
      { date: '2026-05-25', key: 'whitMonday' },
      { date: '2026-07-14', key: 'bastilleDay' },
      { date: '2026-08-15', key: 'assumption' },
      { date: '2026-11-01', key: 'allSaints' },
      { date: '2026-11-11', key: 'armistice' },
      { date: '2026-12-25', key: 'christmas' },
    ]);
  });

  test.each([2024, 2025, 2027, 2028, 2029, 2030, 2008])('%i has 11 sorted entries', (year) => {
    const list = publicHolidays(year);
    expect(list).toHaveLength(11);
    expect(list.map((h) => h.date)).toEqual([...list.map((h) => h.date)].sort());
    expect(new Set(list.map((h) => h.key)).size).toBe(11);
  });

  test.each([
    [2027, 'easterMonday', '2027-03-29'],
    [2027, 'ascension', '2027-05-06'],
    [2027, 'whitMonday', '2027-05-17'],
    [2024, 'ascension', '2024-05-09'],
    [2025, 'whitMonday', '2025-06-09'],
  ] as const)('%i %s is %s', (year, key, date) => {
    expect(publicHolidays(year).find((h) => h.key === key)?.date).toBe(date);
  });

  test('the cache cannot be corrupted through a returned list', () => {
    const list = publicHolidays(2026);
    list[0].date = '1999-01-01';
    list.pop();
    expect(publicHolidays(2026)[0]).toEqual({ date: '2026-01-01', key: 'newYear' });
    expect(publicHolidays(2026)).toHaveLength(11);
  });

  test('2008: Ascension fell on 1 May; both are listed, the day is named labourDay', () => {
    const onFirstMay = publicHolidays(2008).filter((h) => h.date === '2008-05-01');
    expect(onFirstMay.map((h) => h.key)).toEqual(['labourDay', 'ascension']);
    expect(publicHolidayOn(paris('2008-05-01T12:00'))).toBe('labourDay');
  });
});

describe('publicHolidayOn', () => {
  test.each([
    ['2026-01-01T00:00', 'newYear'],
    ['2026-04-06T10:00', 'easterMonday'],
    ['2027-03-29T10:00', 'easterMonday'],
    ['2026-05-01T10:00', 'labourDay'],
    ['2026-05-08T10:00', 'victoryInEurope'],
    ['2026-05-14T10:00', 'ascension'],
    ['2026-05-25T10:00', 'whitMonday'],
    ['2026-07-14T23:59', 'bastilleDay'],
    ['2026-08-15T10:00', 'assumption'],
    ['2026-11-01T10:00', 'allSaints'],
    ['2026-11-11T10:00', 'armistice'],
    ['2026-12-25T10:00', 'christmas'],
    ['2026-04-05T10:00', undefined], // Easter Sunday itself is not in L3133-1
    ['2026-12-26T10:00', undefined], // Saint Stephen: Alsace-Moselle only
    ['2026-07-13T10:00', undefined],
  ])('%s Paris -> %s', (iso, expected) => {
    expect(publicHolidayOn(paris(iso))).toBe(expected);
  });

  test.each([
    ['2026-07-13T22:30:00Z', 'bastilleDay'], // 00:30 on 14 July in Paris (UTC+2)
    ['2026-07-14T22:30:00Z', undefined], // 00:30 on 15 July in Paris
    ['2026-12-31T23:30:00Z', 'newYear'], // 00:30 on 1 January in Paris (UTC+1)
  ])('an instant given in UTC (%s) is read as a Paris day -> %s', (iso, expected) => {
    expect(publicHolidayOn(DateTime.fromISO(iso, { zone: 'utc' }))).toBe(expected);
  });
});

describe('isWorkingDay', () => {
  test.each([
    ['2026-07-13T10:00', [], true], // Monday
    ['2026-07-14T10:00', [], false], // Bastille Day
    ['2026-07-17T10:00', [], true], // Friday
    ['2026-07-18T10:00', [], false], // Saturday
    ['2026-07-19T10:00', [], false], // Sunday
    ['2026-05-15T10:00', ['2026-05-15'], false], // bridge day after Ascension
    ['2026-05-15T10:00', ['2026-05-16'], true],
  ] as const)('%s with closures %j -> %s', (iso, closures, expected) => {
    expect(isWorkingDay(paris(iso), closures)).toBe(expected);
  });
});

describe('nextWorkingDayOnOrAfter', () => {
  test.each([
    ['2026-07-13T15:00', [], '2026-07-13'], // a working day is its own answer
    ['2026-07-14T15:00', [], '2026-07-15'],
    ['2026-07-18T15:00', [], '2026-07-20'], // Saturday -> Monday
    ['2026-12-25T15:00', [], '2026-12-28'], // Christmas Friday -> Monday
    ['2026-05-14T15:00', ['2026-05-15'], '2026-05-18'], // Ascension + bridge -> Monday
    ['2026-12-31T23:59', [], '2026-12-31'],
    ['2027-03-27T12:00', [], '2027-03-30'], // Saturday before Easter Monday -> Tuesday
  ] as const)('%s (closures %j) -> %s', (iso, closures, expected) => {
    const result = nextWorkingDayOnOrAfter(paris(iso), closures);
    expect(result.toISODate()).toBe(expected);
    expect(result.zoneName).toBe(PARIS_ZONE);
    expect(result.toFormat('HH:mm:ss.SSS')).toBe('00:00:00.000');
  });

  test('the day is taken in Paris even when the instant is given in another zone', () => {
    // Friday 23:30 in New York is already Saturday in Paris.
    const friday = DateTime.fromISO('2026-07-17T23:30', { zone: 'America/New_York' });
    expect(nextWorkingDayOnOrAfter(friday).toISODate()).toBe('2026-07-20');
  });
});

describe('helpers', () => {
  test('toParis keeps the instant and changes the zone', () => {
    const utc = DateTime.fromISO('2026-03-29T01:30:00Z', { zone: 'utc' });
    const result = toParis(utc);
    expect(result.zoneName).toBe(PARIS_ZONE);
    expect(result.toMillis()).toBe(utc.toMillis());
    expect(result.toISO()).toBe('2026-03-29T03:30:00.000+02:00'); // just after the spring switch
  });

  test('toParis rejects an invalid DateTime', () => {
    expect(() => toParis(DateTime.invalid('broken'))).toThrow(RangeError);
  });

  test.each(['2026-03-29', '2026-10-25', '2026-07-14'])('parisDate(%s) is midnight in Paris', (iso) => {
    const day = parisDate(iso);
    expect(day.zoneName).toBe(PARIS_ZONE);
    expect(day.toISODate()).toBe(iso);
    expect(day.toFormat('HH:mm')).toBe('00:00');
  });

  test.each(['2026-02-30', '2026-7-14', '14/07/2026', '2026-07-14T10:00', ''])('parisDate rejects %p', (iso) => {
    expect(() => parisDate(iso)).toThrow(RangeError);
  });

  test('parisIsoDate gives the Paris calendar date of an instant', () => {
    expect(parisIsoDate(DateTime.fromISO('2026-07-13T22:30:00Z', { zone: 'utc' }))).toBe('2026-07-14');
  });

  test.each([
    ['2026-03-28', 1, '2026-03-29'],
    ['2026-03-29', 1, '2026-03-30'],
    ['2026-10-25', 1, '2026-10-26'],
    ['2026-11-20', 14, '2026-12-04'],
    ['2026-12-31', 1, '2027-01-01'],
  ])('addDays(%s, %i) = %s', (iso, n, expected) => {
    expect(addDays(iso, n)).toBe(expected);
  });

  test.each([
    ['2026-01-15', 2, '2026-03-15'],
    ['2026-12-31', 2, '2027-02-28'],
    ['2027-12-31', 2, '2028-02-29'],
  ])('addMonths(%s, %i) = %s', (iso, n, expected) => {
    expect(addMonths(iso, n)).toBe(expected);
  });

  test.each([
    ['2026-03-28', '2026-03-30', 2], // across the spring switch (a 23-hour day)
    ['2026-10-24', '2026-10-26', 2], // across the autumn switch (a 25-hour day)
    ['2026-12-04', '2026-12-01', -3],
    ['2026-07-14', '2026-07-14', 0],
  ])('daysBetween(%s, %s) = %i', (from, to, expected) => {
    expect(daysBetween(from, to)).toBe(expected);
  });
});

describe('parisDaysAgo and daysSince: "today", "yesterday" and waiting times are Paris calendar days', () => {
  test.each([
    // [instant, days ago, Paris date]
    ['2026-11-26T10:00:00Z', 0, '2026-11-26'],
    ['2026-11-26T10:00:00Z', 1, '2026-11-25'],
    // 23:30 UTC is already the next day in Paris.
    ['2026-11-26T23:30:00Z', 0, '2026-11-27'],
    ['2026-11-26T23:30:00Z', 1, '2026-11-26'],
    // Just after the spring change (29 March 2026): yesterday is the 29th, not 24 hours back (the 28th).
    ['2026-03-29T22:30:00Z', 0, '2026-03-30'],
    ['2026-03-29T22:30:00Z', 1, '2026-03-29'],
    ['2026-11-26T10:00:00Z', 30, '2026-10-27'],
  ])('%s minus %i days is %s', (instant, days, expected) => {
    expect(parisDaysAgo(DateTime.fromISO(instant, { setZone: true }), days)).toBe(expected);
  });

  test.each([
    ['2026-11-01', '2026-11-26T10:00:00Z', 25],
    ['2026-11-26', '2026-11-26T10:00:00Z', 0],
    ['2026-11-27', '2026-11-26T23:30:00Z', 0],
    ['2026-11-30', '2026-11-26T10:00:00Z', -4],
  ])('from %s to %s: %i days', (iso, instant, expected) => {
    expect(daysSince(iso, DateTime.fromISO(instant, { setZone: true }))).toBe(expected);
  });

  test('a malformed date is refused', () => {
    expect(() => daysSince('26/11/2026', DateTime.fromISO('2026-11-26T10:00:00Z'))).toThrow(RangeError);
  });
});
