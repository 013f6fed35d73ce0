/** The .ics files, parsed back with ical.js: all-day Paris dates, across daylight saving, the reminder the day before. */
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { deadlineIcs, CALENDAR_PRODUCT_ID } from '../../src/documents/calendar';
import type { DeadlineKind } from '../../src/domain/caseFile';
import { t } from '../../src/i18n/messages';

const NOW = DateTime.fromISO('2026-11-26T10:15:00Z');

function parse(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const event = calendar.getFirstSubcomponent('vevent');
  if (!event) throw new Error('no VEVENT');
  const alarm = event.getFirstSubcomponent('valarm');
  if (!alarm) throw new Error('no VALARM');
  return { calendar, event, alarm };
}

describe.each<[DeadlineKind, string, 'fr' | 'en']>([
  ['withdrawalLastDay', '2026-12-07', 'fr'],
  // Clocks go forward at 2:00 on Sunday 28 March 2027 in Paris: the event stays on the 28th, the reminder on the 27th at 9:00.
  ['implicitRejection', '2027-03-28', 'en'],
  ['mediatorFrom', '2027-03-29', 'fr'],
  // Clocks go back on Sunday 31 October 2027.
  ['refundDue', '2027-10-31', 'en'],
  ['phoneFollowUp', '2027-01-01', 'fr'],
])('%s on %s (%s)', (kind, date, lang) => {
  const ics = deadlineIcs({ kind, date }, lang, NOW);
  const { calendar, event, alarm } = parse(ics);

  test('an all-day event on that date, ending the next day', () => {
    const start = event.getFirstPropertyValue('dtstart') as ICAL.Time;
    const end = event.getFirstPropertyValue('dtend') as ICAL.Time;
    expect(start.isDate).toBe(true);
    expect(start.toString()).toBe(date);
    expect(end.toString()).toBe(DateTime.fromISO(date).plus({ days: 1 }).toISODate());
    expect(ics).toMatch(new RegExp(`^DTSTART;VALUE=DATE:${date.replace(/-/g, '')}\\r$`, 'm'));
  });

  test('title and description in the learner language', () => {
    expect(event.getFirstPropertyValue('summary')).toBe(t(lang, `calendar.${kind}.title`));
    expect(event.getFirstPropertyValue('description')).toBe(t(lang, `calendar.${kind}.description`));
  });

  test('a display reminder at 9:00 the day before', () => {
    expect(alarm.getFirstPropertyValue('action')).toBe('DISPLAY');
    const trigger = alarm.getFirstPropertyValue('trigger') as ICAL.Duration;
    const start = event.getFirstPropertyValue('dtstart') as ICAL.Time;
    // The trigger runs from the start of the day (a floating midnight: the calendar's own time zone, Paris here).
    const reminder = ICAL.Time.fromData({ year: start.year, month: start.month, day: start.day, hour: 0, minute: 0, second: 0, isDate: false });
    reminder.addDuration(trigger);
    const dayBefore = DateTime.fromISO(date).minus({ days: 1 }).toISODate();
    expect(reminder.toString()).toBe(`${dayBefore}T09:00:00`);
    // RFC 5545 dur-value: a "T" must be followed by a time part.
    expect(ics).toMatch(/^TRIGGER:-PT15H\r$/m);
  });

  test('what Google, Outlook and Apple require: VERSION, PRODID, UID, DTSTAMP, CRLF lines', () => {
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('prodid')).toBe(CALENDAR_PRODUCT_ID);
    expect(event.getFirstPropertyValue('uid')).toMatch(/^[0-9a-f]{32}@cned-guide$/);
    expect((event.getFirstPropertyValue('dtstamp') as ICAL.Time).toString()).toBe('2026-11-26T10:15:00Z');
    expect(ics.split('\r\n').every((line) => !line.includes('\n'))).toBe(true);
  });
});

test('the same deadline gets the same UID (a second import updates it); another date another UID', () => {
  const uid = (date: string) => parse(deadlineIcs({ kind: 'refundDue', date }, 'fr', NOW)).event.getFirstPropertyValue('uid');
  expect(uid('2026-12-01')).toBe(uid('2026-12-01'));
  expect(uid('2026-12-01')).not.toBe(uid('2026-12-02'));
});

test('a malformed date is refused', () => {
  expect(() => deadlineIcs({ kind: 'refundDue', date: '2026-02-30' }, 'fr', NOW)).toThrow(RangeError);
});
