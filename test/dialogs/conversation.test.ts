/** How a conversation behaves around the routes: menus, misunderstandings, global commands, endings, time. */
import { DialogTurnStatus } from 'botbuilder-dialogs';
import { MemoryStorage } from 'botbuilder';
import type { Telemetry, TelemetryEvent } from '../../src/telemetry';
import type { ExtractedFacts, Understanding } from '../../src/domain/understanding';
import { t } from '../../src/i18n/messages';
import { loadUnderstanding } from '../../src/understanding';
import { startConversation } from '../support/dialogs';
import { withdrawalFactsWith } from '../../dialogs/mainDialog';
import { factsAdded } from '../../dialogs/facts';
import type { PastAction } from '../../src/domain/types';

const THURSDAY_11H = '2026-11-26T11:00:00+01:00';
let understanding: Understanding;
beforeAll(async () => {
  understanding = await loadUnderstanding();
});

const fr = (key: Parameters<typeof t>[1]) => t('fr', key).split('{')[0];

describe('menu and misunderstandings', () => {
  test('nonsense gets the menu; a second misunderstanding in a row offers a person with the line status', async () => {
    const conversation = startConversation(understanding, 'fr', THURSDAY_11H);
    const first = await conversation.send('azerty qsdfgh');
    expect(first.text).toContain(fr('common.notUnderstood'));
    expect(first.buttons).toContain(t('fr', 'choice.lostCredentials'));
    expect(first.text).not.toContain(fr('common.offerPerson'));
    const second = await conversation.send('blablabla xyz');
    expect(second.text).toContain(fr('common.offerPerson'));
    expect(second.text).toContain(fr('phone.openNow'));
    expect(second.buttons).toHaveLength(12);
    const third = await conversation.send('Identifiants perdus');
    expect(third.text).toContain(fr('lostCredentials.restate'));
  });

  test('a greeting gets the menu without a misunderstanding', async () => {
    const turn = await startConversation(understanding, 'fr', THURSDAY_11H).send('Bonjour');
    expect(turn.text).toContain(fr('menu.greeting'));
    expect(turn.text).not.toContain(fr('common.notUnderstood'));
    expect(turn.status).toBe(DialogTurnStatus.waiting);
  });

  test('a button number picks the choice', async () => {
    const conversation = startConversation(understanding, 'en', THURSDAY_11H);
    await conversation.send('hello');
    const turn = await conversation.send('9');
    expect(turn.text).toContain(t('en', 'refund.restate'));
  });
});

const en = (key: Parameters<typeof t>[1]) => t('en', key).split('{')[0];

describe('short answers and first messages that look like something else', () => {
  test('"no access code yet" names a problem: it is not a "no thanks"', async () => {
    const turn = await startConversation(understanding, 'en', THURSDAY_11H).send('no access code yet, paid on the 5th');
    expect(turn.text).toContain(en('missingAccessCodes.restate'));
    expect(turn.text).not.toContain(en('menu.goodbye'));
  });

  test('wanting the mediator is not having seized it, and a short English answer keeps the English page in English', async () => {
    const conversation = startConversation(understanding, 'en', THURSDAY_11H);
    expect((await conversation.send('I want to complain to the mediator')).text).toContain(en('escalation.askDone'));
    expect((await conversation.send('a registered letter')).text).toContain(en('escalation.askWhen'));
  });

  test('"pas encore inscrit" answers "do you have a registered account?"', async () => {
    const conversation = startConversation(understanding, 'fr', THURSDAY_11H);
    expect((await conversation.send('je suis bloqué dans une démarche administrative, mon dossier ne bouge plus')).text).toContain(fr('form.askRegistered'));
    const turn = await conversation.send('pas encore inscrit');
    expect(turn.text).not.toContain(fr('common.notUnderstood'));
    expect(turn.text).toContain(fr('form.notRegisteredTitle'));
  });

  test.each([
    ['fr', 'je souhaite me rétracter, je me suis inscrit le 2 novembre', "j'ai payé le même jour"],
    ['en', 'I want to withdraw, I enrolled on 2 November', 'I paid the same day'],
  ] as const)('"the same day" in words answers the payment date (%s)', async (lang, first, sameDay) => {
    const conversation = startConversation(understanding, lang, THURSDAY_11H);
    expect((await conversation.send(first)).buttons).toContain(t(lang, 'choice.sameDay'));
    const turn = await conversation.send(sameDay);
    expect(turn.text).not.toContain(t(lang, 'common.notUnderstood'));
    expect(turn.text).toContain(t(lang, 'withdrawal.closed').split('{')[0]);
  });
});

describe('a message about the same problem at one of its questions', () => {
  test('is not a switch: the question is asked again', async () => {
    const conversation = startConversation(understanding, 'fr', THURSDAY_11H);
    expect((await conversation.send('personne ne me répond au CNED')).text).toContain(fr('escalation.askDone'));
    const turn = await conversation.send('toujours pas de réponse du CNED, personne ne répond');
    expect(turn.text).not.toContain(fr('understand.switching'));
    expect(turn.text).toContain(fr('escalation.askDone'));
  });
});

describe('a step told before it is asked about', () => {
  test.each([
    ['fr', 'Remboursement toujours pas arrivé', 'on a envoyé le formulaire', 'début novembre'],
    ['en', 'my refund still has not arrived', 'I sent an email', '3 weeks'],
  ] as const)('%s: noted at the waiting question, then not asked again', async (lang, first, step, waited) => {
    const conversation = startConversation(understanding, lang, THURSDAY_11H);
    expect((await conversation.send(first)).text).toContain(t(lang, 'refund.askWaiting'));
    const noted = await conversation.send(step);
    expect(noted.text).toContain(t(lang, 'common.noted'));
    expect(noted.text).not.toContain(t(lang, 'common.notUnderstood'));
    expect(noted.text).toContain(t(lang, 'refund.askWaiting'));
    const turn = await conversation.send(waited);
    expect(turn.text).toContain(t(lang, 'escalation.understood').split('{')[0]);
    expect(turn.text).not.toContain(t(lang, 'escalation.askDone'));
  });

  test('outside a route nothing is noted: "anything else?" is asked again as not understood', async () => {
    const conversation = startConversation(understanding, 'fr', THURSDAY_11H);
    await conversation.send('quel est le numéro de fax du CNED ?');
    const turn = await conversation.send("j'ai appelé deux fois");
    expect(turn.text).not.toContain(fr('common.noted'));
  });
});

describe('answers at a confirmation', () => {
  test('a message that tells more about one of the problems offered picks it', async () => {
    const conversation = startConversation(understanding, 'fr', THURSDAY_11H);
    const first = await conversation.send("j'attends toujours");
    expect(first.text).toContain(fr('understand.confirm'));
    expect(first.buttons).toContain(t('fr', 'choice.noAnswer'));
    // Not sure on its own (it could be the phone), but it tells more about "Pas de réponse".
    const turn = await conversation.send("j'ai appelé une fois et envoyé le formulaire");
    expect(turn.text).not.toContain(fr('common.notUnderstood'));
  });

  test('steps already taken told there pick the escalation, never the phone card', async () => {
    const conversation = startConversation(understanding, 'fr', THURSDAY_11H);
    const first = await conversation.send("aucune nouvelle du CNED pour le dossier de ma fille, c'est long");
    expect(first.buttons).toContain(t('fr', 'choice.noAnswer'));
    const turn = await conversation.send("j'ai appelé deux fois");
    expect(turn.text).toContain(fr('escalation.restate'));
    expect(turn.text).toContain(fr('escalation.understood'));
  });

  test.each([
    ['fr', 'annuler inscription remboursement', 'je voudrais me rétracter, inscrit le 3 novembre', 'withdrawal.askPaidOn', 'withdrawal.askDate'],
    ['en', 'cancel enrolment refund', 'I want to withdraw from my enrolment, I paid on 3 November', 'withdrawal.askRegisteredOn', 'withdrawal.askDate'],
  ] as const)('%s: the problem typed at a confirmation brings its own dates (%s)', async (lang, first, typed, asked, notAsked) => {
    const conversation = startConversation(understanding, lang, THURSDAY_11H);
    expect((await conversation.send(first)).text).toContain(t(lang, 'understand.confirm').split('{')[0]);
    const turn = await conversation.send(typed);
    expect(turn.text).toContain(t(lang, 'withdrawal.restate'));
    expect(turn.text).toContain(t(lang, asked));
    expect(turn.text).not.toContain(t(lang, notAsked));
  });

  test('another problem told there but not surely is asked about anew, with its own dates kept', async () => {
    const conversation = startConversation(understanding, 'en', THURSDAY_11H);
    const first = await conversation.send('cancel enrolment refund');
    expect(first.buttons).not.toContain(t('en', 'choice.withdrawal'));
    const again = await conversation.send('I want to withdraw, I paid on 3 November');
    expect(again.text).not.toContain(t('en', 'common.notUnderstood'));
    expect(again.buttons).toContain(t('en', 'choice.withdrawal'));
    const turn = await conversation.send(t('en', 'choice.withdrawal'));
    expect(turn.text).toContain(t('en', 'withdrawal.askRegisteredOn'));
  });
});

describe('factsAdded: what a reply adds to the confirmed message', () => {
  const call = (kind: PastAction['kind'], on?: string): PastAction => ({ kind, outcome: 'unknown', ...(on ? { on } : {}) });
  test.each<[string, ExtractedFacts, ExtractedFacts, ExtractedFacts]>([
    ['a date the first did not give', { registeredOn: '2026-11-03', history: [] }, { paidOn: '2026-11-10', history: [] }, { registeredOn: '2026-11-03', paidOn: '2026-11-10', history: [] }],
    ['the newer word on the same date', { registeredOn: '2026-11-03', inferred: ['registeredOn'], history: [] }, { registeredOn: '2026-10-03', history: [] }, { registeredOn: '2026-10-03', history: [] }],
    ['a guessed date stays guessed', { history: [] }, { paidOn: '2026-11-03', inferred: ['paidOn'], history: [] }, { paidOn: '2026-11-03', inferred: ['paidOn'], history: [] }],
    ['a button adds nothing', { waiting: { amount: 3, unit: 'week', days: 21 }, orderNumber: 'A1', history: [call('phone')] }, { history: [] }, { waiting: { amount: 3, unit: 'week', days: 21 }, orderNumber: 'A1', history: [call('phone')] }],
    ['a step told again is told once', { history: [call('phone')] }, { history: [call('phone'), call('email', '2026-11-02')] }, { history: [call('phone'), call('email', '2026-11-02')] }],
    ['a step only named first is a topic; told after, it is a step', { namedOnly: true, history: [call('mediator')] }, { history: [call('registeredLetter', '2026-10-01')] }, { history: [call('registeredLetter', '2026-10-01')] }],
    ['a reply that only names a step does not drop the steps told', { history: [call('phone')] }, { namedOnly: true, history: [call('mediator')] }, { history: [call('phone')] }],
    ['dates given after "the same day" replace it', { sameDay: true, history: [] }, { registeredOn: '2026-11-03', history: [] }, { registeredOn: '2026-11-03', history: [] }],
  ])('%s', (_name, earlier, reply, want) => {
    expect(factsAdded(earlier, reply)).toEqual(want);
  });
});

describe('endings', () => {
  test('"no" ends the dialog, and a later message starts a new one', async () => {
    const conversation = startConversation(understanding, 'fr', THURSDAY_11H);
    const answered = await conversation.send('quel est le numéro de fax ?');
    expect(answered.status).toBe(DialogTurnStatus.waiting);
    const bye = await conversation.send('Non, merci');
    expect(bye.text).toContain(fr('menu.goodbye'));
    expect(bye.status).toBe(DialogTurnStatus.complete);
    const again = await conversation.send('je veux annuler mon inscription');
    expect(again.text).toContain(fr('cancellation.restate'));
  });

  test.each([
    ['fr', 'merci'],
    ['fr', 'merci beaucoup !'],
    ['en', 'thanks'],
    ['en', 'thank you so much'],
  ] as const)('%s "%s" at "anything else?" is a polite no, not a misunderstanding', async (lang, text) => {
    const conversation = startConversation(understanding, lang, THURSDAY_11H);
    await conversation.send(lang === 'fr' ? 'numéro de fax' : 'fax number');
    const turn = await conversation.send(text);
    expect(turn.text).toContain(t(lang, 'menu.goodbye'));
    expect(turn.text).not.toContain(t(lang, 'common.notUnderstood'));
  });

  test('a new problem typed at "anything else?" is routed at once', async () => {
    const conversation = startConversation(understanding, 'fr', THURSDAY_11H);
    await conversation.send('numéro de fax');
    const turn = await conversation.send("mon colis est parti à mon ancienne adresse");
    expect(turn.text).toContain(fr('parcelOldAddress.restate'));
  });

  test.each([
    ['fr', "oui : mes codes d'accès ne sont jamais arrivés", 'missingAccessCodes.restate'],
    ['en', 'yes, how do I get an enrolment certificate?', 'documents.restate'],
  ] as const)('%s "%s" at "anything else?" is that problem, not the menu', async (lang, text, restate) => {
    const conversation = startConversation(understanding, lang, THURSDAY_11H);
    await conversation.send(lang === 'fr' ? 'numéro de fax' : 'fax number');
    const turn = await conversation.send(text);
    expect(turn.text).toContain(t(lang, restate).split('{')[0]);
    expect(turn.text).not.toContain(t(lang, 'menu.question'));
  });

  test('a date alone at "anything else?" ("il y a 3 semaines") is no problem told: asked again', async () => {
    const conversation = startConversation(understanding, 'fr', THURSDAY_11H);
    await conversation.send('numéro de fax');
    const turn = await conversation.send('il y a 3 semaines');
    expect(turn.text).toContain(fr('common.notUnderstood'));
    expect(turn.text).not.toContain(fr('understand.confirm'));
  });

  test('"oui j\'ai autre chose" at "anything else?" is a yes: the menu', async () => {
    const conversation = startConversation(understanding, 'fr', THURSDAY_11H);
    await conversation.send('numéro de fax');
    expect((await conversation.send("oui j'ai autre chose")).text).toContain(fr('menu.question'));
  });

  test('a new problem typed in the middle of a question leaves the question', async () => {
    const conversation = startConversation(understanding, 'fr', THURSDAY_11H);
    expect((await conversation.send('je veux me rétracter')).text).toContain(fr('withdrawal.askDate'));
    const turn = await conversation.send("en fait j'ai perdu mes identifiants de connexion");
    expect(turn.text).toContain(fr('lostCredentials.restate'));
  });

  test('an answer that is neither a date nor a problem is asked again', async () => {
    const conversation = startConversation(understanding, 'fr', THURSDAY_11H);
    await conversation.send('je veux me rétracter');
    const turn = await conversation.send('bof');
    expect(turn.text).toContain(fr('common.notUnderstood'));
    expect(turn.text).toContain(fr('withdrawal.askDate'));
    expect(turn.buttons).toEqual([t('fr', 'choice.today'), t('fr', 'choice.yesterday'), t('fr', 'choice.dateUnknown')]);
  });
});

describe('a withdrawal answered from one date, and the other date given afterwards', () => {
  const ONE_DATE = 'je veux me rétracter, inscrit le 18 novembre, je ne sais pas quand le paiement est passé';

  test.each([
    ['le paiement est passé le 24 novembre', '8 décembre 2026'],
    ["j'ai payé le 20 novembre", '4 décembre 2026'],
  ])('"%s" counts the period again from the later date (last day %s), without restating, as no new problem', async (added, lastDay) => {
    const events: string[] = [];
    const telemetry: Telemetry = { trackEvent: (name: TelemetryEvent) => void events.push(name), flush: async () => undefined };
    const conversation = startConversation(understanding, 'fr', THURSDAY_11H, { telemetry });
    const first = await conversation.send(ONE_DATE);
    expect(first.text).toContain('2 décembre 2026');
    expect(first.text).toContain(fr('withdrawal.otherDateLater'));
    events.length = 0;
    const turn = await conversation.send(added);
    expect(turn.text).toContain(fr('withdrawal.countAgain'));
    expect(turn.text).toContain(lastDay);
    expect(turn.text).not.toContain(fr('withdrawal.restate'));
    expect(turn.text).not.toContain(fr('withdrawal.otherDateLater'));
    expect(events).not.toContain('problem');
  });

  test.each([
    ['fr', "jai payé le meme jour", '2 décembre 2026'],
    ['en', 'I paid the same day', 'December 2, 2026'],
  ] as const)('%s: "%s" gives the other date: the same period, now from both dates', async (lang, added, lastDay) => {
    const conversation = startConversation(understanding, lang, THURSDAY_11H);
    const first = await conversation.send(lang === 'fr' ? ONE_DATE : 'I want to withdraw, I registered on 18 November');
    expect(first.text).toContain(t(lang, 'withdrawal.otherDateLater'));
    const turn = await conversation.send(added);
    expect(turn.text).toContain(t(lang, 'withdrawal.countAgain'));
    expect(turn.text).toContain(lastDay);
    expect(turn.text).not.toContain(t(lang, 'withdrawal.otherDateLater'));
    expect(turn.text).not.toContain(t(lang, 'understand.confirm').split('{')[0]);
  });

  test('a date whose month is guessed ("le 3") is counted again too, and never gives "too late"', async () => {
    const conversation = startConversation(understanding, 'fr', '2026-12-10T11:00:00+01:00');
    await conversation.send('je veux me rétracter, inscrit le 1er décembre, je ne sais plus quand j’ai payé');
    const turn = await conversation.send("j'ai payé le 3 je crois");
    expect(turn.text).toContain(fr('withdrawal.countAgain'));
    expect(turn.text).not.toContain(fr('withdrawal.closed'));
  });

  test('after an answer from "the more recent of the two dates" nothing is missing: a later date is not counted again', async () => {
    const conversation = startConversation(understanding, 'fr', THURSDAY_11H);
    await conversation.send('je veux me rétracter');
    const answered = await conversation.send('le 20 novembre');
    expect(answered.text).not.toContain(fr('withdrawal.otherDateLater'));
    const turn = await conversation.send('le 21 novembre');
    expect(turn.text).not.toContain(fr('withdrawal.countAgain'));
  });

  test('another problem with a date of its own is that problem, and "no" still ends the conversation', async () => {
    const conversation = startConversation(understanding, 'fr', THURSDAY_11H);
    await conversation.send(ONE_DATE);
    const turn = await conversation.send("mon colis est parti à mon ancienne adresse le 12 novembre, je n'ai rien reçu");
    expect(turn.text).not.toContain(fr('withdrawal.countAgain'));
    expect(turn.text).toContain(fr('parcelOldAddress.restate'));
    const other = startConversation(understanding, 'fr', THURSDAY_11H);
    await other.send(ONE_DATE);
    expect((await other.send('non merci')).text).toContain(fr('menu.goodbye'));
  });
});

test.each([
  ['a payment date fills the payment', { registeredOn: '2026-11-18' }, { paidOn: '2026-11-24' }, { registeredOn: '2026-11-18', paidOn: '2026-11-24' }],
  ['a date alone is the missing one (payment)', { registeredOn: '2026-11-18' }, { date: '2026-11-24' }, { registeredOn: '2026-11-18', paidOn: '2026-11-24' }],
  ['a date alone is the missing one (registration)', { paidOn: '2026-11-18' }, { date: '2026-11-20' }, { registeredOn: '2026-11-20', paidOn: '2026-11-18' }],
  ['a registration date corrects the registration', { registeredOn: '2026-11-18' }, { registeredOn: '2026-11-19' }, { registeredOn: '2026-11-19', paidOn: undefined }],
  ['"the same day" fills the payment with the registration', { registeredOn: '2026-11-18' }, { sameDay: true }, { registeredOn: '2026-11-18', paidOn: '2026-11-18' }],
  ['"the same day" fills the registration with the payment', { paidOn: '2026-11-18' }, { sameDay: true }, { registeredOn: '2026-11-18', paidOn: '2026-11-18' }],
])('withdrawalFactsWith: %s', (_name, known, added, want) => {
  expect(withdrawalFactsWith(known, { kind: 'dates', inferred: false, ...added })).toEqual({ ...want, history: [] });
});

test('withdrawalFactsWith: a guessed month stays marked as guessed on the date it filled', () => {
  expect(withdrawalFactsWith({ registeredOn: '2026-12-01' }, { kind: 'dates', paidOn: '2026-12-03', inferred: true }).inferred).toEqual(['paidOn']);
});

describe('global commands', () => {
  test.each([
    ['menu', 'menu.question'],
    ['recommencer', 'menu.question'],
    ['restart', 'menu.question'],
  ] as const)('"%s" in the middle of a question shows the menu', async (command, key) => {
    const conversation = startConversation(understanding, command === 'restart' ? 'en' : 'fr', THURSDAY_11H);
    await conversation.send(command === 'restart' ? 'I want to use my right of withdrawal' : 'je veux me rétracter');
    const turn = await conversation.send(command);
    expect(turn.text).toContain(t(command === 'restart' ? 'en' : 'fr', key).split('{')[0]);
    expect(turn.status).toBe(DialogTurnStatus.waiting);
  });

  test('"annuler" cancels the dialog; "annuler mon inscription" is a problem, not a command', async () => {
    const conversation = startConversation(understanding, 'fr', THURSDAY_11H);
    await conversation.send('je veux me rétracter');
    const cancelled = await conversation.send('annuler');
    expect(cancelled.text).toContain(fr('common.cancelled'));
    expect(cancelled.status).toBe(DialogTurnStatus.complete);
    const problem = await conversation.send('annuler mon inscription');
    expect(problem.text).toContain(fr('cancellation.restate'));
  });

  test('"aide" explains and asks the pending question again', async () => {
    const conversation = startConversation(understanding, 'fr', THURSDAY_11H);
    await conversation.send('je veux me rétracter');
    const turn = await conversation.send('aide');
    expect(turn.text).toContain(fr('common.help'));
    expect(turn.text).toContain(fr('withdrawal.askDate'));
    const answer = await conversation.send('hier');
    expect(answer.text).toContain('mercredi 9 décembre 2026');
  });

  test('asking for a person gives the phone line and keeps the question', async () => {
    const conversation = startConversation(understanding, 'en', THURSDAY_11H);
    await conversation.send('nobody answers me');
    const turn = await conversation.send('I want to talk to a person please');
    expect(turn.text).toContain(t('en', 'common.personIntro'));
    expect(turn.text).toContain('05 49 49 94 94');
    expect(turn.text).toContain(t('en', 'escalation.askDone'));
  });
});

describe('phone line status in the answer', () => {
  test.each([
    ['Saturday', '2026-11-28T10:00:00+01:00', 'fermée (week-end)', 'lundi 30 novembre à 8h30'],
    ['Christmas', '2026-12-25T10:00:00+01:00', 'fermée (jour férié)', 'lundi 28 décembre à 8h30'],
    ['evening', '2026-11-26T18:05:00+01:00', "fermée (fermée pour aujourd'hui)", 'vendredi 27 novembre à 8h30'],
    ['summer evening, still open', '2026-07-02T18:15:00+02:00', 'ouverte maintenant', "jusqu'à 18h30"],
  ])('%s', async (_name, nowIso, status, when) => {
    const turn = await startConversation(understanding, 'fr', nowIso).send('numéro de téléphone');
    expect(turn.text).toContain(status);
    expect(turn.text).toContain(when);
  });

  test('a user abroad also sees the hours in their own time', async () => {
    const turn = await startConversation(understanding, 'en', THURSDAY_11H, { zone: 'America/Montreal' }).send('phone number');
    expect(turn.text).toContain('Your time (Eastern Time)');
    // English in the United States (the test's en-US locale): 12-hour times.
    expect(turn.text).toMatch(/2:30\sAM – 12:00\sPM/);
    expect(turn.text).toMatch(/until 6:00\sPM \(Paris time\), that is 12:00\sPM \(Eastern Time\)\./);
  });
});

describe('privacy and telemetry', () => {
  test('a problem typed where a question was asked is understood, then not kept in the stored state', async () => {
    const memory: Record<string, string> = {};
    const storage = new MemoryStorage(memory);
    const conversation = startConversation(understanding, 'fr', THURSDAY_11H, { storage });
    await conversation.send('numéro de fax');
    const secret = "je veux annuler mon inscription, commande 4455667788, IBAN FR76 3000 6000 0112 3456 7890 189";
    const turn = await conversation.send(secret);
    expect(turn.text).toContain(fr('cancellation.restate'));
    const stored = JSON.stringify(memory);
    expect(stored).toContain('dialogStack');
    expect(stored).not.toContain('IBAN');
    expect(stored).not.toContain('FR76');
  });

  test('telemetry counts the problem and the completed route, with identifiers only', async () => {
    const events: [TelemetryEvent, Record<string, string>][] = [];
    const telemetry: Telemetry = { trackEvent: (name, properties) => void events.push([name, { ...properties }]), flush: async () => undefined };
    const conversation = startConversation(understanding, 'fr', THURSDAY_11H, { telemetry });
    await conversation.send('je veux me rétracter');
    await conversation.send('hier');
    expect(events).toEqual([
      ['reading', { kind: 'sure' }],
      ['problem', { intent: 'withdrawal' }],
      ['routeCompleted', { route: 'withdrawal' }],
    ]);
  });
});
