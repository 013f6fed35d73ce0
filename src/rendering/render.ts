/** Turns channel-independent views into activities a channel can display. */
import { Activity, ActivityTypes, ActionTypes, CardFactory, InputHints } from 'botbuilder';
import type { ChoiceOption, View } from './view';

export type OutgoingActivity = Partial<Activity>;

function suggestedActions(choices: readonly ChoiceOption[]): Activity['suggestedActions'] {
  return {
    to: [],
    actions: choices.map((choice) => ({ type: ActionTypes.ImBack, title: choice.title, value: choice.title })),
  };
}

function adaptiveCard(view: Extract<View, { kind: 'card' }>): OutgoingActivity {
  const body: object[] = [{ type: 'TextBlock', text: view.title, weight: 'Bolder', size: 'Medium', wrap: true, style: 'heading' }];
  if (view.text) body.push({ type: 'TextBlock', text: view.text, wrap: true });
  if (view.facts?.length) body.push({ type: 'FactSet', facts: view.facts.map((f) => ({ title: f.label, value: f.value })) });
  const actions = (view.links ?? []).map((link) => ({ type: 'Action.OpenUrl', title: link.title, url: link.url }));
  const card = CardFactory.adaptiveCard({ type: 'AdaptiveCard', version: '1.5', body, actions });
  return { type: ActivityTypes.Message, attachments: [card], text: undefined };
}

/** Renders a list of views; choices ride on the last activity as suggested actions. */
export function renderViews(views: readonly View[], _channelId: string): OutgoingActivity[] {
  const activities: OutgoingActivity[] = [];
  for (const view of views) {
    if (view.kind === 'text') activities.push({ type: ActivityTypes.Message, text: view.text });
    else if (view.kind === 'card') activities.push(adaptiveCard(view));
    else
      activities.push({
        type: ActivityTypes.Message,
        text: view.text,
        inputHint: InputHints.ExpectingInput,
        suggestedActions: suggestedActions(view.choices),
      });
  }
  return activities;
}
