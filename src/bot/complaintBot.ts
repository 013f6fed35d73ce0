/** Turn handling: welcome on join, global erasure, a guard on message size, then the dialog tree. */
import { ActivityHandler, ConversationState, StatePropertyAccessor, TurnContext } from 'botbuilder';
import { DialogSet, DialogState, DialogTurnStatus } from 'botbuilder-dialogs';
import type { Logger } from 'pino';
import { MAIN_DIALOG, MainDialog, welcomeViews, tooLongViews } from '../../dialogs/mainDialog';
import { turnReading } from '../../dialogs/turnReading';
import { discardViews, say, msg } from '../../dialogs/say';
import { incomingText, isWelcomeMoment } from '../rendering/incoming';
import { turnInfo } from '../../dialogs/turnInfo';
import type { TransactionalTurn } from './transactionalTurn';

/** Longer messages are answered with the menu and never reach the recognizers. */
export const MAX_MESSAGE_LENGTH = 5000;

export class ComplaintBot extends ActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly dialogs: DialogSet;
  /** Told the conversation id on "delete my data", so the edge erases its copies too (bootstrap wires it). */
  onErase: (conversationId: string) => void = () => undefined;

  constructor(
    private readonly conversationState: ConversationState,
    private readonly mainDialog: MainDialog,
    private readonly logger: Logger | undefined,
    /** Turns are serialized per conversation and saved with eTags; the replies leave once the state is saved. */
    private readonly transactions: TransactionalTurn,
  ) {
    super();
    this.dialogState = conversationState.createProperty<DialogState>('dialog');
    this.dialogs = new DialogSet(this.dialogState).add(mainDialog);

    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      if (isWelcomeMoment(context.activity)) await say(context, ...welcomeViews(context));
      await next();
    });

    // Teams: the app installed (personal chat); group chats are welcomed on the bot's conversationUpdate.
    this.onInstallationUpdate(async (context, next) => {
      if (isWelcomeMoment(context.activity)) await say(context, ...welcomeViews(context));
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    // Replies held until the state is saved conditionally; re-run on a conflict (see transactionalTurn.ts).
    await this.transactions.run(context, () => this.answer(context));
  }

  /**
   * One run of the turn's logic: what it says is queued (dialogs/say.ts) and sent once the state is saved
   * (a re-run starts afresh).
   */
  private async answer(context: TurnContext): Promise<void> {
    discardViews(context);
    await super.run(context);
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    // Teams @mentions of the bot removed, Messenger quick-reply payloads read: the turn's text, kept in turn state
    // (the activity itself is never changed).
    const text = incomingText(context);
    const info = turnInfo(context);
    if (text.length > MAX_MESSAGE_LENGTH) {
      this.logger?.info({ event: 'message.tooLong', length: text.length, channel: info.channelId });
      await say(context, ...tooLongViews(context, MAX_MESSAGE_LENGTH));
      return;
    }
    // The turn's one reading of the message (dialogs/turnReading.ts), which the dialogs then use too.
    if (turnReading(context, this.mainDialog.understanding).command === 'deleteData') {
      await this.conversationState.delete(context);
      this.onErase(context.activity.conversation.id);
      this.logger?.info({ event: 'state.deleted' });
      await say(context, { kind: 'text', text: msg(context, 'privacy.deleted') });
      return;
    }
    const dc = await this.dialogs.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(MAIN_DIALOG);
  }
}
