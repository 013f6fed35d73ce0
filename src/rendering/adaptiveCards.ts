/** Adaptive Cards (schema 1.5) for card views, and for choices where suggested actions are not reliable (Teams). */
import { Attachment, CardFactory } from 'botbuilder';
import type { CardView, ChoiceView } from './view';

export const ADAPTIVE_CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';
export const ADAPTIVE_CARD_VERSION = '1.5';

type Element = Record<string, unknown>;

function card(body: Element[], actions: Element[] = []): Attachment {
  const content: Element = { type: 'AdaptiveCard', $schema: ADAPTIVE_CARD_SCHEMA, version: ADAPTIVE_CARD_VERSION, body };
  if (actions.length > 0) content.actions = actions;
  return CardFactory.adaptiveCard(content);
}

/** Title as a heading, the text, the facts as a FactSet and the links as Action.OpenUrl buttons. */
export function adaptiveCardOf(view: CardView): Attachment {
  const body: Element[] = [
    {
      type: 'TextBlock',
      text: view.title,
      style: 'heading',
      weight: 'Bolder',
      size: 'Medium',
      wrap: true,
      ...(view.variant === 'deadline' ? { color: 'Accent' } : {}),
    },
  ];
  if (view.text) body.push({ type: 'TextBlock', text: view.text, wrap: true });
  if (view.facts?.length) body.push({ type: 'FactSet', facts: view.facts.map((fact) => ({ title: fact.label, value: fact.value })) });
  const actions = (view.links ?? []).map((link) => ({ type: 'Action.OpenUrl', title: link.title, url: link.url }));
  return card(body, actions);
}

/** A choice as a card: the question, then one Action.Submit per choice that posts the choice's title as text. */
export function choiceCardOf(view: ChoiceView, maxActionsPerSet: number): Attachment {
  const submits = view.choices.map((choice) => ({
    type: 'Action.Submit',
    title: choice.title,
    // Teams posts `value` as the user's message, as a typed answer or a suggested action would.
    data: { msteams: { type: 'imBack', value: choice.title } },
  }));
  const body: Element[] = [{ type: 'TextBlock', text: view.text, wrap: true }];
  const size = Math.max(1, maxActionsPerSet);
  for (let start = 0; start < submits.length; start += size) {
    body.push({ type: 'ActionSet', actions: submits.slice(start, start + size) });
  }
  return card(body);
}
