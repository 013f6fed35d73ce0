/**
 * "Nobody answers me": find out what the user already did (from their story, or three quick questions),
 * then give the next step of the escalation ladder and the date from which it applies.
 */
import type { WaterfallStepContext, DialogTurnResult } from 'botbuilder-dialogs';
import type { ActionKind, ActionOutcome, PastAction } from '../src/domain/types';
import { nextEscalationStep } from '../src/rules/escalation';
import type { Understanding } from './understanding';
import { RouteDialog, routeOptions, answerOf, ask, ASK_CHOICE, ASK_DATE, DONE } from './routeDialog';
import { escalationViews, historySummary } from './escalationAdvice';
import { msg, say, turnInfo } from './say';

interface Collected {
  kind?: ActionKind;
  on?: string;
}

export class EscalationDialog extends RouteDialog {
  constructor(dialogId: string, understanding: Understanding) {
    super(dialogId, understanding);
    this.flow([this.whatStep.bind(this), this.whenStep.bind(this), this.outcomeStep.bind(this), this.adviceStep.bind(this)]);
  }

  /** Restates; asks what was already done unless the story told it. */
  private async whatStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { facts, skipRestate } = routeOptions(step);
    if (!skipRestate) await say(step.context, { kind: 'text', text: msg(step.context, 'escalation.restate') });
    if (facts.history.length > 0) return step.next();
    return ask(step, ASK_CHOICE, { question: 'escalation.askDone', choices: 'pastActions' });
  }

  /** Asks when the last action was done (skipped when nothing was done or the story told it). */
  private async whenStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const kind = answerOf<string>(step);
    if (!kind || kind === 'none') return step.next();
    (step.values as Collected).kind = kind as ActionKind;
    return ask(step, ASK_DATE, { question: 'escalation.askWhen', choices: 'dateShortcuts' });
  }

  /** Asks what came of it. */
  private async outcomeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const collected = step.values as Collected;
    if (!collected.kind) return step.next();
    const on = answerOf<string>(step);
    if (on && on !== 'unknown') collected.on = on;
    return ask(step, ASK_CHOICE, { question: 'escalation.askOutcome', choices: 'outcomes' });
  }

  /** Computes and shows the next step of the ladder. */
  private async adviceStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { now } = turnInfo(step.context);
    const { facts } = routeOptions(step);
    const collected = step.values as Collected;
    let history: PastAction[] = facts.history;
    if (collected.kind) {
      const outcome = (answerOf<string>(step) ?? 'unknown') as ActionOutcome;
      history = [{ kind: collected.kind, on: collected.on, outcome }];
    } else if (history.length > 0) {
      await say(step.context, { kind: 'text', text: msg(step.context, 'escalation.understood', { history: historySummary(step.context, history) }) });
    }
    const advice = nextEscalationStep(history, now);
    await say(step.context, ...escalationViews(step.context, advice, facts.registered));
    return step.endDialog(DONE);
  }
}
