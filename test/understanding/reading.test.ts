/** Messages naming two problems: the one told first is answered, the other offered; a step told as context is no problem. */
import type { Intent, Lang, RouteKey } from '../../src/domain/types';
import { IntentClassifier } from '../../src/understanding/classifier';
import { readMessage } from '../../src/understanding/reading';
import type { Opinionated } from '../../src/understanding/reading';

let classifier: IntentClassifier;
beforeAll(async () => {
  classifier = await IntentClassifier.train();
}, 120_000);

test.each<[Lang, string, RouteKey, RouteKey | undefined]>([
  ['fr', "je n'ai toujours pas reçu mes livres et mon devoir 3 n'est pas corrigé depuis un mois", 'materialsNotReceived', 'pedagogy'],
  ['fr', "je n'ai plus accès à mon espace inscrit et il me faut une attestation de formation pour mon employeur", 'lostCredentials', 'documents'],
  ['en', 'I still have no access codes and I need a certificate of enrolment for the CAF', 'missingAccessCodes', 'documents'],
  ['en', 'my refund has not arrived and now I got a collection letter', 'refundDelay', 'collectionLetter'],
  // a step already taken, told first, is the context of the problem
  ['fr', "je me suis rétractée et j'attends toujours mon remboursement", 'refundDelay', undefined],
  ['en', 'I paid on Saturday 28 November and I want to withdraw', 'withdrawal', undefined],
  ['en', 'I have my login and password but the course books never came', 'materialsNotReceived', undefined],
  ['fr', "j'ai annulé mon inscription en octobre et j'attends toujours le remboursement", 'refundDelay', undefined],
  ['fr', 'mes identifiants marchent mais la plateforme affiche une page blanche après la connexion', 'technicalIssue', undefined],
])('%s %j: %s first', (lang, text, first, other) => {
  const reading = readMessage(classifier, text, lang);
  expect(reading).toMatchObject({ kind: 'problem', route: first });
  if (reading.kind !== 'problem' || !other) return;
  // Sure of the whole message: the other problem is offered after; unsure: both are asked about, the first one first.
  if (reading.sure) expect(reading.others).toContain(other);
  else expect(reading.candidates.slice(0, 2)).toEqual([first, other]);
});

test('a reading the models are sure of is confirmed when the message holds no word of that problem', () => {
  const reading = readMessage(classifier, "J'ai le covid et je peux pas aller au partiel, je dois prévenir qui ?", 'fr');
  expect(reading.kind === 'problem' && reading.sure && reading.route === 'paymentPlan').toBe(false);
  expect(reading.kind === 'problem' && reading.candidates).toContain('healthAbsence');
});

test.each<[Lang, string, RouteKey]>([
  ['fr', 'vous répondez sur Facebook ? je ne peux pas vous appeler en journée', 'contactSocial'],
  ['en', 'my appeal to the Director General got no answer, can I go to the mediator now?', 'contactMediator'],
])('%s %j: a word of another problem of its own is asked about (%s)', (lang, text, other) => {
  const reading = readMessage(classifier, text, lang);
  expect(reading.kind).toBe('problem');
  if (reading.kind !== 'problem') return;
  expect(reading.sure ? reading.route : reading.candidates).toEqual(reading.sure ? other : expect.arrayContaining([other]));
});

test('a step told first ("j\'ai fait un recours contre...") is the context of the problem told after it', () => {
  const reading = readMessage(classifier, "j'ai fait un recours contre le refus de l'inscription de ma fille et personne ne me répond depuis", 'fr');
  expect(reading.kind === 'problem' && reading.sure && reading.route === 'enrolmentRefused').toBe(false);
});

test('cancelling told before a question about the 14 days is the withdrawal', () => {
  const reading = readMessage(classifier, 'Hi, I enrolled on November 13 and paid the same day. Today I decided to cancel. Am I still within the 14 days to withdraw?', 'en');
  expect(reading.kind === 'problem' && reading.sure && reading.route === 'cancellation').toBe(false);
});

test('cancelling told before saying the withdrawal period is over is the cancellation', () => {
  const reading = readMessage(classifier, 'Je voudrais résilier mon contrat de formation. Je suis hors délai de rétractation, inscrit en juin.', 'fr');
  expect(reading.kind === 'problem' && reading.sure && reading.route === 'withdrawal').toBe(false);
  expect(reading.kind === 'problem' && reading.route).toBe('cancellation');
});

test.each<[Lang, string, RouteKey, RouteKey]>([
  ['fr', 'stage pas validé par le cned et la plateforme bug quand je depose mon rapport', 'internshipProblem', 'technicalIssue'],
  ['fr', 'Ma fille est malade depuis octobre et ne peut plus suivre, et en plus vous nous avez prélevés deux fois en novembre.', 'healthAbsence', 'debitDispute'],
])('%s %j: a clause told first that leans to %s is asked about before %s', (lang, text, first, then) => {
  const reading = readMessage(classifier, text, lang);
  expect(reading).toMatchObject({ kind: 'problem', sure: false });
  expect(reading.kind === 'problem' && reading.candidates.slice(0, 2)).toEqual([first, then]);
});

/** Opinions fixed by hand: the reading policy alone, whatever the trained models say. */
function fixed(scores: readonly [Intent, number][], agree = true): Opinionated {
  const ranking = scores.map(([intent, score]) => ({ intent, score })).sort((a, b) => b.score - a.score);
  return { opinions: () => ({ ranking, agree, support: ranking[0]?.score ?? 0 }) };
}

test.each<[string, [Intent, number][], boolean]>([
  // the runner-up scores enough and the message holds its family word ("prélevé"): a question with both
  ['je voulais un échéancier en trois mensualités mais vous avez tout prélevé', [['paymentPlan', 0.75], ['debitDispute', 0.2]], false],
  // the runner-up scores too little: sure
  ['je voulais un échéancier en trois mensualités mais vous avez tout prélevé', [['paymentPlan', 0.85], ['debitDispute', 0.1]], true],
  // the runner-up scores enough, but no word of its family is in the message: sure
  ['je voudrais un échéancier en trois mensualités', [['paymentPlan', 0.75], ['debitDispute', 0.2]], true],
])('%j read as %j: sure is %s', (text, scores, sure) => {
  const reading = readMessage(fixed(scores), text, 'fr');
  expect(reading).toMatchObject({ kind: 'problem', route: 'paymentPlan', sure });
  if (!sure) expect(reading.kind === 'problem' && reading.candidates.slice(0, 2)).toEqual(['paymentPlan', 'debitDispute']);
});

test.each<[Lang, string, RouteKey]>([
  ['fr', "Je me suis inscrit le 1er octobre en ligne mais le paiement n'est passé que le 6. Je veux finalement renoncer, jusqu'à quand j'ai le droit ?", 'withdrawal'],
  ['en', 'My complaint was refused twice by letter. Is there an ombudsman or mediator I can contact from abroad?', 'contactMediator'],
])('%s %j: what is told first is the context of %s, not a problem before it', (lang, text, route) => {
  expect(readMessage(classifier, text, lang)).toMatchObject({ kind: 'problem', route });
});

test.each<[Lang, string]>([
  ['en', "CNED doesn't answer me, what should I do?"],
  ['fr', 'le CNED ne me répond jamais, je fais quoi ?'],
])('%s %j: saying CNED does not answer is the escalation, never a plea for help left at that', (lang, text) => {
  const reading = readMessage(classifier, text, lang);
  expect(reading.kind).toBe('problem');
  expect(reading.kind === 'problem' && (reading.sure ? [reading.route] : reading.candidates)).toContain('noAnswer');
});

test.each<[string, [Intent, number][], boolean, string]>([
  // read as out of scope, but a problem with a word of its family still scores 0.15: asked about
  ['charged twice on my card', [['outOfScope', 0.7], ['debitDispute', 0.2]], true, 'debitDispute'],
  // the models differ, and no problem offered holds a word of its family: out of scope, no question
  ['could you book me a table at a restaurant', [['outOfScope', 0.6], ['lostCredentials', 0.1]], false, 'outOfScope'],
  // the models differ, and the problem offered holds a word of its family: asked about
  ['could you reset my password', [['outOfScope', 0.6], ['lostCredentials', 0.1]], false, 'lostCredentials'],
])('%j read as %j (models agree: %s) gives %s', (text, scores, agree, expected) => {
  const reading = readMessage(fixed(scores, agree), text, 'en');
  if (expected === 'outOfScope') expect(reading).toEqual({ kind: 'nonProblem', intent: 'outOfScope' });
  else expect(reading).toMatchObject({ kind: 'problem', route: expected, sure: false });
});

/** Opinions by the words a text holds: the whole message and each of its clauses read as fixed by hand. */
function byText(read: (text: string) => [Intent, number][]): Opinionated {
  return { opinions: (text) => fixed(read(text)).opinions(text, 'fr') };
}

test.each<[string, boolean]>([
  // a statement, then the question that says the message's problem: no longer told first, asked about with both
  ["mon fils a raté l'examen de juin. peut-on avoir un aménagement pour son handicap ?", false],
  // two statements: the problem told first is answered first
  ["mon fils a raté l'examen de juin. il lui faut un aménagement pour son handicap", true],
])('%j: the exam restated surely is %s', (text, sure) => {
  const classifier = byText((part) =>
    part.includes('examen') && !part.includes('handicap') ? [['examsDiplomas', 0.9], ['disability', 0.05]] : [['disability', 0.9], ['examsDiplomas', 0.05]],
  );
  const reading = readMessage(classifier, text, 'fr');
  expect(reading.kind === 'problem' && reading.sure && reading.route === 'examsDiplomas').toBe(sure);
  expect(reading.kind === 'problem' && [reading.route, ...reading.candidates, ...reading.others]).toEqual(expect.arrayContaining(['examsDiplomas', 'disability']));
});

test('a problem both owned by its words and told by the context is offered once', () => {
  // "handicap" is a word of the disability's own, "aménagement" asks for adjustments: both name the disability.
  const reading = readMessage(fixed([['healthAbsence', 0.9], ['disability', 0.05]]), "ma fille malade a un handicap, il lui faut un aménagement", 'fr');
  expect(reading).toMatchObject({ kind: 'problem', route: 'healthAbsence', sure: false });
  const candidates = reading.kind === 'problem' ? reading.candidates : [];
  expect(candidates.filter((r) => r === 'disability')).toHaveLength(1);
});

test('a message saying CNED is silent offers the escalation among its candidates', () => {
  const reading = readMessage(classifier, "aucune nouvelle du CNED pour le dossier de ma fille, c'est long", 'fr');
  expect(reading.kind === 'problem' && !reading.sure && reading.candidates.includes('noAnswer')).toBe(true);
});

test('"I can log in fine" is context: the error page after it is the problem, not the login', () => {
  const reading = readMessage(classifier, 'i can log in fine but the course page say error 500 every time', 'en');
  expect(reading.kind === 'problem' && reading.sure && reading.route === 'lostCredentials').toBe(false);
});

test.each<[Lang, string, RouteKey]>([
  ['fr', "on m'a pris 2 fois les frais d'inscription !!!!", 'debitDispute'],
  ['fr', 'Je suis à Nouméa, les frais de port ont été facturés deux fois sur ma carte bancaire', 'debitDispute'],
])('%s %j, read as no CNED problem by the models, is asked about as %s (its own words)', (lang, text, route) => {
  const reading = readMessage(classifier, text, lang);
  expect(reading.kind === 'problem' && reading.candidates.includes(route)).toBe(true);
});

test.each<[Lang, string, RouteKey]>([
  // a wish is no step taken: "I want to cancel" is told first, not context
  ['en', "I'm in Japan, I want to cancel my course and I also need to know where to send the letter (postal address).", 'cancellation'],
])('%s %j: the problem told first is not taken for context (%s)', (lang, text, route) => {
  const reading = readMessage(classifier, text, lang);
  expect(reading.kind === 'problem' && (reading.sure ? reading.route === route : reading.candidates.includes(route))).toBe(true);
});
