/**
 * Every route of the real dialog tree, walked on every kind of channel, in French and English; every activity
 * the bot sends is checked against the limits of the channel it was rendered for.
 */
import { ActionTypes, InputHints } from 'botbuilder';
import { DialogTurnStatus } from 'botbuilder-dialogs';
import type { ChoiceSetId } from '../../dialogs/prompts/choiceSets';
import type { Lang } from '../../src/domain/types';
import type { MessageKey } from '../../src/i18n/messages';
import { channelProfile } from '../../src/rendering/limits';
import { ADAPTIVE_CARD, HERO_CARD, Reply, adaptiveActions, startWalk } from './support';

type Step = { pick: [ChoiceSetId, string]; shows?: MessageKey } | { say: string; shows?: MessageKey };

const pick = (set: ChoiceSetId, value: string, shows?: MessageKey): Step => ({ pick: [set, value], shows });
const say = (text: string, shows?: MessageKey): Step => ({ say: text, shows });
const problem = (value: string, shows: MessageKey): Step => pick('problems', value, shows);
const contact = (value: string, shows: MessageKey): Step[] => [problem('contacts', 'menu.contactQuestion'), pick('contacts', value, shows)];

/** Each route from the menu to "anything else?"; the walk then answers "no" and expects the goodbye. */
const ROUTES: Record<string, Step[]> = {
  lostCredentials: [problem('lostCredentials', 'lostCredentials.restate')],
  missingAccessCodes: [problem('missingAccessCodes', 'missingAccessCodes.restate')],
  withdrawalWithDate: [problem('withdrawal', 'withdrawal.askDate'), say('le 20 novembre', 'withdrawal.countsFromLabel')],
  withdrawalDateUnknown: [problem('withdrawal', 'withdrawal.askDate'), pick('dateShortcuts', 'unknown', 'withdrawal.unknownDate')],
  cancellation: [problem('cancellation', 'cancellation.cardTitle')],
  updateDetails: [problem('updateDetails', 'updateDetails.restate')],
  adminProcedure: [problem('adminProcedure', 'form.askRegistered'), pick('registered', 'no', 'form.notRegisteredTitle')],
  parcelOldAddress: [problem('parcelOldAddress', 'parcelOldAddress.restate')],
  internshipProblem: [problem('internshipProblem', 'internshipProblem.restate')],
  refundDelay: [
    problem('refundDelay', 'refund.askWaiting'),
    pick('waitingRanges', '45', 'escalation.askDone'),
    pick('pastActions', 'form', 'escalation.askWhen'),
    pick('dateShortcuts', 'yesterday', 'escalation.askOutcome'),
    pick('outcomes', 'unanswered'),
  ],
  noAnswer: [
    problem('noAnswer', 'escalation.askDone'),
    pick('pastActions', 'registeredLetter', 'escalation.askWhen'),
    pick('dateShortcuts', 'today', 'escalation.askOutcome'),
    pick('outcomes', 'refused'),
  ],
  noAnswerNothingDone: [problem('noAnswer', 'escalation.askDone'), pick('pastActions', 'none', 'escalation.nextContact')],
  contactPhone: contact('contactPhone', 'phone.title'),
  contactFax: contact('contactFax', 'fax.title'),
  contactPostal: contact('contactPostal', 'postal.title'),
  contactSocial: contact('contactSocial', 'social.title'),
  contactMediator: [...contact('contactMediator', 'mediator.title'), pick('pastActions', 'none', 'escalation.nextContact')],
  contactFaq: contact('contactFaq', 'faq.title'),
};

const CHANNELS = ['webchat', 'directline', 'emulator', 'msteams', 'facebook', 'sms', 'telegram', 'slack', 'some-new-channel'];
const LANGS: Lang[] = ['fr', 'en'];

const CASES = CHANNELS.flatMap((channelId) => LANGS.flatMap((lang) => Object.keys(ROUTES).map((route) => [channelId, lang, route] as const)));

/** Walks one route and returns everything the bot sent. */
async function walkRoute(channelId: string, lang: Lang, route: string): Promise<Reply[]> {
  const walk = startWalk(channelId, lang);
  await walk.say(lang === 'en' ? 'hello' : 'bonjour');
  expect(walk.shows('menu.greeting')).toBe(true);
  for (const step of ROUTES[route]) {
    if ('pick' in step) await walk.pick(...step.pick);
    else await walk.say(step.say);
    if (step.shows) expect({ step, shows: walk.shows(step.shows) }).toEqual({ step, shows: true });
  }
  expect(walk.shows('menu.anythingElse')).toBe(true);
  await walk.pick('anythingElse', 'no');
  expect(walk.shows('menu.goodbye')).toBe(true);
  expect(walk.status()).toBe(DialogTurnStatus.complete);
  return walk.sent;
}

// ---- What each channel may receive -------------------------------------------------------------------------

function versionAtMost(version: unknown, max: number): boolean {
  return typeof version === 'string' && /^\d+\.\d+$/.test(version) && Number(version) <= max;
}

function checkAdaptiveCard(content: Record<string, unknown>): void {
  expect(content.type).toBe('AdaptiveCard');
  expect(content.version).toBe('1.5');
  expect(content.$schema).toBe('http://adaptivecards.io/schemas/adaptive-card.json');
  const body = content.body as { type: string; text?: string; style?: string; facts?: unknown[] }[];
  expect(Array.isArray(body) && body.length > 0).toBe(true);
  for (const element of body) {
    expect(['TextBlock', 'FactSet', 'ActionSet']).toContain(element.type);
    if (element.type === 'TextBlock') expect(typeof element.text === 'string' && element.text.length > 0).toBe(true);
    if (element.type === 'FactSet') {
      for (const fact of element.facts as { title: unknown; value: unknown }[]) {
        expect(typeof fact.title).toBe('string');
        expect(typeof fact.value).toBe('string');
      }
    }
  }
}

function checkWebChat(sent: Reply[]): void {
  for (const activity of sent) {
    for (const attachment of activity.attachments ?? []) {
      expect(attachment.contentType).toBe(ADAPTIVE_CARD);
      const content = attachment.content as Record<string, unknown>;
      checkAdaptiveCard(content);
      const heading = (content.body as { style?: string }[])[0];
      expect(heading.style).toBe('heading');
      for (const action of adaptiveActions(attachment)) {
        expect(action.type).toBe('Action.OpenUrl');
        expect(action.url).toMatch(/^(https:\/\/|tel:\+)/);
      }
    }
    if (activity.inputHint === InputHints.ExpectingInput) {
      const actions = activity.suggestedActions?.actions ?? [];
      expect(actions.length).toBeGreaterThan(0);
      for (const action of actions) {
        expect(action.type).toBe(ActionTypes.ImBack);
        expect(action.value).toBe(action.title);
      }
    }
  }
}

function checkTeams(sent: Reply[]): void {
  const limits = channelProfile('msteams').limits;
  for (const activity of sent) {
    expect(activity.suggestedActions).toBeUndefined();
    expect(JSON.stringify(activity).length * 2).toBeLessThanOrEqual(limits.maxMessageBytes!);
    for (const attachment of activity.attachments ?? []) {
      expect(attachment.contentType).toBe(ADAPTIVE_CARD);
      const content = attachment.content as Record<string, unknown>;
      checkAdaptiveCard(content);
      expect(versionAtMost(content.version, 1.5)).toBe(true);
      const sets = [content, ...(content.body as { type: string }[]).filter((element) => element.type === 'ActionSet')] as { actions?: unknown[] }[];
      for (const set of sets) expect((set.actions ?? []).length).toBeLessThanOrEqual(limits.maxActionsPerSet!);
      for (const action of adaptiveActions(attachment)) {
        expect(['Action.OpenUrl', 'Action.Submit']).toContain(action.type);
        if (action.type === 'Action.Submit') expect(action.data?.msteams).toEqual({ type: 'imBack', value: action.title });
      }
    }
    if (activity.inputHint === InputHints.ExpectingInput) {
      expect(activity.attachments?.[0] && adaptiveActions(activity.attachments[0]).some((action) => action.type === 'Action.Submit')).toBe(true);
    }
  }
}

function checkMessenger(sent: Reply[]): void {
  for (const activity of sent) {
    expect((activity.text ?? '').length).toBeLessThanOrEqual(2000);
    const quickReplies = activity.suggestedActions?.actions ?? [];
    expect(quickReplies.length).toBeLessThanOrEqual(13);
    for (const reply of quickReplies) {
      expect([ActionTypes.ImBack, ActionTypes.PostBack]).toContain(reply.type);
      expect(reply.title.length).toBeGreaterThan(0);
      expect(reply.title.length).toBeLessThanOrEqual(20);
    }
    for (const attachment of activity.attachments ?? []) {
      expect(attachment.contentType).not.toBe(ADAPTIVE_CARD);
      expect(attachment.contentType).toBe(HERO_CARD);
      const hero = attachment.content as { title?: string; subtitle?: string; text?: string; buttons?: { type: string; title: string; value: string }[] };
      expect((hero.title ?? '').length).toBeGreaterThan(0);
      expect((hero.title ?? '').length).toBeLessThanOrEqual(80);
      expect((hero.subtitle ?? '').length).toBeLessThanOrEqual(80);
      expect(hero.text).toBeUndefined();
      expect((hero.buttons ?? []).length).toBeGreaterThan(0);
      expect((hero.buttons ?? []).length).toBeLessThanOrEqual(3);
      for (const button of hero.buttons ?? []) {
        expect([ActionTypes.OpenUrl, ActionTypes.PostBack]).toContain(button.type);
        expect(button.title.length).toBeLessThanOrEqual(20);
      }
    }
  }
}

function checkPlainText(channelId: string, sent: Reply[]): void {
  const max = channelProfile(channelId).limits.maxTextLength!;
  for (const activity of sent) {
    expect(activity.attachments ?? []).toEqual([]);
    expect(activity.suggestedActions).toBeUndefined();
    expect((activity.text ?? '').length).toBeGreaterThan(0);
    expect((activity.text ?? '').length).toBeLessThanOrEqual(max);
    if (activity.inputHint === InputHints.ExpectingInput) expect(activity.text).toMatch(/\n1\. .+\n2\. /);
  }
}

function checkChannel(channelId: string, sent: Reply[]): void {
  switch (channelProfile(channelId).family) {
    case 'webChat':
      return checkWebChat(sent);
    case 'teams':
      return checkTeams(sent);
    case 'messenger':
      return checkMessenger(sent);
    case 'plainText':
      return checkPlainText(channelId, sent);
  }
}

describe('every route on every channel stays within the channel limits', () => {
  test.each(CASES)('%s / %s / %s', async (channelId, lang, route) => {
    const sent = await walkRoute(channelId, lang, route);
    expect(sent.length).toBeGreaterThan(0);
    checkChannel(channelId, sent);
  });

});

describe('plain text: the number picks the choice', () => {
  test.each(['sms', 'telegram', 'some-new-channel'])('%s: "2" picks the second problem and the dialog moves on', async (channelId) => {
    const walk = startWalk(channelId, 'fr');
    await walk.say('bonjour');
    const menu = walk.last[walk.last.length - 1];
    expect(menu.text).toContain('\n1. Identifiants perdus\n2. Codes d\'accès\n');
    expect(menu.text).toContain('\n12. Coordonnées CNED');
    await walk.say('2');
    expect(walk.shows('missingAccessCodes.restate')).toBe(true);
    expect(walk.shows('menu.anythingElse')).toBe(true);
  });

  test('a number above 9 picks its choice too ("12" → CNED contacts, then "6" → FAQ)', async () => {
    const walk = startWalk('sms', 'en');
    await walk.say('hello');
    await walk.say('12');
    expect(walk.shows('menu.contactQuestion')).toBe(true);
    await walk.say('6');
    expect(walk.shows('faq.title')).toBe(true);
  });
});
