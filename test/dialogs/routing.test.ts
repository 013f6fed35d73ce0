/** The routing table covers every intent the classifier can return, and nothing routes nowhere. */
import { CONTACT_TOPICS, INTENTS, NON_PROBLEM_INTENTS, PROBLEMS } from '../../src/domain/types';
import { ROUTES } from '../../dialogs/routes';
import { ROUTE_KEYS, isRoutable } from '../../dialogs/routeKeys';
import { loadCorpus } from '../../src/understanding/corpus';
import { matchGlobalCommand } from '../../src/understanding/commands';
import { choiceSet, matchChoice } from '../../dialogs/prompts/choiceSets';

describe('routing table', () => {
  test('every problem and contact topic has a route, and every route is one of them', () => {
    expect(Object.keys(ROUTES).sort()).toEqual([...PROBLEMS, ...CONTACT_TOPICS].sort());
    expect([...ROUTE_KEYS].sort()).toEqual(Object.keys(ROUTES).sort());
  });

  test('every intent of the corpus is routable or one the main dialog answers without a route', () => {
    const answered: readonly string[] = NON_PROBLEM_INTENTS;
    for (const lang of ['fr', 'en'] as const) {
      for (const { intent } of loadCorpus(lang).intents) {
        expect({ intent, handled: isRoutable(intent) || answered.includes(intent) }).toEqual({ intent, handled: true });
      }
    }
    expect(INTENTS.filter((intent) => !isRoutable(intent)).sort()).toEqual([...NON_PROBLEM_INTENTS].sort());
  });

  test('every menu button leads to a route (or the contacts sub-menu)', () => {
    for (const lang of ['fr', 'en'] as const) {
      for (const choice of choiceSet('problems', lang)) expect(isRoutable(choice.value) || ['contacts', 'otherProblems'].includes(choice.value)).toBe(true);
      for (const choice of [...choiceSet('contacts', lang), ...choiceSet('otherProblems', lang)]) expect(isRoutable(choice.value)).toBe(true);
    }
  });
});

describe('global commands', () => {
  test.each([
    ['menu', 'menu'],
    ['  Menu ! ', 'menu'],
    ['aide', 'help'],
    ['HELP', 'help'],
    ['recommencer', 'restart'],
    ['Start over', 'restart'],
    ['annuler', 'cancel'],
    ['Cancel.', 'cancel'],
    ['je voudrais parler à un conseiller', 'person'],
    ['can I talk to a human?', 'person'],
    ['supprimer mes données', 'deleteData'],
    ['Please delete my data', 'deleteData'],
    ['annuler mon inscription', undefined],
    ['je veux annuler ma formation', undefined],
    ['stop envoyer des colis à mon ancienne adresse', undefined],
    ['', undefined],
  ])('%j → %s', (text, command) => {
    expect(matchGlobalCommand(text)).toBe(command);
  });
});

describe('choice matching', () => {
  const yesNo = choiceSet('anythingElse', 'fr');
  test.each([
    ['Oui, autre chose', 'yes'],
    ['oui', 'yes'],
    ['OUI !', 'yes'],
    ['1', 'yes'],
    ['2', 'no'],
    ['non merci', 'no'],
    ['3', undefined],
    ['peut-être', undefined],
  ])('%j → %s', (text, value) => {
    expect(matchChoice(text, yesNo)?.value).toBe(value);
  });

  test('numbers beyond 9 pick the right choice in the problems menu', () => {
    const problems = choiceSet('problems', 'fr');
    expect(matchChoice('10', problems)?.value).toBe('noAnswer');
    expect(matchChoice('11', problems)?.value).toBe('otherProblems');
    expect(matchChoice('12', problems)?.value).toBe('contacts');
    expect(matchChoice('13', problems)).toBeUndefined();
  });
});
