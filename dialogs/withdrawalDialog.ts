/**
 * Withdrawal: find the date registration and payment were both done (from the first message, or asked),
 * then give the last day and the withdrawal form, or, past the deadline, the cancellation path.
 */
import type { WaterfallStepContext, DialogTurnResult } from 'botbuilder-dialogs';
import { CNED_FACTS } from '../src/facts/cned';
import { withdrawalStatusIfValid, WithdrawalInput } from '../src/rules/withdrawal';
import type { View } from '../src/rendering/view';
import type { ExtractedFacts, Understanding } from './understanding';
import { RouteDialog, routeOptions, answerOf, ask, ASK_DATE, DONE } from './routeDialog';
import { cancellationCard } from './cards';
import { formatDate, msg, say, turnInfo } from './say';

function knownDates(facts: ExtractedFacts): WithdrawalInput | undefined {
  const registeredOn = facts.registeredOn ?? facts.date;
  const paidOn = facts.paidOn;
  return registeredOn || paidOn ? { registeredOn, paidOn } : undefined;
}

export class WithdrawalDialog extends RouteDialog {
  constructor(dialogId: string, understanding: Understanding) {
    super(dialogId, understanding);
    this.flow([this.dateStep.bind(this), this.deadlineStep.bind(this)]);
  }

  /** Restates, then asks the date only when the first message did not give it. */
  private async dateStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { facts, skipRestate } = routeOptions(step);
    if (!skipRestate) await say(step.context, { kind: 'text', text: msg(step.context, 'withdrawal.restate') });
    const dates = knownDates(facts);
    if (dates) return step.next(dates);
    return ask(step, ASK_DATE, { question: 'withdrawal.askDate', choices: 'dateShortcuts' });
  }

  /** Computes the last day; open → withdrawal form, past → cancellation path with the order number. */
  private async deadlineStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { lang, now } = turnInfo(step.context);
    const { facts } = routeOptions(step);
    const answered = answerOf<string>(step);
    const withdrawalForm = { title: msg(step.context, 'withdrawal.formAction'), url: CNED_FACTS.forms.withdrawal.url };
    if (answered === 'unknown') {
      await say(
        step.context,
        { kind: 'card', variant: 'deadline', title: msg(step.context, 'withdrawal.ruleTitle'), text: msg(step.context, 'withdrawal.unknownDate'), links: [withdrawalForm] },
        { kind: 'text', text: msg(step.context, 'withdrawal.infoExtension') },
      );
      return step.endDialog(DONE);
    }
    const input: WithdrawalInput = answered ? { registeredOn: answered } : (step.result as WithdrawalInput);
    const status = withdrawalStatusIfValid(input, now);
    if (!status) {
      await say(step.context, { kind: 'text', text: msg(step.context, 'withdrawal.futureDate') });
      return step.replaceDialog(this.initialDialogId, { facts: { ...facts, registeredOn: undefined, paidOn: undefined, date: undefined }, skipRestate: true });
    }
    const dates = {
      from: formatDate(lang, status.countsFrom),
      lastDay: formatDate(lang, status.lastDay),
      nominal: formatDate(lang, status.nominalLastDay),
    };
    const views: View[] = [];
    if (status.open) {
      views.push({
        kind: 'card',
        variant: 'deadline',
        title: msg(step.context, 'withdrawal.openTitle', { lastDay: dates.lastDay }),
        text: msg(step.context, status.daysLeft === 0 ? 'withdrawal.lastDayToday' : 'withdrawal.daysLeft', { days: status.daysLeft }),
        facts: [
          { label: msg(step.context, 'withdrawal.countsFromLabel'), value: dates.from },
          { label: msg(step.context, 'withdrawal.lastDayLabel'), value: dates.lastDay },
        ],
        links: [withdrawalForm],
      });
      if (status.moved) views.push({ kind: 'text', text: msg(step.context, 'withdrawal.moved', { nominal: dates.nominal }) });
      views.push({ kind: 'text', text: msg(step.context, 'withdrawal.refundRule', { days: CNED_FACTS.law.refundAfterWithdrawalDays }) });
    } else {
      views.push(
        { kind: 'text', text: msg(step.context, 'withdrawal.closed', { lastDay: dates.lastDay, from: dates.from }) },
        { kind: 'text', text: msg(step.context, 'withdrawal.infoExtension') },
        cancellationCard(step.context, facts.orderNumber),
        { kind: 'text', text: msg(step.context, 'cancellation.refundTerms') },
      );
    }
    await say(step.context, ...views);
    return step.endDialog(DONE);
  }
}
