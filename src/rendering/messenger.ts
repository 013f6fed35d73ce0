/**
 * Facebook Messenger: no Adaptive Cards. Cards with links become hero cards (generic template: title and
 * subtitle of at most 80, at most 3 buttons a card, button titles of at most 20) followed by their details
 * as text; choices become quick replies (at most 13, titles of at most 20); text is at most 2,000 a message.
 */
import { ActionTypes, Attachment, AttachmentLayoutTypes, CardFactory } from 'botbuilder';
import type { CardView, ChoiceView } from './view';
import type { ChannelLimits } from './limits';
import { OutgoingActivity, ViewRenderer, expectingInput, message, textMessages } from './activities';
import { cardLines, numberedChoices } from './plainText';
import { truncate } from './text';

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}

function renderCard(view: CardView, limits: Readonly<ChannelLimits>): OutgoingActivity[] {
  const links = view.links ?? [];
  if (links.length === 0) return textMessages(cardLines(view).join('\n'), limits.maxTextLength);

  const maxTitle = limits.maxCardTitleLength ?? view.title.length;
  const title = truncate(view.title, maxTitle);
  const titleFits = title === view.title;
  const subtitle = view.text && view.text.length <= (limits.maxCardSubtitleLength ?? 0) ? view.text : undefined;
  const heroes: Attachment[] = chunks(links, Math.max(1, limits.maxCardButtons ?? links.length)).map((group, index) =>
    CardFactory.heroCard(
      title,
      [],
      group.map((link) => ({
        type: ActionTypes.OpenUrl,
        // tel: links stay openUrl: the connector turns them into Messenger call buttons.
        title: truncate(link.title, limits.maxCardButtonTitleLength ?? link.title.length),
        value: link.url,
      })),
      index === 0 && subtitle ? { subtitle } : {},
    ),
  );
  const activities: OutgoingActivity[] = [
    message({ attachments: heroes, attachmentLayout: heroes.length > 1 ? AttachmentLayoutTypes.Carousel : undefined }),
  ];
  // Whatever did not fit in the hero card follows as text: the full title if shortened, the text, the facts.
  const details = [...(titleFits ? [] : [view.title]), ...cardLines(view, { title: false, text: subtitle === undefined, links: false })];
  if (details.length > 0) activities.push(...textMessages(details.join('\n'), limits.maxTextLength));
  return activities;
}

function renderChoice(view: ChoiceView, limits: Readonly<ChannelLimits>): OutgoingActivity[] {
  const maxButtons = limits.maxChoiceButtons ?? view.choices.length;
  const maxTitle = limits.maxChoiceTitleLength;
  // More choices than quick replies: the full list is written out, numbered, so every choice stays reachable.
  const lines = view.choices.length > maxButtons ? [view.text, ...numberedChoices(view)] : [view.text];
  return expectingInput(textMessages(lines.join('\n'), limits.maxTextLength), {
    suggestedActions: {
      to: [],
      actions: view.choices.slice(0, maxButtons).map((choice) => ({
        type: ActionTypes.ImBack,
        title: maxTitle ? truncate(choice.title, maxTitle) : choice.title,
        // The payload is the full title, which matchChoice recognises even when the label had to be shortened.
        value: choice.title,
      })),
    },
  });
}

export const renderMessenger: ViewRenderer = (view, limits) => {
  switch (view.kind) {
    case 'text':
      return textMessages(view.text, limits.maxTextLength);
    case 'card':
      return renderCard(view, limits);
    case 'choice':
      return renderChoice(view, limits);
  }
};
