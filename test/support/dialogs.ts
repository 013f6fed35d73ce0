/** Drives the real dialog tree through DialogTestClient with a fixed instant, language and time zone. */
import { DialogTestClient } from 'botbuilder-testing';
import { Activity, ConversationState, MemoryStorage } from 'botbuilder';
import type { Telemetry } from '../../src/telemetry';
import type { DialogTurnStatus } from 'botbuilder-dialogs';
import { MainDialog } from '../../dialogs/mainDialog';
import type { Understanding } from '../../src/domain/understanding';
import type { Lang } from '../../src/domain/types';
import { replyText } from './channel';
import { flushViewsMiddleware } from './flushViews';

export interface Turn {
  /** Every reply's visible text, joined. */
  text: string;
  replies: Partial<Activity>[];
  /** Titles of the buttons offered by the last reply, if any. */
  buttons: string[];
  status: DialogTurnStatus;
}

export interface Conversation {
  send(text: string): Promise<Turn>;
}

export interface ConversationOptions {
  zone?: string;
  channelId?: string;
  telemetry?: Telemetry;
  /** Where the conversation state is saved after each turn (to inspect what is stored). */
  storage?: MemoryStorage;
}

export function startConversation(understanding: Understanding, lang: Lang, nowIso: string, options: ConversationOptions = {}): Conversation {
  const dialog = new MainDialog(understanding, options.telemetry);
  const state = options.storage ? new ConversationState(options.storage) : undefined;
  const client = new DialogTestClient(options.channelId ?? 'test', dialog, undefined, [flushViewsMiddleware], state);
  return {
    async send(text: string): Promise<Turn> {
      const activity: Partial<Activity> = {
        type: 'message',
        text,
        locale: lang === 'en' ? 'en-US' : 'fr-FR',
        timestamp: new Date(nowIso),
        localTimezone: options.zone,
      };
      const replies: Partial<Activity>[] = [];
      let reply = await client.sendActivity(activity);
      while (reply) {
        replies.push(reply);
        reply = client.getNextReply();
      }
      const last = replies[replies.length - 1];
      return {
        text: replies.map(replyText).join('\n'),
        replies,
        buttons: (last?.suggestedActions?.actions ?? []).map((action) => action.title ?? ''),
        status: client.dialogTurnResult.status,
      };
    },
  };
}
