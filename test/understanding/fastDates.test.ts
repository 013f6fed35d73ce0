import { DateTime } from 'luxon';
import type { Lang } from '../../src/domain/types';
import {
  MAX_WINDOWS,
  extractDate,
  findCandidates,
  foldText,
  parisToday,
  resolveCandidates,
  resolveWindow,
  warmUpRecognizers,
} from '../../src/understanding/dates';
import { fastResolve } from '../../src/understanding/fastDates';

/** Days used as "now" (10:00 in Paris): around the new year, leap and non-leap years, month ends. */
const N = '2026-11-26';
const NEW_YEAR = '2026-01-01';
const NEW_YEARS_EVE = '2025-12-31';
const LEAP_MARCH = '2028-03-01';
const LEAP_DAY = '2028-02-29';
const NON_LEAP_MARCH = '2027-03-01';
const MARCH_31 = '2026-03-31';
const JAN_3 = '2027-01-03';

function at(day: string): DateTime {
  return DateTime.fromISO(`${day}T10:00`, { zone: 'Europe/Paris' });
}

function todayOf(now: DateTime): DateTime {
  const today = parisToday(now);
  if (today === undefined) throw new Error('unusable now');
  return today;
}

beforeAll(() => {
  warmUpRecognizers();
});

describe('the fast path answers, and exactly as the recognizer does', () => {
  test.each<[Lang, string, string]>([
    // French: day and month, with or without a year
    ['fr', 'le 20 novembre', N],
    ['fr', '3 novembre', N],
    ['fr', 'le 3 décembre', N], // after today: last year's
    ['fr', 'le 26 novembre', N], // today
    ['fr', 'le 27 novembre', N], // tomorrow: last year's
    ['fr', 'le 1er novembre', N],
    ['fr', 'le 1er janvier', NEW_YEAR],
    ['fr', 'le 31 décembre', NEW_YEAR],
    ['fr', 'le 31 décembre', NEW_YEARS_EVE],
    ['fr', 'le 2 janvier', NEW_YEAR],
    ['fr', 'le 2 janvier', JAN_3],
    ['fr', 'le 20 nov.', N],
    ['fr', 'le 3 janv', JAN_3],
    ['fr', 'le 14 févr.', NON_LEAP_MARCH],
    ['fr', 'le 14 fév', NON_LEAP_MARCH],
    ['fr', 'le 9 sept.', N],
    ['fr', 'le 9 sept 2025', N],
    ['fr', 'le 15 août', N],
    ['fr', '29 février', LEAP_MARCH],
    ['fr', '29 février', LEAP_DAY],
    ['fr', '29 février', NON_LEAP_MARCH], // 2024
    ['fr', 'le 29 février 2024', N],
    ['fr', 'Le 20 novembre 2025 je crois', N],
    ['fr', 'le 20 décembre 2026', N], // future: nothing
    ['fr', 'le 31 décembre 2025', NEW_YEAR],
    // French: numeric, day first
    ['fr', '20/11', N],
    ['fr', '20/11/2026', N],
    ['fr', '20/11/25', N],
    ['fr', '03/11', N],
    ['fr', '31/12', NEW_YEAR],
    ['fr', '29/02', LEAP_MARCH],
    ['fr', '29/02', NON_LEAP_MARCH],
    ['fr', '29/02/2024', N],
    ['fr', '20.11.2026', N],
    ['fr', '20-11-26', N],
    ['fr', '1/1/27', N], // future: nothing
    // French: days relative to today
    ['fr', 'hier', NEW_YEAR],
    ['fr', 'avant-hier', LEAP_MARCH],
    ['fr', 'avant hier', N],
    ["fr", "aujourd'hui", N],
    // French: durations, "ago" or not
    ['fr', 'il y a 3 jours', NEW_YEAR],
    ['fr', 'il y a un mois', MARCH_31],
    ['fr', 'il y a deux ans', LEAP_DAY],
    ['fr', 'il y a quinze jours', N],
    ['fr', 'il y a dix-huit mois', N],
    ['fr', 'il y a 2 semaines', N],
    ['fr', 'depuis deux semaines', N],
    ['fr', 'ça fait 7 semaines', N],
    ["fr", "4 mois que j'attends", N],
    ['fr', 'depuis un an', N],
    ['fr', 'depuis 2 années', N],
    ['fr', '10 jours', N],
    // English: month and day, day and month
    ['en', 'on November 20', N],
    ['en', 'Nov 3', N],
    ['en', 'on December 3rd', N],
    ['en', 'November 20th, 2025', N],
    ['en', 'on the 1st of March', N],
    ['en', 'on 22nd March', N],
    ['en', '3 November 2025', N],
    ['en', '11 Sept', N],
    ['en', 'January 2', NEW_YEAR],
    ['en', 'Feb 29', NON_LEAP_MARCH],
    ['en', 'Feb 29th, 2028', LEAP_MARCH],
    ['en', 'December 20, 2026', N], // future: nothing
    // English: days relative to today, "ago", durations, numeric (day first, French model)
    ['en', 'yesterday', NEW_YEAR],
    ['en', 'today', N],
    ['en', 'the day before yesterday', LEAP_MARCH],
    ['en', '3 days ago', N],
    ['en', 'a month ago', MARCH_31], // the recognizer's Date arithmetic: 3 March
    ['en', 'two years ago', LEAP_DAY],
    ['en', 'a week ago', NEW_YEAR],
    ['en', 'for 3 weeks', N],
    ['en', 'since five days', N],
    ['en', 'waiting for twelve months', N],
    ['en', '03/11/2026', N],
    ['en', '29/02', NON_LEAP_MARCH],
  ])('%s %j on %s', (lang, text, day) => {
    const now = at(day);
    const candidates = findCandidates(foldText(text), lang);
    expect(candidates).toHaveLength(1);
    const c = candidates[0];
    const model: Lang = c.dayFirst ? 'fr' : lang;
    const fast = fastResolve(c.window, model, todayOf(now));
    expect(fast).toBeDefined();
    expect(fast).toEqual(resolveWindow(c.window, model, now, { fastPath: false }));
    // and the mentions built from it (cue, "ago" dates, offsets) are the same
    expect(resolveCandidates(candidates, lang, now)).toEqual(
      resolveCandidates(candidates, lang, now, MAX_WINDOWS, { fastPath: false }),
    );
  });
});

describe('the fast path declines, and the recognizer decides as before', () => {
  test.each<[Lang, string]>([
    ['fr', 'mi novembre'],
    ['fr', 'lundi dernier'],
    ['fr', 'la semaine dernière'],
    ['fr', 'fin octobre'],
    ['fr', 'dans 3 jours'], // as a whole; its window "3 jours" is a duration, kept out by the "relative" cue
    ['fr', '31/02'], // invalid dates: the recognizer says "not resolved"
    ['fr', '31 novembre'],
    ['fr', '29 février 2025'],
    ['fr', '2 juil. 2025'], // the recognizer does not resolve "juil." before a year
    ['fr', '20/11/45'], // 1945: unlikely, left to the recognizer
    ['fr', '1er novembre'], // a window is always rewritten "1 novembre"; unrewritten, the recognizer fails
    ['fr', 'premier novembre'],
    ['fr', 'le 20 novembre 1850'],
    ['fr', '0 jours'],
    ['fr', 'constructor jours'],
    ['en', '03/11'], // given to the English model itself: read month first (11 March)
    ['en', '3st November'],
    ['en', 'a couple of weeks ago'],
    ['en', 'last monday'],
    ['en', 'in 3 days'],
    ['en', '0 days ago'],
  ])('%s %j', (lang, text) => {
    const now = at(N);
    const folded = foldText(text);
    expect(fastResolve(folded, lang, todayOf(now))).toBeUndefined();
    expect(resolveWindow(folded, lang, now)).toEqual(resolveWindow(folded, lang, now, { fastPath: false }));
    const candidates = findCandidates(folded, lang);
    expect(resolveCandidates(candidates, lang, now)).toEqual(
      resolveCandidates(candidates, lang, now, MAX_WINDOWS, { fastPath: false }),
    );
  });

  test('what the recognizer makes of some of them', () => {
    const now = at(N);
    expect(extractDate('lundi dernier', 'fr', now)).toBe('2026-11-16');
    expect(extractDate('le 2 juil. 2025', 'fr', now)).toBeUndefined();
    expect(extractDate('le 20/11/45', 'fr', now)).toBe('1945-11-20');
    expect(resolveWindow('03/11', 'en', now)).toEqual({ kind: 'date', iso: '2026-03-11' });
    expect(extractDate('03/11', 'en', now)).toBe('2026-11-03'); // numeric windows go to the French model
  });
});
