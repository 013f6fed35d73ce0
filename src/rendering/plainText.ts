/**
 * Plain text for channels without cards or buttons (SMS, Telegram, Slack, unknown): a card becomes lines with
 * links written out, a choice becomes a numbered list; typing the number picks it (matchChoice).
 */
import type { CardView, ChoiceView, LinkAction } from './view';
import { ViewRenderer, expectingInput, textMessages } from './activities';

/** "Appeler: +33549499494", "Ouvrir la FAQ: https://www.cned.fr/faq". */
export function linkLine(link: LinkAction): string {
  const target = link.url.startsWith('tel:') ? link.url.slice('tel:'.length) : link.url;
  return `${link.title}: ${target}`;
}

/** The card as text: title, text, one line per fact, then one line per link (unless links are shown otherwise). */
export function cardLines(view: CardView, options: { title?: boolean; text?: boolean; links?: boolean } = {}): string[] {
  const lines: string[] = [];
  if (options.title !== false) lines.push(view.title);
  if (options.text !== false && view.text) lines.push(view.text);
  for (const fact of view.facts ?? []) lines.push(`- ${fact.label}: ${fact.value}`);
  if (options.links !== false) for (const link of view.links ?? []) lines.push(linkLine(link));
  return lines;
}

/** "1. Identifiants perdus" … one line per choice, numbered from 1. */
export function numberedChoices(view: ChoiceView): string[] {
  return view.choices.map((choice, index) => `${index + 1}. ${choice.title}`);
}

export const renderPlainText: ViewRenderer = (view, limits) => {
  switch (view.kind) {
    case 'text':
      return textMessages(view.text, limits.maxTextLength);
    case 'card':
      return textMessages(cardLines(view).join('\n'), limits.maxTextLength);
    case 'choice':
      return expectingInput(textMessages([view.text, ...numberedChoices(view)].join('\n'), limits.maxTextLength));
  }
};
