/**
 * Refund delay: how long the user has waited (from the story, or asked), what the law says when the refund
 * follows a withdrawal (14 days, then legal increases), and the next step of the escalation ladder.
 */
import type { WaterfallStepContext, DialogTurnResult } from 'botbuilder-dialogs';
import { CNED_FACTS } from '../src/facts/cned';
import { refundAfterWithdrawal, LateRefundIncrease } from '../src/rules/refund';
import type { MessageKey } from '../src/i18n/messages';
import type { View } from '../src/rendering/view';
import type { Understanding } from '../src/domain/understanding';
import { RouteDialog, routeOptions, ask, done, isRouteResult, ASK_WAITING } from './routeDialog';
import { daysSince, parisDaysAgo } from '../src/rules/calendar';
import { answerOf, fields, isIsoDateString, isWaitingAnswer, optional, resultOf, valuesOf } from './stepState';
import { EscalationDialog } from './escalationDialog';
import { dateFor, formatWaiting, msg, say, turnInfo } from './say';

const ESCALATION = 'refund.escalation';

/** Kept between steps: the withdrawal date the refund follows and its due date, when known (dates only). */
interface RefundValues {
  withdrawnOn?: string;
  dueBy?: string;
}
const isRefundValues = fields<RefundValues>({ withdrawnOn: optional(isIsoDateString), dueBy: optional(isIsoDateString) });

function increaseKey(increase: LateRefundIncrease): MessageKey {
  if (increase.kind === 'none') return 'refund.notLateYet';
  return increase.kind === 'legalInterest' ? 'refund.legalInterest' : 'refund.increasePercent';
}

export class RefundDialog extends RouteDialog {
  constructor(dialogId: string, understanding: Understanding) {
    super(dialogId, understanding);
    this.addDialog(new EscalationDialog(ESCALATION, understanding));
    this.flow([this.waitingStep.bind(this), this.lawStep.bind(this), this.doneStep.bind(this)]);
  }

  /** Restates; asks how long the user has waited unless the story said it. */
  private async waitingStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { facts, skipRestate } = routeOptions(step);
    if (!skipRestate) await say(step.context, { kind: 'text', text: msg(step.context, 'refund.restate') });
    if (facts.waiting) return step.next(facts.waiting.days);
    // "Je me suis rétractée le 1er octobre": the waiting time is known from the date, never asked again.
    const since = facts.date ?? facts.paidOn;
    const waited = since === undefined ? 0 : daysSince(since, turnInfo(step.context).now);
    if (waited > 0) return step.next(waited);
    return ask(step, ASK_WAITING, { question: 'refund.askWaiting', choices: 'waitingRanges' });
  }

  /** The refund rules that apply, with the computed lateness after a withdrawal; then the escalation step. */
  private async lawStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { lang, now } = turnInfo(step.context);
    const { facts } = routeOptions(step);
    const answered = answerOf(step, isWaitingAnswer);
    // Unknown ("aucune idée"): no waiting sentence and no date computed from it.
    const waitingDays = answered === 'unknown' ? undefined : (answered ?? (typeof step.result === 'number' ? step.result : undefined));
    const legalDays = CNED_FACTS.law.refundAfterWithdrawalDays;
    const views: View[] = waitingDays === undefined ? [] : [{ kind: 'text', text: msg(step.context, 'refund.waited', { duration: formatWaiting(lang, waitingDays) }) }];
    if (facts.afterWithdrawal) {
      const withdrawnOn = facts.date ?? (waitingDays === undefined ? undefined : parisDaysAgo(now, waitingDays));
      if (withdrawnOn) {
        const status = refundAfterWithdrawal(withdrawnOn, now);
        Object.assign(valuesOf(step, isRefundValues), { withdrawnOn, dueBy: status.dueBy } satisfies RefundValues);
        views.push({
          kind: 'card',
          variant: 'deadline',
          title: msg(step.context, 'refund.dueByTitle', { dueBy: dateFor(step.context, status.dueBy) }),
          text: msg(step.context, increaseKey(status.increase), {
            daysLate: status.daysLate,
            percent: status.increase.kind === 'percent' ? status.increase.percent : 0,
          }),
        });
      }
    } else {
      views.push({ kind: 'text', text: msg(step.context, 'refund.generalTerms', { days: legalDays }) });
    }
    await say(step.context, ...views);
    return step.beginDialog(ESCALATION, { facts, skipRestate: true });
  }

  /** Hands the escalation's result to the main dialog, with the refund's own dates added to the case file. */
  private async doneStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const result = resultOf(step, isRouteResult);
    if (result?.kind !== 'done' || !result.file) return step.endDialog(result);
    const { withdrawnOn, dueBy } = valuesOf(step, isRefundValues);
    const deadlines = dueBy && daysSince(dueBy, turnInfo(step.context).now) <= 0 ? [...result.file.deadlines, { kind: 'refundDue' as const, date: dueBy }] : result.file.deadlines;
    return step.endDialog(done({ ...result.file, problem: 'refundDelay', withdrawnOn, deadlines }));
  }
}
