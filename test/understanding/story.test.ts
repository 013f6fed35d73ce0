import { readFileSync } from 'fs';
import { join } from 'path';
import { DateTime } from 'luxon';
import type { ActionKind, ActionOutcome, Lang, PastAction } from '../../src/domain/types';
import { extractFacts, warmUpRecognizers } from '../../src/understanding/entities';

const now = DateTime.fromISO('2026-11-26T10:00', { zone: 'Europe/Paris' });

/** The three real complaints at the end of the seed (copied, so the test does not depend on /work/shared). */
const SEED_1 =
  'Mi novembre, toujours pas de codes d’accès aux cours malgré l’inscription et le paiement.';
const SEED_2 =
  '4 mois que j’attends un remboursement, on me dit que c’est en cours depuis plusieurs semaines et rien.';
const SEED_3 =
  'Un 1er appel, on me dit de renseigner le formulaire en ligne; ce que je fais; aucune réponse. Je fais un courrier en recommandé ave accusé de réception et relance par téléphone après 3 semaines; je reçois biensûr une réponse négative malgré les justificatifs fournis. Je fais un recours auprès du Directeur général comme le propose la procédure par un courrier en recommandé avec accusé de réception et cela fait 7 semaines que j’attends qu’on daigne me répondre. Par sérieux et surtout pas commercial.';

beforeAll(() => {
  warmUpRecognizers();
});

function withoutPhone(history: PastAction[]): PastAction[] {
  return history.filter((a) => a.kind !== 'phone');
}

describe('the three real complaints of the seed', () => {
  test('the copies match the seed file when it is there', () => {
    let seed: string;
    try {
      seed = readFileSync(join('/work/shared/seed', 'cned-reclamation-fr.txt'), 'utf8');
    } catch {
      return; // the shared folder is not part of the repository
    }
    for (const complaint of [SEED_1, SEED_2, SEED_3]) expect(seed).toContain(complaint);
  });

  test('first: no crash, nothing harmful', () => {
    const facts = extractFacts(SEED_1, 'fr', now);
    expect(facts.history).toEqual([]);
    expect(facts.registeredOn).toBeUndefined();
    expect(facts.paidOn).toBeUndefined();
    expect(facts.orderNumber).toBeUndefined();
  });

  test('second: waiting 4 months, a phone call with unknown outcome', () => {
    const facts = extractFacts(SEED_2, 'fr', now);
    expect(facts.waiting).toEqual({ amount: 4, unit: 'month', days: 120 });
    expect(facts.history).toEqual([{ kind: 'phone', outcome: 'unknown' }]);
  });

  test('third: form unanswered, phone, registered letter refused, appeal unanswered 7 weeks ago', () => {
    const facts = extractFacts(SEED_3, 'fr', now);
    expect(withoutPhone(facts.history)).toEqual([
      { kind: 'form', outcome: 'unanswered' },
      { kind: 'registeredLetter', outcome: 'refused' },
      { kind: 'directorAppeal', outcome: 'unanswered', on: '2026-10-08' },
    ]);
    const phones = facts.history.filter((a) => a.kind === 'phone');
    expect(phones.length).toBeGreaterThanOrEqual(1);
    expect(phones.length).toBeLessThanOrEqual(2);
    // the first phone call comes before the appeal
    const kinds = facts.history.map((a) => a.kind);
    expect(kinds.indexOf('phone')).toBeLessThan(kinds.indexOf('directorAppeal'));
    expect(facts.waiting).toEqual({ amount: 7, unit: 'week', days: 49 });
  });

  test('third, with straight apostrophes and without accents', () => {
    const plain = SEED_3.normalize('NFD').replace(/\p{M}/gu, '').replace(/’/g, "'");
    expect(withoutPhone(extractFacts(plain, 'fr', now).history).map((a) => [a.kind, a.outcome])).toEqual([
      ['form', 'unanswered'],
      ['registeredLetter', 'refused'],
      ['directorAppeal', 'unanswered'],
    ]);
  });
});

describe('history', () => {
  type Step = [ActionKind, ActionOutcome, string?];
  test.each<[Lang, string, Step[]]>([
    ['fr', "J'ai rempli le formulaire de contact, aucune réponse.", [['form', 'unanswered']]],
    ['fr', "J'ai appelé le CNED.", [['phone', 'unknown']]],
    ['fr', "J'ai envoyé un recommandé le 3 novembre, toujours aucune réponse.", [['registeredLetter', 'unanswered', '2026-11-03']]],
    ['fr', "Lettre recommandée avec accusé de réception : refus.", [['registeredLetter', 'refused']]],
    ['fr', "J'ai saisi le médiateur il y a 2 semaines.", [['mediator', 'unknown', '2026-11-12']]],
    ['fr', "Recours auprès du directeur général rejeté.", [['directorAppeal', 'refused']]],
    [
      'fr',
      "J'ai écrit en recommandé puis j'ai fait un recours au directeur général, sans réponse depuis 3 semaines.",
      [
        ['registeredLetter', 'unknown'],
        ['directorAppeal', 'unanswered', '2026-11-05'],
      ],
    ],
    ['fr', "relance par téléphone après 3 semaines", [['phone', 'unknown']]],
    [
      'en',
      'I filled in the form 3 weeks ago, no reply. Then I called them. I sent a registered letter and it was rejected.',
      [
        ['form', 'unanswered', '2026-11-05'],
        ['phone', 'unknown'],
        ['registeredLetter', 'refused'],
      ],
    ],
    ['en', 'My appeal to the Director General was turned down.', [['directorAppeal', 'refused']]],
    ['en', 'I wrote to the mediator, no answer yet.', [['mediator', 'unanswered']]],
    // not history
    ['fr', 'Quel est le numéro de téléphone du CNED ?', []],
    ['fr', 'Comment remplir le formulaire de rétractation', []],
    ['fr', "Je n'ai pas encore saisi le médiateur.", []],
    ['fr', 'Je vous recommande ce cours', []],
    ['en', 'What is the phone number?', []],
    ['fr', 'Bonjour, je voudrais des informations sur ma formation.', []],
    // a one-word answer to "what did you do last?"
    ['fr', 'recommandé', [['registeredLetter', 'unknown']]],
    ['fr', 'mail', [['email', 'unknown']]],
    // a step wanted is not a step taken
    ['en', 'I want to complain to the mediator', []],
    ['fr', 'je voudrais saisir le médiateur', []],
    ['fr', "je vais envoyer un recommandé", []],
    ['fr', "je veux me plaindre, j'ai déjà saisi le médiateur", [['mediator', 'unknown']]],
    ['en', "I'd like to go further: I have already sent a registered letter", [['registeredLetter', 'unknown']]],
  ])('%s %j', (lang, text, expected) => {
    const history = extractFacts(text, lang, now).history;
    expect(history.map((a) => [a.kind, a.outcome, ...(a.on === undefined ? [] : [a.on])])).toEqual(expected);
  });

  test('a date that dates a step is not also reported as an unexplained date', () => {
    const facts = extractFacts("J'ai envoyé un recommandé le 3 novembre.", 'fr', now);
    expect(facts.history).toEqual([{ kind: 'registeredLetter', outcome: 'unknown', on: '2026-11-03' }]);
    expect(facts.date).toBeUndefined();
  });

  test('a very long message gives a bounded history', () => {
    const facts = extractFacts((SEED_3 + ' ').repeat(12), 'fr', now);
    expect(facts.history.length).toBeLessThanOrEqual(20);
    expect(facts.history[0]?.kind).toBe('phone');
  });
});

test.each<[string, string[]]>([
  ['my refund never came, I phoned them twice', ['phone', 'phone']],
  ["le colis n'est jamais arrivé et j'ai envoyé un mail", ['email']],
  ["je n'ai pas encore saisi le médiateur", []],
  ['I have not yet called them', []],
])('a negation stays in its clause: %j', (text, kinds) => {
  expect(extractFacts(text, /[a-z] (?:the|my|them|i|have)\b/i.test(text) ? 'en' : 'fr', now).history.map((action) => action.kind)).toEqual(kinds);
});
