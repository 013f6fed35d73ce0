/**
 * Exact fast path for the commonest candidate windows (see dates.ts): "20 novembre",
 * "20/11/2026", "hier", "3 jours", "November 20th, 2025", "3 days ago"... answered
 * without the recognizer (about 8 ms per call), with the recognizer's own semantics:
 * - a date without a year is its latest occurrence not after today (29 February goes
 *   back to the last leap year); with a year, a date after today resolves to nothing;
 * - two-digit years below 30 are 20yy (30 and above, 19yy: declined as unlikely);
 * - "N units" is a duration (week = 7, month = 30, year = 365 days); English
 *   "N units ago" is a date computed like the recognizer does (JavaScript Date
 *   arithmetic: "1 month ago" on 31 March is 3 March, not 28 February).
 * Anything else, or anything doubtful (31/02, "1er" left unrewritten, "premier", a wrong
 * ordinal suffix, "0 jours", a year outside 1900-2099, "juil." before a year, a numeric
 * date given to the English model, which reads it month first), gives undefined: the
 * recognizer decides.
 */
import type { DateTime } from 'luxon';
import type { Lang } from '../domain/types';
import type { Duration } from '../domain/understanding';

/** What one window resolves to: the first recognizer result that dates.ts would keep. */
export type Resolution =
  | { kind: 'date'; iso: string }
  | { kind: 'duration'; duration: Duration }
  | { kind: 'none' }; // nothing usable (a future date, "not resolved")

const NONE: Resolution = { kind: 'none' };

/** A Map, not an object: "constructor" must not be a number. */
type Table = ReadonlyMap<string, number>;

/** Words separated by spaces are worth 1, 2, 3...; synonyms are joined by "/"; `extra` adds single words. */
function table(words: string, extra: Record<string, number> = {}): Table {
  const out = new Map<string, number>(Object.entries(extra));
  words.split(' ').forEach((synonyms, i) => {
    for (const w of synonyms.split('/')) out.set(w, i + 1);
  });
  return out;
}

const FR_MONTHS = table(
  'janvier/janv/janv. fevrier/fevr/fevr./fev/fev. mars avril/avr/avr. mai juin juillet/juil/juil. aout ' +
    'septembre/sept/sept. octobre/oct/oct. novembre/nov/nov. decembre/dec/dec.',
);
const EN_MONTHS = table(
  'january/jan/jan. february/feb/feb. march/mar/mar. april/apr/apr. may june/jun/jun. july/jul/jul. ' +
    'august/aug/aug. september/sept/sept./sep/sep. october/oct/oct. november/nov/nov. december/dec/dec.',
);
const FR_NUMBERS = table(
  'un/une deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize',
  { 'dix-huit': 18, vingt: 20, trente: 30 },
);
const EN_NUMBERS = table('a/an/one two three four five six seven eight nine ten eleven twelve', {
  fifteen: 15,
  twenty: 20,
  thirty: 30,
});
/** Unit index: 1 day, 2 week, 3 month, 4 year. */
const FR_UNITS = table('jour/jours semaine/semaines mois an/ans/annee/annees');
const EN_UNITS = table('day/days week/weeks month/months year/years');
const UNITS: ReadonlyArray<[Duration['unit'], number]> = [
  ['day', 1],
  ['week', 7],
  ['month', 30],
  ['year', 365],
];

const FR_TODAY = /^(?:(hier)|(avant[- ]hier)|aujourd'hui)$/;
const FR_DURATION = /^(\d{1,3}|[a-z-]+) ([a-z]+)( et demie?)?$/;
const FR_DATE = /^(?:le )?(\d{1,2}) ([a-z]+\.?)(?: (\d{4}))?$/;
const NUMERIC = /^(\d{1,2})(?:\/(\d{1,2})(?:\/(\d{2}|\d{4}))?|([.-])(\d{1,2})\4(\d{2}|\d{4}))$/;
const EN_TODAY = /^(?:on )?(?:(yesterday)|((?:the )?day before yesterday)|today)$/;
const EN_DURATION = /^(\d{1,3}|[a-z]+) ([a-z]+)( and a half)?( ago)?$/;
const EN_DAY_MONTH = /^(?:on )?(?:the )?(\d{1,2})(st|nd|rd|th)? (?:of )?([a-z]+\.?)(?:,? (\d{4}))?$/;
const EN_MONTH_DAY = /^(?:on )?([a-z]+\.?) (?:the )?(\d{1,2})(st|nd|rd|th)?(?:,? (\d{4}))?$/;

function isoOf(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function isValid(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Today minus years, months and days with JavaScript Date overflow (31 March - 1 month = 3 March). */
function shifted(today: DateTime, years: number, months: number, days: number): Resolution {
  const t = new Date(Date.UTC(today.year - years, today.month - 1 - months, today.day - days));
  return { kind: 'date', iso: isoOf(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate()) };
}

/** "hier" / "yesterday" (group 1), "avant-hier" / "the day before yesterday" (group 2), else today. */
function relativeDay(m: RegExpExecArray, today: DateTime): Resolution {
  return shifted(today, 0, 0, m[1] !== undefined ? 1 : m[2] !== undefined ? 2 : 0);
}

/** Day and month, with or without a year, as the recognizer resolves them. */
function dayMonth(d: number, m: number | undefined, year: string | undefined, today: DateTime): Resolution | undefined {
  if (m === undefined) return undefined;
  const todayIso = isoOf(today.year, today.month, today.day);
  if (year !== undefined) {
    const y = Number(year);
    if (y < 1900 || y > 2099 || !isValid(y, m, d)) return undefined;
    return isoOf(y, m, d) > todayIso ? NONE : { kind: 'date', iso: isoOf(y, m, d) };
  }
  // The latest occurrence not after today (29 February: at most 8 years back).
  for (let y = today.year; y >= today.year - 8; y--) {
    if (isValid(y, m, d) && isoOf(y, m, d) <= todayIso) return { kind: 'date', iso: isoOf(y, m, d) };
  }
  return undefined;
}

function durationOf(n: string, u: string, numbers: Table, units: Table, half = false): Duration | undefined {
  const whole = /^\d+$/.test(n) ? Number(n) : numbers.get(n);
  const unit = units.get(u);
  if (whole === undefined || whole < 1 || unit === undefined) return undefined;
  const [name, per] = UNITS[unit - 1];
  // "1 mois et demi", "a month and a half": 45 days.
  const amount = half ? whole + 0.5 : whole;
  return { amount, unit: name, days: Math.round(amount * per) };
}

/** English day with its ordinal suffix, which must be the right one ("3st": "not resolved"). */
function englishDay(d: string, suffix: string | undefined, month: string, year: string | undefined, today: DateTime) {
  const n = Number(d);
  const last = n >= 11 && n <= 13 ? 0 : n % 10;
  const right = last === 1 ? 'st' : last === 2 ? 'nd' : last === 3 ? 'rd' : 'th';
  return suffix === undefined || suffix === right ? dayMonth(n, EN_MONTHS.get(month), year, today) : undefined;
}

/** Day-first numeric dates (French model): D/M, D/M/YY, D/M/YYYY, D.M.YY(YY), D-M-YY(YY). */
function numeric(window: string, today: DateTime): Resolution | undefined {
  const m = NUMERIC.exec(window);
  if (m === null) return undefined;
  const yy = m[3] ?? m[6];
  if (yy === undefined || yy.length === 4) return dayMonth(Number(m[1]), Number(m[2] ?? m[5]), yy, today);
  // Two digits: 20yy below 30; 19yy above is unlikely here, the recognizer decides.
  return Number(yy) < 30 ? dayMonth(Number(m[1]), Number(m[2] ?? m[5]), `20${yy}`, today) : undefined;
}

function french(window: string, today: DateTime): Resolution | undefined {
  let m = FR_TODAY.exec(window);
  if (m !== null) return relativeDay(m, today);
  m = FR_DURATION.exec(window);
  const duration = m === null ? undefined : durationOf(m[1], m[2], FR_NUMBERS, FR_UNITS, m[3] !== undefined);
  if (duration !== undefined) return { kind: 'duration', duration };
  m = FR_DATE.exec(window);
  if (m === null) return numeric(window, today);
  if (m[3] !== undefined && m[2] === 'juil.') return undefined; // "2 juil. 2025": "not resolved"
  return dayMonth(Number(m[1]), FR_MONTHS.get(m[2]), m[3], today);
}

function english(window: string, today: DateTime): Resolution | undefined {
  let m = EN_TODAY.exec(window);
  if (m !== null) return relativeDay(m, today);
  m = EN_DURATION.exec(window);
  const duration = m === null ? undefined : durationOf(m[1], m[2], EN_NUMBERS, EN_UNITS, m[3] !== undefined);
  if (duration !== undefined && m?.[4] === undefined) return { kind: 'duration', duration };
  if (duration !== undefined && !Number.isInteger(duration.amount)) return undefined; // "a month and a half ago": the recognizer decides
  if (duration !== undefined) {
    // "N units ago" is a date for the English model.
    const n = duration.amount;
    if (duration.unit === 'year') return shifted(today, n, 0, 0);
    return duration.unit === 'month' ? shifted(today, 0, n, 0) : shifted(today, 0, 0, duration.days);
  }
  m = EN_DAY_MONTH.exec(window);
  if (m !== null) return englishDay(m[1], m[2], m[3], m[4], today);
  m = EN_MONTH_DAY.exec(window);
  if (m !== null) return englishDay(m[2], m[3], m[1], m[4], today);
  return undefined; // numeric dates: the English model reads them month first; dates.ts sends them as French
}

/**
 * The recognizer's answer for a folded candidate window, when certain; undefined
 * otherwise. `lang` is the model the window would go to; `today` is the Paris day.
 */
export function fastResolve(window: string, lang: Lang, today: DateTime): Resolution | undefined {
  if (window.length > 40 || !today.isValid) return undefined;
  return lang === 'en' ? english(window, today) : french(window, today);
}

/** "début octobre", "mi-décembre", "fin août", "early October", "end of August": a part of a month, in folded text. */
const PART_OF_MONTH =
  /\b(debut|mi|fin|early|mid|late|end of|beginning of|start of|the end of|the beginning of)[\s-]+(?:du mois d'|du mois de |de |d')?([a-z]+\.?)/;

/**
 * A part of a month as the most recent past such day (the 1st, the 15th or the last of the month), always marked as
 * guessed: "fin août" is good enough to date a step, never to declare a deadline passed.
 */
export function partOfMonth(folded: string, today: DateTime): string | undefined {
  const m = PART_OF_MONTH.exec(folded);
  if (!m) return undefined;
  const month = FR_MONTHS.get(m[2]) ?? EN_MONTHS.get(m[2]);
  if (month === undefined) return undefined;
  const part = m[1];
  const year = month > today.month ? today.year - 1 : today.year;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = part === 'debut' || part.includes('early') || part.includes('beginning') || part.includes('start') ? 1 : part === 'mi' || part === 'mid' ? 15 : last;
  const iso = isoOf(year, month, day);
  const todayIso = today.toISODate();
  return todayIso !== null && iso > todayIso ? todayIso : iso;
}

/** A whole reply that is a month alone: "en juillet", "in July", "au mois de mars", "juillet dernier". */
const MONTH_ALONE =
  /^(?:(?:en|in|au mois de|au mois d'|in the month of|during|courant|vers|around|about|environ|le mois de|le mois d')\s*)?([a-z]+\.?)(?:\s+(?:dernier|last))?$/;

/**
 * A month alone as the 15th of the most recent such month (today at the latest), always marked as guessed: enough to
 * date a step ("j'ai appelé en juillet"), never to declare a deadline passed.
 */
export function monthAlone(folded: string, today: DateTime): string | undefined {
  const m = MONTH_ALONE.exec(folded.trim());
  const month = m ? (FR_MONTHS.get(m[1]) ?? EN_MONTHS.get(m[1])) : undefined;
  if (month === undefined) return undefined;
  const year = month > today.month ? today.year - 1 : today.year;
  const iso = isoOf(year, month, 15);
  const todayIso = today.toISODate();
  return todayIso !== null && iso > todayIso ? todayIso : iso;
}

/** A whole reply that is one unit with an article, roughly: "environ un mois", "about a month", "une semaine et demie". */
const ONE_UNIT_REPLY =
  /^(?:(?:environ|presque|a peu pres|pres de|plus d'|plus de|deja|ca fait|cela fait|depuis|about|around|almost|nearly|roughly|over|more than|for|since|already)\s+)*(?:un|une|a|an|one)\s+([a-z]+?)(\s+(?:et demie?|and a half))?(?:\s+(?:ago|environ|a peu pres))?$/;

/** "un mois" alone is too common inside a story to be a duration; as the whole reply to "how long?", it is one. */
export function oneUnitReply(folded: string): Duration | undefined {
  const m = ONE_UNIT_REPLY.exec(folded.replace(/[.!?]+$/, '').trim());
  if (!m) return undefined;
  return durationOf('1', m[1], FR_NUMBERS, FR_UNITS, m[2] !== undefined) ?? durationOf('1', m[1], EN_NUMBERS, EN_UNITS, m[2] !== undefined);
}

/** "la semaine dernière", "le mois dernier", "il y a quelques jours", "a few weeks ago": a rough past date. */
const ROUGH_PAST: readonly [RegExp, (today: DateTime) => DateTime][] = [
  [/\b(?:la semaine (?:derniere|passee)|last week)\b/, (today) => today.minus({ days: 7 })],
  [/\b(?:le mois (?:dernier|passe)|last month)\b/, (today) => today.minus({ months: 1 })],
  [/\b(?:l'annee (?:derniere|passee)|l'an dernier|last year)\b/, (today) => today.minus({ years: 1 })],
  [/\b(?:il y a quelques jours|ces derniers jours|a few days ago|the other day)\b/, (today) => today.minus({ days: 3 })],
  [/\b(?:il y a quelques semaines|a few weeks ago)\b/, (today) => today.minus({ weeks: 3 })],
  [/\b(?:il y a quelques mois|a few months ago)\b/, (today) => today.minus({ months: 3 })],
];

/** A rough past date, as an ISO date; the caller marks it as guessed. */
export function roughPast(folded: string, today: DateTime): string | undefined {
  for (const [re, back] of ROUGH_PAST) if (re.test(folded)) return back(today).toISODate() ?? undefined;
  return undefined;
}
