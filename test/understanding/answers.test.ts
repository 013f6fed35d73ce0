/** Short answers to the assistant's questions: yes, no, "I don't know", and what came of a step, in both languages. */
import { readYesNo } from '../../src/understanding/answers';
import { readOutcome } from '../../src/understanding/story';
import { normalizeText } from '../../src/understanding/normalize';

test.each([
  ['ouais', 'yes'],
  ['yes please', 'yes'],
  ["non merci, c'est tout", 'no'],
  ['nan ça ira', 'no'],
  ['nn c bon', 'no'],
  ['pas encore', 'no'],
  ['not yet', 'no'],
  ["pas encore reçu mes codes d'accès", undefined],
  ['inscrite oui', 'yes'],
  ['registered yes', 'yes'],
  ['inscrit non', 'no'],
  ['no idea, sorry', 'unknown'],
  ['je ne me souviens plus de la date exacte', 'unknown'],
  ["I don't remember the exact date", 'unknown'],
  // a problem that starts like an answer is no answer
  ['je ne sais pas si je dois annuler ou me rétracter', undefined],
  ['peut-être', undefined],
])('%j → %s', (text, expected) => {
  expect(readYesNo(text)).toBe(expected);
});

test.each([
  ['silence total', 'unanswered'],
  ['personne ne décroche', 'unanswered'],
  ['Ils ont répondu non', 'refused'],
  ['they replied no', 'refused'],
  ['toujours rien', 'unanswered'],
  ['personne ne nous rappelle', 'unanswered'],
  ["ils ont dit que c'était pas possible", 'refused'],
  ['they said it was not possible', 'refused'],
  ['nobody ever calls us back', 'unanswered'],
  ["ils ont dit qu'ils rappelleraient, jamais fait", 'unanswered'],
  ['they never got back to me', 'unanswered'],
  ['they said it was being processed and then nothing', 'unanswered'],
  ["on m'a dit que c'était en cours et puis plus rien", 'unanswered'],
  ['plus de nouvelles', 'unanswered'],
  ['je ne sais pas', undefined],
])('outcome of %j → %s', (text, expected) => {
  expect(readOutcome(normalizeText(text))).toBe(expected);
});
