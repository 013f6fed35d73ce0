/**
 * Withdrawal: find the date registration and payment were both done (from the first message, or asked), then give
 * the last day and the withdrawal form, or, past the deadline, the cancellation path. The period is never declared
 * over on a guessed date ("le 20") or on one date when the other may be later: the assistant asks first, and if the
 * learner cannot say, it gives the date from which they would still be in time.
 */
import type { WaterfallStepContext, DialogTurnResult } from 'botbuilder-dialogs';
import { CNED_FACTS } from '../src/facts/cned';
import { earliestOpenStart, withdrawalStatusIfValid, WithdrawalDate, WithdrawalInput, WithdrawalStatus } from '../src/rules/withdrawal';
import type { MessageKey } from '../src/i18n/messages';
import type { View } from '../src/rendering/view';
import type { Understanding } from '../src/domain/understanding';
import { RouteDialog, routeOptions, ask, done, ASK_DATE, DONE } from './routeDialog';
import { answerOf, fields, isBoolean, isDateAnswer, isWithdrawalDate, isWithdrawalInput, optional, valuesOf } from './stepState';
import { cancellationCard } from './cards';
import { dateFor, msg, say, turnInfo } from './say';

/** The dates known so far, and what would still be needed before saying the period is over. */
interface Known {
  input: WithdrawalInput;
  /** A date whose month or year was guessed. */
  guessed: boolean;
  /** The other date, not given, could be later. */
  missing?: WithdrawalDate;
  /** The day itself was guessed ("fin octobre"): no last day is given from it, whether open or over. */
  approximate?: boolean;
}

const isKnown = fields<Known>({
  input: isWithdrawalInput,
  guessed: isBoolean,
  missing: optional(isWithdrawalDate),
  approximate: optional(isBoolean),
});
/** The values as stored: empty at the first step. */
const isWithdrawalValues = fields<{ known?: Known }>({ known: optional(isKnown) });

const MISSING_QUESTION: Record<WithdrawalDate, MessageKey> = {
  paidOn: 'withdrawal.askPaidOn',
  registeredOn: 'withdrawal.askRegisteredOn',
};

export class WithdrawalDialog extends RouteDialog {
  constructor(dialogId: string, understanding: Understanding) {
    super(dialogId, understanding);
    this.flow([this.dateStep.bind(this), this.checkStep.bind(this), this.completedStep.bind(this), this.deadlineStep.bind(this)]);
  }

  private known(step: WaterfallStepContext): Known {
    const values = valuesOf(step, isWithdrawalValues);
    values.known ??= { input: {}, guessed: false };
    return values.known;
  }

  /** Restates, then asks the date only when the first message did not give it. */
  private async dateStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { facts, skipRestate } = routeOptions(step);
    if (!skipRestate) await say(step.context, { kind: 'text', text: msg(step.context, 'withdrawal.restate') });
    const registeredOn = facts.registeredOn ?? facts.date;
    const paidOn = facts.paidOn;
    if (!registeredOn && !paidOn) return ask(step, ASK_DATE, { question: 'withdrawal.askDate', choices: 'dateShortcuts' });
    const known = this.known(step);
    known.input = { registeredOn, paidOn };
    known.guessed = (facts.inferred ?? []).length > 0;
    // One date given: the other one may be later, and the period runs from the later of the two.
    known.missing = !paidOn ? 'paidOn' : !registeredOn ? 'registeredOn' : undefined;
    return step.next();
  }

  /** Answers when the period is open; before saying it is over, asks what could still change the answer. */
  private async checkStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const known = this.known(step);
    const answered = answerOf(step, isDateAnswer);
    if (answered === 'unknown') return this.unknownDate(step);
    if (answered !== undefined && typeof answered !== 'string') {
      // The question asked for the later of the two dates.
      known.input = { registeredOn: answered.iso };
      known.guessed = answered.inferred;
      known.approximate = answered.approximate === true;
      known.missing = undefined;
    }
    const status = await this.statusOrAskAgain(step, known.input);
    if (!status) return step.replaceDialog(this.initialDialogId, { facts: { history: [] }, skipRestate: true });
    // A guessed month ("le 20") is asked about before "too late"; a guessed day ("fin octobre") even when open, as it
    // could put the last day a week earlier.
    if (known.approximate || (known.guessed && !status.open)) return ask(step, ASK_DATE, { question: 'withdrawal.askExactDate', choices: 'dateShortcuts' });
    if (status.open) return this.answer(step, status);
    if (known.missing) return ask(step, ASK_DATE, { question: MISSING_QUESTION[known.missing], choices: 'paymentDate' });
    return this.answer(step, status);
  }

  /**
   * The one date given, now complete ("le 20" → "20 janvier"): the other date may still be later, so before saying
   * the period is over, that one is asked. Any other answer goes on to the next step as it is.
   */
  private async completedStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const known = this.known(step);
    const answered = answerOf(step, isDateAnswer);
    // The complete date was asked (the first one was guessed) while the other date was never given.
    if (!known.guessed || !known.missing || answered === undefined || typeof answered === 'string') return step.next(step.result);
    known.input = { [known.missing === 'paidOn' ? 'registeredOn' : 'paidOn']: answered.iso };
    known.guessed = answered.inferred;
    const status = await this.statusOrAskAgain(step, known.input);
    if (!status) return step.replaceDialog(this.initialDialogId, { facts: { history: [] }, skipRestate: true });
    if (status.open) return this.answer(step, status);
    if (known.guessed) return this.uncertain(step, earliestOpenStart(turnInfo(step.context).now));
    return ask(step, ASK_DATE, { question: MISSING_QUESTION[known.missing], choices: 'paymentDate' });
  }

  /** Reads the answer to the confirmation, then concludes, or says from when they would still be in time. */
  private async deadlineStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { now } = turnInfo(step.context);
    const known = this.known(step);
    const answered = answerOf(step, isDateAnswer);
    if (answered === undefined || answered === 'unknown') return this.uncertain(step, earliestOpenStart(now));
    if (answered !== 'sameDay') {
      if (known.missing) known.input = { ...known.input, [known.missing]: answered.iso };
      else known.input = { registeredOn: answered.iso };
      known.guessed = answered.inferred;
      // Still a guessed day when the exact date was asked: no last day, only the date from which they are in time.
      if (answered.approximate) return this.uncertain(step, earliestOpenStart(now));
    }
    const status = await this.statusOrAskAgain(step, known.input);
    if (!status) return step.replaceDialog(this.initialDialogId, { facts: { history: [] }, skipRestate: true });
    if (!status.open && known.guessed) return this.uncertain(step, earliestOpenStart(now));
    return this.answer(step, status);
  }

  private async statusOrAskAgain(step: WaterfallStepContext, input: WithdrawalInput): Promise<WithdrawalStatus | undefined> {
    const status = withdrawalStatusIfValid(input, turnInfo(step.context).now);
    if (!status) await say(step.context, { kind: 'text', text: msg(step.context, 'withdrawal.futureDate') });
    return status;
  }

  private async unknownDate(step: WaterfallStepContext): Promise<DialogTurnResult> {
    await say(
      step.context,
      { kind: 'card', variant: 'deadline', title: msg(step.context, 'withdrawal.ruleTitle'), text: msg(step.context, 'withdrawal.unknownDate'), links: [this.formLink(step)] },
      { kind: 'text', text: msg(step.context, 'withdrawal.infoExtension') },
    );
    return step.endDialog(DONE);
  }

  /** Not enough to conclude: never "too late"; the date from which they are still in time, and the form. */
  private async uncertain(step: WaterfallStepContext, safeFrom: string): Promise<DialogTurnResult> {
    await say(
      step.context,
      {
        kind: 'card',
        variant: 'deadline',
        title: msg(step.context, 'withdrawal.ruleTitle'),
        text: msg(step.context, 'withdrawal.uncertain', { safeFrom: dateFor(step.context, safeFrom) }),
        links: [this.formLink(step)],
      },
      { kind: 'text', text: msg(step.context, 'withdrawal.infoExtension') },
    );
    return step.endDialog(DONE);
  }

  private formLink(step: WaterfallStepContext): { title: string; url: string } {
    return { title: msg(step.context, 'withdrawal.formAction'), url: CNED_FACTS.forms.withdrawal.url };
  }

  /** Open → the last day and the withdrawal form; past → the cancellation path with the order number. */
  private async answer(step: WaterfallStepContext, status: WithdrawalStatus): Promise<DialogTurnResult> {
    const { facts } = routeOptions(step);
    const dates = {
      from: dateFor(step.context, status.countsFrom),
      lastDay: dateFor(step.context, status.lastDay),
      nominal: dateFor(step.context, status.nominalLastDay),
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
        links: [this.formLink(step)],
      });
      if (status.moved) views.push({ kind: 'text', text: msg(step.context, 'withdrawal.moved', { nominal: dates.nominal }) });
      // Counted from one date only: the other one, if later, would give even more time.
      if (this.known(step).missing) views.push({ kind: 'text', text: msg(step.context, 'withdrawal.otherDateLater') });
      views.push({ kind: 'text', text: msg(step.context, 'withdrawal.refundRule', { days: CNED_FACTS.law.refundAfterWithdrawalDays }) });
    } else {
      views.push(
        { kind: 'text', text: msg(step.context, 'withdrawal.closed', { lastDay: dates.lastDay, from: dates.from }) },
        { kind: 'text', text: msg(step.context, 'withdrawal.infoExtension') },
        cancellationCard(turnInfo(step.context), facts.orderNumber),
        { kind: 'text', text: msg(step.context, 'cancellation.refundTerms') },
      );
    }
    await say(step.context, ...views);
    const known = this.known(step);
    // Counted from one date while the other may be later: the answer invited it (withdrawal.otherDateLater).
    const invites = status.open ? known.missing : undefined;
    return step.endDialog(
      done({
        problem: 'withdrawal',
        registeredOn: known.input.registeredOn,
        paidOn: known.input.paidOn,
        orderNumber: facts.orderNumber,
        amountCents: facts.amountCents,
        history: [],
        deadlines: status.open ? [{ kind: 'withdrawalLastDay', date: status.lastDay }] : [],
      }, invites),
    );
  }
}
