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

/** Renders views, in order, for a channel; a view may become several activities (long text, several cards). */
export function renderViews(views: readonly View[], channelId: string): OutgoingActivity[] {
  const { family, limits } = channelProfile(channelId);
  const render = RENDERERS[family];
  return views.flatMap((view) => render(view, limits));
}
