/**
 * Walks the real dialog tree (MainDialog through DialogTestClient) on a given channel and answers each
 * question the way a user of that channel would: a suggested action on Web Chat, an Action.Submit button on
 * Teams, a quick reply on Messenger (title posted as text, full payload in channelData), the number elsewhere.
 */
import { DialogTestClient } from 'botbuilder-testing';
import type { Activity, Attachment } from 'botbuilder';
import { DialogTurnStatus } from 'botbuilder-dialogs';
import { MainDialog } from '../../dialogs/mainDialog';
import type { Understanding, ExtractedFacts } from '../../src/domain/understanding';
import { choiceSet, ChoiceSetId } from '../../dialogs/prompts/choiceSets';
import type { Lang } from '../../src/domain/types';
import { matchGlobalCommand } from '../../src/understanding/commands';
import { readYesNo } from '../../src/understanding/answers';
import { t, MessageKey } from '../../src/i18n/messages';
import { channelProfile, ChannelFamily } from '../../src/rendering/limits';
import { flushViewsMiddleware } from '../support/flushViews';

export type Reply = Partial<Activity>;

/** Thursday 26 November 2026, 11:00 Paris: a working day, the phone line is open. */
export const NOW = '2026-11-26T11:00:00+01:00';

/** A stand-in for the NLU: fixed texts → intents and dates; enough to drive the menus. */
export const fakeUnderstanding: Understanding = {
  command: matchGlobalCommand,
  read(text) {
    const greetings = ['bonjour', 'hello'];
    return greetings.includes(text.trim().toLowerCase()) ? { kind: 'nonProblem', intent: 'greeting' } : { kind: 'unclear', candidates: [] };
  },
  language: () => undefined,
  extractFacts: (): ExtractedFacts => ({ history: [] }),
  readDate: (text) => (/20 novembre|20 november/i.test(text) ? { iso: '2026-11-20', inferred: false } : undefined),
  extractDuration: () => undefined,
  yesNo: readYesNo,
  outcome: () => undefined,
};

export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';
export const HERO_CARD = 'application/vnd.microsoft.card.hero';

interface AdaptiveAction {
  type: string;
  title?: string;
  url?: string;
  data?: { msteams?: { type?: string; value?: unknown } };
}

/** Every action of an Adaptive Card: top-level actions and those of ActionSets in the body. */
export function adaptiveActions(attachment: Attachment): AdaptiveAction[] {
  const content = attachment.content as { actions?: AdaptiveAction[]; body?: { type: string; actions?: AdaptiveAction[] }[] };
  const inBody = (content.body ?? []).filter((element) => element.type === 'ActionSet').flatMap((set) => set.actions ?? []);
  return [...(content.actions ?? []), ...inBody];
}

/** Every string inside a value (a card's texts, facts, button titles…). */
function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(stringsIn);
  return [];
}

/** The visible text of replies: texts plus everything inside cards. */
export function visibleText(replies: readonly Reply[]): string {
  return replies.map((reply) => [reply.text ?? '', ...(reply.attachments ?? []).flatMap((attachment) => stringsIn(attachment.content))].join('\n')).join('\n');
}

/** How a user of each channel family answers with the choice at `index` whose full title is `title`. */
const ANSWER: Record<ChannelFamily, (last: Reply, title: string, index: number) => Partial<Activity>> = {
  webChat(last, title) {
    const action = (last.suggestedActions?.actions ?? []).find((candidate) => candidate.title === title);
    if (!action) throw new Error(`no suggested action "${title}" in ${JSON.stringify(last)}`);
    return { text: String(action.value) };
  },
  teams(last, title) {
    const action = (last.attachments ?? []).flatMap(adaptiveActions).find((candidate) => candidate.type === 'Action.Submit' && candidate.title === title);
    if (!action?.data?.msteams) throw new Error(`no Action.Submit "${title}" in ${JSON.stringify(last)}`);
    return { text: String(action.data.msteams.value) };
  },
  messenger(last, _title, index) {
    const action = last.suggestedActions?.actions?.[index];
    if (!action) throw new Error(`no quick reply #${index + 1} in ${JSON.stringify(last)}`);
    // Messenger posts the label shown (maybe shortened) as text and the payload in channelData.
    return { text: action.title, channelData: { message: { text: action.title, quick_reply: { payload: action.value } } } };
  },
  plainText(last, title) {
    const line = (last.text ?? '').split('\n').find((candidate) => candidate.replace(/^\d+\. /, '') === title);
    const number = line ? /^(\d+)\. /.exec(line)?.[1] : undefined;
    if (!number) throw new Error(`no numbered line "${title}" in ${JSON.stringify(last.text)}`);
    return { text: number };
  },
};

export interface Walk {
  channelId: string;
  lang: Lang;
  /** Every activity the bot sent, in order. */
  sent: Reply[];
  /** The replies to the last message. */
  last: Reply[];
  status(): DialogTurnStatus;
  say(text: string): Promise<Reply[]>;
  send(activity: Partial<Activity>): Promise<Reply[]>;
  /** Answers the last question with the choice of `set` whose value is `value`, the channel's way. */
  pick(set: ChoiceSetId, value: string): Promise<Reply[]>;
  /** Whether the last replies show the fixed part of a message. */
  shows(key: MessageKey): boolean;
}

export function startWalk(channelId: string, lang: Lang): Walk {
  const client = new DialogTestClient(channelId, new MainDialog(fakeUnderstanding, undefined, { key: Buffer.alloc(32, 7), baseUrl: 'https://bot.example.test', ttlHours: 24 }), undefined, [flushViewsMiddleware]);
  const family = channelProfile(channelId).family;
  const walk: Walk = {
    channelId,
    lang,
    sent: [],
    last: [],
    status: () => client.dialogTurnResult?.status ?? DialogTurnStatus.empty,
    say: (text) => walk.send({ text }),
    async send(activity) {
      const replies: Reply[] = [];
      let reply: Reply | undefined = await client.sendActivity({
        type: 'message',
        channelId,
        locale: lang === 'en' ? 'en-US' : 'fr-FR',
        timestamp: new Date(NOW),
        ...activity,
      });
      while (reply) {
        replies.push(reply);
        reply = client.getNextReply();
      }
      walk.sent.push(...replies);
      walk.last = replies;
      return replies;
    },
    async pick(set, value) {
      const asking = walk.last[walk.last.length - 1];
      if (!asking) throw new Error('nothing was asked');
      // "Anything else?" after a route with a letter also offers "Prepare my letter", first.
      const letter = t(lang, 'choice.showLetter');
      const offersLetter = visibleText([asking]).includes(letter) || (asking.suggestedActions?.actions ?? []).some((action) => action.title === letter);
      const shown: ChoiceSetId = set === 'anythingElse' && offersLetter ? 'anythingElseOrLetter' : set;
      const choices = choiceSet(shown, lang);
      const index = choices.findIndex((choice) => choice.value === value);
      if (index < 0) throw new Error(`no value ${value} in ${shown}`);
      return walk.send(ANSWER[family](asking, choices[index].title, index));
    },
    shows(key) {
      const fixed = t(lang, key).split('{')[0].slice(0, 50);
      return visibleText(walk.last).includes(fixed);
    },
  };
  return walk;
}
