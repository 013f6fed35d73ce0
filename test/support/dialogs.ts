/** Drives the real dialog tree through DialogTestClient with a fixed instant, language and time zone. */
import { DialogTestClient } from 'botbuilder-testing';
import type { Activity } from 'botbuilder';
import type { DialogTurnStatus } from 'botbuilder-dialogs';
import { MainDialog } from '../../dialogs/mainDialog';
import type { Understanding } from '../../dialogs/understanding';
import type { Lang } from '../../src/domain/types';
import { replyText } from './channel';

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

export function startConversation(understanding: Understanding, lang: Lang, nowIso: string, options: { zone?: string; channelId?: string } = {}): Conversation {
  const client = new DialogTestClient(options.channelId ?? 'test', new MainDialog(understanding));
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
