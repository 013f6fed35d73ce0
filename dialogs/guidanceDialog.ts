/**
 * Routes whose answer is advice and channels: restate the problem, give the advice, then the channels' cards (a
 * contact form, the phone with its status now, the postal address, the cancellation form path). Which contact form
 * is asked ("are you registered?") only when it depends on it and the first message did not say.
 */
import type { WaterfallStepContext, DialogTurnResult } from 'botbuilder-dialogs';
import type { MessageKey } from '../src/i18n/messages';
import type { View } from '../src/rendering/view';
import type { Understanding } from '../src/domain/understanding';
import { RouteDialog, routeOptions, ask, done, ASK_REGISTERED } from './routeDialog';
import { stepsTold } from './facts';
import { answerOf, isChoice } from './stepState';
import { cancellationCard, formCard, phoneCard, postalCard } from './cards';
import { msg, say, turnInfo } from './say';

/** A channel shown after the advice; 'form' is the registered learners' form, or the other one, as known or asked. */
export type ChannelCard = 'form' | 'notRegisteredForm' | 'phone' | 'postal' | 'cancellation';

export interface GuidanceSpec {
  restate: MessageKey;
  advice: readonly MessageKey[];
  /** The channels, in the order they are best tried. */
  cards: readonly ChannelCard[];
  /** Whether the contact form depends on being registered and must be asked when the message did not say. */
  askRegistered?: boolean;
}

export class GuidanceDialog extends RouteDialog {
  constructor(
    dialogId: string,
    private readonly spec: GuidanceSpec,
    understanding: Understanding,
    /** The route key, named in the case file. */
    private readonly problem: string,
  ) {
    super(dialogId, understanding);
    this.flow([this.restateStep.bind(this), this.channelsStep.bind(this)]);
  }

  /** Says what we understood and what to do; asks "registered?" only when it matters and is unknown. */
  private async restateStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { facts, skipRestate } = routeOptions(step);
    const texts: View[] = this.spec.advice.map((key) => ({ kind: 'text', text: msg(step.context, key) }));
    if (!skipRestate) texts.unshift({ kind: 'text', text: msg(step.context, this.spec.restate) });
    await say(step.context, ...texts);
    if (!this.spec.askRegistered || facts.registered !== undefined) return step.next(facts.registered ?? true);
    return ask(step, ASK_REGISTERED, { question: 'form.askRegistered', choices: 'registered' });
  }

  /** Shows the channels' cards, the phone with its status now. */
  private async channelsStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answered = answerOf(step, isChoice);
    const registered = answered !== undefined ? answered === 'yes' : step.result !== false;
    const { facts } = routeOptions(step);
    const turn = turnInfo(step.context);
    const card = (kind: ChannelCard): View => {
      switch (kind) {
        case 'form':
          return formCard(turn, registered);
        case 'notRegisteredForm':
          return formCard(turn, false);
        case 'phone':
          return phoneCard(turn);
        case 'postal':
          return postalCard(turn, 'postal.recipientService');
        case 'cancellation':
          return cancellationCard(turn, facts.orderNumber);
      }
    };
    await say(step.context, ...this.spec.cards.map(card));
    return step.endDialog(done({ problem: this.problem, history: stepsTold(facts), orderNumber: facts.orderNumber, amountCents: facts.amountCents, deadlines: [] }));
  }
}
