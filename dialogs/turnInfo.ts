/** What every step of a turn needs to know (src/domain/turnInfo.ts): the language, "now" (the activity's timestamp) and the user's zone. */
import { TurnContext, Activity } from 'botbuilder';
import { DateTime } from 'luxon';
import type { TurnInfo } from '../src/domain/turnInfo';
import { langFromLocale } from '../src/i18n/messages';

const TURN_INFO = Symbol('turnInfo');

function timestampOf(activity: Partial<Activity>, clock: () => Date): DateTime {
  const raw: unknown = activity.timestamp;
  const parsed =
    raw instanceof Date ? DateTime.fromJSDate(raw) : typeof raw === 'string' ? DateTime.fromISO(raw, { setZone: true }) : null;
  return parsed && parsed.isValid ? parsed : DateTime.fromJSDate(clock());
}

function validZone(zone: unknown): string | undefined {
  if (typeof zone !== 'string' || zone.length === 0 || zone.length > 64) return undefined;
  return DateTime.now().setZone(zone).isValid ? zone : undefined;
}

function validLocale(locale: unknown): string | undefined {
  if (typeof locale !== 'string' || !/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,4}$/.test(locale)) return undefined;
  try {
    return Intl.getCanonicalLocales(locale)[0];
  } catch {
    return undefined;
  }
}

export function turnInfoFromActivity(activity: Partial<Activity>, clock: () => Date = () => new Date()): TurnInfo {
  return {
    lang: langFromLocale(activity.locale),
    now: timestampOf(activity, clock),
    userZone: validZone(activity.localTimezone),
    locale: validLocale(activity.locale),
    channelId: activity.channelId ?? 'unknown',
  };
}

/** The turn's info, computed once per turn and cached on the context. */
export function turnInfo(context: TurnContext): TurnInfo {
  const cached: TurnInfo | undefined = context.turnState.get(TURN_INFO);
  if (cached) return cached;
  const info = turnInfoFromActivity(context.activity);
  context.turnState.set(TURN_INFO, info);
  return info;
}

/** Lets the bot (or a test) fix the turn's info, e.g. a language chosen earlier in the conversation. */
export function setTurnInfo(context: TurnContext, info: TurnInfo): void {
  context.turnState.set(TURN_INFO, info);
}
