/** The letters, the case file and the calendar offered at the end of a route, through the real dialogs. */
import { t } from '../../src/i18n/messages';
import { loadUnderstanding } from '../../src/understanding';
import type { Understanding } from '../../src/domain/understanding';
import { startConversation } from '../support/dialogs';

const THURSDAY = '2026-11-26T11:00:00+01:00';
const THIRD_COMPLAINT =
  'Un 1er appel, on me dit de renseigner le formulaire en ligne; ce que je fais; aucune réponse. Je fais un courrier en recommandé ' +
  'ave accusé de réception et relance par téléphone après 3 semaines; je reçois biensûr une réponse négative malgré les justificatifs ' +
  'fournis. Je fais un recours auprès du Directeur général comme le propose la procédure par un courrier en recommandé avec accusé ' +
  'de réception et cela fait 7 semaines que j’attends qu’on daigne me répondre.';

let understanding: Understanding;
beforeAll(async () => {
  understanding = await loadUnderstanding();
});

test("the seed's third complaint: the mediator letter is offered, and 'Préparer ma lettre' shows it with its history", async () => {
  const chat = startConversation(understanding, 'fr', THURSDAY);
  const advice = await chat.send(THIRD_COMPLAINT);
  expect(advice.text).toContain(t('fr', 'offer.title'));
  expect(advice.text).toContain(t('fr', 'letters.mediator.title'));
  expect(advice.buttons).toContain(t('fr', 'choice.showLetter'));
  const letter = await chat.send(t('fr', 'choice.showLetter'));
  expect(letter.text).toContain('Madame, Monsieur le Médiateur');
  expect(letter.text).toContain('8 octobre 2026'); // the appeal, 7 weeks before
  expect(letter.text).toContain('ma demande a été refusée');
  // Asked again, without the letter's button.
  expect(letter.buttons).toEqual([t('fr', 'choice.moreYes'), t('fr', 'choice.moreNo')]);
});

test('a late refund after a withdrawal: the formal notice computes the legal increase on the amount given', async () => {
  const chat = startConversation(understanding, 'fr', THURSDAY);
  const first = await chat.send("Je me suis rétractée le 1er octobre et j'attends toujours le remboursement de mes 450 €, rien depuis.");
  // When the assistant asks to confirm, the learner picks the refund (the message's facts go with it).
  if (first.buttons.includes(t('fr', 'choice.refundDelay'))) await chat.send(t('fr', 'choice.refundDelay'));
  const advice = await chat.send('Rien encore');
  // Due 15 October; 42 days late on 26 November: 20 % (L242-4), 90 € on 450 €.
  expect(advice.text).toContain(t('fr', 'letters.refundNotice.title'));
  const letter = await chat.send(t('fr', 'choice.showLetter'));
  expect(letter.text).toMatch(/retard est de 42 jours/);
  expect(letter.text).toMatch(/majorées de plein droit de 20\s%/);
  expect(letter.text).toMatch(/somme de 450\s€, la majoration s’élève à 90\s€, soit un total de 540\s€/);
});

test('an English speaker gets the French letter and an English explanation', async () => {
  const chat = startConversation(understanding, 'en', THURSDAY);
  await chat.send('I want to withdraw, I paid on 20 November');
  const letter = await chat.send(t('en', 'choice.showLetter'));
  expect(letter.text).toContain('Je vous notifie par la présente ma rétractation');
  expect(letter.text).toContain(t('en', 'letters.withdrawal.explain'));
});
