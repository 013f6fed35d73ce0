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
import { ActivityTypes } from 'botbuilder';
import type { View } from '../src/rendering/view';
import type { Understanding } from './understanding';
import { AskDialog, AskOptions, Interpreter } from './prompts/askDialog';
import { pickedChoice } from './prompts/interpreters';
import { choiceSet, matchChoice } from './prompts/choiceSets';
import { isRoutable, routeDialogId, RouteKey } from './routeKeys';
import { createRouteDialogs } from './routes';
import { answerOf } from './routeDialog';
import type { RouteResult } from './routeDialog';
import { matchGlobalCommand, GlobalCommand } from './globalCommands';
import { phoneCard } from './cards';
import { msg, say, turnInfo } from './say';
import { telemetry as defaultTelemetry, Telemetry } from '../src/telemetry';

export const MAIN_DIALOG = 'main';
const FLOW = 'main.flow';
const ASK_PROBLEM = 'main.askProblem';
const ASK_CONTACT = 'main.askContact';
const ASK_MORE = 'main.askMore';

export interface MainOptions {
  /** A new problem typed where another question was asked; by default the message that began the dialog. */
  text?: string;
  /** Show the menu without reading the current message (after "menu", "restart" or "yes, something else"). */
  showMenu?: boolean;
}

/** The text to understand when the flow begins: explicit, else the message that began it, unless the menu is asked for. */
function textToUnderstand(context: DialogContext['context'], options: MainOptions | undefined): string | undefined {
  if (options?.showMenu) return undefined;
  const fromActivity = context.activity.type === ActivityTypes.Message ? context.activity.text : undefined;
  return (options?.text ?? fromActivity)?.trim() || undefined;
}

type MenuPick = RouteKey | 'contacts';
/** What the flow remembers between its steps: only the route being answered. */
interface FlowValues {
  route?: RouteKey;
}
interface Picked {
  route: MenuPick;
  text?: string;
}

/** A menu answer: a button, or a message the classifier understands. */
const problemAnswer: Interpreter<Picked> = ({ text, picked, lang, understanding }) => {
  if (picked && (isRoutable(picked) || picked === 'contacts')) return { route: picked };
  const intent = text ? understanding.classify(text, lang).intent : null;
  return intent && isRoutable(intent) ? { route: intent, text } : undefined;
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
        this.contactsStep.bind(this),
        this.routeStep.bind(this),
        this.anythingElseStep.bind(this),
        this.loopStep.bind(this),
      ]),
    );
    this.addDialog(new AskDialog(ASK_PROBLEM, understanding, problemAnswer, false));
    this.addDialog(new AskDialog(ASK_CONTACT, understanding, pickedChoice));
    this.addDialog(new AskDialog(ASK_MORE, understanding, pickedChoice));
    for (const dialog of createRouteDialogs(understanding)) this.addDialog(dialog);
    this.initialDialogId = FLOW;
  }

  /** A global command typed anywhere is handled before the active step sees the message. */
  protected override async onContinueDialog(inner: DialogContext): Promise<DialogTurnResult> {
    const command = inner.context.activity.type === ActivityTypes.Message ? matchGlobalCommand(inner.context.activity.text ?? '') : undefined;
    if (command) return this.runCommand(inner, command, true);
    return super.onContinueDialog(inner);
  }

  protected override async onBeginDialog(inner: DialogContext, options?: MainOptions): Promise<DialogTurnResult> {
    const text = textToUnderstand(inner.context, options);
    const command = text ? matchGlobalCommand(text) : undefined;
    if (command) return this.runCommand(inner, command, false);
    return super.onBeginDialog(inner, options);
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

  /** Understands the first message; shows the menu when there is none or it is unclear. */
  private async understandStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { lang } = turnInfo(step.context);
    const options = step.options as MainOptions | undefined;
    const text = textToUnderstand(step.context, options);
    // The text is understood now; it is not kept in the stored dialog state.
    if (options?.text) delete options.text;
    if (!text) return this.askProblem(step, { question: 'menu.question', choices: 'problems' });
    const picked = matchChoice(text, choiceSet('problems', lang))?.value;
    if (picked === 'contacts' || (picked && isRoutable(picked))) return step.next({ route: picked } satisfies Picked);
    const intent = this.understanding.classify(text, lang).intent;
    if (intent && isRoutable(intent)) return step.next({ route: intent, text } satisfies Picked);
    if (intent === 'greeting') return this.askProblem(step, { question: 'menu.greeting', choices: 'problems' });
    if (intent === 'help') return this.askProblem(step, { question: 'menu.help', choices: 'problems' });
    return this.askProblem(step, { question: 'menu.question', choices: 'problems', attempts: 1 });
  }

  private askProblem(step: WaterfallStepContext, options: AskOptions): Promise<DialogTurnResult> {
    return step.beginDialog(ASK_PROBLEM, options);
  }

  /** "Contacts" opens the sub-menu of CNED's channels. */
  private async contactsStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const picked = answerOf<Picked>(step) ?? (step.result as Picked);
    if (picked.route !== 'contacts') return step.next(picked);
    return step.beginDialog(ASK_CONTACT, { question: 'menu.contactQuestion', choices: 'contacts' } satisfies AskOptions);
  }

  /** Begins the route dialog with what the message already says. */
  private async routeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const contact = answerOf<string>(step);
    const picked: Picked = contact && isRoutable(contact) ? { route: contact } : (step.result as Picked);
    if (picked.route === 'contacts') return step.replaceDialog(FLOW, { showMenu: true } satisfies MainOptions);
    const { lang, now } = turnInfo(step.context);
    const facts = picked.text ? this.understanding.extractFacts(picked.text, lang, now) : { history: [] };
    this.telemetry.trackEvent('problem', { intent: picked.route });
    (step.values as FlowValues).route = picked.route;
    return step.beginDialog(routeDialogId(picked.route), { facts });
  }

  /** Every route ends by asking whether there is anything else. */
  private async anythingElseStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const result = step.result as RouteResult | undefined;
    if (result?.kind === 'switch') return step.replaceDialog(FLOW, { text: result.text } satisfies MainOptions);
    const { route } = step.values as FlowValues;
    if (route) this.telemetry.trackEvent('routeCompleted', { route });
    return step.beginDialog(ASK_MORE, { question: 'menu.anythingElse', choices: 'anythingElse' } satisfies AskOptions);
  }

  /** Yes → the menu; no → goodbye (a later message starts again); a new problem → route it. */
  private async loopStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const result = step.result as RouteResult | undefined;
    if (result?.kind === 'switch') return step.replaceDialog(FLOW, { text: result.text } satisfies MainOptions);
    if (answerOf<string>(step) === 'yes') return step.replaceDialog(FLOW, { showMenu: true } satisfies MainOptions);
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
