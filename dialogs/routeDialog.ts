/** What every route dialog shares: its options, its result, and the questions it may ask. */
import { ComponentDialog, WaterfallDialog, WaterfallStep, WaterfallStepContext, DialogTurnResult } from 'botbuilder-dialogs';
import type { ExtractedFacts, Understanding } from '../src/domain/understanding';
import type { RouteKey } from '../src/domain/types';
import type { CaseFile } from '../src/domain/caseFile';
import type { WithdrawalDate } from '../src/rules/withdrawal';
import { AskDialog, AskOptions } from './prompts/askDialog';
import { factsAdded } from './facts';
import { isRecord } from '../src/shared';
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

/** The steps a question's answer brings told in passing (AskResult.told), if any. */
function toldOf(step: WaterfallStepContext): ExtractedFacts | undefined {
  const result: unknown = step.result;
  if (!isRecord(result) || result.kind !== 'answer' || !isExtractedFacts(result.told)) return undefined;
  return result.told;
}

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

/** Asks a route's question, about the route's problem. */
export function ask(step: WaterfallStepContext, dialogId: string, options: AskOptions): Promise<DialogTurnResult> {
  return step.beginDialog(dialogId, { ...options, route: options.route ?? routeOptions(step).route } satisfies AskOptions);
}

export abstract class RouteDialog extends ComponentDialog {
  protected constructor(dialogId: string, protected readonly understanding: Understanding) {
    super(dialogId);
    // A route's questions note the steps told in passing, for the questions after them.
    this.addDialog(new AskDialog(ASK_CHOICE, understanding, pickedChoice, true, true));
    this.addDialog(new AskDialog(ASK_DATE, understanding, dateAnswer, true, true));
    this.addDialog(new AskDialog(ASK_WAITING, understanding, waitingDaysAnswer, true, true));
    this.addDialog(new AskDialog(ASK_HISTORY, understanding, historyAnswer, true, true));
    this.addDialog(new AskDialog(ASK_OUTCOME, understanding, outcomeAnswer, true, true));
    this.addDialog(new AskDialog(ASK_REGISTERED, understanding, registeredAnswer, true, true));
  }

  /** Sets the route's steps; a "switch" answer (the user described another problem) ends the route at once. */
  protected flow(steps: WaterfallStep[]): void {
    const flowId = `${this.id}.flow`;
    this.addDialog(
      new WaterfallDialog(
        flowId,
        steps.map((step) => async (context: WaterfallStepContext) => {
          if (isSwitch(context.result)) return context.endDialog(context.result);
          // Steps told in passing at a question join what the route knows, so that they are not asked again.
          const told = toldOf(context);
          if (told) Object.assign(optionsOf(context, isRouteOptions), { facts: factsAdded(routeOptions(context).facts, told) });
          return step(context);
        }),
      ),
    );
    this.initialDialogId = flowId;
  }
}
