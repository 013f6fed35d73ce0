/**
 * Dates and durations in a user's message (French and English).
 *
 * The Microsoft recognizers do the resolving, but they are slow (about 2.5 ms of fixed
 * cost per call, plus roughly 0.35 ms per character once digits are present, on the
 * French model). So a cheap regular expression over the folded text finds candidate
 * spans first ("20 novembre", "il y a 3 jours", "hier", "20/11/2026"...), and only the
 * core of each candidate (a few dozen characters at most) is resolved, at most
 * MAX_WINDOWS per message: by the exact fast path of fastDates.ts for the common forms
 * ("20 novembre", "20/11", "hier", "3 jours", "3 days ago"), else by the recognizer.
 *
 * Recognizer behaviours handled here (suite 1.3.1, date-time 1.3.2):
 * - "3 novembre" resolves to two `date` values (the last occurrence and the next); we
 *   keep the latest one that is not after today ("le 3 décembre" on 2026-11-26 -> 2025-12-03).
 * - "il y a 10 jours" (French) resolves to a `duration` (timex P10D): "il y a" is seen
 *   by our own pattern and the date is computed as today minus the duration.
 *   English "3 days ago" resolves to a `date` directly.
 * - "1er novembre" resolves to "not resolved" (timex XXXX-01-00): "1er" is rewritten "1".
 * - "hier matin" resolves to a `datetimerange` of *today*: our candidate is "hier" alone.
 * - "for the last 3 weeks" resolves to a `daterange`: only "3 weeks" is sent.
 * - English reads "03/11/2026" as 11 March: numeric dates always go to the French model.
 * - `recognizeDateTime` does not rebuild models per call (they sit in a static cache
 *   keyed by culture and options), so it costs the same as a kept `DateTimeModel`.
 *   The first French call costs about 2 s (regular expressions compiled on first use);
 *   see warmUpRecognizersInSteps, and oneByte for the trap that made it happen again later.
 */
import type * as RecognizersSuite from '@microsoft/recognizers-text-suite';
import { DateTime } from 'luxon';
import type { Lang } from '../domain/types';
import type { DateReading, Duration } from '../domain/understanding';
import { PARIS_ZONE } from '../rules/calendar';
import { fastResolve, monthAlone, oneUnitReply, partOfMonth, roughPast, type Resolution } from './fastDates';
import { normalizeText } from './normalize';
import { isRecord } from '../shared';


/** How the words around a temporal expression relate it to now. */
export type TemporalCue =
  | 'ago' // "il y a 3 jours", "3 days ago": a past date
  | 'since' // "depuis 3 semaines", "ça fait", "cela fait", "voilà", "for", "since"
  | 'relative' // "après 3 semaines", "dans 14 jours", "within 14 days": not anchored to now
  | 'none';

/** A temporal expression found in the folded text, resolved by the recognizer. */
export interface TemporalMention {
  /** Offsets in the folded text (see foldText). */
  start: number;
  end: number;
  /** Past ISO date (yyyy-mm-dd, Europe/Paris), for dates and "ago" durations. */
  iso?: string;
  /** For durations (including "ago" ones). */
  duration?: Duration;
  cue: TemporalCue;
  /** "aujourd'hui" / "today": a date, but a weak one (complaints say "today still nothing"). */
  isToday: boolean;
  /** Part of the date was guessed: the month of "le 20", or the year of a day and month long ago. */
  inferred?: boolean;
}

/** At most this many candidates are looked at per message (a message listing 500 dates is not a story). */
const MAX_CANDIDATES = 100;
/** At most this many recognizer calls per message. */
export const MAX_WINDOWS = 3;
/** Never send more than this many characters to the recognizer in one call. */
const MAX_WINDOW_CHARS = 120;

// ---------------------------------------------------------------------------
// Folding: the shared normalizer (NFD, accents stripped, lower case, whitespace
// collapsed), applied line by line so that line breaks survive as sentence bounds.

export function foldText(text: string): string {
  if (typeof text !== 'string' || text.length === 0) return '';
  return text
    .split(/\r\n|[\r\n\u2028\u2029\u0085]/)
    // "aujourd hui", "aujourdhui", typed on a phone, are "aujourd'hui".
    .map((line) => normalizeText(line).replace(/[\u2010-\u2015\u2212]/g, '-').replace(/\baujourd ?hui\b/g, "aujourd'hui"))
    .filter((line) => line.length > 0)
    .join('\n');
}

// ---------------------------------------------------------------------------
// Candidate patterns (over folded text).

const FR_NUM =
  '(?:\\d{1,3}|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|dix-huit|vingt|trente)';
const FR_UNIT = '(?:jours?|semaines?|mois|ans|an|annees?)';
const FR_MONTH =
  '(?:janvier|janv\\.?|fevrier|fevr?\\.?|mars|avril|avr\\.?|mai|juin|juillet|juil\\.?|aout|septembre|sept\\.?|octobre|oct\\.?|novembre|nov\\.?|decembre|dec\\.?)';
const FR_WEEKDAY = '(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)';
/** Days of the month written in words ("le vingt novembre"), longest first so that "vingt et un" beats "vingt". */
const FR_DAY_WORDS: ReadonlyArray<[string, number]> = [
  ['trente et un', 31], ['trente-et-un', 31], ['trente', 30], ['vingt-neuf', 29], ['vingt-huit', 28], ['vingt-sept', 27],
  ['vingt-six', 26], ['vingt-cinq', 25], ['vingt-quatre', 24], ['vingt-trois', 23], ['vingt-deux', 22], ['vingt et un', 21],
  ['vingt-et-un', 21], ['vingt', 20], ['dix-neuf', 19], ['dix-huit', 18], ['dix-sept', 17], ['seize', 16], ['quinze', 15],
  ['quatorze', 14], ['treize', 13], ['douze', 12], ['onze', 11], ['dix', 10], ['neuf', 9], ['huit', 8], ['sept', 7],
  ['six', 6], ['cinq', 5], ['quatre', 4], ['trois', 3], ['deux', 2], ['premier', 1],
];
const FR_DAY_WORD = `(?:${FR_DAY_WORDS.map(([w]) => w.replace(/ /g, '\\s+')).join('|')})`;
const DAY_WORD_VALUE = new Map(FR_DAY_WORDS.map(([w, n]) => [w.replace(/-/g, ' '), n]));

const EN_NUM =
  '(?:\\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|(?:a )?couple of)';
const EN_UNIT = '(?:days?|weeks?|months?|years?)';
const EN_MONTH =
  '(?:january|jan\\.?|february|feb\\.?|march|mar\\.?|april|apr\\.?|may|june|jun\\.?|july|jul\\.?|august|aug\\.?|september|sept?\\.?|october|oct\\.?|november|nov\\.?|december|dec\\.?)';
const EN_WEEKDAY = '(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)';

const NUMERIC_DATE =
  '(?<![\\d/.-])(?:\\d{4}-\\d{1,2}-\\d{1,2}|\\d{1,2}/\\d{1,2}(?:/(?:\\d{4}|\\d{2}))?|\\d{1,2}[.-]\\d{1,2}[.-](?:\\d{4}|\\d{2}))(?![\\d/.-]?\\d)';

/** Group names: pre (prefix of a duration), dur (number + unit [+ ago]), num, date (a date phrase). */
const FR_CANDIDATES = new RegExp(
  [
    `(?:\\b(?<pre>il y a|y a|ya|ca fait|cela fait|ca va faire|voila|voici|depuis|pendant|apres|au bout de|dans|sous|en|d'ici)\\s+(?:(?:environ|presque|plus de|pres de|bientot|deja|maintenant)\\s+)?)?\\b(?<dur>(?<num>${FR_NUM})\\s+${FR_UNIT}(?:\\s+et\\s+demie?)?)\\b`,
    `\\b(?<date>(?:\\d{1,2}|1er|${FR_DAY_WORD})\\s+${FR_MONTH}(?:\\s+\\d{4}\\b)?)`,
    `\\b(?:le|du|au|depuis le)\\s+(?<day>\\d{1,2}|1er)\\b(?!\\s*(?:[/.:h,-]\\s*\\d|heures?\\b|h\\b|%|euros?\\b|eur\\b|e\\b|€|${FR_MONTH}|${FR_UNIT}|fois\\b|ans?\\b|minutes?\\b|ieme\\b|eme\\b))`,
    `(?<date2>${NUMERIC_DATE})`,
    `(?<date3>\\bavant[- ]hier\\b|\\bhier\\b|\\baujourd'hui\\b)`,
    `(?<!\\ble |\\bles |\\bau |\\bdu )(?<date4>\\b${FR_WEEKDAY}(?:\\s+derniere?)?\\b)(?!\\s+(?:au|et)\\s)`,
  ].join('|'),
  'g',
);

const EN_CANDIDATES = new RegExp(
  [
    `(?:\\b(?<pre>for|since|over|after|within|in|about|nearly|almost|around|more than)\\s+(?:(?:the\\s+)?(?:last|past)\\s+|about\\s+|almost\\s+|nearly\\s+|over\\s+)?)?\\b(?<dur>(?<num>${EN_NUM})\\s+${EN_UNIT}(?:\\s+and\\s+a\\s+half)?(?<ago>\\s+ago)?)\\b`,
    `\\b(?:on\\s+)?the\\s+(?<day>\\d{1,2})(?:st|nd|rd|th)\\b(?!\\s+(?:of\\s+)?${EN_MONTH})`,
    `\\b(?<date>(?:the\\s+)?\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?${EN_MONTH}(?:,?\\s+\\d{4})?|${EN_MONTH}\\s+(?:the\\s+)?\\d{1,2}(?:st|nd|rd|th)?\\b(?:,?\\s+\\d{4})?)\\b`,
    `(?<date2>${NUMERIC_DATE})`,
    `(?<date3>\\b(?:the\\s+)?day before yesterday\\b|\\byesterday\\b|\\btoday\\b)`,
    `(?<date4>\\b(?:last\\s+)?${EN_WEEKDAY}\\b)(?!s|\\s+(?:to|through|and|-)\\s)`,
  ].join('|'),
  'g',
);

const SINCE_PREFIXES = new Set(['ca fait', 'cela fait', 'ca va faire', 'voila', 'voici', 'depuis', 'pendant', 'for', 'since', 'over', 'more than']);
const RELATIVE_PREFIXES = new Set(['apres', 'au bout de', 'dans', 'sous', 'en', "d'ici", 'after', 'within', 'in']);
const ARTICLE_NUMBERS = new Set(['un', 'une', 'a', 'an']);

/** A candidate span before resolution. */
export interface Candidate {
  start: number;
  end: number;
  /** What is sent to the recognizer. */
  window: string;
  cue: TemporalCue;
  isDuration: boolean;
  isToday: boolean;
  /** Numeric dates are read day first (French usage, also for English messages to CNED). */
  dayFirst: boolean;
  /** "le 20", "the 20th": a day of the month alone (the month is the nearest past one). */
  dayOnly?: number;
}

/** "vingt et un novembre" -> "21 novembre" (the recognizer and the fast path read digits). */
function dayWordsToDigits(window: string): string {
  const m = /^([a-z -]+?)\s+([a-z.]+(?:\s+\d{4})?)$/.exec(window);
  if (m === null) return window;
  const day = DAY_WORD_VALUE.get(m[1].replace(/[-\s]+/g, ' '));
  return day === undefined ? window : `${day} ${m[2]}`;
}

export function findCandidates(folded: string, lang: Lang): Candidate[] {
  const re = lang === 'en' ? EN_CANDIDATES : FR_CANDIDATES;
  re.lastIndex = 0;
  const found: Candidate[] = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(folded)) !== null && found.length < MAX_CANDIDATES) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    const g = m.groups ?? {};
    if (g.dur !== undefined) {
      const pre = g.pre;
      // "il y a", also typed "y a" or "ya" on a phone.
      const ago = pre === 'il y a' || pre === 'y a' || pre === 'ya' || g.ago !== undefined;
      const cue: TemporalCue = ago
        ? 'ago'
        : pre !== undefined && SINCE_PREFIXES.has(pre)
          ? 'since'
          : pre !== undefined && RELATIVE_PREFIXES.has(pre)
            ? 'relative'
            : 'none';
      // "un mois", "a week" alone are too common ("une semaine de cours"); keep them with a cue or "que j'attends".
      const after = folded.slice(m.index + m[0].length, m.index + m[0].length + 6);
      const half = /(?:demie?|half)$/.test(g.dur);
      if (ARTICLE_NUMBERS.has(g.num ?? '') && cue === 'none' && !half && !/^ qu(?:e |')/.test(after)) continue;
      found.push({
        start: m.index,
        end: m.index + m[0].length,
        window: g.dur,
        cue,
        isDuration: true,
        isToday: false,
        dayFirst: false,
      });
      continue;
    }
    if (g.day !== undefined) {
      const day = Number(g.day.replace(/\D/g, ''));
      if (day >= 1 && day <= 31) {
        found.push({ start: m.index, end: m.index + m[0].length, window: '', cue: 'none', isDuration: false, isToday: false, dayFirst: false, dayOnly: day });
      }
      continue;
    }
    const text = g.date ?? g.date2 ?? g.date3 ?? g.date4;
    if (text === undefined) continue;
    const start = m.index + m[0].length - text.length;
    found.push({
      start,
      end: m.index + m[0].length,
      window: dayWordsToDigits(text.replace(/\b1ere?\b/g, '1')),
      cue: 'none',
      isDuration: false,
      isToday: g.date3 !== undefined && /aujourd|today/.test(text),
      dayFirst: g.date2 !== undefined,
    });
  }
  return found;
}

// ---------------------------------------------------------------------------
// Recognizer.

let suite: typeof RecognizersSuite | undefined;
/**
 * The recognizers' package, loaded on first use (about 60 ms of module loading, which the start and a first message
 * without a date do not need): by the warm-up after listen, or by the first date read before it.
 */
function recognizers(): typeof RecognizersSuite {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  suite ??= require('@microsoft/recognizers-text-suite') as typeof RecognizersSuite;
  return suite;
}

function cultureOf(lang: Lang): string {
  const { Culture } = recognizers();
  return lang === 'en' ? Culture.English : Culture.French;
}

/** Paris wall-clock time of `now`, as a JS Date in the process's local zone (what the recognizer reads). */
function referenceDate(today: DateTime): Date {
  return new Date(today.year, today.month - 1, today.day, 12, 0, 0);
}

interface RawResolution {
  typeName: string;
  values: Array<{ value?: string; timex?: string }>;
}

/**
 * V8 compiles a regular expression separately for one-byte and two-byte subject
 * strings, and compiling the recognizer's huge French expressions costs about 1 s. A
 * slice of a message that contained "’" or an emoji is a two-byte string even when
 * the slice is plain ASCII: copy windows into a one-byte string, so that the
 * expressions compiled at warm-up are the ones used.
 */
function oneByte(text: string): string {
  return /^[\x00-\xff]*$/.test(text) ? Buffer.from(text, 'latin1').toString('latin1') : text;
}

function recognize(window: string, lang: Lang, ref: Date): RawResolution[] {
  const text = oneByte(window.slice(0, MAX_WINDOW_CHARS));
  try {
    const results = recognizers().recognizeDateTime(text, cultureOf(lang), undefined, ref);
    const out: RawResolution[] = [];
    for (const r of results) {
      const res: unknown = r.resolution;
      const rawValues = isRecord(res) ? res.values : undefined;
      if (!Array.isArray(rawValues)) continue;
      const values: Array<{ value?: string; timex?: string }> = [];
      for (const v of rawValues as unknown[]) {
        if (!isRecord(v)) continue;
        values.push({
          value: typeof v.value === 'string' ? v.value : undefined,
          timex: typeof v.timex === 'string' ? v.timex : undefined,
        });
      }
      out.push({ typeName: String(r.typeName), values });
    }
    return out;
  } catch {
    return [];
  }
}

const TIMEX_DURATION = /^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?$/;

export function durationFromTimex(timex: string): Duration | undefined {
  const m = TIMEX_DURATION.exec(timex);
  if (m === null || timex === 'P') return undefined;
  const parts: Array<[number, Duration['unit'], number]> = [];
  const units: Array<[string | undefined, Duration['unit'], number]> = [
    [m[1], 'year', 365],
    [m[2], 'month', 30],
    [m[3], 'week', 7],
    [m[4], 'day', 1],
  ];
  for (const [s, unit, per] of units) if (s !== undefined) parts.push([Number(s), unit, per]);
  if (parts.length === 0) return undefined;
  const days = Math.round(parts.reduce((sum, [n, , per]) => sum + n * per, 0));
  if (!Number.isFinite(days) || days <= 0) return undefined;
  if (parts.length === 1) {
    const [amount, unit] = parts[0];
    return { amount, unit, days };
  }
  return { amount: days, unit: 'day', days };
}

/** `today` minus a duration, in calendar units ("il y a 1 mois" on 31 March is 28/29 February). */
export function minus(today: DateTime, d: Duration): DateTime {
  if (!Number.isInteger(d.amount)) return today.minus({ days: d.days });
  switch (d.unit) {
    case 'year':
      return today.minus({ years: d.amount });
    case 'month':
      return today.minus({ months: d.amount });
    case 'week':
      return today.minus({ weeks: d.amount });
    default:
      return today.minus({ days: d.amount });
  }
}

const ISO_DAY = /^(\d{4}-\d{2}-\d{2})(?:[ T]|$)/;

/** The latest resolved value that is a real date not after today. */
function latestPast(values: Array<{ value?: string }>, todayIso: string): string | undefined {
  let best: string | undefined;
  for (const v of values) {
    const m = v.value === undefined ? null : ISO_DAY.exec(v.value);
    if (m === null) continue;
    const iso = m[1];
    if (!DateTime.fromISO(iso).isValid || iso > todayIso) continue;
    if (best === undefined || iso > best) best = iso;
  }
  return best;
}

/** Today in Europe/Paris, at the start of the day; undefined if `now` is unusable. */
export function parisToday(now: DateTime): DateTime | undefined {
  if (!DateTime.isDateTime(now) || !now.isValid) return undefined;
  const p = now.setZone(PARIS_ZONE).startOf('day');
  return p.isValid ? p : undefined;
}

/** `fastPath: false` always asks the recognizer (the tests compare both paths). */
export type ResolveOptions = { fastPath?: boolean };

/** The fast path's answer when certain, else the recognizer's: first date not after today, or first duration. */
function resolveIn(window: string, lang: Lang, today: DateTime, ref: Date, options: ResolveOptions): Resolution {
  const fast = options.fastPath === false ? undefined : fastResolve(window, lang, today);
  if (fast !== undefined) return fast;
  const todayIso = today.toISODate() ?? '';
  for (const r of recognize(window, lang, ref)) {
    const kind = r.typeName.replace(/^datetimeV2\./, '');
    if (kind === 'date' || kind === 'datetime') {
      const iso = latestPast(r.values, todayIso);
      if (iso !== undefined) return { kind: 'date', iso }; // else future, or "not resolved"
    } else if (kind === 'duration') {
      const timex = r.values[0]?.timex;
      const duration = timex === undefined ? undefined : durationFromTimex(timex);
      if (duration !== undefined) return { kind: 'duration', duration };
    }
  }
  return { kind: 'none' };
}

/** How one folded window resolves with `lang`'s model (resolveCandidates gives numeric dates to 'fr'). */
export function resolveWindow(window: string, lang: Lang, now: DateTime, options: ResolveOptions = {}): Resolution {
  const today = parisToday(now);
  return today === undefined ? { kind: 'none' } : resolveIn(window, lang, today, referenceDate(today), options);
}

/** The latest date not after today that falls on this day of the month ("le 20" on 26 Nov -> 20 Nov; on 5 Dec -> 20 Nov). */
export function latestDayOfMonth(day: number, today: DateTime): string | undefined {
  for (let back = 0; back < 3; back += 1) {
    const month = today.startOf('month').minus({ months: back });
    if (day > month.daysInMonth!) continue;
    const date = month.set({ day });
    if (date <= today) return date.toISODate() ?? undefined;
  }
  return undefined;
}

/** Days back beyond which a day and month without a year is a guess worth confirming ("le 3 décembre" read on 29 November). */
const YEAR_GUESS_DAYS = 180;

function resolve(c: Candidate, lang: Lang, today: DateTime, ref: Date, o: ResolveOptions): TemporalMention | undefined {
  if (c.dayOnly !== undefined) {
    const iso = latestDayOfMonth(c.dayOnly, today);
    return iso === undefined ? undefined : { start: c.start, end: c.end, iso, cue: c.cue, isToday: false, inferred: true };
  }
  const r = resolveIn(c.window, c.dayFirst ? 'fr' : lang, today, ref, o);
  if (r.kind === 'date') {
    const yearless = !c.isToday && !/\d{4}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2}/.test(c.window) && !c.isDuration && /[a-z]/.test(c.window);
    const longAgo = today.diff(DateTime.fromISO(r.iso, { zone: PARIS_ZONE }), 'days').days > YEAR_GUESS_DAYS;
    const mention: TemporalMention = { start: c.start, end: c.end, iso: r.iso, cue: c.cue, isToday: c.isToday };
    if ((yearless || (c.dayFirst && !/\d{4}|[/.-]\d{2}$/.test(c.window))) && longAgo) mention.inferred = true;
    return mention;
  }
  if (r.kind === 'none') return undefined;
  const mention: TemporalMention = { start: c.start, end: c.end, duration: r.duration, cue: c.cue, isToday: false };
  if (c.cue === 'ago') mention.iso = minus(today, r.duration).toISODate() ?? undefined;
  return mention;
}

/**
 * Resolves the first `maxWindows` candidates (the fast path, else one recognizer call
 * each); the caller orders them by interest. Mentions come back in text order.
 */
export function resolveCandidates(
  candidates: Candidate[],
  lang: Lang,
  now: DateTime,
  maxWindows = MAX_WINDOWS,
  options: ResolveOptions = {},
): TemporalMention[] {
  const today = parisToday(now);
  if (today === undefined) return [];
  const ref = referenceDate(today);
  const out: TemporalMention[] = [];
  for (const c of candidates.slice(0, maxWindows)) {
    const m = resolve(c, lang, today, ref, options);
    if (m !== undefined) out.push(m);
  }
  return out.sort((a, b) => a.start - b.start);
}

// ---------------------------------------------------------------------------
// Public helpers for one-question replies.

/** A past date in a reply to "when did you register / pay?": a bare "3 jours" is read as "3 days ago". */
export function readDate(text: string, lang: Lang, now: DateTime): DateReading | undefined {
  try {
    const today = parisToday(now);
    if (today === undefined) return undefined;
    const folded = foldText(text);
    const candidates = findCandidates(folded, lang).filter((c) => c.cue !== 'relative');
    for (const m of resolveCandidates(candidates, lang, now)) {
      if (m.iso !== undefined) return { iso: m.iso, inferred: m.inferred === true };
      const iso = m.duration !== undefined ? minus(today, m.duration).toISODate() : null;
      // "3 semaines", "1 mois": an approximate date, never enough to declare a deadline passed.
      if (iso) return m.duration?.unit === 'day' ? { iso, inferred: false } : { iso, inferred: true, approximate: true };
    }
    const rough = partOfMonth(folded, today) ?? monthAlone(folded, today) ?? roughPast(folded, today);
    if (rough !== undefined) return { iso: rough, inferred: true, approximate: true };
  } catch {
    // never throw on user text
  }
  return undefined;
}

export function extractDate(text: string, lang: Lang, now: DateTime): string | undefined {
  return readDate(text, lang, now)?.iso;
}

/**
 * How long, in a reply to "how long have you been waiting?". Given `now`, a date
 * ("depuis le 3 novembre") gives the number of days since.
 */
export function extractDuration(text: string, lang: Lang, now?: DateTime): Duration | undefined {
  try {
    const folded = foldText(text);
    const all = findCandidates(folded, lang).filter((c) => c.cue !== 'relative');
    const today = now === undefined ? undefined : parisToday(now);
    const candidates = today === undefined ? all.filter((c) => c.isDuration) : all;
    const mentions = resolveCandidates(candidates, lang, now ?? FIXED_NOW);
    for (const m of mentions) if (m.duration !== undefined) return m.duration;
    // A date, or a part of a month ("depuis fin septembre"): the days since.
    const since = [...mentions.filter((m) => !m.isToday).map((m) => m.iso), today === undefined ? undefined : partOfMonth(folded, today)];
    for (const iso of since) {
      if (iso === undefined || today === undefined) continue;
      const days = Math.round(today.diff(DateTime.fromISO(iso, { zone: PARIS_ZONE }), 'days').days);
      if (days > 0) return { amount: days, unit: 'day', days };
    }
    const one = oneUnitReply(folded);
    if (one !== undefined) return one;
  } catch {
    // never throw on user text
  }
  return undefined;
}

/** Reference for duration-only recognition (durations do not depend on the date). */
const FIXED_NOW = DateTime.fromObject({ year: 2026, month: 1, day: 15, hour: 12 }, { zone: PARIS_ZONE });

/**
 * Warm-up: the first French call compiles the recognizer's regular expressions (one of them, the French
 * ordinal pattern, is 110,000 characters long and takes most of a second to compile on its own). The work is
 * split into steps, each one recognizer call, and every step runs once whoever asks for it: the background
 * warm-up (warmUpRecognizersInSteps, one step per event-loop turn so that requests are served in between) or
 * the synchronous warmUpRecognizers. A user's message that reaches the recognizer before the warm-up is done
 * compiles, within its own call, only what the steps left undone (the compiled expressions are shared), and no
 * second warm-up starts. Compiled regular expressions belong to the JavaScript isolate that compiled them, so
 * a worker thread could not do this for the main thread.
 */
const WARM_UP_REF = new Date(2026, 0, 15, 12, 0, 0);
const WARM_UP_STEPS: ReadonlyArray<() => void> = [
  // The ordinal expression alone first: the date model uses it, and it is the biggest single compilation.
  () => recognizers().recognizeOrdinal('premier', recognizers().Culture.French),
  ...(
    [
      ['fr', ['hier', '20 novembre', '3 jours', '20/11/2026']],
      ['en', ['yesterday', 'november 20', '3 days ago', '3 weeks']],
    ] as const
  ).flatMap(([lang, texts]) => texts.map((text) => () => void recognize(text, lang, WARM_UP_REF))),
];
let warmUpStepsDone = 0;
let warmUpInSteps: Promise<void> | undefined;

function runWarmUpStep(): void {
  const step = WARM_UP_STEPS[warmUpStepsDone];
  warmUpStepsDone += 1;
  try {
    step();
  } catch {
    // a warm-up sample never stops the start
  }
}

/** True once every warm-up step has run. */
export function recognizersWarm(): boolean {
  return warmUpStepsDone >= WARM_UP_STEPS.length;
}

/** Builds and exercises the French and English models now, synchronously (what is left of the warm-up). */
export function warmUpRecognizers(): void {
  while (!recognizersWarm()) runWarmUpStep();
}

/** One turn of the event loop: requests that arrived meanwhile are read before the next step. */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * The same warm-up in the background: one step at a time, each after `beforeEachStep` (by default one turn of
 * the event loop, so that the server answers between steps; the server can also wait for running requests to
 * finish). Called twice, it returns the first call's promise.
 */
export function warmUpRecognizersInSteps(beforeEachStep: () => Promise<void> = nextTurn): Promise<void> {
  warmUpInSteps ??= (async () => {
    for (;;) {
      await beforeEachStep();
      if (recognizersWarm()) return;
      runWarmUpStep();
    }
  })();
  return warmUpInSteps;
}
