/**
 * "Nobody answers me": find out what the user already did (from their story, or asked: a button or the steps in
 * words), when the last step was taken and what came of it — only what is not known yet — then give the next step of
 * the escalation ladder and the date from which it applies.
 */
import type { WaterfallStepContext, DialogTurnResult } from 'botbuilder-dialogs';
import type { ActionOutcome, PastAction } from '../src/domain/types';
import { nextEscalationStep } from '../src/rules/escalation';
import type { Understanding } from '../src/domain/understanding';
import { RouteDialog, routeOptions, ask, done, ASK_DATE, ASK_HISTORY, ASK_OUTCOME } from './routeDialog';
import { stepsTold } from './facts';
import type { CaseFile, Deadline } from '../src/domain/caseFile';
import type { EscalationAdvice } from '../src/rules/escalation';
import { answerOf, fields, isBoolean, isChoice, isDateAnswer, isHistoryAnswer, isPastActions, optional, valuesOf } from './stepState';
import { escalationViews, historySummary } from './escalationAdvice';
import { msg, say, turnInfo } from './say';

/** What the questions collected (dates and step kinds only, never text). */
interface Collected {
  history: PastAction[];
  /** Told in the first message: no question was asked, the advice says what was understood. */
  fromStory: boolean;
}

/** The values as stored: empty at the first step. */
const isCollectedSoFar = fields<Partial<Collected>>({ history: optional(isPastActions), fromStory: optional(isBoolean) });

const OUTCOMES: readonly ActionOutcome[] = ['refused', 'unanswered'];

/** What the escalation established: the steps taken, the next one, and the dates worth a calendar reminder. */
export function escalationFile(history: PastAction[], advice: EscalationAdvice, orderNumber: string | undefined): CaseFile {
  const deadlines: Deadline[] = [];
  const estimate = advice.estimatedFromSending === true;
  if (advice.next === 'phoneFollowUp' && !advice.availableNow) deadlines.push({ kind: 'phoneFollowUp', date: advice.from });
  if (advice.implicitRejectionOn && advice.implicitRejectionOn > advice.from) deadlines.push({ kind: 'implicitRejection', date: advice.implicitRejectionOn, estimate });
  if (advice.mediatorFrom && advice.mediatorFrom > advice.from) deadlines.push({ kind: 'mediatorFrom', date: advice.mediatorFrom, estimate });
  return { problem: 'noAnswer', history, orderNumber, next: { step: advice.next, from: advice.from, availableNow: advice.availableNow }, deadlines };
}

export class EscalationDialog extends RouteDialog {
  constructor(dialogId: string, understanding: Understanding) {
    super(dialogId, understanding);
    this.flow([this.whatStep.bind(this), this.whenStep.bind(this), this.outcomeStep.bind(this), this.adviceStep.bind(this)]);
  }

  private collected(step: WaterfallStepContext): Collected {
    const values = valuesOf(step, isCollectedSoFar);
    const collected: Collected = { history: values.history ?? [], fromStory: values.fromStory ?? false };
    // The stored object itself, completed: what the steps set on it is kept for the next ones.
    return Object.assign(values, collected);
  }

  /** Restates; asks what was already done unless the story told it (a message that only names a step tells none). */
  private async whatStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { facts, skipRestate } = routeOptions(step);
    if (!skipRestate) await say(step.context, { kind: 'text', text: msg(step.context, 'escalation.restate') });
    const collected = this.collected(step);
    const told = stepsTold(facts);
    if (told.length > 0) {
      collected.history = told;
      collected.fromStory = true;
      return step.next();
    }
    return ask(step, ASK_HISTORY, { question: 'escalation.askDone', choices: 'pastActions' });
  }

  /** Asks when the last step was taken, when the answer did not date it (skipped when nothing was done). */
  private async whenStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const collected = this.collected(step);
    if (!collected.fromStory) {
      const answer = answerOf(step, isHistoryAnswer);
      collected.history = answer === undefined || answer === 'none' ? [] : answer;
    }
    const last = collected.history[collected.history.length - 1];
    if (!last || last.on !== undefined) return step.next();
    // A story that told an undated letter or appeal: its date decides the 2 months, so it is asked (nothing else is).
    if (collected.fromStory && last.kind !== 'registeredLetter' && last.kind !== 'directorAppeal') return step.next();
    return ask(step, ASK_DATE, { question: 'escalation.askWhen', choices: 'dateShortcuts' });
  }

  /** Asks what came of the last step, when not known yet. */
  private async outcomeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const collected = this.collected(step);
    const last = collected.history[collected.history.length - 1];
    if (!last) return step.next();
    const on = answerOf(step, isDateAnswer);
    if (on !== undefined && typeof on !== 'string') last.on = on.iso;
    if (collected.fromStory || last.outcome !== 'unknown') return step.next();
    return ask(step, ASK_OUTCOME, { question: 'escalation.askOutcome', choices: 'outcomes' });
  }

  /** Computes and shows the next step of the ladder. */
  private async adviceStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { now } = turnInfo(step.context);
    const { facts } = routeOptions(step);
    const collected = this.collected(step);
    const history = collected.history;
    const last = history[history.length - 1];
    const outcome = OUTCOMES.find((o) => o === answerOf(step, isChoice));
    if (last && outcome) last.outcome = outcome;
    if (history.length > 0 && (collected.fromStory || history.length > 1)) {
      await say(step.context, { kind: 'text', text: msg(step.context, 'escalation.understood', { history: historySummary(turnInfo(step.context), history) }) });
    }
    let advice;
    try {
      advice = nextEscalationStep(history, now);
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      // A step dated in the future: a misreading; advise from what was done, without its date.
      advice = nextEscalationStep(history.map(({ on: _on, ...rest }) => rest), now);
    }
    await say(step.context, ...escalationViews(turnInfo(step.context), advice, facts.registered));
    return step.endDialog(done({ ...escalationFile(history, advice, facts.orderNumber), amountCents: facts.amountCents }));
  }
}
