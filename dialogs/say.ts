/** Small helpers every dialog uses to speak: translate, format dates and send views. */
import type { TurnContext } from 'botbuilder';
import { DateTime } from 'luxon';
import type { Lang } from '../src/domain/types';
import { t, MessageKey, MessageParams } from '../src/i18n/messages';
import { renderViews } from '../src/rendering/render';
import type { View } from '../src/rendering/view';
import { turnInfo } from '../src/bot/turnInfo';

export { turnInfo };

const DATE_LOCALE: Record<Lang, string> = { fr: 'fr-FR', en: 'en-GB' };

/** "vendredi 4 décembre 2026" / "Friday 4 December 2026" from an ISO date or an instant. */
export function formatDate(lang: Lang, value: string | DateTime): string {
  const date = typeof value === 'string' ? DateTime.fromISO(value, { zone: 'Europe/Paris' }) : value;
  return date.setLocale(DATE_LOCALE[lang]).toFormat('cccc d LLLL yyyy');
}

/** "8h30" in French, "8:30" in English. */
export function formatTime(lang: Lang, value: DateTime): string {
  return lang === 'fr' ? value.toFormat("H'h'mm") : value.toFormat('H:mm');
}

/** "lundi 30 novembre à 8h30" / "Monday 30 November at 8:30". */
export function formatDayAndTime(lang: Lang, value: DateTime): string {
  const day = value.setLocale(DATE_LOCALE[lang]).toFormat('cccc d LLLL');
  return t(lang, 'common.dayAtTime', { day, time: formatTime(lang, value) });
}

/** The sentence for a key in the turn's language. */
export function msg(context: TurnContext, key: MessageKey, params?: MessageParams): string {
  return t(turnInfo(context).lang, key, params);
}

export async function say(context: TurnContext, ...views: View[]): Promise<void> {
  if (views.length === 0) return;
  await context.sendActivities(renderViews(views, turnInfo(context).channelId));
}

/** "environ 4 mois" / "about 3 weeks" / "5 jour(s)": a waiting time as people say it. */
export function formatWaiting(lang: Lang, days: number): string {
  if (days >= 60) return t(lang, 'duration.months', { n: Math.round(days / 30) });
  if (days >= 14) return t(lang, 'duration.weeks', { n: Math.round(days / 7) });
  return t(lang, 'duration.days', { n: days });
}
