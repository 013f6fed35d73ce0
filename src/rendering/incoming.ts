/**
 * The other half of the channel layer: what channels send back, made into the plain text the dialogs read,
 * and which channel events call for the welcome.
 */
import { Activity, ActivityTypes, TurnContext } from 'botbuilder';

type Incoming = Partial<Activity>;

/** Removes every @mention of the bot (Teams group chats: "<at>Guide CNED</at> menu" → "menu"). */
function removeBotMention(activity: Incoming): void {
  if (typeof activity.text !== 'string' || !activity.recipient?.id || !activity.entities?.length) return;
  const target = activity as Activity;
  let before: string;
  do {
    before = target.text;
    TurnContext.removeRecipientMention(target);
  } while (target.text !== before);
  target.text = target.text.replace(/\s+/g, ' ').trim();
}

function stringAt(value: unknown, ...path: string[]): string | undefined {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return typeof current === 'string' && current.length > 0 ? current : undefined;
}

/**
 * Messenger posts a tapped quick reply's *title* (possibly shortened to 20 characters by the renderer) as
 * the text and its payload in channelData; the payload is the full title, which the dialogs recognise.
 */
function messengerPayload(activity: Incoming): string | undefined {
  if (activity.channelId !== 'facebook') return undefined;
  return stringAt(activity.channelData, 'message', 'quick_reply', 'payload') ?? stringAt(activity.channelData, 'postback', 'payload');
}

/** Normalizes an incoming message in place, before any dialog reads context.activity.text. */
export function normalizeIncoming(context: TurnContext): void {
  const activity = context.activity;
  if (activity.type !== ActivityTypes.Message) return;
  removeBotMention(activity);
  const payload = messengerPayload(activity);
  if (payload) activity.text = payload;
}

function isGroupConversation(activity: Incoming): boolean {
  const type = activity.conversation?.conversationType;
  return activity.conversation?.isGroup === true || type === 'groupChat' || type === 'channel';
}

/**
 * Whether this event is the moment to send the welcome:
 * - Teams installs the app: installationUpdate "add" in a personal chat (in a group chat the same install
 *   also sends the conversationUpdate below, which carries the welcome, so it is sent once);
 * - the bot itself is added to a group chat: conversationUpdate whose membersAdded holds the bot;
 * - elsewhere (Web Chat, Direct Line…): a user, not the bot, joins a one-to-one conversation.
 * Teams personal chats are welcomed on install only, and nobody is welcomed again when another person joins
 * a group chat.
 */
export function isWelcomeMoment(activity: Incoming): boolean {
  const botId = activity.recipient?.id;
  const group = isGroupConversation(activity);
  if (activity.type === ActivityTypes.InstallationUpdate) return activity.action === 'add' && !group;
  if (activity.type !== ActivityTypes.ConversationUpdate) return false;
  const added = activity.membersAdded ?? [];
  if (group) return added.some((member) => member.id === botId);
  if (activity.channelId === 'msteams') return false;
  return added.some((member) => member.id !== botId);
}
