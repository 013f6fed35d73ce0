/**
 * French calendar rules: public holidays (Code du travail L3133-1) and working days, in Europe/Paris.
 * Pure functions: nothing here reads the clock.
 */
import { DateTime } from 'luxon';

export const PARIS_ZONE = 'Europe/Paris';

/** The 11 public holidays of Code du travail L3133-1 (Alsace-Moselle extras are not national). */
export type HolidayKey =
  | 'newYear'
  | 'easterMonday'
  | 'labourDay'
  | 'victoryInEurope'
  | 'ascension'
  | 'whitMonday'
  | 'bastilleDay'
  | 'assumption'
  | 'allSaints'
  | 'armistice'
  | 'christmas';

export interface PublicHoliday {
  date: string;
  key: HolidayKey;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Throws a RangeError for an invalid DateTime, so an invalid instant never flows silently into a rule. */
export function assertValid(dt: DateTime, what = 'date'): asserts dt is DateTime<true> {
  if (!dt.isValid) {
    throw new RangeError(`Invalid ${what}: ${dt.invalidExplanation ?? dt.invalidReason ?? 'unknown reason'}`);
  }
}

/** The same instant seen in Europe/Paris. */
export function toParis(dt: DateTime): DateTime<true> {
  assertValid(dt, 'instant');
  const paris = dt.setZone(PARIS_ZONE);
  assertValid(paris, 'instant in Paris');
  return paris;
}

/** Start of the given calendar day (yyyy-mm-dd) in Paris; strict format so that no offset shifts the day. */
export function parisDate(isoDate: string): DateTime<true> {
  if (!ISO_DATE.test(isoDate)) {
    throw new RangeError(`Expected an ISO date yyyy-mm-dd, got "${isoDate}"`);
  }
  const day = DateTime.fromISO(isoDate, { zone: PARIS_ZONE });
  assertValid(day, `ISO date "${isoDate}"`);
  return day.startOf('day');
}

/** The Paris calendar date (yyyy-mm-dd) of an instant. */
export function parisIsoDate(dt: DateTime): string {
  return toParis(dt).toISODate();
}

/** Calendar arithmetic on ISO dates is done in UTC, where every day has 24 hours. */
function utcDay(isoDate: string): DateTime<true> {
  if (!ISO_DATE.test(isoDate)) {
    throw new RangeError(`Expected an ISO date yyyy-mm-dd, got "${isoDate}"`);
  }
  const day = DateTime.fromISO(isoDate, { zone: 'utc' });
  assertValid(day, `ISO date "${isoDate}"`);
  return day;
}

/** isoDate plus n calendar days. */
export function addDays(isoDate: string, days: number): string {
  return utcDay(isoDate).plus({ days }).toISODate();
}

/** isoDate plus n calendar months; a missing day is clamped to the month's last day (31 Dec + 2 months = 28/29 Feb). */
export function addMonths(isoDate: string, months: number): string {
  return utcDay(isoDate).plus({ months }).toISODate();
}

/** The Paris calendar date `days` days before the instant's own Paris date: 0 is today, 1 yesterday (whatever the DST change). */
export function parisDaysAgo(now: DateTime, days: number): string {
  return addDays(parisIsoDate(now), -days);
}

/** Calendar days from an ISO date to the instant's Paris date (0 today, negative for a later date). */
export function daysSince(isoDate: string, now: DateTime): number {
  return daysBetween(isoDate, parisIsoDate(now));
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round(utcDay(to).diff(utcDay(from), 'days').days);
}

/** Easter Sunday in the Gregorian calendar (anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): { month: number; day: number } {
  if (!Number.isInteger(year) || year < 1583) {
    throw new RangeError(`Gregorian Easter needs an integer year from 1583, got ${year}`);
  }
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { month, day };
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function computeHolidays(year: number): readonly PublicHoliday[] {
  const easter = easterSunday(year);
  const easterIso = `${year}-${pad2(easter.month)}-${pad2(easter.day)}`;
  const fixed = (month: number, day: number): string => `${year}-${pad2(month)}-${pad2(day)}`;
  const holidays: PublicHoliday[] = [
    { date: fixed(1, 1), key: 'newYear' },
    { date: addDays(easterIso, 1), key: 'easterMonday' },
    { date: fixed(5, 1), key: 'labourDay' },
    { date: fixed(5, 8), key: 'victoryInEurope' },
    { date: addDays(easterIso, 39), key: 'ascension' },
    { date: addDays(easterIso, 50), key: 'whitMonday' },
    { date: fixed(7, 14), key: 'bastilleDay' },
    { date: fixed(8, 15), key: 'assumption' },
    { date: fixed(11, 1), key: 'allSaints' },
    { date: fixed(11, 11), key: 'armistice' },
    { date: fixed(12, 25), key: 'christmas' },
  ];
  // ISO dates sort lexically; Ascension can fall on 1 or 8 May, so sort rather than trust the literal order.
  return holidays.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
}

/** Holidays per year, computed once: these rules run on every turn. */
const holidayCache = new Map<number, { list: readonly PublicHoliday[]; byDate: ReadonlyMap<string, HolidayKey> }>();

function holidaysOf(year: number): { list: readonly PublicHoliday[]; byDate: ReadonlyMap<string, HolidayKey> } {
  let entry = holidayCache.get(year);
  if (!entry) {
    const list = computeHolidays(year);
    const byDate = new Map<string, HolidayKey>();
    // Ascension can coincide with 1 May (2008): keep the fixed holiday's name, listed first.
    for (const h of list) if (!byDate.has(h.date)) byDate.set(h.date, h.key);
    entry = { list, byDate };
    holidayCache.set(year, entry);
  }
  return entry;
}

/** The 11 public holidays of a year, sorted by date (a fresh copy: callers may not corrupt the cache). */
export function publicHolidays(year: number): { date: string; key: HolidayKey }[] {
  return holidaysOf(year).list.map((h) => ({ ...h }));
}

/** The public holiday on that day (the day as seen in Paris), if any. */
export function publicHolidayOn(day: DateTime): HolidayKey | undefined {
  const paris = toParis(day);
  return holidaysOf(paris.year).byDate.get(paris.toISODate());
}

/** Monday to Friday, not a public holiday, not one of the extra closure dates (the day as seen in Paris). */
export function isWorkingDay(day: DateTime, extraClosures: readonly string[] = []): boolean {
  const paris = toParis(day);
  return paris.weekday <= 5 && publicHolidayOn(paris) === undefined && !extraClosures.includes(paris.toISODate());
}

/** Start (Paris) of the first working day on or after the given day. */
export function nextWorkingDayOnOrAfter(day: DateTime, extraClosures: readonly string[] = []): DateTime<true> {
  let candidate = toParis(day).startOf('day');
  // Weekends and holidays never chain for more than a few days; every closure can add at most one more.
  const maxSteps = 14 + extraClosures.length;
  for (let step = 0; step <= maxSteps; step += 1) {
    if (isWorkingDay(candidate, extraClosures)) {
      return candidate;
    }
    candidate = candidate.plus({ days: 1 }).startOf('day');
  }
  throw new RangeError(`No working day within ${maxSteps} days of ${candidate.toISODate()}`);
}
