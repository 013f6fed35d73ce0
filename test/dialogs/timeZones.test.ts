/**
 * Time zones named the way people say them, in the turn's language; every Paris time of the phone answer also in
 * the user's time when their clock differs; dates and times by each language's conventions (24-hour French,
 * en-GB "4 December 2026", en-US "December 4, 2026").
 */
import { DateTime } from 'luxon';
import { differsFromParis, formatDate, formatDayAndTime, formatTime, zoneName } from '../../dialogs/say';
import { loadUnderstanding } from '../../src/understanding';
import { startConversation } from '../support/dialogs';

const AT = DateTime.fromISO('2026-12-04T12:00:00', { zone: 'Europe/Paris' });

describe('zone names', () => {
  test.each([
    ['fr', 'America/Toronto', 'heure de l’Est nord-américain'],
    ['en', 'America/Toronto', 'Eastern Time'],
    ['fr', 'America/Montreal', 'heure de l’Est nord-américain'],
    ['fr', 'Indian/Reunion', 'heure de La Réunion'],
    ['en', 'Indian/Reunion', 'Réunion Time'],
    ['fr', 'America/Los_Angeles', 'heure du Pacifique nord-américain'],
    ['en', 'America/Los_Angeles', 'Pacific Time'],
    ['fr', 'Pacific/Tahiti', 'heure de Tahiti'],
    ['en', 'Asia/Tokyo', 'Japan Standard Time'],
    ['fr', 'America/Cayenne', 'heure de la Guyane française'],
  ] as const)('%s %s → %s', (lang, zone, name) => {
    expect(zoneName(lang, zone, AT)).toBe(name);
  });

  test.each([
    [undefined, false],
    ['Europe/Paris', false],
    ['Europe/Brussels', false],
    ['Europe/London', true],
    ['America/Montreal', true],
    ['Not/AZone', false],
  ])('%s differs from Paris: %s', (zone, differs) => {
    expect(differsFromParis(zone, AT)).toBe(differs);
  });
});

describe('dates and times by language and locale', () => {
  const evening = DateTime.fromISO('2026-11-30T18:00', { zone: 'Europe/Paris' });
  test.each([
    ['fr', undefined, 'vendredi 4 décembre 2026', '18h00', 'lundi 30 novembre à 18h00'],
    ['fr', 'fr-CA', 'vendredi 4 décembre 2026', '18h00', 'lundi 30 novembre à 18h00'],
    ['en', undefined, 'Friday 4 December 2026', '18:00', 'Monday 30 November at 18:00'],
    ['en', 'en-GB', 'Friday 4 December 2026', '18:00', 'Monday 30 November at 18:00'],
    ['en', 'en-US', 'Friday, December 4, 2026', '6:00 PM', 'Monday, November 30 at 6:00 PM'],
    ['en', 'en-AU', 'Friday 4 December 2026', '6:00 pm', 'Monday 30 November at 6:00 pm'],
  ] as const)('%s (%s): %s, %s', (lang, locale, date, time, dayAndTime) => {
    const spaces = (text: string) => text.replace(/\s/g, ' ');
    expect(spaces(formatDate(lang, '2026-12-04', locale))).toBe(date);
    expect(spaces(formatTime(lang, evening, locale))).toBe(time);
    expect(spaces(formatDayAndTime(lang, evening, locale))).toBe(dayAndTime);
  });
});

describe('the phone answer in the user’s time', () => {
  let understanding: Awaited<ReturnType<typeof loadUnderstanding>>;
  beforeAll(async () => {
    understanding = await loadUnderstanding();
  });

  test('closed on Saturday, seen from Los Angeles: the reopening in Paris time and in theirs (the day before there)', async () => {
    const turn = await startConversation(understanding, 'fr', '2026-11-28T10:00:00+01:00', { zone: 'America/Los_Angeles' }).send('numéro de téléphone');
    expect(turn.text).toContain(
      'Elle rouvre lundi 30 novembre à 8h30 (heure de Paris), soit dimanche 29 novembre à 23h30 (heure du Pacifique nord-américain).',
    );
    expect(turn.text).toContain('Chez vous (heure du Pacifique nord-américain)');
  });

  test('open, seen from La Réunion: the closing time in both', async () => {
    const turn = await startConversation(understanding, 'fr', '2026-11-26T11:00:00+01:00', { zone: 'Indian/Reunion' }).send('numéro de téléphone');
    expect(turn.text).toContain("jusqu'à 18h00 (heure de Paris), soit 21h00 (heure de La Réunion).");
  });

  test('from Brussels (same clock as Paris) nothing is repeated', async () => {
    const turn = await startConversation(understanding, 'fr', '2026-11-26T11:00:00+01:00', { zone: 'Europe/Brussels' }).send('numéro de téléphone');
    expect(turn.text).toContain("jusqu'à 18h00 (heure de Paris).");
    expect(turn.text).not.toContain('Chez vous');
  });
});
