/** What every route dialog shares: its options, its result, and the questions it may ask. */
import { ComponentDialog, WaterfallDialog, WaterfallStep, WaterfallStepContext, DialogTurnResult } from 'botbuilder-dialogs';
import type { ExtractedFacts, Understanding } from '../src/domain/understanding';
import type { PastAction, RouteKey } from '../src/domain/types';
import type { CaseFile } from '../src/domain/caseFile';
import type { WithdrawalDate } from '../src/rules/withdrawal';
import { AskDialog, AskOptions } from './prompts/askDialog';
import { dateAnswer, historyAnswer, outcomeAnswer, pickedChoice, registeredAnswer, waitingDaysAnswer } from './prompts/interpreters';
import { Guard, fields, either, isBoolean, isCaseFile, isExtractedFacts, isRoute, isString, isWithdrawalDate, oneOf, optional, optionsOf } from './stepState';

export interface RouteOptions {
  /** What the user's first message already said; never asked again. */
  facts: ExtractedFacts;
  /** Set when another route hands over and has already restated the problem. */
  skipRestate?: boolean;
  /** The problem being answered (its questions do not take a message about the same problem as a switch). */
  route?: RouteKey;
}

/**
 * How a route ended: done (with its case file, and for a withdrawal counted from one date, the date it invites the
 * learner to add), or left for a new problem typed mid-question.
 */
export type RouteResult = { kind: 'done'; file?: CaseFile; invites?: WithdrawalDate } | { kind: 'switch'; text: string };
export const DONE: RouteResult = { kind: 'done' };
export const done = (file: CaseFile, invites?: WithdrawalDate): RouteResult => ({ kind: 'done', file, ...(invites ? { invites } : {}) });

const isSwitch = fields<{ kind: 'switch'; text: string }>({ kind: oneOf(['switch']), text: isString });
/** A route's result, as the step after the route reads it. */
export const isRouteResult: Guard<RouteResult> = either(
  fields<{ kind: 'done'; file?: CaseFile; invites?: WithdrawalDate }>({ kind: oneOf(['done']), file: optional(isCaseFile), invites: optional(isWithdrawalDate) }),
  isSwitch,
);

const isRouteOptions = fields<Partial<RouteOptions>>({ facts: optional(isExtractedFacts), skipRestate: optional(isBoolean), route: optional(isRoute) });

export const ASK_CHOICE = 'ask.choice';
export const ASK_DATE = 'ask.date';
export const ASK_WAITING = 'ask.waiting';
export const ASK_HISTORY = 'ask.history';
export const ASK_OUTCOME = 'ask.outcome';
export const ASK_REGISTERED = 'ask.registered';

export function routeOptions(step: WaterfallStepContext): RouteOptions {
  const options = optionsOf(step, isRouteOptions);
  return { facts: options.facts ?? { history: [] }, skipRestate: options.skipRestate, route: options.route };
}

/** The steps the first message told as taken: none when it only named one ("médiateur" is the topic, not a step). */
export function stepsTold(facts: ExtractedFacts): PastAction[] {
  return facts.namedOnly ? [] : facts.history;
}

/** Asks a route's question, about the route's problem. */
export function ask(step: WaterfallStepContext, dialogId: string, options: AskOptions): Promise<DialogTurnResult> {
  return step.beginDialog(dialogId, { ...options, route: options.route ?? routeOptions(step).route } satisfies AskOptions);
}

export abstract class RouteDialog extends ComponentDialog {
  protected constructor(dialogId: string, protected readonly understanding: Understanding) {
    super(dialogId);
    this.addDialog(new AskDialog(ASK_CHOICE, understanding, pickedChoice));
    this.addDialog(new AskDialog(ASK_DATE, understanding, dateAnswer));
    this.addDialog(new AskDialog(ASK_WAITING, understanding, waitingDaysAnswer));
    this.addDialog(new AskDialog(ASK_HISTORY, understanding, historyAnswer));
    this.addDialog(new AskDialog(ASK_OUTCOME, understanding, outcomeAnswer));
    this.addDialog(new AskDialog(ASK_REGISTERED, understanding, registeredAnswer));
  }

  /** Sets the route's steps; a "switch" answer (the user described another problem) ends the route at once. */
  protected flow(steps: WaterfallStep[]): void {
    const flowId = `${this.id}.flow`;
    this.addDialog(
      new WaterfallDialog(
        flowId,
        steps.map((step) => async (context: WaterfallStepContext) => (isSwitch(context.result) ? context.endDialog(context.result) : step(context))),
      ),
    );
    this.initialDialogId = flowId;
  }
}
