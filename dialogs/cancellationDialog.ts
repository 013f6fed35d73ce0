/**
 * Cancellation or interruption: the contact form with the exact field values and the order number.
 * When the first message gives a date still inside the withdrawal period, withdrawal is pointed out first.
 */
import type { WaterfallStepContext, DialogTurnResult } from 'botbuilder-dialogs';
import { CNED_FACTS } from '../src/facts/cned';
import { withdrawalStatusIfValid } from '../src/rules/withdrawal';
import type { View } from '../src/rendering/view';
import type { Understanding } from '../src/domain/understanding';
import { RouteDialog, routeOptions, DONE } from './routeDialog';
import { cancellationCard } from './cards';
import { dateFor, msg, say, turnInfo } from './say';

export class CancellationDialog extends RouteDialog {
  constructor(dialogId: string, understanding: Understanding) {
    super(dialogId, understanding);
    this.flow([this.pathStep.bind(this)]);
  }

  /** Restates, mentions withdrawal when still possible, and shows the form path. */
  private async pathStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { now } = turnInfo(step.context);
    const { facts, skipRestate } = routeOptions(step);
    const views: View[] = [];
    if (!skipRestate) views.push({ kind: 'text', text: msg(step.context, 'cancellation.restate') });
    const registeredOn = facts.registeredOn ?? facts.date;
    const status = registeredOn || facts.paidOn ? withdrawalStatusIfValid({ registeredOn, paidOn: facts.paidOn }, now) : undefined;
    if (status?.open) {
      views.push({
        kind: 'card',
        variant: 'deadline',
        title: msg(step.context, 'cancellation.withdrawalStillOpen', { lastDay: dateFor(step.context, status.lastDay) }),
        text: msg(step.context, 'cancellation.withdrawalBetter'),
        links: [{ title: msg(step.context, 'withdrawal.formAction'), url: CNED_FACTS.forms.withdrawal.url }],
      });
    }
    views.push(cancellationCard(turnInfo(step.context), facts.orderNumber), { kind: 'text', text: msg(step.context, 'cancellation.refundTerms') });
    await say(step.context, ...views);
    return step.endDialog(DONE);
  }
}
