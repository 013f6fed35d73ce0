/**
 * The shapes crossing the local Direct Line: what a client may post (validated, identity set by the server),
 * what the bot receives (with a serviceUrl back to this server) and what the bot's replies look like in the log.
 */
import type { Activity, ChannelAccount, ConversationAccount, Entity } from 'botbuilder';
import type { Conversation } from './conversations';
import { isRecord } from '../../shared';

export const CHANNEL_ID = 'directline';
export const BOT_ACCOUNT: ChannelAccount = { id: 'cned-guide', name: 'CNED', role: 'bot' };

const CLIENT_TYPES = new Set(['message', 'event', 'typing']);
const MAX_TEXT_LENGTH = 20_000;
const LOCALE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,4}$/;

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

export { isRecord };

const shortString = (value: unknown, max: number): string | undefined =>
  typeof value === 'string' && value.length > 0 && value.length <= max ? value : undefined;

/** A BCP 47-looking locale such as fr-FR, else undefined. */
export function cleanLocale(value: unknown): string | undefined {
  const locale = shortString(value, 35);
  return locale && LOCALE.test(locale) ? locale : undefined;
}

/** An IANA zone the runtime knows, else undefined. */
export function cleanTimezone(value: unknown): string | undefined {
  const zone = shortString(value, 64);
  if (!zone) return undefined;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return undefined;
  }
}

/**
 * Keeps what a client may say about an activity; ids, channel, conversation and sender are the server's.
 * `channelData` is kept because Web Chat matches its echo by `channelData.clientActivityID`.
 */
export function parseClientActivity(body: unknown): Parsed<Partial<Activity>> {
  if (!isRecord(body)) return { ok: false, message: 'The body must be a JSON activity object.' };
  if (typeof body.type !== 'string' || !CLIENT_TYPES.has(body.type)) {
    return { ok: false, message: `The activity type must be one of ${[...CLIENT_TYPES].join(', ')}.` };
  }
  if (body.text !== undefined && typeof body.text !== 'string') return { ok: false, message: 'text must be a string.' };
  if (typeof body.text === 'string' && body.text.length > MAX_TEXT_LENGTH) return { ok: false, message: 'text is too long.' };
  if (Array.isArray(body.attachments) && body.attachments.length > 0) {
    return { ok: false, message: 'Attachments are not supported by the local Direct Line.' };
  }
  if (body.channelData !== undefined && !isRecord(body.channelData)) return { ok: false, message: 'channelData must be an object.' };
  if (body.entities !== undefined && !Array.isArray(body.entities)) return { ok: false, message: 'entities must be an array.' };
  const entities: unknown[] | undefined = body.entities;
  const from = isRecord(body.from) ? body.from : {};
  const activity: Partial<Activity> = {
    type: body.type,
    text: body.text,
    textFormat: shortString(body.textFormat, 20),
    name: shortString(body.name, 200),
    value: body.value,
    locale: cleanLocale(body.locale),
    localTimezone: cleanTimezone(body.localTimezone),
    replyToId: shortString(body.replyToId, 200),
    channelData: body.channelData,
    entities: entities?.filter(isEntity),
    from: { id: '', name: shortString(from.name, 100) ?? '', role: 'user' },
  };
  return { ok: true, value: withoutUndefined(activity) };
}

function isEntity(value: unknown): value is Entity {
  return isRecord(value) && typeof value.type === 'string';
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}

function conversationAccount(conversation: Conversation): ConversationAccount {
  return { id: conversation.id, isGroup: false, conversationType: 'personal', name: '' };
}

/** The client's activity as the log records it (and echoes it back to the client). */
export function userActivity(conversation: Conversation, activity: Partial<Activity>, now: Date): Partial<Activity> {
  return {
    ...activity,
    channelId: CHANNEL_ID,
    timestamp: now,
    locale: activity.locale ?? conversation.locale,
    localTimezone: activity.localTimezone ?? conversation.localTimezone,
    from: { ...conversation.user, name: activity.from?.name || conversation.user.name },
    recipient: BOT_ACCOUNT,
    conversation: conversationAccount(conversation),
  };
}

/** Tells the bot the user joined, in the conversation's locale, so it greets them. */
export function joinActivity(conversation: Conversation, serviceUrl: string, now: Date): Partial<Activity> {
  return withoutUndefined({
    type: 'conversationUpdate',
    id: `${conversation.id}|join`,
    channelId: CHANNEL_ID,
    serviceUrl,
    timestamp: now,
    locale: conversation.locale,
    localTimezone: conversation.localTimezone,
    from: conversation.user,
    recipient: BOT_ACCOUNT,
    conversation: conversationAccount(conversation),
    membersAdded: [conversation.user],
  });
}

/** A reply the bot posted to the connector endpoint, as clients will read it. */
export function parseBotReply(conversation: Conversation, body: unknown, replyToId?: string): Parsed<Partial<Activity>> {
  if (!isRecord(body) || typeof body.type !== 'string') return { ok: false, message: 'The body must be a JSON activity object.' };
  const reply = { ...body } as Partial<Activity>;
  delete reply.serviceUrl;
  const from: ChannelAccount = isRecord(body.from) && typeof body.from.id === 'string' ? { id: body.from.id, name: shortString(body.from.name, 100) ?? '' } : BOT_ACCOUNT;
  return {
    ok: true,
    value: {
      ...reply,
      channelId: CHANNEL_ID,
      from: { ...from, role: 'bot' },
      recipient: conversation.user,
      replyToId: reply.replyToId ?? replyToId,
      conversation: conversationAccount(conversation),
    },
  };
}
