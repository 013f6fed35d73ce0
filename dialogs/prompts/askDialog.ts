/**
 * Asks one question with buttons and waits for an answer. The answer may be a button, its number, or free
 * text the interpreter understands (a date, a duration). Text that describes another problem ends the
 * question with a "switch" so the main dialog can follow the user; anything else is asked again, and after
 * two misunderstandings the phone line (a person) is offered. In a route, a reply that tells a step already taken
 * instead ("on a envoyé le formulaire" when asked how long they have waited) is noted for the questions after it.
 */
import { Dialog, DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import { ActivityTypes, TurnContext } from 'botbuilder';
import type { DateTime } from 'luxon';
import type { Lang, RouteKey } from '../../src/domain/types';
import type { MessageKey, MessageParams } from '../../src/i18n/messages';
import { isMessageKey, t } from '../../src/i18n/messages';
import { StepStateError, arrayOf, either, fields, isExtractedFacts, isNumber, isRoute, oneOf, optional } from '../stepState';
import type { Guard } from '../stepState';
import { isRecord } from '../../src/shared';
import type { ExtractedFacts, Understanding } from '../../src/domain/understanding';
import { factsAdded, stepsTold } from '../facts';
import { say, turnInfo } from '../say';
import { phoneCard } from '../cards';
import { choiceSet, isChoiceSetId, matchChoice, Choices } from './choiceSets';
import type { ChoiceOption } from '../../src/rendering/view';
import { turnReading, TurnReading } from '../turnReading';

/** A new problem is taken instead of an answer only from a message at least this long, and read with confidence. */
const MIN_SWITCH_WORDS = 3;

export interface AskOptions {
  question: MessageKey;
  params?: MessageParams;
  choices: Choices;
  /** Misunderstandings already counted before this question (the main menu after an unclear first message). */
  attempts?: number;
  /** The problem this question is about: a message read as this same problem is no switch to another. */
  route?: RouteKey;
}

const isQuestionKey = (value: unknown): value is MessageKey => typeof value === 'string' && isMessageKey(value);
const isParams = (value: unknown): value is MessageParams =>
  isRecord(value) && Object.values(value).every((param) => typeof param === 'string' || typeof param === 'number');
const isChoices: Guard<Choices> = either(isChoiceSetId, fields<Exclude<Choices, string>>({ routes: arrayOf(isRoute), last: oneOf(['somethingElse', 'noThanks']) }));

/** A question's options, checked (they may be handed over in a step result). */
export const isAskOptions: Guard<AskOptions> = fields<AskOptions>({
  question: isQuestionKey,
  params: optional(isParams),
  choices: isChoices,
  attempts: optional(isNumber),
  route: optional(isRoute),
});

/**
 * An answer, with the steps the learner told in passing before it ("on a envoyé le formulaire" when asked how long
 * they have waited), for the route's later questions; or a switch to another problem.
 */
export type AskResult<T> = { kind: 'answer'; value: T; told?: ExtractedFacts } | { kind: 'switch'; text: string };

export interface AnswerInput {
  text: string;
  /** The value of the button the reply picks, if any. */
  picked?: string;
  /** The buttons offered with the question. */
  choices: readonly ChoiceOption[];
  lang: Lang;
  now: DateTime;
  understanding: Understanding;
  /** The turn's one interpretation of the message (facts already read, never re-read). */
  reading: TurnReading;
}

/** Turns a reply into an answer, or undefined when the reply does not answer the question. */
export type Interpreter<T> = (input: AnswerInput) => T | undefined;

interface AskState {
  options: AskOptions;
  attempts: number;
  /** Steps told in replies that did not answer this question. */
  told?: ExtractedFacts;
}
const isAskState = fields<AskState>({ options: isAskOptions, attempts: isNumber, told: optional(isExtractedFacts) });

/** The question's stored state, checked (the stored object itself: the attempts counted are kept). */
function askState(state: unknown): AskState {
  if (!isAskState(state)) throw new StepStateError('values');
  return state;
}

export const MISUNDERSTANDINGS_BEFORE_PHONE = 2;

export class AskDialog<T> extends Dialog<AskOptions> {
  constructor(
    dialogId: string,
    private readonly understanding: Understanding,
    private readonly interpret: Interpreter<T>,
    /** Whether free text that names another problem may leave this question (false for the main menu). */
    private readonly allowSwitch = true,
    /** Whether steps told in a reply that does not answer are noted for the questions after it (a route's questions). */
    private readonly notesSteps = false,
  ) {
    super(dialogId);
  }

  override async beginDialog(dc: DialogContext, options?: AskOptions): Promise<DialogTurnResult> {
    if (!options) throw new TypeError(`${this.id} needs AskOptions`);
    const state: AskState = { options, attempts: options.attempts ?? 0 };
    dc.activeDialog!.state = state;
    await this.ask(dc.context, state);
    return Dialog.EndOfTurn;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const activity = dc.context.activity;
    if (activity.type !== ActivityTypes.Message) return Dialog.EndOfTurn;
    const state = askState(dc.activeDialog?.state);
    const { lang, now } = turnInfo(dc.context);
    const reading = turnReading(dc.context, this.understanding);
    const text = reading.text;
    const choices = choiceSet(state.options.choices, lang);
    const picked = matchChoice(text, choices)?.value;
    // Read first as an answer to the question asked; a new problem only on strong evidence.
    const value = this.interpret({ text, picked, choices, lang, now, understanding: this.understanding, reading });
    if (value !== undefined) return dc.endDialog({ kind: 'answer', value, ...(state.told ? { told: state.told } : {}) } satisfies AskResult<T>);
    if (this.allowSwitch && text.split(/\s+/).length >= MIN_SWITCH_WORDS) {
      const request = reading.request();
      if (request.kind === 'problem' && request.sure && request.route !== state.options.route) {
        await say(dc.context, { kind: 'text', text: t(lang, 'understand.switching') });
        return dc.endDialog({ kind: 'switch', text } satisfies AskResult<T>);
      }
    }
    // Steps taken, told before they were asked about: noted for the route's next questions, and this one asked again.
    const steps = stepsTold(reading.facts());
    if (this.notesSteps && steps.length > 0) {
      state.told = factsAdded(state.told ?? { history: [] }, { history: steps });
      await say(dc.context, { kind: 'text', text: t(lang, 'common.noted') });
      await this.ask(dc.context, state);
      return Dialog.EndOfTurn;
    }
    state.attempts += 1;
    await this.ask(dc.context, state, true);
    return Dialog.EndOfTurn;
  }

  override async repromptDialog(context: TurnContext, instance: { state: unknown }): Promise<void> {
    await this.ask(context, askState(instance.state));
  }

  private async ask(context: TurnContext, state: AskState, retry = false): Promise<void> {
    const { lang } = turnInfo(context);
    const { question, params, choices } = state.options;
    const views = [];
    if (retry || state.attempts > 0) views.push({ kind: 'text' as const, text: t(lang, 'common.notUnderstood') });
    if (state.attempts >= MISUNDERSTANDINGS_BEFORE_PHONE) {
      views.push({ kind: 'text' as const, text: t(lang, 'common.offerPerson') }, phoneCard(turnInfo(context)));
    }
    views.push({ kind: 'choice' as const, text: t(lang, question, params), choices: choiceSet(choices, lang) });
    await say(context, ...views);
  }
}
