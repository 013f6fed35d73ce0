/**
 * The other half of the channel layer: what channels send back, made into the plain text the dialogs read,
 * and which channel events call for the welcome.
 */
import { Activity, ActivityTypes, TurnContext } from 'botbuilder';

type Incoming = Partial<Activity>;

/**
 * The text without the bot's @mentions (Teams group chats: "<at>Guide CNED</at> menu" → "menu"), spaces collapsed.
 * Read from the activity, never written to it (TurnContext.removeRecipientMention would change activity.text).
 */
function withoutBotMention(activity: Incoming, text: string): string {
  const botId = activity.recipient?.id;
  if (!botId || !activity.entities?.length) return text;
  const mention = botMentionText(activity, botId);
  let result = text;
  if (mention) {
    let before: string;
    do {
      before = result;
      result = result.replace(mention, '').trim();
    } while (result !== before);
  }
  return result.replace(/\s+/g, ' ').trim();
}

/** The text of the first mention of `id` among the activity's entities ("<at>Guide CNED</at>"). */
function botMentionText(activity: Incoming, id: string): string | undefined {
  for (const entity of activity.entities ?? []) {
    if (stringAt(entity, 'type')?.toLowerCase() === 'mention' && stringAt(entity, 'mentioned', 'id') === id) return stringAt(entity, 'text');
  }
  return undefined;
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

/**
 * The text of an incoming message as the dialogs read it: the bot's @mentions removed, a Messenger quick reply or
 * postback read by its payload; '' for other activities. The activity itself is left as the channel sent it.
 */
export function readIncomingText(activity: Incoming): string {
  if (activity.type !== ActivityTypes.Message) return '';
  const payload = messengerPayload(activity);
  if (payload) return payload;
  return typeof activity.text === 'string' ? withoutBotMention(activity, activity.text) : '';
}

const INCOMING_TEXT = Symbol('incomingText');

/** The turn's incoming text (readIncomingText), computed once per turn and kept in turn state. */
export function incomingText(context: TurnContext): string {
  const cached: unknown = context.turnState.get(INCOMING_TEXT);
  if (typeof cached === 'string') return cached;
  const text = readIncomingText(context.activity);
  context.turnState.set(INCOMING_TEXT, text);
  return text;
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
