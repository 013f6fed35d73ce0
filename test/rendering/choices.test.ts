/**
 * Every choice of every set can be picked on every channel: by its number where choices are a numbered list
 * (sets longer than 9 included), and by the text its button sends where there are buttons.
 */
import type { ChoiceSetId } from '../../dialogs/prompts/choiceSets';
import { choiceSet, matchChoice } from '../../dialogs/prompts/choiceSets';
import { LANGS } from '../../src/domain/types';
import { renderViews } from '../../src/rendering/render';
import { adaptiveActions } from './support';

const SETS: ChoiceSetId[] = ['problems', 'contacts', 'yesNo', 'registered', 'anythingElse', 'dateShortcuts', 'waitingRanges', 'pastActions', 'outcomes'];

const EVERY_CHOICE = SETS.flatMap((set) => LANGS.flatMap((lang) => choiceSet(set, lang).map((choice, index) => [set, lang, index, choice.title] as const)));

/** What each channel sends back when the choice's button is used. */
function sentBack(set: ChoiceSetId, lang: (typeof LANGS)[number], index: number): Record<string, string> {
  const view = { kind: 'choice' as const, text: '?', choices: choiceSet(set, lang) };
  const [webChat] = renderViews([view], 'webchat');
  const [teams] = renderViews([view], 'msteams');
  const [messenger] = renderViews([view], 'facebook');
  return {
    webChat: String(webChat.suggestedActions!.actions[index].value),
    teams: String(adaptiveActions(teams.attachments![0])[index].data!.msteams!.value),
    messengerPayload: String(messenger.suggestedActions!.actions[index].value),
  };
}

/** matchChoice strips a trailing "." from the reply but not from the title ("Démarche admin."): see channels.test.ts. */

describe('typing the number picks the choice (plain-text channels)', () => {
  test.each(EVERY_CHOICE)('%s / %s: "%d"+1 → %s', (set, lang, index) => {
    const choices = choiceSet(set, lang);
    expect(matchChoice(String(index + 1), choices)).toBe(choices[index]);
    expect(matchChoice(`${index + 1}.`, choices)).toBe(choices[index]);
    expect(matchChoice(` ${index + 1} `, choices)).toBe(choices[index]);
  });

  test('numbers outside the list pick nothing', () => {
    const problems = choiceSet('problems', 'fr');
    expect(problems.length).toBeGreaterThan(9);
    expect(matchChoice('0', problems)).toBeUndefined();
    expect(matchChoice(String(problems.length + 1), problems)).toBeUndefined();
  });
});

describe('the text a button sends picks its choice (Web Chat, Teams, Messenger payload)', () => {
  test.each(EVERY_CHOICE)('%s / %s: #%d %s', (set, lang, index) => {
    const choices = choiceSet(set, lang);
    for (const [channel, text] of Object.entries(sentBack(set, lang, index))) {
      expect({ channel, picked: matchChoice(text, choices)?.value }).toEqual({ channel, picked: choices[index].value });
    }
  });

});
