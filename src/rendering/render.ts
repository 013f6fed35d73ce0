/**
 * The one rendering layer: dialogs say what to show (views, see view.ts); this turns it into what the turn's
 * channel displays, keyed by channelId (limits.ts): Adaptive Cards and suggested actions for Web Chat, cards
 * within Teams' limits, hero cards and quick replies for Messenger, plain text with numbered choices elsewhere.
 */
import type { View } from './view';
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

/** Renders views, in order, for a channel; a view may become several activities (long text, several cards). */
export function renderViews(views: readonly View[], channelId: string): OutgoingActivity[] {
  const { family, limits } = channelProfile(channelId);
  const render = RENDERERS[family];
  return coalesceViews(views).flatMap((view) => render(view, limits));
}
