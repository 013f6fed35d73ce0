import { DateTime } from 'luxon';
import { CNED_FACTS, PhoneSchedule } from '../../src/facts/cned';
import { hoursInZone, phoneLineStatus, seasonOn } from '../../src/rules/phoneLine';

const ZONE = 'Europe/Paris';
const paris = (iso: string): DateTime => DateTime.fromISO(iso, { zone: ZONE });
/** An instant as a Paris wall-clock string, to compare DateTimes readably. */
const wall = (dt: DateTime | undefined): string | undefined => dt?.setZone(ZONE).toFormat("yyyy-MM-dd'T'HH:mm");
const withClosures = (extraClosures: string[]): PhoneSchedule => ({ ...CNED_FACTS.phone.schedule, extraClosures });

describe('seasonOn', () => {
  test.each([
    ['2026-01-01', 'winter'],
    ['2026-05-31', 'winter'],
    ['2026-06-01', 'summer'],
    ['2026-07-14', 'summer'],
    ['2026-09-30', 'summer'],
    ['2026-10-01', 'winter'],
    ['2026-12-31', 'winter'],
  ])('%s is %s', (iso, expected) => {
    expect(seasonOn(paris(`${iso}T12:00`)).id).toBe(expected);
  });

  test('the day is read in the schedule zone: 31 May 23:30 UTC is already 1 June in Paris', () => {
    expect(seasonOn(DateTime.fromISO('2026-05-31T23:30:00Z', { zone: 'utc' })).id).toBe('summer');
  });

  test('a gap in the season data is an error, not a closed line', () => {
    const gappy: PhoneSchedule = { ...CNED_FACTS.phone.schedule, seasons: [CNED_FACTS.phone.schedule.seasons[0]] };
    expect(() => seasonOn(paris('2026-01-15T12:00'), gappy)).toThrow(RangeError);
  });
});

describe('phoneLineStatus: open or closed, and why', () => {
  test.each([
    // [Paris local instant, open, season, closedReason, holidayKey]
    ['2026-07-15T10:00', true, 'summer', undefined, undefined],
    ['2026-01-15T10:00', true, 'winter', undefined, undefined],
    ['2026-07-18T10:00', false, 'summer', 'weekend', undefined], // Saturday
    ['2026-07-19T10:00', false, 'summer', 'weekend', undefined], // Sunday
    ['2026-08-15T10:00', false, 'summer', 'weekend', undefined], // Assumption on a Saturday: the weekend reason wins
    ['2026-12-25T10:00', false, 'winter', 'publicHoliday', 'christmas'],
    ['2026-04-06T10:00', false, 'winter', 'publicHoliday', 'easterMonday'],
    ['2027-03-29T10:00', false, 'winter', 'publicHoliday', 'easterMonday'],
    ['2026-05-14T10:00', false, 'winter', 'publicHoliday', 'ascension'],
    ['2026-05-25T10:00', false, 'winter', 'publicHoliday', 'whitMonday'],
    ['2026-07-14T10:00', false, 'summer', 'publicHoliday', 'bastilleDay'],
    ['2026-01-01T10:00', false, 'winter', 'publicHoliday', 'newYear'],
    ['2026-11-11T10:00', false, 'winter', 'publicHoliday', 'armistice'],
  ])('%s -> open %s (%s, %s %s)', (iso, open, season, closedReason, holidayKey) => {
    const status = phoneLineStatus(paris(iso));
    expect(status.open).toBe(open);
    expect(status.season).toBe(season);
    expect(status.closedReason).toBe(closedReason);
    expect(status.holidayKey).toBe(holidayKey);
    expect(status.todayHours === null).toBe(closedReason !== undefined);
  });

  test('closedOnPublicHolidays = false opens the line on a weekday holiday', () => {
    const schedule: PhoneSchedule = { ...CNED_FACTS.phone.schedule, closedOnPublicHolidays: false };
    expect(phoneLineStatus(paris('2026-07-14T10:00'), schedule).open).toBe(true);
  });
});

describe('phoneLineStatus: season edges at 18:15', () => {
  test.each([
    ['2027-05-31T18:15', false, 'winter', '2027-06-01T08:30'], // Monday, last winter day: closed since 18:00
    ['2027-06-01T18:15', true, 'summer', undefined], // Tuesday, first summer day: open until 18:30
    ['2026-09-30T18:15', true, 'summer', undefined], // Wednesday, last summer day
    ['2026-10-01T18:15', false, 'winter', '2026-10-02T08:30'], // Thursday, first winter day
  ])('%s -> open %s (%s), next %s', (iso, open, season, next) => {
    const status = phoneLineStatus(paris(iso));
    expect(status.open).toBe(open);
    expect(status.season).toBe(season);
    expect(wall(status.nextOpening)).toBe(next);
    expect(status.closedReason).toBe(open ? undefined : 'afterClosing');
  });
});

describe('phoneLineStatus: the [opens, closes) boundaries', () => {
  test.each([
    ['2026-07-15T08:29:00', false, 'beforeOpening'],
    ['2026-07-15T08:29:59', false, 'beforeOpening'],
    ['2026-07-15T08:30:00', true, undefined],
    ['2026-07-15T08:31:00', true, undefined],
    ['2026-07-15T18:29:00', true, undefined], // summer
    ['2026-07-15T18:29:59', true, undefined],
    ['2026-07-15T18:30:00', false, 'afterClosing'],
    ['2026-07-15T18:31:00', false, 'afterClosing'],
    ['2026-01-15T17:59:00', true, undefined], // winter
    ['2026-01-15T17:59:59', true, undefined],
    ['2026-01-15T18:00:00', false, 'afterClosing'],
    ['2026-01-15T18:01:00', false, 'afterClosing'],
    ['2026-01-15T00:00:00', false, 'beforeOpening'],
    ['2026-01-15T23:59:59', false, 'afterClosing'],
  ])('%s -> open %s (%s)', (iso, open, reason) => {
    const status = phoneLineStatus(paris(iso));
    expect(status.open).toBe(open);
    expect(status.closedReason).toBe(reason);
  });

  test('before opening, the next opening is later today and todayHours is set', () => {
    const status = phoneLineStatus(paris('2026-07-15T07:00'));
    expect(wall(status.nextOpening)).toBe('2026-07-15T08:30');
    expect(wall(status.todayHours?.opens)).toBe('2026-07-15T08:30');
    expect(wall(status.todayHours?.closes)).toBe('2026-07-15T18:30');
    expect(status.closesAt).toBeUndefined();
  });

  test('when open, closesAt is today at the season closing time, and nothing about next opening', () => {
    const status = phoneLineStatus(paris('2026-01-15T10:00'));
    expect(wall(status.closesAt)).toBe('2026-01-15T18:00');
    expect(status.nextOpening).toBeUndefined();
    expect(status.closedReason).toBeUndefined();
  });
});

describe('phoneLineStatus: next opening', () => {
  test.each([
    ['2026-07-15T18:45', '2026-07-16T08:30', '2026-07-16T18:30'], // evening -> tomorrow
    ['2026-07-17T19:00', '2026-07-20T08:30', '2026-07-20T18:30'], // Friday evening -> Monday
    ['2026-07-18T10:00', '2026-07-20T08:30', '2026-07-20T18:30'], // Saturday -> Monday
    ['2026-07-13T19:00', '2026-07-15T08:30', '2026-07-15T18:30'], // Monday evening, Tuesday is 14 July
    ['2026-05-29T19:00', '2026-06-01T08:30', '2026-06-01T18:30'], // Friday (winter) -> Monday 1 June, summer hours
    ['2026-05-22T19:00', '2026-05-26T08:30', '2026-05-26T18:00'], // Friday before Whit Monday -> Tuesday
    ['2026-05-13T19:00', '2026-05-15T08:30', '2026-05-15T18:00'], // eve of Ascension -> Friday
    ['2026-09-30T19:00', '2026-10-01T08:30', '2026-10-01T18:00'], // last summer evening -> winter hours
    ['2026-12-24T18:00', '2026-12-28T08:30', '2026-12-28T18:00'], // Christmas Friday, weekend -> Monday
    ['2026-12-31T18:30', '2027-01-04T08:30', '2027-01-04T18:00'], // New Year Friday, weekend -> Monday
    ['2027-03-26T19:00', '2027-03-30T08:30', '2027-03-30T18:00'], // weekend then Easter Monday -> Tuesday
  ])('%s -> %s until %s', (iso, opens, closes) => {
    const status = phoneLineStatus(paris(iso));
    expect(status.open).toBe(false);
    expect(wall(status.nextOpening)).toBe(opens);
    expect(wall(status.nextOpeningHours?.opens)).toBe(opens);
    expect(wall(status.nextOpeningHours?.closes)).toBe(closes);
    expect(status.nextOpening?.zoneName).toBe(ZONE);
  });

  test.each([
    [['2026-05-15'], '2026-05-13T19:00', 'afterClosing', '2026-05-18T08:30'], // Ascension + bridge day
    [['2026-07-15'], '2026-07-15T10:00', 'closure', '2026-07-16T08:30'], // closed today by the operator
    [['2026-07-16', '2026-07-17'], '2026-07-15T19:00', 'afterClosing', '2026-07-20T08:30'],
  ])('extraClosures %j: %s -> %s, next %s', (closures, iso, reason, next) => {
    const status = phoneLineStatus(paris(iso), withClosures(closures));
    expect(status.open).toBe(false);
    expect(status.closedReason).toBe(reason);
    expect(wall(status.nextOpening)).toBe(next);
  });

  test('a schedule that never opens gives no next opening rather than looping', () => {
    const never: PhoneSchedule = { ...CNED_FACTS.phone.schedule, weekdays: [] };
    const status = phoneLineStatus(paris('2026-07-15T10:00'), never);
    expect(status.open).toBe(false);
    expect(status.nextOpening).toBeUndefined();
  });
});

describe('phoneLineStatus: daylight saving switch days', () => {
  test.each([
    // Sunday of the switch (closed), the instant given in UTC around the switch itself.
    ['2026-03-29T00:59:00Z', '2026-03-30T06:30:00.000Z'], // 01:59 CET, just before the jump to 03:00 CEST
    ['2026-03-29T01:00:00Z', '2026-03-30T06:30:00.000Z'], // 03:00 CEST
    ['2026-10-25T00:30:00Z', '2026-10-26T07:30:00.000Z'], // first 02:30 (CEST)
    ['2026-10-25T01:30:00Z', '2026-10-26T07:30:00.000Z'], // second 02:30 (CET)
    ['2026-03-27T17:30:00Z', '2026-03-30T06:30:00.000Z'], // Friday 18:30 CET -> Monday 08:30 CEST
    ['2026-10-23T16:45:00Z', '2026-10-26T07:30:00.000Z'], // Friday 18:45 CEST -> Monday 08:30 CET
  ])('at %s the next opening is %s', (utcIso, nextUtc) => {
    const status = phoneLineStatus(DateTime.fromISO(utcIso, { zone: 'utc' }));
    expect(status.open).toBe(false);
    expect(status.nextOpening?.toUTC().toISO()).toBe(nextUtc);
    expect(wall(status.nextOpening)?.slice(11)).toBe('08:30');
  });

  test.each([
    ['2026-03-29T10:00', 'weekend'],
    ['2026-10-25T10:00', 'weekend'],
  ])('%s (Sunday of the switch) is closed', (iso, reason) => {
    expect(phoneLineStatus(paris(iso)).closedReason).toBe(reason);
  });

  test.each([
    ['2026-03-30T06:29:59Z', false],
    ['2026-03-30T06:30:00Z', true], // 08:30 CEST
    ['2026-03-30T15:59:59Z', true],
    ['2026-03-30T16:00:00Z', false], // 18:00 CEST
    ['2026-10-26T07:29:59Z', false],
    ['2026-10-26T07:30:00Z', true], // 08:30 CET
    ['2026-10-26T16:59:59Z', true],
    ['2026-10-26T17:00:00Z', false], // 18:00 CET
  ])('Monday after the switch, %s UTC -> open %s', (utcIso, open) => {
    expect(phoneLineStatus(DateTime.fromISO(utcIso, { zone: 'utc' })).open).toBe(open);
  });
});

describe('phoneLineStatus: data-driven schedule', () => {
  const custom: PhoneSchedule = {
    timeZone: ZONE,
    weekdays: [1, 2, 3, 4, 5, 6],
    seasons: [
      { id: 'summer', from: { month: 7, day: 1 }, to: { month: 8, day: 31 }, opens: { hour: 9, minute: 0 }, closes: { hour: 12, minute: 0 } },
      { id: 'winter', from: { month: 9, day: 1 }, to: { month: 6, day: 30 }, opens: { hour: 10, minute: 15 }, closes: { hour: 16, minute: 45 } },
    ],
    closedOnPublicHolidays: true,
    extraClosures: [],
  };

  test.each([
    ['2026-07-18T10:00', true, 'summer'], // Saturday is a working day here
    ['2026-06-30T10:00', false, 'winter'], // June is winter here: opens 10:15
    ['2026-06-30T16:44', true, 'winter'],
    ['2026-07-01T12:00', false, 'summer'],
  ])('%s -> open %s (%s)', (iso, open, season) => {
    const status = phoneLineStatus(paris(iso), custom);
    expect(status.open).toBe(open);
    expect(status.season).toBe(season);
  });
});

describe('hoursInZone', () => {
  const fmt = (dt: DateTime | undefined): string | undefined => dt?.toFormat("yyyy-MM-dd'T'HH:mm");

  test.each([
    // [Paris instant, zone, opens there, closes there]
    ['2026-07-15T10:00', 'America/Montreal', '2026-07-15T02:30', '2026-07-15T12:30'], // summer: EDT, -6 h
    ['2026-07-15T10:00', 'Asia/Tokyo', '2026-07-15T15:30', '2026-07-16T01:30'], // +7 h, closes after midnight
    ['2026-01-15T10:00', 'America/Montreal', '2026-01-15T02:30', '2026-01-15T12:00'], // winter: EST, -6 h
    ['2026-01-15T10:00', 'Asia/Tokyo', '2026-01-15T16:30', '2026-01-16T02:00'], // +8 h
    ['2026-03-16T10:00', 'America/Montreal', '2026-03-16T03:30', '2026-03-16T13:00'], // US already on DST: -5 h
    ['2026-07-15T20:00', 'America/Montreal', '2026-07-15T02:30', '2026-07-15T12:30'], // after closing: today's hours
    ['2026-07-18T10:00', 'America/Montreal', '2026-07-20T02:30', '2026-07-20T12:30'], // Saturday: Monday's hours
    ['2026-12-25T10:00', 'Asia/Tokyo', '2026-12-28T16:30', '2026-12-29T02:00'], // Christmas: next opening day
  ])('%s in %s: %s - %s', (iso, zone, opens, closes) => {
    const hours = hoursInZone(phoneLineStatus(paris(iso)), zone);
    expect(fmt(hours?.opens)).toBe(opens);
    expect(fmt(hours?.closes)).toBe(closes);
    expect(hours?.opens.zoneName).toBe(zone);
  });

  test.each(['Mars/Olympus_Mons', '', 'not a zone'])('invalid zone %p -> null', (zone) => {
    expect(hoursInZone(phoneLineStatus(paris('2026-07-15T10:00')), zone)).toBeNull();
  });

  test('the same instants, only the zone changes', () => {
    const status = phoneLineStatus(paris('2026-07-15T10:00'));
    const hours = hoursInZone(status, 'Asia/Tokyo');
    expect(hours?.opens.toMillis()).toBe(status.todayHours?.opens.toMillis());
    expect(hours?.closes.toMillis()).toBe(status.todayHours?.closes.toMillis());
  });
});

test('an invalid instant is rejected', () => {
  expect(() => phoneLineStatus(DateTime.invalid('broken'))).toThrow(RangeError);
});
