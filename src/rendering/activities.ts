/** The activities renderers build: plain messages, long text split into several, the prompt marker on the last. */
import { Activity, ActivityTypes, InputHints } from 'botbuilder';
import type { View } from './view';
import type { ChannelLimits } from './limits';
import { splitText } from './text';

export type OutgoingActivity = Partial<Activity>;

/** Renders one view for a channel with the channel's limits. */
export type ViewRenderer = (view: View, limits: Readonly<ChannelLimits>) => OutgoingActivity[];

export function message(fields: OutgoingActivity = {}): OutgoingActivity {
  return { type: ActivityTypes.Message, ...fields };
}

/** One message per piece of text, each within the channel's length limit. */
export function textMessages(text: string, maxLength: number | undefined): OutgoingActivity[] {
  const pieces = maxLength ? splitText(text, maxLength) : [text];
  return pieces.map((piece) => message({ text: piece }));
}

/** Marks the last activity as a question; choices (suggested actions) ride on it too when given. */
export function expectingInput(activities: OutgoingActivity[], fields: OutgoingActivity = {}): OutgoingActivity[] {
  if (activities.length === 0) return activities;
  const last = activities[activities.length - 1];
  activities[activities.length - 1] = { ...last, ...fields, inputHint: InputHints.ExpectingInput };
  return activities;
}
