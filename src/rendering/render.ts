/**
 * The one rendering layer: dialogs say what to show (views, see view.ts); this turns it into what the turn's
 * channel displays, keyed by channelId (limits.ts): Adaptive Cards and suggested actions for Web Chat, cards
 * within Teams' limits, hero cards and quick replies for Messenger, plain text with numbered choices elsewhere.
 */
import { ActivityTypes, AttachmentLayoutTypes } from 'botbuilder';
import type { View } from './view';
import { utf16Bytes } from './text';
import { channelProfile, ChannelFamily } from './limits';
import type { OutgoingActivity, ViewRenderer } from './activities';
import { renderWebChat } from './webChat';
import { renderTeams } from './teams';
import { renderMessenger } from './messenger';
import { renderPlainText } from './plainText';

export type { OutgoingActivity } from './activities';

const RENDERERS: Record<ChannelFamily, ViewRenderer> = {
  webChat: renderWebChat,
  teams: renderTeams,
  messenger: renderMessenger,
  plainText: renderPlainText,
};

/**
 * Adjacent sentences go out as one message: texts in a row are joined, and texts just before a question become
 * its first paragraphs. Fewer bubbles to read, and one connector call instead of several. Cards stay apart.
 */
export function coalesceViews(views: readonly View[]): View[] {
  const out: View[] = [];
  for (const view of views) {
    const previous = out[out.length - 1];
    if (previous?.kind === 'text' && view.kind !== 'card') {
      out[out.length - 1] = { ...view, text: `${previous.text}\n\n${view.text}` };
    } else {
      out.push(view);
    }
  }
  return out;
}

/** A message with text or cards only: no buttons, not a question, nothing else a merge could reorder. */
function isPlain(activity: OutgoingActivity): boolean {
  return activity.type === ActivityTypes.Message && activity.suggestedActions === undefined && activity.inputHint === undefined;
}

/**
 * On channels that show a message's text above its cards (Web Chat, Teams), a sentence and the cards right after it
 * go out as one message, in the same order on screen: one connector call instead of one per card. The Bot Connector
 * throttles a conversation that is sent many messages in a burst, and each call costs an HTTP request. A question
 * (with its buttons) stays its own message, after the cards, and a merge never goes over the channel's message size.
 */
export function mergeCards(activities: readonly OutgoingActivity[], maxBytes: number | undefined): OutgoingActivity[] {
  const out: OutgoingActivity[] = [];
  for (const activity of activities) {
    const previous = out[out.length - 1];
    const cardsOnly = isPlain(activity) && !activity.text && (activity.attachments?.length ?? 0) > 0;
    if (previous && cardsOnly && isPlain(previous)) {
      const merged: OutgoingActivity = {
        ...previous,
        attachments: [...(previous.attachments ?? []), ...(activity.attachments ?? [])],
        attachmentLayout: AttachmentLayoutTypes.List,
        summary: previous.summary ?? activity.summary,
      };
      if (maxBytes === undefined || utf16Bytes(merged) <= maxBytes) {
        out[out.length - 1] = merged;
        continue;
      }
    }
    out.push(activity);
  }
  return out;
}

/** Renders views, in order, for a channel; a view may become several activities (long text, several cards). */
export function renderViews(views: readonly View[], channelId: string): OutgoingActivity[] {
  const { family, limits } = channelProfile(channelId);
  const render = RENDERERS[family];
  const activities = coalesceViews(views).flatMap((view) => render(view, limits));
  return family === 'webChat' || family === 'teams' ? mergeCards(activities, limits.maxMessageBytes) : activities;
}
