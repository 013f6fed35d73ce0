/** Web Chat, Direct Line, the Emulator and tests: Adaptive Cards 1.5 for cards, suggested actions (imBack) for choices. */
import { ActionTypes } from 'botbuilder';
import { adaptiveCardOf } from './adaptiveCards';
import { ViewRenderer, expectingInput, message } from './activities';

export const renderWebChat: ViewRenderer = (view) => {
  switch (view.kind) {
    case 'text':
      return [message({ text: view.text })];
    case 'card':
      return [message({ attachments: [adaptiveCardOf(view)] })];
    case 'choice':
      return expectingInput([message({ text: view.text })], {
        suggestedActions: {
          to: [],
          actions: view.choices.map((choice) => ({ type: ActionTypes.ImBack, title: choice.title, value: choice.title })),
        },
      });
  }
};
