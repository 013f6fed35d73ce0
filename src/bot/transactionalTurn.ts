/**
 * A turn as a transaction on the conversation's state, so that several instances behind a load balancer, a crash,
 * or two messages of one conversation at once never corrupt the state nor drop a step silently:
 *
 * 1. Turns of one conversation run one at a time in this process (KeyedMutex, bounded; "busy" when exceeded).
 * 2. The state is read fresh from the store, remembering its eTag.
 * 3. The bot's replies are held back (context.onSendActivities) while the turn runs.
 * 4. The state is saved only if it changed, conditionally on the eTag read (or create-only when there was
 *    nothing), and only then are the replies sent. A crash before the save loses the turn as a whole (the user
 *    saw no answer and can resend); a crash after it loses at most the replies, never a saved step.
 * 5. If another instance saved first (eTag conflict), the turn is thrown away and re-run from scratch on the new
 *    state — replies included — up to `maxAttempts` times; then the user is told to resend (common.busy).
 * A store that cannot be reached is reported as StorageUnavailableError to the adapter's onTurnError, which
 * apologises (common.storageUnavailable) and leaves the stored state alone.
 *
 * botbuilder's BotState.saveChanges always writes with eTag "*" (last writer wins), which is why the save is done
 * here with the eTag read at the start of the turn.
 */
import { Activity, ActivityTypes, ResourceResponse, Storage, TurnContext, calculateChangeHash } from 'botbuilder';
import type { BotState } from 'botbuilder';
import type { Logger } from 'pino';
import { hashId } from '../logging';
import { CREATE_ONLY } from '../storage/createOnly';
import { StorageUnavailableError, errorDetail, isETagConflict, isStorageFailure } from '../storage/errors';
import { BusyError, KeyedMutex } from './keyedMutex';
import { discardViews, flushViews, replyUnsaved } from '../../dialogs/say';

/** A BotState whose storage key can be computed for a turn (ConversationState, UserState). */
export type KeyedBotState = BotState & { getStorageKey(context: TurnContext): string | undefined };

export interface TransactionalTurnOptions {
  /** The store the states were created on. */
  storage: Storage;
  states: KeyedBotState[];
  logger?: Logger;
  /** Salt for the hashed conversation id in logs. */
  hashSalt?: string;
  /** Runs of one turn at most (the first plus re-runs after conflicts). */
  maxAttempts?: number;
  mutex?: KeyedMutex;
}

interface Loaded {
  state: KeyedBotState;
  key: string;
  eTag: string | undefined;
  hash: string;
}

/**
 * The turn's outbox: what the turn said (the views it queued, dialogs/say.ts) goes out when its state is saved,
 * rendered for the channel; anything sent directly meanwhile is held until then too. Registered once per turn context.
 */
class Outbox {
  private held: Partial<Activity>[] = [];
  private holding = false;

  constructor(private readonly context: TurnContext) {
    context.onSendActivities(async (_context, activities, next): Promise<ResourceResponse[]> => {
      if (!this.holding) return next();
      this.held.push(...activities);
      return activities.map(() => ({ id: '' }));
    });
  }

  hold(): void {
    this.held = [];
    this.holding = true;
  }

  /** Stops holding and forgets what was held or queued (the turn is thrown away). */
  discard(): void {
    this.held = [];
    this.holding = false;
    discardViews(this.context);
  }

  /** The state is saved: sends what was held, then the turn's answer. */
  async release(): Promise<void> {
    const activities = this.held;
    this.held = [];
    this.holding = false;
    if (activities.length > 0) await this.context.sendActivities(activities);
    await flushViews(this.context);
  }
}

export class TransactionalTurn {
  private readonly maxAttempts: number;
  private readonly mutex: KeyedMutex;

  constructor(private readonly options: TransactionalTurnOptions) {
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 3);
    this.mutex = options.mutex ?? new KeyedMutex();
  }

  async run(context: TurnContext, turn: () => Promise<void>): Promise<void> {
    const conversationId = context.activity.conversation?.id;
    if (!conversationId) {
      // No conversation, no state to save: the answer goes out at once.
      await turn();
      await flushViews(context);
      return;
    }
    try {
      await this.mutex.run(`${context.activity.channelId}|${conversationId}`, () => this.attempt(context, turn));
    } catch (error) {
      if (!(error instanceof BusyError)) throw error;
      this.options.logger?.warn({ event: 'turn.busy', reason: error.reason, conversation: this.hash(context) });
      await this.sayBusy(context);
    }
  }

  private async attempt(context: TurnContext, turn: () => Promise<void>): Promise<void> {
    // What the adapter put in turnState before the bot ran; restored before a re-run so that nothing cached by
    // the thrown-away run (state caches, dialog flags) leaks into the next one.
    // The incoming text the dialogs read is cached there too (src/rendering/incoming.ts), read afresh from the
    // activity, which nothing changes.
    const initialTurnState = new Map(context.turnState);
    const outbox = new Outbox(context);
    for (let attempt = 1; ; attempt += 1) {
      if (attempt > 1) {
        context.turnState.clear();
        for (const [key, value] of initialTurnState) context.turnState.set(key, value);
      }
      outbox.hold();
      try {
        const loaded = await this.load(context);
        await turn();
        await this.save(context, loaded);
      } catch (error) {
        outbox.discard();
        if (!isETagConflict(error)) throw error;
        if (attempt < this.maxAttempts) {
          this.options.logger?.info({ event: 'turn.conflict', attempt, conversation: this.hash(context) });
          continue;
        }
        this.options.logger?.warn({ event: 'turn.conflict.gave-up', attempts: attempt, conversation: this.hash(context) });
        await this.sayBusy(context);
        return;
      }
      await outbox.release();
      if (attempt > 1) this.options.logger?.info({ event: 'turn.conflict.resolved', attempts: attempt, conversation: this.hash(context) });
      return;
    }
  }

  private async load(context: TurnContext): Promise<Loaded[]> {
    const loaded: Loaded[] = [];
    for (const state of this.options.states) {
      const key = state.getStorageKey(context);
      if (!key) continue;
      let value: Record<string, unknown>;
      try {
        value = await state.load(context, true);
      } catch (error) {
        throw asStorageError('read', error);
      }
      loaded.push({ state, key, eTag: typeof value.eTag === 'string' ? value.eTag : undefined, hash: calculateChangeHash(value) });
    }
    return loaded;
  }

  private async save(context: TurnContext, loaded: Loaded[]): Promise<void> {
    for (const { state, key, eTag, hash } of loaded) {
      const current: Record<string, unknown> | undefined = state.get(context);
      // Deleted during the turn ("delete my data"), or unchanged: nothing to write.
      if (!current || calculateChangeHash(current) === hash) continue;
      const { eTag: currentETag, ...value } = current;
      let condition: string;
      if (currentETag === '*') {
        // Someone called saveChanges() during the turn, which wrote with "*": our eTag is stale by now.
        this.options.logger?.warn({ event: 'turn.save.unconditional', conversation: this.hash(context) });
        condition = '*';
      } else {
        condition = eTag ?? CREATE_ONLY;
      }
      try {
        await this.options.storage.write({ [key]: { ...value, eTag: condition } });
      } catch (error) {
        throw asStorageError('write', error);
      }
    }
  }

  private async sayBusy(context: TurnContext): Promise<void> {
    if (context.activity.type !== ActivityTypes.Message) return;
    await replyUnsaved(context, 'common.busy');
  }

  private hash(context: TurnContext): string {
    return hashId(context.activity.conversation?.id, this.options.hashSalt ?? '');
  }
}

/** Failures of the store itself keep their meaning; anything else from a load or save is "unavailable". */
function asStorageError(operation: 'read' | 'write', error: unknown): unknown {
  return isStorageFailure(error) ? error : new StorageUnavailableError(operation, errorDetail(error), error);
}
