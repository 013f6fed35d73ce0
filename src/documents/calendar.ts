/**
 * One date that matters as an .ics file (RFC 5545), built with the `ics` package: an all-day event on the
 * Europe/Paris calendar date (VALUE=DATE, so no time zone can move it to another day, daylight saving included),
 * with a reminder at 9:00 the day before, title and description in the learner's language.
 */
import { createHash } from 'node:crypto';
import { createEvent, type EventAttributes } from 'ics';
import { DateTime } from 'luxon';
import type { Deadline } from '../domain/caseFile';
import type { Lang } from '../domain/types';
import { t } from '../i18n/messages';
import { addDays } from '../rules/calendar';
import { CALENDAR_DESCRIPTION_KEYS, CALENDAR_TITLE_KEYS } from './caseFileText';
import { isIsoDate } from './format';

export const CALENDAR_PRODUCT_ID = '-//CNED complaint guide//Documents//FR';
/** Reminder 15 hours before the event's midnight: 9:00 the day before. (`ics` writes a whole-day trigger as "P1DT", which RFC 5545 does not allow.) */
const REMINDER_HOURS_BEFORE = 15;

function dateArray(isoDate: string): [number, number, number] {
  const [year, month, day] = isoDate.split('-').map(Number);
  return [year, month, day];
}

/** The .ics text for one deadline; `now` stamps DTSTAMP (the instant the file is made). */
export function deadlineIcs(deadline: Deadline, lang: Lang, now: DateTime): string {
  if (!isIsoDate(deadline.date)) throw new RangeError(`not a date: ${deadline.date}`);
  const title = t(lang, CALENDAR_TITLE_KEYS[deadline.kind]);
  // Same deadline, same UID: importing it twice updates the event instead of duplicating it.
  const uid = `${createHash('sha256').update(`${deadline.kind}|${deadline.date}|${lang}`).digest('hex').slice(0, 32)}@cned-guide`;
  const attributes: EventAttributes & { timestamp: number } = {
    productId: CALENDAR_PRODUCT_ID,
    uid,
    timestamp: now.toMillis(),
    start: dateArray(deadline.date),
    end: dateArray(addDays(deadline.date, 1)),
    title,
    description: t(lang, CALENDAR_DESCRIPTION_KEYS[deadline.kind]),
    transp: 'TRANSPARENT',
    alarms: [{ action: 'display', description: t(lang, 'calendar.reminder', { title }), trigger: { hours: REMINDER_HOURS_BEFORE, before: true } }],
  };
  const { error, value } = createEvent(attributes);
  if (error || value === null) throw error ?? new Error('ics produced nothing');
  return value;
}
