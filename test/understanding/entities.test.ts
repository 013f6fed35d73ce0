import { DateTime } from 'luxon';
import type { Lang } from '../../src/domain/types';
import {
  extractDate,
  extractDuration,
  extractFacts,
  warmUpRecognizers,
} from '../../src/understanding/entities';
import type { Duration } from '../../src/domain/understanding';
import { readDate } from '../../src/understanding/dates';

const now = DateTime.fromISO('2026-11-26T10:00', { zone: 'Europe/Paris' });

beforeAll(() => {
  warmUpRecognizers();
});

describe('extractDate', () => {
  test.each<[Lang, string, string | undefined]>([
    ['fr', 'le 20 novembre', '2026-11-20'],
    ['fr', 'hier', '2026-11-25'],
    ['fr', 'avant-hier', '2026-11-24'],
    ["fr", "aujourd'hui", '2026-11-26'],
    ['fr', 'il y a 3 jours', '2026-11-23'],
    ['fr', 'il y a 2 semaines', '2026-11-12'],
    // "il y a" typed without its "il" on a phone
    ['fr', 'y a un mois à peu près', '2026-10-26'],
    ['fr', 'ya 2 semaines', '2026-11-12'],
    ['fr', 'il y a deux mois', '2026-09-26'],
    ['fr', '3 novembre', '2026-11-03'],
    ['fr', 'le 3 décembre', '2025-12-03'],
    ['fr', 'le 3 decembre', '2025-12-03'],
    ['fr', '20/11/2026', '2026-11-20'],
    ['fr', '20/11', '2026-11-20'],
    ['fr', 'le 1er novembre', '2026-11-01'],
    ['fr', 'Le 20 novembre 2025 je crois', '2025-11-20'],
    ['fr', 'lundi dernier', '2026-11-16'],
    ['fr', '3 jours', '2026-11-23'],
    ['en', 'yesterday', '2026-11-25'],
    ['en', '3 days ago', '2026-11-23'],
    ['en', 'on November 20', '2026-11-20'],
    ['en', 'Nov 3', '2026-11-03'],
    ['en', 'on December 3', '2025-12-03'],
    ['en', '03/11/2026', '2026-11-03'], // numeric dates are read day first
    ['fr', 'le 20 décembre 2026', undefined], // future: never a registration or payment date
    ['fr', 'je ne sais plus', undefined],
    ['en', 'no idea', undefined],
  ])('%s %j -> %s', (lang, text, expected) => {
    expect(extractDate(text, lang, now)).toBe(expected);
  });

  test('"now" in another zone is read in Paris', () => {
    const lateUtc = DateTime.fromISO('2026-11-26T23:30', { zone: 'UTC' }); // 00:30 on the 27th in Paris
    expect(extractDate('hier', 'fr', lateUtc)).toBe('2026-11-26');
  });

  test('an invalid "now" gives nothing', () => {
    expect(extractDate('hier', 'fr', DateTime.invalid('test'))).toBeUndefined();
  });
});

test('"aujourd hui" typed without its apostrophe is today', () => {
  expect(readDate("jai payé aujourd hui", 'fr', now)).toEqual({ iso: '2026-11-26', inferred: false });
});

describe('readDate: a part of a month, a rough past', () => {
  test.each<[Lang, string, string]>([
    ['fr', 'fin août', '2026-08-31'],
    ['fr', 'mi décembre', '2025-12-15'],
    ['fr', 'début octobre', '2026-10-01'],
    ['en', 'end of August', '2026-08-31'],
    ['en', 'mid-October', '2026-10-15'],
    // the current month: never a day after today
    ['fr', 'fin novembre', '2026-11-26'],
    // a rough past
    ['fr', 'la semaine dernière', '2026-11-19'],
    ['en', 'last month', '2026-10-26'],
    ['fr', 'il y a quelques jours', '2026-11-23'],
    // a month alone: its 15th, never after today
    ['fr', 'en juillet', '2026-07-15'],
    ['en', 'in July', '2026-07-15'],
    ['fr', 'au mois de décembre', '2025-12-15'],
    ['fr', 'novembre', '2026-11-15'],
  ])('%s %j is %s, a guessed day', (lang, text, iso) => {
    expect(readDate(text, lang, now)).toEqual({ iso, inferred: true, approximate: true });
  });

  test.each<[Lang, string]>([
    ['fr', 'il y a 3 jours'],
    ['fr', 'le 20'],
    ['en', '3 November'],
  ])('%s %j gives its day', (lang, text) => {
    expect(readDate(text, lang, now)?.approximate).toBeUndefined();
  });

  test('"fin de formation" is no date', () => {
    expect(readDate('fin de formation', 'fr', now)).toBeUndefined();
  });
});

describe('extractDuration', () => {
  test.each<[Lang, string, Duration | undefined]>([
    ['fr', "4 mois que j'attends", { amount: 4, unit: 'month', days: 120 }],
    ['fr', '4 mois que j’attends', { amount: 4, unit: 'month', days: 120 }],
    ['fr', 'depuis 3 semaines', { amount: 3, unit: 'week', days: 21 }],
    ['fr', 'ça fait 7 semaines', { amount: 7, unit: 'week', days: 49 }],
    ['fr', 'cela fait deux mois', { amount: 2, unit: 'month', days: 60 }],
    ['fr', 'depuis un an', { amount: 1, unit: 'year', days: 365 }],
    ['fr', '10 jours', { amount: 10, unit: 'day', days: 10 }],
    ['en', 'two months', { amount: 2, unit: 'month', days: 60 }],
    ['en', 'waiting for 3 weeks', { amount: 3, unit: 'week', days: 21 }],
    ['en', 'since 5 days', { amount: 5, unit: 'day', days: 5 }],
    ['fr', 'longtemps', undefined],
    ['en', 'ages', undefined],
    // one unit with an article, as the whole reply
    ['fr', 'environ un mois', { amount: 1, unit: 'month', days: 30 }],
    ['en', 'about a month', { amount: 1, unit: 'month', days: 30 }],
    ['fr', 'un mois de cours', undefined],
  ])('%s %j', (lang, text, expected) => {
    expect(extractDuration(text, lang)).toEqual(expected);
  });

  test('a date gives the days since, when "now" is given', () => {
    expect(extractDuration('depuis le 3 novembre', 'fr', now)).toEqual({ amount: 23, unit: 'day', days: 23 });
    expect(extractDuration('depuis fin septembre', 'fr', now)).toEqual({ amount: 57, unit: 'day', days: 57 });
  });
});

describe('extractFacts: dates and what they are', () => {
  test.each<[Lang, string, Partial<Record<'registeredOn' | 'paidOn' | 'date', string>>]>([
    ['fr', 'je me suis inscrit le 20 novembre', { registeredOn: '2026-11-20' }],
    ['fr', 'payé il y a 3 jours', { paidOn: '2026-11-23' }],
    ['fr', 'inscrit et payé le 3 novembre', { registeredOn: '2026-11-03', paidOn: '2026-11-03' }],
    [
      'fr',
      'je me suis inscrit le 20 novembre et payé il y a 3 jours',
      { registeredOn: '2026-11-20', paidOn: '2026-11-23' },
    ],
    ['fr', "Le 12 novembre j'ai réglé la formation", { paidOn: '2026-11-12' }],
    ['fr', 'je suis inscrit depuis le 2 novembre', { registeredOn: '2026-11-02' }],
    ['fr', 'le 3 novembre rien ne s’est passé', { date: '2026-11-03' }],
    ['en', 'I registered yesterday', { registeredOn: '2026-11-25' }],
    ['en', 'paid on 3 November', { paidOn: '2026-11-03' }],
    ['en', 'I signed up on November 20 and paid 3 days ago', { registeredOn: '2026-11-20', paidOn: '2026-11-23' }],
    ['fr', 'je me suis inscrit le 20 décembre 2026', {}], // future
    ['en', "I enrolled last week (Nov 23) and paid the same day, I've changed my mind", { registeredOn: '2026-11-23', paidOn: '2026-11-23' }],
    ['fr', 'inscrite le 18 novembre, payé le jour même', { registeredOn: '2026-11-18', paidOn: '2026-11-18' }],
    ['fr', "j'ai payé le 18 novembre et je me suis inscrite le même jour", { registeredOn: '2026-11-18', paidOn: '2026-11-18' }],
    ['fr', 'inscrit le 18 novembre, le même jour le colis est parti', { registeredOn: '2026-11-18' }],
    ['en', 'registered on 18 November, no idea when I paid', { registeredOn: '2026-11-18' }],
    // A registration word and a payment word share a date only when joined; the registration as the topic of
    // another clause gives it no date (counted from the payment alone, the other date is asked before "too late").
    ['fr', 'inscription et paiement le 3 novembre', { registeredOn: '2026-11-03', paidOn: '2026-11-03' }],
    ['fr', 'inscrit en ligne et payé le 3 novembre', { registeredOn: '2026-11-03', paidOn: '2026-11-03' }],
    ['en', 'my enrolment and my payment were on 3 November', { registeredOn: '2026-11-03', paidOn: '2026-11-03' }],
    ['fr', "je veux me rétracter de mon inscription, j'ai payé le 3 novembre", { paidOn: '2026-11-03' }],
    ['en', 'I want to withdraw from my enrolment, I paid on 3 November', { paidOn: '2026-11-03' }],
  ])('%s %j', (lang, text, expected) => {
    const facts = extractFacts(text, lang, now);
    expect({ registeredOn: facts.registeredOn, paidOn: facts.paidOn, date: facts.date }).toEqual({
      registeredOn: expected.registeredOn,
      paidOn: expected.paidOn,
      date: expected.date,
    });
  });
});

describe('extractFacts: waiting', () => {
  test.each<[Lang, string, Duration | undefined]>([
    ['fr', "4 mois que j'attends un remboursement", { amount: 4, unit: 'month', days: 120 }],
    ['fr', 'ça fait 7 semaines', { amount: 7, unit: 'week', days: 49 }],
    ['fr', 'toujours rien depuis 3 semaines', { amount: 3, unit: 'week', days: 21 }],
    ['en', "I've been waiting for 3 weeks", { amount: 3, unit: 'week', days: 21 }],
    ['fr', 'relance par téléphone après 3 semaines', undefined],
    ['fr', 'la formation dure 6 mois', undefined],
    ['fr', 'vous pouvez vous rétracter dans les 14 jours', undefined],
  ])('%s %j', (lang, text, expected) => {
    expect(extractFacts(text, lang, now).waiting).toEqual(expected);
  });
});

describe('extractFacts: order number', () => {
  test.each<[Lang, string, string | undefined]>([
    ['fr', 'commande n° 123456', '123456'],
    ['fr', 'numéro de commande : AB-12345', 'AB-12345'],
    ['fr', 'ma commande numéro 2026-778899 est bloquée', '2026-778899'],
    ['fr', 'N° de commande 4567891', '4567891'],
    ['en', 'order number 987654', '987654'],
    ['en', 'my order #5551234', '5551234'],
    ['fr', 'appelez le 05 49 49 94 94', undefined],
    ['fr', 'ma commande 05 49 49 94 94', undefined],
    ['fr', 'commande n° 0549499494', undefined],
    ['fr', 'commande du 20/11/2026', undefined],
    ['fr', 'commande 20/11/2026', undefined],
    ['fr', 'ma commande du 3 novembre', undefined],
    ['fr', 'je veux commander 123456 livres', undefined],
    ['en', 'in order to get 12345 points', undefined],
  ])('%s %j -> %s', (lang, text, expected) => {
    expect(extractFacts(text, lang, now).orderNumber).toBe(expected);
  });
});

describe('extractFacts: registered', () => {
  test.each<[Lang, string, boolean | undefined]>([
    ['fr', 'je suis inscrit en BTS', true],
    ['fr', 'Je suis inscrite au CNED', true],
    ['fr', "je n'arrive plus à accéder à mon espace inscrit", true],
    ['fr', 'je me suis inscrit le 20 novembre', true],
    ['fr', 'je ne suis pas inscrit', false],
    ['fr', "je ne suis pas encore inscrite", false],
    ['fr', 'je suis non-inscrit', false],
    ['en', 'I am registered', true],
    ['en', 'not registered yet', false],
    ["en", "I'm not registered", false],
    // registering is still to come
    ['fr', "pas encore, je voulais savoir avant de m'inscrire", false],
    ['fr', "je voudrais m'inscrire en BTS, on peut payer en plusieurs fois ?", false],
    ['en', 'I would like to enrol my son next year', false],
    ['en', 'not yet, I wanted to know before I register', false],
    ['en', 'not yet, I am thinking to register', false],
    ['fr', 'je veux me réinscrire pour la deuxième année', undefined],
    ['fr', 'bonjour', undefined],
  ])('%s %j -> %s', (lang, text, expected) => {
    expect(extractFacts(text, lang, now).registered).toBe(expected);
  });
});

describe('extractFacts: refund after a withdrawal', () => {
  test.each<[Lang, string, boolean | undefined]>([
    ['fr', "je me suis rétracté et j'attends mon remboursement", true],
    ['fr', 'Je me suis rétractée le 5 novembre', true],
    ['fr', 'remboursement suite à ma rétractation', true],
    ['fr', "j'ai envoyé le formulaire de rétractation", true],
    ['en', 'I withdrew two weeks ago and still no refund', true],
    ['fr', "j'attends le remboursement de mon annulation", undefined],
    ['fr', 'je veux me rétracter', undefined],
  ])('%s %j -> %s', (lang, text, expected) => {
    expect(extractFacts(text, lang, now).afterWithdrawal).toBe(expected);
  });
});

describe('extractFacts: a step named, not told', () => {
  test.each<[Lang, string, boolean]>([
    ['fr', 'médiateur', true],
    ['fr', 'recours au directeur général', true],
    ['en', 'mediator', true],
    ['fr', 'un appel', true],
    ["fr", "j'ai saisi le médiateur", false],
    ['fr', 'lettre recommandée sans réponse', false],
    ['fr', 'recommandé le 2 novembre', false],
    ['en', 'I called twice', false],
  ])('%s %j -> %s', (lang, text, namedOnly) => {
    const facts = extractFacts(text, lang, now);
    expect(facts.history.length).toBeGreaterThan(0);
    expect(facts.namedOnly === true).toBe(namedOnly);
  });
});

describe('extractFacts: never throws', () => {
  const hostile: Array<[string, string]> = [
    ['empty', ''],
    ['spaces', '   \n\t  '],
    ['nonsense', 'asdf qwer zxcv'],
    ['emoji', '😡😡😡 🤬 CNED 💩'],
    ['lone surrogates', '\uD800 le 20 novembre \uDC00 hier \uD83D'],
    ['control characters', '\u0000\u0001\u0007 hier \u001b[31m rouge \u007f\u0085'],
    ['zero-width and bidi', 'hi\u200ber \u202Ele 3 novembre\u202C'],
    ['zalgo', 'h̸̢̛i̵̧͝e̶̛r̷'],
    ['10,000 characters', 'a'.repeat(10_000)],
    ['10,000 digits', '1234567890 '.repeat(910)],
    ['slashes', '/'.repeat(3000) + '12/12' + '/'.repeat(3000)],
    ['many dates', 'le 3 novembre, '.repeat(500)],
    ['regex bait', '((((((((((([[[[[[\\\\\\$$$^^^***+++???'],
    ['html', '<script>alert("hier")</script>'],
    ['numbers only', '05 49 49 94 94 05 49 49 96 96'],
  ];

  test.each(hostile)('%s', (_name, text) => {
    for (const lang of ['fr', 'en'] as const) {
      const facts = extractFacts(text, lang, now);
      expect(Array.isArray(facts.history)).toBe(true);
      expect(() => extractDate(text, lang, now)).not.toThrow();
      expect(() => extractDuration(text, lang)).not.toThrow();
    }
  });

  test('nonsense gives nothing', () => {
    expect(extractFacts('asdf qwer zxcv', 'fr', now)).toEqual({ history: [] });
    expect(extractFacts('😡😡😡', 'en', now)).toEqual({ history: [] });
    expect(extractFacts('', 'fr', now)).toEqual({ history: [] });
  });

  test('values that are not strings at run time', () => {
    const notAString = undefined as unknown as string;
    expect(extractFacts(notAString, 'fr', now)).toEqual({ history: [] });
    expect(extractDate(notAString, 'fr', now)).toBeUndefined();
    expect(extractDuration(notAString, 'fr')).toBeUndefined();
  });

  test('a long message keeps its first facts', () => {
    const text = "Je me suis inscrit le 20 novembre. " + 'Bla bla bla. '.repeat(400) + 'Commande n° 123456.';
    const facts = extractFacts(text, 'fr', now);
    expect(facts.registeredOn).toBe('2026-11-20');
    expect(facts.orderNumber).toBe('123456');
  });
});

describe('extractFacts: dates that belong to something else', () => {
  test.each<[Lang, string, Partial<Record<'registeredOn' | 'paidOn' | 'date', string>>]>([
    ['fr', "J'ai appelé le 3 novembre pour dire que j'avais payé", {}], // dates the call, not the payment
    ['fr', 'Ma commande du 12/10/2026 est bloquée', {}],
    ['fr', 'Le colis livré le 3 novembre à mon ancienne adresse', {}],
  ])('%s %j', (lang, text, expected) => {
    const facts = extractFacts(text, lang, now);
    expect({ registeredOn: facts.registeredOn, paidOn: facts.paidOn, date: facts.date }).toEqual({
      registeredOn: expected.registeredOn,
      paidOn: expected.paidOn,
      date: expected.date,
    });
  });

  test('the call is dated', () => {
    expect(extractFacts("J'ai appelé le 3 novembre pour dire que j'avais payé", 'fr', now).history).toEqual([
      { kind: 'phone', outcome: 'unknown', on: '2026-11-03' },
    ]);
  });
});
