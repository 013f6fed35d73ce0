/** Small helpers every dialog uses to speak: translate, format dates and send views. */
import type { TurnContext } from 'botbuilder';
import { DateTime } from 'luxon';
import type { Lang } from '../src/domain/types';
import { PARIS_ZONE } from '../src/rules/calendar';
import { t, MessageKey, MessageParams, MESSAGE_LOCALES } from '../src/i18n/messages';
import { renderViews } from '../src/rendering/render';
import type { View } from '../src/rendering/view';
import { setTurnInfo, turnInfo } from './turnInfo';

export { turnInfo };

/** The language this turn answers in (the text's language, or the one the conversation had). */
export function setTurnLang(context: TurnContext, lang: Lang): void {
  const info = turnInfo(context);
  if (info.lang !== lang) setTurnInfo(context, { ...info, lang });
}

const DATE_LOCALE: Record<Lang, string> = { fr: 'fr-FR', en: 'en-GB' };

/**
 * The user's own English locale when its conventions differ from en-GB's (en-US: "Friday, December 4, 2026",
 * "8:30 AM"); undefined keeps the language's default (French 24-hour "8h30"; en-GB "Friday 4 December 2026").
 */
function ownEnglishLocale(lang: Lang, locale: string | undefined): string | undefined {
  if (lang !== 'en' || !locale || !/^en-/i.test(locale) || /^en-GB$/i.test(locale)) return undefined;
  return locale;
}

/** "vendredi 4 décembre 2026" / "Friday 4 December 2026" (en-US: "Friday, December 4, 2026") from an ISO date or an instant. */
export function formatDate(lang: Lang, value: string | DateTime, locale?: string): string {
  const date = typeof value === 'string' ? DateTime.fromISO(value, { zone: PARIS_ZONE }) : value;
  const own = ownEnglishLocale(lang, locale);
  if (own) return date.setLocale(own).toLocaleString({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  return date.setLocale(DATE_LOCALE[lang]).toFormat('cccc d LLLL yyyy');
}

/** A date in the turn's language and the user's own conventions (en-US: "Friday, December 4, 2026"). */
export function dateFor(context: TurnContext, value: string | DateTime): string {
  const { lang, locale } = turnInfo(context);
  return formatDate(lang, value, locale);
}

/** "8h30" in French, "8:30" in English (en-US: "8:30 AM"). */
export function formatTime(lang: Lang, value: DateTime, locale?: string): string {
  const own = ownEnglishLocale(lang, locale);
  if (own) return value.setLocale(own).toLocaleString({ hour: 'numeric', minute: '2-digit' });
  return lang === 'fr' ? value.toFormat("H'h'mm") : value.toFormat('H:mm');
}

/** "lundi 30 novembre à 8h30" / "Monday 30 November at 8:30" (en-US: "Monday, November 30 at 8:30 AM"). */
export function formatDayAndTime(lang: Lang, value: DateTime, locale?: string): string {
  const own = ownEnglishLocale(lang, locale);
  const day = own ? value.setLocale(own).toLocaleString({ weekday: 'long', day: 'numeric', month: 'long' }) : value.setLocale(DATE_LOCALE[lang]).toFormat('cccc d LLLL');
  return t(lang, 'common.dayAtTime', { day, time: formatTime(lang, value, locale) });
}

/**
 * A time zone named the way people say it, in the language: "heure de l’Est nord-américain" / "Eastern Time",
 * "heure de La Réunion" / "Réunion Time" (CLDR's generic name through Intl, at that instant).
 */
export function zoneName(lang: Lang, zone: string, at: DateTime): string {
  const parts = new Intl.DateTimeFormat(MESSAGE_LOCALES[lang], { timeZone: zone, timeZoneName: 'longGeneric' }).formatToParts(at.toJSDate());
  return parts.find((part) => part.type === 'timeZoneName')?.value ?? zone;
}

/** True when the zone's clock shows another time than Paris's at that instant (Brussels does not, Montréal does). */
export function differsFromParis(zone: string | undefined, at: DateTime): zone is string {
  if (!zone) return false;
  const there = at.setZone(zone);
  return there.isValid && there.offset !== at.setZone(PARIS_ZONE).offset;
}

/** The sentence for a key in the turn's language. */
export function msg(context: TurnContext, key: MessageKey, params?: MessageParams): string {
  return t(turnInfo(context).lang, key, params);
}

const PENDING_VIEWS = Symbol('pendingViews');

/*
 * One reply path. Everything the assistant says is a view queued with say(), rendered for the turn's channel and
 * sent by flushViews(), the only place replies are sent. A turn's answer is flushed once its state is saved
 * (TransactionalTurn, or ComplaintBot.run without it); a turn whose state is not saved — refused (rate limit,
 * busy) or failed (an error, the store unreachable) — says one notice through replyUnsaved() instead.
 */

/**
 * Queues views for this turn. Everything a turn says is rendered once, at its end (flushViews), so that
 * sentences from several steps of one turn can go out as one message.
 */
export async function say(context: TurnContext, ...views: View[]): Promise<void> {
  const pending: View[] | undefined = context.turnState.get(PENDING_VIEWS);
  if (pending) pending.push(...views);
  else context.turnState.set(PENDING_VIEWS, [...views]);
}

/** Forgets what the turn queued (a turn re-run from scratch after a storage conflict). */
export function discardViews(context: TurnContext): void {
  context.turnState.delete(PENDING_VIEWS);
}

/**
 * The path of a turn whose state is not saved: what the turn queued is forgotten and one sentence of the
 * catalogue goes out instead (common.error, common.storageUnavailable, common.busy, common.rateLimited).
 */
export async function replyUnsaved(context: TurnContext, key: MessageKey): Promise<void> {
  discardViews(context);
  await say(context, { kind: 'text', text: msg(context, key) });
  await flushViews(context);
}

/** Renders and sends what the turn queued, for the turn's channel. */
export async function flushViews(context: TurnContext): Promise<void> {
  const pending: View[] | undefined = context.turnState.get(PENDING_VIEWS);
  discardViews(context);
  if (pending?.length) await context.sendActivities(renderViews(pending, turnInfo(context).channelId));
}


/** "environ 4 mois" / "about 3 weeks" / "5 jours": a waiting time as people say it. */
export function formatWaiting(lang: Lang, days: number): string {
  if (days >= 60) return t(lang, 'duration.months', { n: Math.round(days / 30) });
  if (days >= 14) return t(lang, 'duration.weeks', { n: Math.round(days / 7) });
  return t(lang, 'duration.days', { n: days });
}
