/** Contact questions: one card each; the mediator also checks its condition through the escalation ladder. */
import type { TurnContext } from 'botbuilder';
import type { WaterfallStepContext, DialogTurnResult } from 'botbuilder-dialogs';
import type { MessageKey } from '../src/i18n/messages';
import type { View } from '../src/rendering/view';
import type { Understanding } from '../src/understanding/understanding';
import { RouteDialog, routeOptions, DONE } from './routeDialog';
import { EscalationDialog } from './escalationDialog';
import { faqCard, faxCard, mediatorCard, phoneCard, postalCard, socialCard } from './cards';
import { msg, say } from './say';

export type ContactCardTopic = 'contactPhone' | 'contactFax' | 'contactPostal' | 'contactSocial' | 'contactFaq';

const CONTACT_VIEWS: Record<ContactCardTopic, { cards: (context: TurnContext) => View[]; note?: MessageKey }> = {
  contactPhone: { cards: (context) => [phoneCard(context)] },
  contactFax: { cards: (context) => [faxCard(context)], note: 'fax.keepReport' },
  contactPostal: { cards: (context) => [postalCard(context, 'postal.recipientService')] },
  contactSocial: { cards: (context) => [socialCard(context)], note: 'social.privacy' },
  contactFaq: { cards: (context) => [faqCard(context)] },
};

export class ContactDialog extends RouteDialog {
  constructor(dialogId: string, private readonly topic: ContactCardTopic, understanding: Understanding) {
    super(dialogId, understanding);
    this.flow([this.cardStep.bind(this)]);
  }

  /** Shows the channel's card (and a one-line advice where it matters). */
  private async cardStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { cards, note } = CONTACT_VIEWS[this.topic];
    const views = cards(step.context);
    if (note) views.push({ kind: 'text', text: msg(step.context, note) });
    await say(step.context, ...views);
    return step.endDialog(DONE);
  }
}

const MEDIATOR_ESCALATION = 'mediator.escalation';

export class MediatorDialog extends RouteDialog {
  constructor(dialogId: string, understanding: Understanding) {
    super(dialogId, understanding);
    this.addDialog(new EscalationDialog(MEDIATOR_ESCALATION, understanding));
    this.flow([this.conditionStep.bind(this), this.doneStep.bind(this)]);
  }

  /** States the mediator's condition, then checks it against what the user already did. */
  private async conditionStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { facts } = routeOptions(step);
    await say(step.context, { kind: 'text', text: msg(step.context, 'mediator.restate') }, mediatorCard(step.context));
    return step.beginDialog(MEDIATOR_ESCALATION, { facts, skipRestate: true });
  }

  private async doneStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.endDialog(step.result);
  }
}
