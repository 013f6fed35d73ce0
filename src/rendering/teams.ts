/**
 * Microsoft Teams: Adaptive Cards 1.5 for cards; choices as a card of Action.Submit buttons (msteams imBack),
 * which work in personal and group chats alike; anything over the message size budget falls back to text.
 */
import { adaptiveCardOf, choiceCardOf } from './adaptiveCards';
import { OutgoingActivity, ViewRenderer, expectingInput, message, textMessages } from './activities';
import { renderPlainText } from './plainText';
import { utf16Bytes } from './text';

function withinSize(activity: OutgoingActivity, maxBytes: number | undefined): boolean {
  return maxBytes === undefined || utf16Bytes(activity) <= maxBytes;
}

export const renderTeams: ViewRenderer = (view, limits) => {
  switch (view.kind) {
    case 'text':
      return textMessages(view.text, limits.maxTextLength);
    case 'card': {
      // summary: what Teams shows in notifications and the chat list for a card.
      const activity = message({ attachments: [adaptiveCardOf(view)], summary: view.title });
      return withinSize(activity, limits.maxMessageBytes) ? [activity] : renderPlainText(view, limits);
    }
    case 'choice': {
      const activity = message({ attachments: [choiceCardOf(view, limits.maxActionsPerSet ?? view.choices.length)], summary: view.text });
      return withinSize(activity, limits.maxMessageBytes) ? expectingInput([activity]) : renderPlainText(view, limits);
    }
  }
};
