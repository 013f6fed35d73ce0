/**
 * The root of the dialog tree: understands the first message (or shows the menu), routes through the
 * table to one route dialog, then asks whether there is anything else. Global commands interrupt any step.
 */
import {
  ComponentDialog,
  Dialog,
  DialogContext,
  DialogTurnResult,
  DialogTurnStatus,
  WaterfallDialog,
  WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { ChoiceOption, View } from '../src/rendering/view';
import type { Lang, RouteKey } from '../src/domain/types';
import type { ExtractedFacts, GlobalCommand, Understanding } from '../src/domain/understanding';
import { AskDialog, AskOptions, Interpreter, isAskOptions } from './prompts/askDialog';
import { buttonOnly, choiceOrDates, isDateOnly, LaterDates, moreAnswer, PROBLEM_TOLD } from './prompts/interpreters';
import { choiceSet, matchChoice, routeTitle } from './prompts/choiceSets';
import { isRoutable, routeDialogId } from './routeKeys';
import { createRouteDialogs } from './routes';
import { isRouteResult } from './routeDialog';
import type { RouteOptions } from './routeDialog';
import { answerOf, arrayOf, either, fields, isBoolean, isCaseFile, isChoice, isExtractedFacts, isLaterDates, isLetterKind, isRoute, isString, isWithdrawalInput, oneOf, optional, optionsOf, resultOf, valuesOf } from './stepState';
import { isRecord } from '../src/shared';
import { formCard, phoneCard } from './cards';
import { msg, say, setTurnLang, turnInfo } from './say';
import { turnReading } from './turnReading';
import { factsAdded, stepsTold } from './facts';
import { telemetry as defaultTelemetry, Telemetry } from '../src/telemetry';
import { randomBytes } from 'crypto';
import type { CaseFile, LetterKind } from '../src/domain/caseFile';
import { documentLinks, letterExplanation, letterForChat, lettersFor } from '../src/documents';
import { parisIsoDate } from '../src/rules/calendar';
import type { WithdrawalInput } from '../src/rules/withdrawal';

export const MAIN_DIALOG = 'main';
const FLOW = 'main.flow';
const ASK_PROBLEM = 'main.askProblem';
const ASK_SUBMENU = 'main.askSubmenu';
const ASK_MORE = 'main.askMore';
const ASK_MORE_OR_DATES = 'main.askMoreOrDates';

export interface MainOptions {
  /** A new problem typed where another question was asked; by default the message that began the dialog. */
  text?: string;
  /** Show the menu without reading the current message (after "menu", "restart" or "yes, something else"). */
  showMenu?: boolean;
  /** A problem already chosen (a button offered at the end of another route). */
  route?: RouteKey;
  /** What `route` starts from, instead of the current message (a withdrawal counted again with a date added). */
  facts?: ExtractedFacts;
}

/** What the flow remembers between its steps: the route being answered and the other problems the message named. */
interface FlowValues {
  route?: RouteKey;
  others?: RouteKey[];
  /** The letter offered at the end of the route, with the dates and steps it is filled from (no free text). */
  letter?: LetterOffer;
  /** What the message being confirmed stated (dates, order number, steps), for the route picked afterwards. */
  facts?: ExtractedFacts;
  /** A withdrawal answered from one date (the other one unknown): the dates it used, to count again if the other comes. */
  withdrawalDates?: WithdrawalInput;
}

interface LetterOffer {
  kind: LetterKind;
  file: CaseFile;
}

const isMainOptions = fields<MainOptions>({ text: optional(isString), showMenu: optional(isBoolean), route: optional(isRoute), facts: optional(isExtractedFacts) });
const isFlowValues = fields<FlowValues>({
  route: optional(isRoute),
  others: optional(arrayOf(isRoute)),
  letter: optional(fields<LetterOffer>({ kind: isLetterKind, file: isCaseFile })),
  facts: optional(isExtractedFacts),
  withdrawalDates: optional(isWithdrawalInput),
});

/** Where document links point and how they are sealed (config.documents); a random key when not given (tests). */
export interface DocumentSettings {
  key: Buffer;
  baseUrl: string;
  ttlHours: number;
}

/** Where the first step leads: a route (sure, or picked), or a sub-menu / confirmation to ask. */
type Picked = RoutePicked | { ask: AskOptions } | { goodbye: true };
type RoutePicked = { route: RouteKey; others: RouteKey[] };
const isRoutePicked = fields<RoutePicked>({ route: isRoute, others: arrayOf(isRoute) });
const isPicked = either(isRoutePicked, either(fields<{ ask: AskOptions }>({ ask: isAskOptions }), fields<{ goodbye: true }>({ goodbye: (value): value is true => value === true })));

const SUBMENUS = { contacts: 'menu.contactQuestion', otherProblems: 'menu.otherProblemsQuestion' } as const;
type Submenu = keyof typeof SUBMENUS;
const isSubmenu = (value: string | undefined): value is Submenu => value === 'contacts' || value === 'otherProblems';

/** Conversation language: stored in the main dialog's own state, so a short "ok" keeps the language of the text before. */
const LANG_KEY = 'lang';

/**
 * A menu answer: a button, or a message read as a problem (sure, or to confirm). How a message was read is counted
 * here, the one place a first message or a message typed at the menu is read as a request.
 */
const problemAnswer =
  (telemetry: Telemetry): Interpreter<Picked> =>
  ({ picked, reading, understanding }) => {
    if (picked && isRoutable(picked)) return { route: picked, others: [] };
    if (isSubmenu(picked)) return { ask: { question: SUBMENUS[picked], choices: picked } };
    if (!reading.text) return undefined;
    const request = reading.request();
    // "non merci" at the menu: nothing to do, a polite end ("no access code yet" names a problem: it is no "no").
    if (understanding.yesNo(reading.text) === 'no' && !(request.kind === 'problem' && request.sure)) return { goodbye: true };
    telemetry.trackEvent('reading', { kind: request.kind === 'problem' ? (request.sure ? 'sure' : 'confirm') : request.kind === 'nonProblem' ? request.intent : 'unclear' });
    if (request.kind !== 'problem') return undefined;
    if (request.sure) return { route: request.route, others: request.others };
    return { ask: { question: 'understand.confirm', choices: { routes: request.candidates, last: 'somethingElse' } } };
  };

/** A sub-menu or confirmation answer: a button, or a message that now names a problem clearly. */
const submenuAnswer: Interpreter<string> = (input) => {
  const picked = buttonOnly(input);
  if (picked !== undefined || !input.reading.text) return picked;
  // At a confirmation, "yes" takes the best candidate and "no" is "something else".
  const [first] = input.choices;
  const yesNo = input.understanding.yesNo(input.reading.text);
  const confirming = input.choices.some((choice) => choice.value === 'somethingElse');
  const routes = input.choices.filter((choice) => isRoutable(choice.value));
  if (confirming && yesNo === 'yes' && routes.length === 1 && first) return first.value;
  if (confirming && (yesNo === 'no' || yesNo === 'unknown')) return 'somethingElse';
  const request = input.reading.request();
  if (request.kind !== 'problem') return undefined;
  if (request.sure) return request.route;
  // A date or a waiting time alone ("two weeks ago") tells no problem: the question is asked again.
  if (!confirming || isDateOnly(input)) return undefined;
  // Steps already taken ("j'ai appelé deux fois") tell that CNED was reached and did not settle it: the escalation,
  // never the channel itself (the phone card to someone who called twice).
  if (stepsTold(input.reading.facts()).length > 0 && (TOLD_STEP_READINGS.has(request.route) || routes.some((choice) => choice.value === 'noAnswer'))) return 'noAnswer';
  // At a confirmation, a message that tells more about one of the problems offered ("j'ai appelé et envoyé le
  // formulaire" where "Pas de réponse" is offered) picks it, even when it would not be sure on its own.
  if (routes.some((choice) => choice.value === request.route)) return request.route;
  // Another problem told in words but not surely ("I want to withdraw, I paid on 3 November" where a refund and a
  // cancellation are offered) is read anew, with its own question, rather than not understood.
  if (input.reading.text.split(/\s+/).length >= RETOLD_WORDS) return PROBLEM_TOLD;
  return undefined;
};
/** What a reply telling steps already taken is read as, unsure: a channel to reach CNED, or the escalation itself. */
const TOLD_STEP_READINGS: ReadonlySet<string> = new Set(['contactPhone', 'contactFax', 'contactPostal', 'contactSocial', 'contactFaq', 'noAnswer']);
/** A reply at a confirmation needs this many words to be read anew as the problem it tells. */
const RETOLD_WORDS = 3;

export class MainDialog extends ComponentDialog {
  /** The first message and the menu's answers are read, and counted, by one interpreter. */
  private readonly answerProblem: Interpreter<Picked>;

  constructor(
    /** Read once per turn through turnReading(); the bot reads its erasure command from the same reading. */
    readonly understanding: Understanding,
    /** Counts problems asked about and routes completed (identifiers only, never text). */
    private readonly telemetry: Telemetry = defaultTelemetry,
    private readonly documents: DocumentSettings = { key: randomBytes(32), baseUrl: 'http://localhost:3978', ttlHours: 24 },
  ) {
    super(MAIN_DIALOG);
    this.answerProblem = problemAnswer(telemetry);
    this.addDialog(
      new WaterfallDialog(FLOW, [
        this.understandStep.bind(this),
        this.submenuStep.bind(this),
        this.routeStep.bind(this),
        this.anythingElseStep.bind(this),
        this.loopStep.bind(this),
        // After the letter is shown, "anything else?" is answered here.
        this.loopStep.bind(this),
      ]),
    );
    this.addDialog(new AskDialog(ASK_PROBLEM, understanding, this.answerProblem, false));
    this.addDialog(new AskDialog(ASK_SUBMENU, understanding, submenuAnswer));
    this.addDialog(new AskDialog(ASK_MORE, understanding, moreAnswer));
    this.addDialog(new AskDialog(ASK_MORE_OR_DATES, understanding, choiceOrDates));
    for (const dialog of createRouteDialogs(understanding)) this.addDialog(dialog);
    this.initialDialogId = FLOW;
  }

  /** A global command typed anywhere is handled before the active step sees the message. */
  protected override async onContinueDialog(inner: DialogContext): Promise<DialogTurnResult> {
    this.chooseLanguage(inner);
    const command = turnReading(inner.context, this.understanding).command;
    if (command) return this.runCommand(inner, command, true);
    return super.onContinueDialog(inner);
  }

  protected override async onBeginDialog(inner: DialogContext, options?: MainOptions): Promise<DialogTurnResult> {
    this.chooseLanguage(inner);
    const command = options?.showMenu || options?.text ? undefined : turnReading(inner.context, this.understanding).command;
    if (command) return this.runCommand(inner, command, false);
    return super.onBeginDialog(inner, options);
  }

  /** The text's language when it is long enough to tell, else the one the conversation had, else the channel's. */
  private chooseLanguage(inner: DialogContext): void {
    const active: unknown = inner.parent?.activeDialog?.state;
    const state = isRecord(active) ? active : undefined;
    const text = turnReading(inner.context, this.understanding).text;
    const detected = text ? this.understanding.language(text) : undefined;
    const stored = state?.[LANG_KEY];
    const lang: Lang | undefined = detected ?? (stored === 'fr' || stored === 'en' ? stored : undefined);
    if (lang) setTurnLang(inner.context, lang);
    if (state && detected) state[LANG_KEY] = detected;
  }

  private async runCommand(inner: DialogContext, command: GlobalCommand, active: boolean): Promise<DialogTurnResult> {
    const context = inner.context;
    switch (command) {
      case 'menu':
      case 'restart':
        await inner.cancelAllDialogs();
        return inner.beginDialog(FLOW, { showMenu: true } satisfies MainOptions);
      case 'cancel':
        await inner.cancelAllDialogs();
        await say(context, { kind: 'text', text: msg(context, active ? 'common.cancelled' : 'common.nothingToCancel') });
        return { status: DialogTurnStatus.complete };
      case 'help':
      case 'person': {
        const views: View[] =
          command === 'help'
            ? [{ kind: 'text', text: msg(context, 'common.help') }]
            : [{ kind: 'text', text: msg(context, 'common.personIntro') }, phoneCard(turnInfo(context))];
        await say(context, ...views);
        if (active && inner.activeDialog) {
          await inner.repromptDialog();
          return Dialog.EndOfTurn;
        }
        return inner.beginDialog(FLOW, { showMenu: true } satisfies MainOptions);
      }
      case 'deleteData':
        // Erasure needs the storage: the bot handles it before any dialog runs.
        return Dialog.EndOfTurn;
    }
  }

  /** Understands the message; restates only when sure, confirms when not, and answers what is no problem. */
  private async understandStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = optionsOf(step, isMainOptions);
    if (options.route) {
      if (options.facts) valuesOf(step, isFlowValues).facts = options.facts;
      return step.next({ route: options.route, others: [] } satisfies Picked);
    }
    const reading = turnReading(step.context, this.understanding);
    const text = options.showMenu ? '' : (options.text ?? reading.text);
    // The text is understood now; it is not kept in the stored dialog state.
    delete options.text;
    if (!text) return this.askProblem(step, { question: 'menu.question', choices: 'problems' });
    const { lang, now } = turnInfo(step.context);
    const menu = [...choiceSet('problems', lang), ...choiceSet('otherProblems', lang), ...choiceSet('contacts', lang)];
    const picked = this.answerProblem({ text, picked: this.pickedFromMenu(menu, text), choices: menu, lang, now, understanding: this.understanding, reading });
    const request = reading.request();
    if (picked && 'ask' in picked && typeof picked.ask.choices !== 'string') valuesOf(step, isFlowValues).facts = reading.facts();
    if (picked) return step.next(picked);
    if (request.kind === 'nonProblem') return this.nonProblem(step, request.intent);
    // Not sure at all: say so, and still help: the registered learners' form and the phone, then the menu.
    await say(step.context, { kind: 'text', text: msg(step.context, 'understand.notSure') }, formCard(turnInfo(step.context), true), phoneCard(turnInfo(step.context)));
    return this.askProblem(step, { question: 'understand.describeOrPick', choices: 'problems', attempts: 1 });
  }

  /** A first message that is a menu button's title, value or synonym (not its number: no menu was shown yet). */
  private pickedFromMenu(menu: readonly ChoiceOption[], text: string): string | undefined {
    return /^\s*\d+\s*$/.test(text) ? undefined : matchChoice(text, menu)?.value;
  }

  private async nonProblem(step: WaterfallStepContext, intent: 'greeting' | 'help' | 'thanks' | 'anger' | 'outOfScope'): Promise<DialogTurnResult> {
    switch (intent) {
      case 'greeting':
        return this.askProblem(step, { question: 'menu.greeting', choices: 'problems' });
      case 'help':
        return this.askProblem(step, { question: 'menu.help', choices: 'problems' });
      case 'thanks':
        await say(step.context, { kind: 'text', text: msg(step.context, 'nonProblem.thanks') });
        return step.endDialog();
      case 'anger':
        return this.askProblem(step, { question: 'nonProblem.anger', choices: 'problems' });
      case 'outOfScope':
        return this.askProblem(step, { question: 'nonProblem.outOfScope', choices: 'problems' });
    }
  }

  private askProblem(step: WaterfallStepContext, options: AskOptions): Promise<DialogTurnResult> {
    return step.beginDialog(ASK_PROBLEM, options);
  }

  /** The sub-menus ("another problem", "contacts") and the confirmation of an unsure reading. */
  private async submenuStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const picked = answerOf(step, isPicked) ?? resultOf(step, isPicked);
    if (!picked) return step.replaceDialog(FLOW, { showMenu: true } satisfies MainOptions);
    if ('route' in picked) return step.next(picked);
    if ('goodbye' in picked) {
      await say(step.context, { kind: 'text', text: msg(step.context, 'menu.goodbye') });
      return step.endDialog();
    }
    return step.beginDialog(ASK_SUBMENU, picked.ask);
  }

  /** Begins the route dialog with what the message already says. */
  private async routeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const chosen = answerOf(step, isChoice);
    if (chosen === PROBLEM_TOLD) return step.replaceDialog(FLOW, {} satisfies MainOptions);
    if (chosen === 'somethingElse') {
      await say(step.context, { kind: 'text', text: msg(step.context, 'understand.notSure') }, formCard(turnInfo(step.context), true), phoneCard(turnInfo(step.context)));
      return step.replaceDialog(FLOW, { showMenu: true } satisfies MainOptions);
    }
    const picked: RoutePicked | undefined = chosen && isRoutable(chosen) ? { route: chosen, others: [] } : resultOf(step, isRoutePicked);
    if (!picked) return step.replaceDialog(FLOW, { showMenu: true } satisfies MainOptions);
    const values = valuesOf(step, isFlowValues);
    // A route picked at a confirmation takes what the confirmed message stated, and what the reply adds when it
    // tells the problem again in words ("je voudrais me rétracter, inscrit le 3 novembre"); a button adds nothing.
    const told = turnReading(step.context, this.understanding).facts();
    const facts = values.facts ? (chosen ? factsAdded(values.facts, told) : values.facts) : told;
    delete values.facts;
    // A withdrawal counted again with a date the learner added is not a new problem, and is not restated.
    const again = optionsOf(step, isMainOptions).facts !== undefined;
    if (!again) this.telemetry.trackEvent('problem', { intent: picked.route });
    values.route = picked.route;
    values.others = picked.others;
    return step.beginDialog(routeDialogId(picked.route), { facts, skipRestate: again, route: picked.route } satisfies RouteOptions);
  }

  /** Every route ends by offering its documents, then the other problems the message named, or anything else. */
  private async anythingElseStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const result = resultOf(step, isRouteResult);
    if (result?.kind === 'switch') return step.replaceDialog(FLOW, { text: result.text } satisfies MainOptions);
    const values = valuesOf(step, isFlowValues);
    if (values.route) this.telemetry.trackEvent('routeCompleted', { route: values.route });
    if (result?.kind === 'done' && result.file) values.letter = await this.offerDocuments(step, result.file);
    // Answered from one date while the other may be later: if the learner now gives it, the period is counted again.
    values.withdrawalDates =
      result?.kind === 'done' && result.invites && result.file ? { registeredOn: result.file.registeredOn, paidOn: result.file.paidOn } : undefined;
    return this.askMore(step);
  }

  /** The other problems of the message, or "anything else?" (with the letter's button when there is one). */
  private askMore(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { others, letter, withdrawalDates } = valuesOf(step, isFlowValues);
    if (others && others.length > 0) {
      const { lang } = turnInfo(step.context);
      const problems = others.map((other) => `« ${routeTitle(other, lang)} »`).join(', ');
      return step.beginDialog(ASK_MORE, { question: 'understand.alsoMentioned', params: { problems }, choices: { routes: others, last: 'noThanks' } } satisfies AskOptions);
    }
    return step.beginDialog(withdrawalDates ? ASK_MORE_OR_DATES : ASK_MORE, { question: 'menu.anythingElse', choices: letter ? 'anythingElseOrLetter' : 'anythingElse' } satisfies AskOptions);
  }

  /**
   * Links to the letters the case calls for, the case file and each date for a calendar (documents/): the content
   * travels encrypted inside the link, nothing is stored. Returns the first letter, to show in the chat on request.
   */
  private async offerDocuments(step: WaterfallStepContext, file: CaseFile): Promise<LetterOffer | undefined> {
    const { lang, now } = turnInfo(step.context);
    const today = parisIsoDate(now);
    const letters = lettersFor(file, today);
    if (letters.length === 0 && file.deadlines.length === 0) return undefined;
    const { key, baseUrl, ttlHours } = this.documents;
    const links = documentLinks({ file, letters, lang, baseUrl, now, key, ttlHours });
    const text = msg(step.context, letters.length > 0 ? 'offer.text' : 'offer.caseFileOnly', { hours: ttlHours });
    await say(step.context, { kind: 'card', variant: 'info', title: msg(step.context, 'offer.title'), text, links });
    return letters.length > 0 ? { kind: letters[0], file } : undefined;
  }

  /** The letter's full text in the chat (French, in chunks any channel takes), and what it says in the learner's language. */
  private async showLetter(step: WaterfallStepContext, offer: LetterOffer): Promise<void> {
    const { lang, now } = turnInfo(step.context);
    const chunks = letterForChat(offer.kind, offer.file, parisIsoDate(now));
    await say(
      step.context,
      { kind: 'text', text: msg(step.context, 'offer.letterIntro') },
      ...chunks.map((text): View => ({ kind: 'text', text })),
      ...letterExplanation(offer.kind, lang).map((text): View => ({ kind: 'text', text })),
    );
  }

  /** Yes → the menu; no → goodbye; the letter → shown, then asked again; a problem offered or told in the reply → its route. */
  private async loopStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const result = resultOf(step, isRouteResult);
    if (result?.kind === 'switch') return step.replaceDialog(FLOW, { text: result.text } satisfies MainOptions);
    const answer = answerOf(step, isChoice);
    const values = valuesOf(step, isFlowValues);
    const dates = answerOf(step, isLaterDates);
    if (dates && values.withdrawalDates) {
      await say(step.context, { kind: 'text', text: msg(step.context, 'withdrawal.countAgain') });
      return step.replaceDialog(FLOW, { route: 'withdrawal', facts: withdrawalFactsWith(values.withdrawalDates, dates) } satisfies MainOptions);
    }
    if (answer === 'showLetter' && values.letter) {
      await this.showLetter(step, values.letter);
      // The letter is shown once; the question comes back without its button.
      values.letter = undefined;
      return this.askMore(step);
    }
    if (answer && isRoutable(answer)) return step.replaceDialog(FLOW, { route: answer } satisfies MainOptions);
    if (answer === PROBLEM_TOLD) return step.replaceDialog(FLOW, {} satisfies MainOptions);
    if (answer === 'yes') return step.replaceDialog(FLOW, { showMenu: true } satisfies MainOptions);
    await say(step.context, { kind: 'text', text: msg(step.context, 'menu.goodbye') });
    return step.endDialog();
  }
}

/**
 * The dates of a withdrawal answered from one date, with the ones the learner added: a date said to be a
 * registration or a payment replaces that one; a date alone is the one that was missing. Guessed months stay guessed.
 */
export function withdrawalFactsWith(known: WithdrawalInput, added: LaterDates): ExtractedFacts {
  const missing = known.paidOn === undefined ? 'paidOn' : 'registeredOn';
  // "Le même jour": the missing date is the one already known.
  const other = added.sameDay ? (known.registeredOn ?? known.paidOn) : added.date;
  const registeredOn = added.registeredOn ?? (missing === 'registeredOn' ? other : undefined) ?? known.registeredOn;
  const paidOn = added.paidOn ?? (missing === 'paidOn' ? other : undefined) ?? known.paidOn;
  const inferred: Array<'registeredOn' | 'paidOn'> = [];
  if (added.inferred && registeredOn !== known.registeredOn) inferred.push('registeredOn');
  if (added.inferred && paidOn !== known.paidOn) inferred.push('paidOn');
  return { registeredOn, paidOn, history: [], ...(inferred.length > 0 ? { inferred } : {}) };
}

/** The welcome sent when a user joins: who we are, and the menu as buttons. */
export function welcomeViews(context: DialogContext['context']): View[] {
  const { lang } = turnInfo(context);
  return [
    { kind: 'text', text: msg(context, 'welcome.intro') },
    { kind: 'choice', text: msg(context, 'welcome.menu'), choices: choiceSet('problems', lang) },
  ];
}

/** A message too long to read: say so and show the menu. */
export function tooLongViews(context: DialogContext['context'], maxLength: number): View[] {
  const { lang } = turnInfo(context);
  return [{ kind: 'choice', text: msg(context, 'common.tooLong', { max: maxLength }), choices: choiceSet('problems', lang) }];
}
