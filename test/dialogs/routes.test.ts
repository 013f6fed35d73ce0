/**
 * Every route of the dialog tree, in French and English, end to end through the real understanding layer:
 * what the user writes → what the bot answers, at a fixed instant (Thursday 26 November 2026, 11:00 Paris).
 */
import { DialogTurnStatus } from 'botbuilder-dialogs';
import type { Understanding } from '../../src/domain/understanding';
import type { Lang } from '../../src/domain/types';
import { t, MessageKey } from '../../src/i18n/messages';
import { loadUnderstanding } from '../../src/understanding';
import { startConversation } from '../support/dialogs';

const NOW = '2026-11-26T11:00:00+01:00';
const PHONE = '05 49 49 94 94';

let understanding: Understanding;
beforeAll(async () => {
  understanding = await loadUnderstanding();
});

/** A step: what the user says, and what the answer must contain (message keys of the user's language, or literal text). */
type Expect = { keys?: MessageKey[]; literal?: string[]; absent?: MessageKey[] };
type Step = [string, Expect];

/** The fixed part of a message: the text before its first {placeholder}. */
const fixedPart = (lang: Lang, key: MessageKey) => t(lang, key).split('{')[0].slice(0, 60);

async function run(lang: Lang, steps: Step[], nowIso = NOW): Promise<DialogTurnStatus> {
  const conversation = startConversation(understanding, lang, nowIso);
  let status = DialogTurnStatus.empty;
  for (const [said, expected] of steps) {
    const turn = await conversation.send(said);
    for (const key of expected.keys ?? []) expect({ said, text: turn.text }).toEqual({ said, text: expect.stringContaining(fixedPart(lang, key)) });
    for (const literal of expected.literal ?? []) expect({ said, text: turn.text }).toEqual({ said, text: expect.stringContaining(literal) });
    for (const key of expected.absent ?? []) expect(turn.text).not.toContain(fixedPart(lang, key));
    status = turn.status;
  }
  return status;
}

const ANYTHING_ELSE: MessageKey = 'menu.anythingElse';

describe.each<[Lang, Record<string, Step[]>]>([
  [
    'fr',
    {
      lostCredentials: [["J'ai perdu mon mot de passe, je n'arrive plus à accéder à mon espace inscrit", { keys: ['lostCredentials.restate', 'phone.openNow', 'form.notRegisteredTitle', ANYTHING_ELSE], literal: [PHONE] }]],
      missingAccessCodes: [
        ["Mi novembre, toujours pas de codes d’accès aux cours malgré l’inscription et le paiement.", { keys: ['missingAccessCodes.restate', 'form.registeredTitle', ANYTHING_ELSE], literal: [PHONE] }],
      ],
      withdrawalAsked: [
        ['je veux me rétracter', { keys: ['withdrawal.restate', 'withdrawal.askDate'] }],
        ['le 20 novembre', { literal: ['vendredi 4 décembre 2026', 'Il vous reste 8 jour'], keys: [ANYTHING_ELSE] }],
      ],
      // Both dates given as the answer: counted from the later one, never "too late" from the earlier one.
      withdrawalAskedBothDates: [
        ['je veux me rétracter', { keys: ['withdrawal.askDate'] }],
        ['inscrit le 6 novembre et payé le 20 novembre', { literal: ['vendredi 4 décembre 2026'], absent: ['withdrawal.closed'] }],
      ],
      withdrawalMovedToMonday: [['je souhaite me rétracter, j’ai payé le 21 novembre', { literal: ['lundi 7 décembre 2026', 'samedi 5 décembre 2026'], absent: ['withdrawal.askDate'] }]],
      // One date given: the payment may be later, so it is asked before the period is declared over.
      withdrawalTooLate: [
        ['je veux me rétracter, je me suis inscrit le 2 octobre, commande n° 784512', { keys: ['withdrawal.askPaidOn'], absent: ['withdrawal.closed'] }],
        ['le même jour', { keys: ['withdrawal.infoExtension', 'cancellation.cardTitle'], literal: ['Modification/Annulation de l\'inscription', "L'inscription", '784512'] }],
      ],
      withdrawalPaidLater: [
        ['je veux me rétracter, je me suis inscrit le 2 octobre', { keys: ['withdrawal.askPaidOn'], absent: ['withdrawal.closed'] }],
        ['le 20', { keys: ['withdrawal.openTitle'], literal: ['vendredi 4 décembre 2026'], absent: ['withdrawal.closed'] }],
      ],
      withdrawalPaymentUnknown: [
        ['je veux me rétracter, je me suis inscrit le 2 octobre', { keys: ['withdrawal.askPaidOn'] }],
        ['je ne sais plus', { keys: ['withdrawal.uncertain'], absent: ['withdrawal.closed'] }],
      ],
      // "médiateur" alone names the topic: no step is taken as done, what was done is asked.
      mediatorNamed: [['médiateur', { keys: ['mediator.restate', 'escalation.askDone'], absent: ['escalation.understood'] }]],
      // A guessed date made complete: the registration may still be later, so it is asked before "too late".
      withdrawalGuessedThenCompleted: [
        ["je veux me rétracter, j'ai payé le 2", { keys: ['withdrawal.askExactDate'], absent: ['withdrawal.closed'] }],
        ['2 novembre', { keys: ['withdrawal.askRegisteredOn'], absent: ['withdrawal.closed'] }],
        ['le même jour', { keys: ['withdrawal.closed'] }],
      ],
      withdrawalGuessedThenCompletedUnknown: [
        ["je veux me rétracter, j'ai payé le 2", { keys: ['withdrawal.askExactDate'] }],
        ['2 novembre', { keys: ['withdrawal.askRegisteredOn'] }],
        ['je ne sais plus', { keys: ['withdrawal.uncertain'], absent: ['withdrawal.closed'] }],
      ],
      withdrawalTwoDates: [["inscrit le 10 novembre mais j'ai payé le 20, je veux me rétracter", { keys: ['withdrawal.openTitle'], literal: ['vendredi 4 décembre 2026'], absent: ['withdrawal.closed'] }]],
      // A guessed day ("mi-novembre") could put the last day a week earlier: no last day from it, open or not.
      withdrawalDayGuessed: [
        ['je veux me rétracter', { keys: ['withdrawal.askDate'] }],
        ['mi-novembre', { keys: ['withdrawal.askExactDate'], absent: ['withdrawal.openTitle', 'withdrawal.closed'] }],
        ['le 20 novembre', { keys: ['withdrawal.openTitle'], literal: ['vendredi 4 décembre 2026'] }],
      ],
      withdrawalDayGuessedAgain: [
        ['je veux me rétracter', { keys: ['withdrawal.askDate'] }],
        ['en novembre', { keys: ['withdrawal.askExactDate'], absent: ['withdrawal.openTitle'] }],
        ['fin novembre', { keys: ['withdrawal.uncertain'], absent: ['withdrawal.openTitle', 'withdrawal.closed'] }],
      ],
      withdrawalDateUnknown: [
        ['rétractation', { keys: ['withdrawal.askDate'] }],
        ['Je ne sais plus', { keys: ['withdrawal.unknownDate'] }],
      ],
      cancellation: [["je veux annuler mon inscription", { keys: ['cancellation.restate', 'cancellation.cardTitle', 'cancellation.refundTerms'], literal: ['Modification/Annulation de l\'inscription'] }]],
      cancellationWithinWithdrawal: [["je souhaite annuler mon inscription au CNED, je me suis inscrit hier", { keys: ['cancellation.withdrawalStillOpen', 'cancellation.cardTitle'], literal: ['mercredi 9 décembre 2026'] }]],
      updateDetails: [["je dois changer mon RIB et mon adresse mail", { keys: ['updateDetails.restate', 'form.registeredTitle'], literal: [PHONE] }]],
      adminProcedureAsksRegistered: [
        ["je suis bloqué dans une démarche administrative, mon dossier ne bouge plus", { keys: ['adminProcedure.restate', 'form.askRegistered'] }],
        ['Non, pas inscrit', { keys: ['form.notRegisteredTitle', ANYTHING_ELSE] }],
      ],
      parcelOldAddress: [["le cned a envoyé mon colis à mon ancienne adresse alors que j'ai déménagé", { keys: ['parcelOldAddress.restate', 'form.registeredTitle'], literal: [PHONE] }]],
      internshipProblem: [["j'ai un problème avec mon entreprise de stage, la convention n'est pas signée", { keys: ['internshipProblem.restate', 'form.registeredTitle'] }]],
      refundDelaySeed: [
        ["4 mois que j’attends un remboursement, on me dit que c’est en cours depuis plusieurs semaines et rien.", { keys: ['refund.restate', 'refund.generalTerms', 'escalation.nextRegisteredLetter', ANYTHING_ELSE] }],
      ],
      refundAfterWithdrawalAsked: [
        ["je me suis rétracté et j'attends toujours mon remboursement", { keys: ['refund.restate', 'refund.askWaiting'] }],
        ['Plus de 2 mois', { literal: ['50 %'], keys: ['escalation.askDone'] }],
        ['Rien encore', { keys: ['escalation.nextContact'] }],
      ],
      noAnswerSeed: [
        [
          "Un 1er appel, on me dit de renseigner le formulaire en ligne; ce que je fais; aucune réponse. Je fais un courrier en recommandé ave accusé de réception et relance par téléphone après 3 semaines; je reçois biensûr une réponse négative malgré les justificatifs fournis. Je fais un recours auprès du Directeur général comme le propose la procédure par un courrier en recommandé avec accusé de réception et cela fait 7 semaines que j’attends qu’on daigne me répondre. Par sérieux et surtout pas commercial.",
          { keys: ['escalation.nextMediatorRefused', 'mediator.title', 'mediator.courtDeadlines'], absent: ['escalation.askDone'] },
        ],
      ],
      noAnswerAsked: [
        ['personne ne me répond au cned', { keys: ['escalation.restate', 'escalation.askDone'] }],
        ['Lettre recommandée', { keys: ['escalation.askWhen'] }],
        ['le 1er octobre', { keys: ['escalation.askOutcome'] }],
        // Received about 2 working days after sending (Friday 2 -> Monday 5 October... here Thursday 1 -> Monday 5): an estimate, said so.
        ['Pas de réponse', { literal: ['samedi 5 décembre 2026'], keys: ['postal.recipientDirector', 'escalation.receiptEstimate'] }],
      ],
      contactPhone: [['quel est le numéro de téléphone du cned ?', { keys: ['phone.title'], literal: [PHONE, '+33 5 49 49 94 94'] }]],
      contactFax: [['vous avez un numéro de fax ?', { keys: ['fax.title', 'fax.keepReport'], literal: ['05 49 49 96 96'] }]],
      contactPostal: [["quelle est l'adresse postale du cned pour envoyer un courrier", { keys: ['postal.title', 'postal.unverified'], literal: ['86963 Futuroscope Chasseneuil Cedex'] }]],
      contactSocial: [['le cned est sur facebook ?', { keys: ['social.title', 'social.privacy'] }]],
      contactMediator: [
        ['comment saisir le médiateur ?', { keys: ['mediator.restate', 'mediator.title', 'escalation.askDone'] }],
        ['Recours au DG', { keys: ['escalation.askWhen'] }],
        ['il y a 3 jours', { keys: ['escalation.askOutcome'] }],
        ['Réponse négative', { keys: ['escalation.nextMediatorRefused'] }],
      ],
      contactFaq: [['où est la FAQ ?', { keys: ['faq.title'] }]],
      menuThenButtons: [
        ['Coordonnées CNED', { keys: ['menu.contactQuestion'] }],
        ['Fax', { keys: ['fax.title'] }],
        ['Oui, autre chose', { keys: ['menu.question'] }],
        ['1', { keys: ['lostCredentials.restate'] }],
      ],
    },
  ],
  [
    'en',
    {
      lostCredentials: [['I lost my password and cannot log in to my account', { keys: ['lostCredentials.restate', 'phone.openNow', 'form.notRegisteredTitle', ANYTHING_ELSE], literal: [PHONE] }]],
      missingAccessCodes: [['I paid and registered but still have no access codes for my courses', { keys: ['missingAccessCodes.restate', 'form.registeredTitle'] }]],
      withdrawalAsked: [
        ['I want to use my 14-day right of withdrawal', { keys: ['withdrawal.restate', 'withdrawal.askDate'] }],
        // The test chat is en-US: dates follow its conventions.
        ['November 20', { literal: ['Friday, December 4, 2026'] }],
      ],
      withdrawalDayGuessed: [
        ['I want to use my right of withdrawal', { keys: ['withdrawal.askDate'] }],
        ['mid-November', { keys: ['withdrawal.askExactDate'], absent: ['withdrawal.openTitle', 'withdrawal.closed'] }],
        ["I don't remember", { keys: ['withdrawal.uncertain'], absent: ['withdrawal.openTitle', 'withdrawal.closed'] }],
      ],
      withdrawalAskedBothDates: [
        ['I want to withdraw', { keys: ['withdrawal.askDate'] }],
        ['registered on November 6 and paid on November 20', { literal: ['Friday, December 4, 2026'], absent: ['withdrawal.closed'] }],
      ],
      withdrawalTooLate: [
        ['I want to withdraw, I registered on 2 October', { keys: ['withdrawal.askPaidOn'], absent: ['withdrawal.closed'] }],
        ['The same day', { keys: ['cancellation.cardTitle'], literal: ['Modification/Annulation de l\'inscription'] }],
      ],
      cancellation: [['I want to cancel my registration', { keys: ['cancellation.restate', 'cancellation.cardTitle'] }]],
      updateDetails: [['I need to update my bank details', { keys: ['updateDetails.restate', 'form.registeredTitle'] }]],
      adminProcedure: [['I am registered and stuck with an administrative procedure, my file is not moving', { keys: ['adminProcedure.restate', 'form.registeredTitle'], absent: ['form.askRegistered'] }]],
      parcelOldAddress: [['my course parcel was sent to my old address after I moved', { keys: ['parcelOldAddress.restate'], literal: [PHONE] }]],
      internshipProblem: [['I have a problem at my internship company', { keys: ['internshipProblem.restate'] }]],
      refundDelay: [
        ['I have been waiting for my refund for 3 months', { keys: ['refund.restate', 'escalation.askDone'] }],
        ['Phone call', { keys: ['escalation.askWhen'] }],
        ['Yesterday', { keys: ['escalation.askOutcome'] }],
        ['No answer', { keys: ['escalation.nextPhoneFollowUpFrom'], literal: ['Wednesday, December 16, 2026'] }],
      ],
      noAnswer: [
        ['nobody answers my complaint', { keys: ['escalation.askDone'] }],
        ['Nothing yet', { keys: ['escalation.nextContact', ANYTHING_ELSE] }],
      ],
      contactPhone: [['what are your phone opening hours?', { keys: ['phone.title'], literal: [PHONE] }]],
      contactFax: [['what is the fax number?', { literal: ['05 49 49 96 96'] }]],
      contactPostal: [['what is the postal address?', { keys: ['postal.title'] }]],
      contactSocial: [['is CNED on LinkedIn or Twitter?', { keys: ['social.title'] }]],
      contactMediator: [['how can I contact the mediator?', { keys: ['mediator.title', 'escalation.askDone'] }]],
      contactFaq: [['where are the frequently asked questions?', { keys: ['faq.title'] }]],
    },
  ],
])('%s routes', (lang, cases) => {
  test.each(Object.entries(cases))('%s', async (_name, steps) => {
    await run(lang, steps);
  });
});
