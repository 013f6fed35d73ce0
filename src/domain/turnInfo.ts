/** What every step of a turn needs to know, as a type: dialogs/turnInfo.ts reads it from the activity. */
import type { DateTime } from 'luxon';
import type { Lang } from './types';

export interface TurnInfo {
  lang: Lang;
  /** The turn's instant: activity.timestamp when the channel set it, else the clock (read once, in dialogs/turnInfo.ts). */
  now: DateTime;
  /** The user's IANA time zone when the channel sent a valid one (Web Chat sends activity.localTimezone). */
  userZone?: string;
  /** The activity's BCP 47 locale (e.g. en-US), for date conventions within the language. */
  locale?: string;
  channelId: string;
}
