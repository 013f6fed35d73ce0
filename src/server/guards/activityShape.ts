/**
 * The shape an inbound activity must have before the Bot Framework sees it. The framework itself only checks
 * that `type` is a string (and answers 500 when it is not); everything else it dereferences blindly, so a
 * missing `conversation` or `from` fails deep inside a turn. Only fields this app or the framework read are
 * checked; unknown fields pass through untouched.
 */
import type { Activity } from 'botbuilder';
import { isRecord } from '../../shared';

/** Channel ids are short; Teams conversation ids are a few hundred characters at most. */
const MAX_ID_LENGTH = 2048;
const MAX_URL_LENGTH = 2048;
const MAX_SHORT_STRING = 256;

export type ShapeCheck = { ok: true; activity: Activity } | { ok: false; field: string };


function nonEmptyString(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= max;
}

/** An account ({ id, name?, role? }) with a non-empty string id. */
function isAccount(value: unknown): boolean {
  return isRecord(value) && nonEmptyString(value.id, MAX_ID_LENGTH) && optionalString(value.name) && optionalString(value.role);
}

function optionalString(value: unknown, max = Number.MAX_SAFE_INTEGER): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.length <= max);
}

function optionalArray(value: unknown, each?: (item: unknown) => boolean): boolean {
  if (value === undefined || value === null) return true;
  return Array.isArray(value) && (each === undefined || value.every(each));
}

function hasAction(value: unknown): boolean {
  return value === undefined || value === null || (isRecord(value) && isRecord(value.action));
}

/** http(s) only: the framework posts replies to this address. */
export function isServiceUrl(value: unknown): value is string {
  if (!nonEmptyString(value, MAX_URL_LENGTH)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** The first field (dotted path) that is missing or malformed, or the activity typed for the framework. */
export function checkActivityShape(body: unknown): ShapeCheck {
  if (!isRecord(body)) return { ok: false, field: 'body' };
  const checks: [string, boolean][] = [
    ['type', nonEmptyString(body.type, MAX_SHORT_STRING)],
    ['conversation.id', isRecord(body.conversation) && nonEmptyString(body.conversation.id, MAX_ID_LENGTH)],
    ['from.id', isAccount(body.from)],
    ['serviceUrl', isServiceUrl(body.serviceUrl)],
    ['recipient', body.recipient === undefined || body.recipient === null || isAccount(body.recipient)],
    ['id', optionalString(body.id, MAX_ID_LENGTH)],
    // The framework reads it for every reply and for state keys: without it a turn fails after a 200.
    ['channelId', nonEmptyString(body.channelId, MAX_SHORT_STRING)],
    ['name', optionalString(body.name, MAX_SHORT_STRING)],
    ['locale', optionalString(body.locale, MAX_SHORT_STRING)],
    ['localTimezone', optionalString(body.localTimezone, MAX_SHORT_STRING)],
    ['timestamp', optionalString(body.timestamp, MAX_SHORT_STRING)],
    ['localTimestamp', optionalString(body.localTimestamp, MAX_SHORT_STRING)],
    ['text', optionalString(body.text)],
    ['attachments', optionalArray(body.attachments, isRecord)],
    ['entities', optionalArray(body.entities, isRecord)],
    ['membersAdded', optionalArray(body.membersAdded, isAccount)],
    ['membersRemoved', optionalArray(body.membersRemoved, isAccount)],
    // ActivityHandler reads value.action.type of this invoke unchecked: a TypeError, the turn-error reply, and
    // the conversation's state reset.
    ['value.action', !(body.type === 'invoke' && body.name === 'adaptiveCard/action') || hasAction(body.value)],
  ];
  const failed = checks.find(([, ok]) => !ok);
  if (failed) return { ok: false, field: failed[0] };
  return isCheckedActivity(body) ? { ok: true, activity: body } : { ok: false, field: 'body' };
}

/**
 * Reached only after the checks above, which cover every field of `Activity` the framework and this app
 * dereference; the schema's other "required" fields are filled or ignored by the framework.
 */
function isCheckedActivity(body: unknown): body is Activity {
  return isRecord(body);
}
