/** The words each problem needs (anchors.ts): every corpus line holds one of its problem's words; a message without any is not restated. */
import { isRouteKey } from '../../src/domain/types';
import type { RouteKey } from '../../src/domain/types';
import { contextRivalsOf, hasAnchor, namedByOwnWords, saysUnanswered } from '../../src/understanding/anchors';
import { loadCorpus } from '../../src/understanding/corpus';
import { normalizeText } from '../../src/understanding/normalize';

test.each(['fr', 'en'] as const)('every %s corpus line, trained or held out, holds a word of its problem', (lang) => {
  const missing = loadCorpus(lang).intents.flatMap(({ intent, utterances, tests }) =>
    isRouteKey(intent) ? [...utterances, ...tests].filter((line) => !hasAnchor(intent, normalizeText(line))).map((line) => `${intent}: ${line}`) : [],
  );
  expect(missing).toEqual([]);
});

test.each<[RouteKey, string, boolean]>([
  ['paymentPlan', "j'ai le covid et je ne peux pas aller au partiel, je préviens qui ?", false],
  ['paymentPlan', 'je voudrais payer en trois fois', true],
  ['contactSocial', 'vous êtes sur Instagram ?', true],
  ['contactSocial', 'je ne peux pas appeler depuis le Japon', false],
  ['examsDiplomas', "jai pas ma convoc pour lexam", true],
  ['healthAbsence', 'my son is unwell and will miss two weeks', true],
  ['healthAbsence', 'I want to pay in instalments', false],
  ['materialsNotReceived', "toujours pas mes bouquins", true],
])('%s in %j: %s', (route, text, expected) => {
  expect(hasAnchor(route, normalizeText(text))).toBe(expected);
});

test.each<[RouteKey, string, RouteKey[]]>([
  ['cancellation', "je veux annuler mon inscription, je viens juste de m'inscrire", ['withdrawal']],
  ['cancellation', 'I want to cancel, I just enrolled', ['withdrawal']],
  // with a date, the cancellation answer says until when withdrawing is possible
  ['cancellation', 'je souhaite annuler mon inscription, je me suis inscrit hier', []],
  ['cancellation', "je veux arrêter ma formation, je suis inscrit depuis l'an dernier", []],
  ['disability', "j'ai envoyé un recommandé pour l'aménagement de ma fille, et rien depuis", ['noAnswer']],
  ['pedagogy', "j'ai écrit trois mails au professeur, aucune réponse", ['noAnswer']],
  ['pedagogy', 'mon devoir 3 est corrigé avec une erreur de note', []],
  ['lostCredentials', "je viens de payer et je n'ai toujours pas reçu d'identifiant pour me connecter", ['missingAccessCodes']],
  ['lostCredentials', "je n'ai jamais reçu le mail pour réinitialiser mon mot de passe", []],
  ['enrolmentRefused', "le dossier d'inscription en classe réglementée attend l'avis du DASEN depuis deux mois", ['adminProcedure']],
  ['enrolmentRefused', "le DASEN a refusé l'inscription de mon fils", []],
  ['paymentPlan', "encore une relance pour un impayé, je peux payer en plusieurs fois ?", ['collectionLetter']],
  ['paymentPlan', 'je voudrais payer en trois fois', []],
  ['debitDispute', 'my direct debit bounced this month, what happens now?', ['paymentPlan']],
  ['debitDispute', 'vous m\'avez prélevé deux fois', []],
  ['refundDelay', 'can I still withdraw and get all my money back? I paid last week', ['withdrawal']],
  ['refundDelay', "je me suis rétractée le 3 novembre et j'attends toujours le remboursement", []],
  ['healthAbsence', "ma fille est souvent hospitalisée, elle aurait besoin d'un aménagement pour les devoirs", ['disability']],
  ['healthAbsence', 'je suis hospitalisé deux semaines, je ne peux pas rendre mes devoirs', []],
  ['parcelOldAddress', "on déménage à Lyon le mois prochain, les manuels de mon fils arriveront où ?", ['updateDetails']],
  ['parcelOldAddress', "mon colis est parti à mon ancienne adresse alors que j'ai déménagé", []],
  // a refund or a withdrawal already answer what to do when nobody answers
  ['refundDelay', "j'ai écrit deux fois pour mon remboursement, aucune réponse", []],
  // paid twice is a debit not owed; paying in two instalments or a debit rejected twice is not
  ['lostCredentials', 'Hi, I paid twice for my registration and also I cannot log in', ['debitDispute']],
  ['updateDetails', 'Le prélèvement a été fait deux fois sur mon compte canadien, je veux être remboursée', ['debitDispute']],
  ['cancellation', 'they took my money two times this month and I want to stop the course', ['debitDispute']],
  ['paymentPlan', 'je voudrais payer le reste en 2 fois au lieu de 5', []],
  ['paymentPlan', 'mon prélèvement mensuel a été rejeté 2 fois, je veux payer par virement', []],
  // the 14 days named: the withdrawal; said to be over: the cancellation
  ['debitDispute', 'le prélèvement est passé le 6. Je veux annuler tant que je suis dans les 14 jours.', ['withdrawal']],
  ['refundDelay', "I cancelled within the 14 days and CNED still hasn't refunded me", []],
  ['withdrawal', 'Je voudrais résilier mon contrat de formation. Je suis hors délai de rétractation, inscrit en juin.', ['cancellation']],
  ['withdrawal', 'my cooling-off period has expired, how do I stop the course?', ['cancellation']],
  ['withdrawal', "c'est trop tard pour me rétracter ? inscrite début octobre", []],
  // paid too much is a debit not owed too
  ['paymentPlan', "j'ai payé en trop le mois dernier et je voudrais passer en paiement en 3 fois", ['debitDispute']],
  // books with no code or login word: the materials never received
  ['missingAccessCodes', "c'est normal que j'ai toujours pas mes bouquins ? la formation a commencé", ['materialsNotReceived']],
  ['missingAccessCodes', "je n'ai ni mes livres ni mes codes d'accès", []],
  // cancelling free of charge is withdrawing; a parcel to an address said to be right was not sent to an old one
  ['debitDispute', 'elle a payé le 7 septembre. Peut-elle annuler sans frais ?', ['withdrawal']],
  ['parcelOldAddress', 'Mon colis de cours est bloqué chez le transporteur depuis 3 semaines, adresse correcte.', ['materialsNotReceived']],
  ['parcelOldAddress', "Je n'ai jamais reçu mes livres, je n'ai pas déménagé", ['materialsNotReceived']],
  // "can we still withdraw?" in a message read as a debit or a cancellation
  ['debitDispute', "j'ai inscrit ma fille le 14 septembre (payé par carte le jour même). Peut-on encore se rétracter ?", ['withdrawal']],
  // the site failing is a technical problem; a pause for an operation is health
  ['lostCredentials', 'Impossible de me connecter au site depuis ce matin, erreur 502', ['technicalIssue']],
  ['lostCredentials', "j'ai oublié mon mot de passe", []],
  ['cancellation', "mon fils vient de se faire opérer du dos, comment on met ses cours en pause ?", ['healthAbsence']],
  ['cancellation', 'je veux arrêter ma formation, elle ne me plaît plus', []],
  // login details waited for were never sent
  ['lostCredentials', 'Still waiting for my login details since I enrolled in November', ['missingAccessCodes']],
])('a sure reading of %s in %j is also a question about %j', (route, text, rivals) => {
  expect(contextRivalsOf(route, normalizeText(text))).toEqual(rivals);
});

test.each<[string, boolean]>([
  ['Le CNED a le droit de donner mon numéro à une école privée ?', true],
  ['they gave my number to a private school', true],
  ['je vous donne mon numéro pour me rappeler', false],
  ['je veux savoir quelles données vous avez sur moi', true],
  ['unsubscribe me from the course newsletter', true],
])('personal data given away is named by its own words in %j: %s', (text, expected) => {
  expect(namedByOwnWords(normalizeText(text)).includes('personalData')).toBe(expected);
});

test.each<[string, boolean]>([
  ['CNED never gets back to me, what can I do?', true],
  ["je n'arrive jamais à avoir quelqu'un pour le dossier de mon fils", true],
  ["I can't reach anyone at CNED", true],
  ['je voudrais avoir quelqu\'un au téléphone', false],
])('CNED silent in %j: %s', (text, expected) => {
  expect(saysUnanswered(normalizeText(text))).toBe(expected);
});
