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
import type { View } from '../src/rendering/view';
import type { Lang, RouteKey } from '../src/domain/types';
import type { GlobalCommand, Understanding } from '../src/understanding/understanding';
import { AskDialog, AskOptions, Interpreter } from './prompts/askDialog';
import { buttonOnly, pickedChoice } from './prompts/interpreters';
import { choiceSet, routeTitle } from './prompts/choiceSets';
import { isRoutable, routeDialogId } from './routeKeys';
import { createRouteDialogs } from './routes';
import { answerOf } from './routeDialog';
import type { RouteResult } from './routeDialog';
import { formCard, phoneCard } from './cards';
import { msg, say, setTurnLang, turnInfo } from './say';
import { turnReading } from './turnReading';
import { telemetry as defaultTelemetry, Telemetry } from '../src/telemetry';

export const MAIN_DIALOG = 'main';
const FLOW = 'main.flow';
const ASK_PROBLEM = 'main.askProblem';
const ASK_SUBMENU = 'main.askSubmenu';
const ASK_MORE = 'main.askMore';

export interface MainOptions {
  /** A new problem typed where another question was asked; by default the message that began the dialog. */
  text?: string;
  /** Show the menu without reading the current message (after "menu", "restart" or "yes, something else"). */
  showMenu?: boolean;
  /** A problem already chosen (a button offered at the end of another route). */
  route?: RouteKey;
}

/** What the flow remembers between its steps: the route being answered and the other problems the message named. */
interface FlowValues {
  route?: RouteKey;
  others?: RouteKey[];
}

/** Where the first step leads: a route (sure, or picked), or a sub-menu / confirmation to ask. */
type Picked = { route: RouteKey; others: RouteKey[] } | { ask: AskOptions };

const SUBMENUS = { contacts: 'menu.contactQuestion', otherProblems: 'menu.otherProblemsQuestion' } as const;
type Submenu = keyof typeof SUBMENUS;
const isSubmenu = (value: string | undefined): value is Submenu => value === 'contacts' || value === 'otherProblems';

/** Conversation language: stored in the main dialog's own state, so a short "ok" keeps the language of the text before. */
const LANG_KEY = 'lang';

/** A menu answer: a button, or a message read as a problem (sure, or to confirm). */
const problemAnswer: Interpreter<Picked> = ({ picked, reading }) => {
  if (picked && isRoutable(picked)) return { route: picked, others: [] };
  if (isSubmenu(picked)) return { ask: { question: SUBMENUS[picked], choices: picked } };
  if (!reading.text) return undefined;
  const request = reading.request();
  if (request.kind !== 'problem') return undefined;
  if (request.sure) return { route: request.route, others: request.others };
  return { ask: { question: 'understand.confirm', choices: { routes: request.candidates, last: 'somethingElse' } } };
};

/** A sub-menu or confirmation answer: a button, or a message that now names a problem clearly. */
const submenuAnswer: Interpreter<string> = (input) => {
  const picked = buttonOnly(input);
  if (picked !== undefined || !input.reading.text) return picked;
  const request = input.reading.request();
  return request.kind === 'problem' && request.sure ? request.route : undefined;
};

export class MainDialog extends ComponentDialog {
  constructor(
    private readonly understanding: Understanding,
    /** Counts problems asked about and routes completed (identifiers only, never text). */
    private readonly telemetry: Telemetry = defaultTelemetry,
  ) {
    super(MAIN_DIALOG);
    this.addDialog(
      new WaterfallDialog(FLOW, [
        this.understandStep.bind(this),
        this.submenuStep.bind(this),
        this.routeStep.bind(this),
        this.anythingElseStep.bind(this),
        this.loopStep.bind(this),
      ]),
    );
    this.addDialog(new AskDialog(ASK_PROBLEM, understanding, problemAnswer, false));
    this.addDialog(new AskDialog(ASK_SUBMENU, understanding, submenuAnswer));
    this.addDialog(new AskDialog(ASK_MORE, understanding, pickedChoice));
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
    const state = inner.parent?.activeDialog?.state as Record<string, unknown> | undefined;
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
            : [{ kind: 'text', text: msg(context, 'common.personIntro') }, phoneCard(context)];
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
    const options = (step.options ?? {}) as MainOptions;
    if (options.route) return step.next({ route: options.route, others: [] } satisfies Picked);
    const reading = turnReading(step.context, this.understanding);
    const text = options.showMenu ? '' : (options.text ?? reading.text);
    // The text is understood now; it is not kept in the stored dialog state.
    delete options.text;
    if (!text) return this.askProblem(step, { question: 'menu.question', choices: 'problems' });
    const picked = problemAnswer({ text, picked: this.pickedFromMenu(step, text), lang: turnInfo(step.context).lang, now: turnInfo(step.context).now, understanding: this.understanding, reading });
    const request = reading.request();
    this.telemetry.trackEvent('reading', { kind: request.kind === 'problem' ? (request.sure ? 'sure' : 'confirm') : request.kind === 'nonProblem' ? request.intent : 'unclear' });
    if (picked) return step.next(picked);
    if (request.kind === 'nonProblem') return this.nonProblem(step, request.intent);
    // Not sure at all: say so, and still help: the registered learners' form and the phone, then the menu.
    await say(step.context, { kind: 'text', text: msg(step.context, 'understand.notSure') }, formCard(step.context, true), phoneCard(step.context));
    return this.askProblem(step, { question: 'understand.describeOrPick', choices: 'problems', attempts: 1 });
  }

  private pickedFromMenu(step: WaterfallStepContext, text: string): string | undefined {
    const { lang } = turnInfo(step.context);
    const choices = [...choiceSet('problems', lang), ...choiceSet('otherProblems', lang), ...choiceSet('contacts', lang)];
    const said = text.trim().toLowerCase();
    return choices.find((choice) => choice.title.toLowerCase() === said || choice.value.toLowerCase() === said)?.value;
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
    const picked = answerOf<Picked>(step) ?? (step.result as Picked);
    if ('route' in picked) return step.next(picked);
    return step.beginDialog(ASK_SUBMENU, picked.ask);
  }

  /** Begins the route dialog with what the message already says. */
  private async routeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const chosen = answerOf<string>(step);
    if (chosen === 'somethingElse') {
      await say(step.context, { kind: 'text', text: msg(step.context, 'understand.notSure') }, formCard(step.context, true), phoneCard(step.context));
      return step.replaceDialog(FLOW, { showMenu: true } satisfies MainOptions);
    }
    const picked: { route: RouteKey; others: RouteKey[] } | undefined =
      chosen && isRoutable(chosen) ? { route: chosen, others: [] } : 'route' in (step.result as Picked) ? (step.result as { route: RouteKey; others: RouteKey[] }) : undefined;
    if (!picked) return step.replaceDialog(FLOW, { showMenu: true } satisfies MainOptions);
    const facts = turnReading(step.context, this.understanding).facts();
    this.telemetry.trackEvent('problem', { intent: picked.route });
    const values = step.values as FlowValues;
    values.route = picked.route;
    values.others = picked.others;
    return step.beginDialog(routeDialogId(picked.route), { facts });
  }

  /** Every route ends by offering the other problems the message named, or asking whether there is anything else. */
  private async anythingElseStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const result = step.result as RouteResult | undefined;
    if (result?.kind === 'switch') return step.replaceDialog(FLOW, { text: result.text } satisfies MainOptions);
    const { route, others } = step.values as FlowValues;
    if (route) this.telemetry.trackEvent('routeCompleted', { route });
    if (others && others.length > 0) {
      const { lang } = turnInfo(step.context);
      const problems = others.map((other) => `« ${routeTitle(other, lang)} »`).join(', ');
      return step.beginDialog(ASK_MORE, { question: 'understand.alsoMentioned', params: { problems }, choices: { routes: others, last: 'noThanks' } } satisfies AskOptions);
    }
    return step.beginDialog(ASK_MORE, { question: 'menu.anythingElse', choices: 'anythingElse' } satisfies AskOptions);
  }

  /** Yes → the menu; no → goodbye (a later message starts again); a problem offered → its route; a new problem → route it. */
  private async loopStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const result = step.result as RouteResult | undefined;
    if (result?.kind === 'switch') return step.replaceDialog(FLOW, { text: result.text } satisfies MainOptions);
    const answer = answerOf<string>(step);
    if (answer && isRoutable(answer)) return step.replaceDialog(FLOW, { route: answer } satisfies MainOptions);
    if (answer === 'yes') return step.replaceDialog(FLOW, { showMenu: true } satisfies MainOptions);
    await say(step.context, { kind: 'text', text: msg(step.context, 'menu.goodbye') });
    return step.endDialog();
  }
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
