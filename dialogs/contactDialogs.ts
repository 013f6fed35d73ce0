/** Contact questions: one card each; the mediator also checks its condition through the escalation ladder. */
import type { WaterfallStepContext, DialogTurnResult } from 'botbuilder-dialogs';
import type { MessageKey } from '../src/i18n/messages';
import type { View } from '../src/rendering/view';
import type { Understanding } from '../src/domain/understanding';
import { RouteDialog, routeOptions, DONE } from './routeDialog';
import type { RouteOptions } from './routeDialog';
import { EscalationDialog } from './escalationDialog';
import { faqCard, faxCard, mediatorCard, phoneCard, postalCard, socialCard, type PhoneCardTurn } from './cards';
import { msg, say, turnInfo } from './say';

export type ContactCardTopic = 'contactPhone' | 'contactFax' | 'contactPostal' | 'contactSocial' | 'contactFaq';

const CONTACT_VIEWS: Record<ContactCardTopic, { cards: (turn: PhoneCardTurn) => View[]; note?: MessageKey }> = {
  contactPhone: { cards: (turn) => [phoneCard(turn)] },
  contactFax: { cards: (turn) => [faxCard(turn)], note: 'fax.keepReport' },
  contactPostal: { cards: (turn) => [postalCard(turn, 'postal.recipientService')] },
  contactSocial: { cards: (turn) => [socialCard(turn)], note: 'social.privacy' },
  contactFaq: { cards: (turn) => [faqCard(turn)] },
};

export class ContactDialog extends RouteDialog {
  constructor(dialogId: string, private readonly topic: ContactCardTopic, understanding: Understanding) {
    super(dialogId, understanding);
    this.flow([this.cardStep.bind(this)]);
  }

  /** Shows the channel's card (and a one-line advice where it matters). */
  private async cardStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { cards, note } = CONTACT_VIEWS[this.topic];
    const views = cards(turnInfo(step.context));
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
    const { facts, route } = routeOptions(step);
    await say(step.context, { kind: 'text', text: msg(step.context, 'mediator.restate') }, mediatorCard(turnInfo(step.context)));
    return step.beginDialog(MEDIATOR_ESCALATION, { facts, skipRestate: true, route } satisfies RouteOptions);
  }

  private async doneStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.endDialog(step.result);
  }
}
