/**
 * What each channel can display, as data: which renderer a channelId gets and the limits that renderer keeps.
 * Lengths are counted in UTF-16 code units (String.length), the strictest of the usual "character" counts,
 * so a limit kept here is kept whatever the channel counts (code points, graphemes).
 *
 * Sources (checked when this was written):
 * - Messenger: quick replies "up to 13", a quick reply title "up to 20 characters before being truncated";
 *   generic template title and subtitle "80 character limit", "up to three buttons"; URL/call button title
 *   "20 character limit" (developers.facebook.com, Messenger Platform: Quick replies, Generic template,
 *   URL button, Call button); text messages are limited to 2,000 characters (Send API).
 *   A tapped quick reply posts its *title* as the message text and carries the payload in channelData
 *   (microsoft/botframework-sdk#1719, #3555), which is why incoming.ts maps the payload back.
 *   tel: links stay openUrl: the Bot Framework connector turns them into Messenger call buttons
 *   (microsoft/botframework-sdk#855).
 * - Teams: Adaptive Cards up to schema 1.5; suggested actions were long shown in personal chat only and the
 *   current docs say Teams displays only the first three (learn.microsoft.com, "Dynamically guide users with
 *   suggested actions"), so choices are Adaptive Card Action.Submit buttons with `msteams.type = imBack`;
 *   about 6 actions per actions array are displayed (observed, microsoft docs are silent:
 *   atc0005/go-teams-notify#161), hence several ActionSets; bot messages are limited in size (413
 *   MessageSizeTooBig; the documented figure moved from 28 KB to 40 KB to 100 KB, counted in UTF-16):
 *   we keep the most conservative 28 KB.
 * - Plain text: SMS through Twilio is limited to 1,600 characters, Telegram to 4,096, Slack recommends
 *   4,000; unknown channels get 2,000.
 */

export type ChannelFamily = 'webChat' | 'teams' | 'messenger' | 'plainText';

export interface ChannelLimits {
  /** Longest text of one message; longer text is split at paragraph, line or sentence boundaries. */
  maxTextLength?: number;
  /** Most choice buttons (quick replies) one message may carry. */
  maxChoiceButtons?: number;
  /** Longest title of a choice button; longer titles are shortened at a grapheme boundary. */
  maxChoiceTitleLength?: number;
  /** Hero card limits (Messenger generic template). */
  maxCardTitleLength?: number;
  maxCardSubtitleLength?: number;
  maxCardButtons?: number;
  maxCardButtonTitleLength?: number;
  /** Highest Adaptive Card schema version the channel renders. */
  adaptiveCardVersion?: '1.5';
  /** Most actions in one Adaptive Card ActionSet. */
  maxActionsPerSet?: number;
  /** Largest serialized activity, in bytes of UTF-16. */
  maxMessageBytes?: number;
}

export interface ChannelProfile {
  family: ChannelFamily;
  limits: Readonly<ChannelLimits>;
}

const WEB_CHAT: ChannelProfile = { family: 'webChat', limits: { adaptiveCardVersion: '1.5' } };

const TEAMS: ChannelProfile = {
  family: 'teams',
  limits: {
    adaptiveCardVersion: '1.5',
    maxActionsPerSet: 6,
    maxMessageBytes: 28 * 1024,
    // Half the byte budget (UTF-16 is two bytes a unit), less room for the activity's envelope.
    maxTextLength: 12_000,
  },
};

const MESSENGER: ChannelProfile = {
  family: 'messenger',
  limits: {
    maxTextLength: 2000,
    maxChoiceButtons: 13,
    maxChoiceTitleLength: 20,
    maxCardTitleLength: 80,
    maxCardSubtitleLength: 80,
    maxCardButtons: 3,
    maxCardButtonTitleLength: 20,
  },
};

const plainText = (maxTextLength: number): ChannelProfile => ({ family: 'plainText', limits: { maxTextLength } });

/** Channel ids as Bot Framework spells them. */
export const CHANNEL_PROFILES: Readonly<Record<string, ChannelProfile>> = {
  webchat: WEB_CHAT,
  directline: WEB_CHAT,
  emulator: WEB_CHAT,
  test: WEB_CHAT,
  msteams: TEAMS,
  facebook: MESSENGER,
  sms: plainText(1600),
  telegram: plainText(4096),
  slack: plainText(4000),
};

/** Any channel not listed above: plain text, short enough for most. */
export const DEFAULT_PROFILE: ChannelProfile = plainText(2000);

export function channelProfile(channelId: string | undefined): ChannelProfile {
  const key = (channelId ?? '').toLowerCase();
  return Object.prototype.hasOwnProperty.call(CHANNEL_PROFILES, key) ? CHANNEL_PROFILES[key] : DEFAULT_PROFILE;
}
