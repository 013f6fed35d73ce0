/**
 * Routes whose answer is "this form, and/or the phone": restate the problem, give the advice, ask whether
 * the user is registered only when the form depends on it and the first message did not say.
 */
import type { WaterfallStepContext, DialogTurnResult } from 'botbuilder-dialogs';
import type { MessageKey } from '../src/i18n/messages';
import type { View } from '../src/rendering/view';
import type { Understanding } from './understanding';
import { RouteDialog, routeOptions, answerOf, ask, ASK_CHOICE, DONE } from './routeDialog';
import { formCard, phoneCard } from './cards';
import { msg, say } from './say';

export interface GuidanceSpec {
  restate: MessageKey;
  advice: MessageKey;
  /** Which contact form: known from the problem, or asked when the first message did not say. */
  form: 'registered' | 'notRegistered' | 'ask';
  /** Phone first when a person can solve it faster than a form. */
  phoneFirst: boolean;
}

export class GuidanceDialog extends RouteDialog {
  constructor(dialogId: string, private readonly spec: GuidanceSpec, understanding: Understanding) {
    super(dialogId, understanding);
    this.flow([this.restateStep.bind(this), this.channelsStep.bind(this)]);
  }

  /** Says what we understood and what to do; asks "registered?" only when it matters and is unknown. */
  private async restateStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { facts, skipRestate } = routeOptions(step);
    const texts: View[] = [{ kind: 'text', text: msg(step.context, this.spec.advice) }];
    if (!skipRestate) texts.unshift({ kind: 'text', text: msg(step.context, this.spec.restate) });
    await say(step.context, ...texts);
    if (this.spec.form !== 'ask') return step.next(this.spec.form === 'registered');
    if (facts.registered !== undefined) return step.next(facts.registered);
    return ask(step, ASK_CHOICE, { question: 'form.askRegistered', choices: 'registered' });
  }

  /** Shows the right form and the phone line with its status now. */
  private async channelsStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answered = answerOf<string>(step);
    const registered = answered !== undefined ? answered === 'yes' : step.result === true;
    const form = formCard(step.context, registered);
    const phone = phoneCard(step.context);
    await say(step.context, ...(this.spec.phoneFirst ? [phone, form] : [form, phone]));
    return step.endDialog(DONE);
  }
}
