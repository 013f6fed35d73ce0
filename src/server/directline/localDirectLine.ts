/**
 * The local Direct Line's state and rules, without HTTP: conversations, tokens, who may touch what,
 * and the two directions of traffic (client → bot through the bridge, bot → log through the connector).
 */
import type { Activity } from 'botbuilder';
import type { Logger } from 'pino';
import { hashId } from '../../logging';
import { joinActivity, parseBotReply, userActivity } from './activities';
import type { BotBridge } from './botBridge';
import { Conversation, ConversationStore, ConversationStoreOptions, LoggedActivity } from './conversations';
import { StreamTickets, TokenGrant, TokenStore, TokenStoreOptions } from './tokens';

export interface LocalDirectLineOptions {
  conversations?: Partial<ConversationStoreOptions>;
  tokens?: Partial<TokenStoreOptions>;
  now?: () => number;
}

export type Access =
  | { ok: true; conversation: Conversation; token: string; expiresAt: number }
  | { ok: false; status: 401 | 403 | 404; code: string; message: string };

export const DEFAULT_LOCALE = 'fr-FR';

export class LocalDirectLine {
  readonly conversations: ConversationStore;
  readonly tokens: TokenStore;
  readonly tickets: StreamTickets;
  private readonly now: () => number;

  constructor(
    readonly bridge: BotBridge,
    private readonly logger: Logger,
    private readonly logSalt: string,
    options: LocalDirectLineOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.conversations = new ConversationStore({ now: this.now, ...options.conversations });
    this.tokens = new TokenStore({ now: this.now, ...options.tokens });
    this.tickets = new StreamTickets(undefined, undefined, this.now);
    this.conversations.onDrop = (id) => this.tokens.revokeConversation(id);
  }

  /** A new conversation and its first token (POST /api/directline/token). */
  createConversation(locale: string | undefined, localTimezone: string | undefined): TokenGrant {
    const conversation = this.conversations.create({ locale: locale ?? DEFAULT_LOCALE, localTimezone });
    return this.tokens.mint(conversation.id);
  }

  /**
   * Checks a bearer token, and the conversation in the path when there is one.
   * Missing or unknown token: 401. Expired token, or a token for another conversation: 403 (the client
   * library treats 403 as "expired", so it stops rather than retries). Unknown conversation: 404.
   */
  access(token: string | undefined, conversationId?: string): Access {
    const check = this.tokens.check(token);
    if (!check.ok) {
      return check.reason === 'expired'
        ? { ok: false, status: 403, code: 'TokenExpired', message: 'The token has expired.' }
        : { ok: false, status: 401, code: 'BadToken', message: 'A valid bearer token is required.' };
    }
    const conversation = this.conversations.get(conversationId ?? check.conversationId);
    if (!conversation) return { ok: false, status: 404, code: 'BadArgument', message: 'Conversation not found.' };
    if (conversation.id !== check.conversationId) {
      return { ok: false, status: 403, code: 'Forbidden', message: 'The token is not valid for this conversation.' };
    }
    this.conversations.touch(conversation);
    return { ok: true, conversation, token: token ?? '', expiresAt: check.expiresAt };
  }

  /** Tells the bot the user joined, once per conversation, so the welcome is in the log before the client reads it. */
  async start(conversation: Conversation, locale: string | undefined): Promise<boolean> {
    if (conversation.started) return false;
    conversation.started = true;
    if (locale) conversation.locale = locale;
    try {
      await this.bridge.deliver(joinActivity(conversation, this.bridge.serviceUrl(), new Date(this.now())));
      this.logger.info({ event: 'directline.started', conversation: this.hash(conversation.id), locale: conversation.locale });
    } catch (error) {
      this.logger.warn({ event: 'directline.join.failed', conversation: this.hash(conversation.id), errorMessage: errorMessage(error) });
    }
    return true;
  }

  /** Logs the client's activity (Web Chat waits for this echo) and has the bot handle it. */
  async post(conversation: Conversation, activity: Partial<Activity>): Promise<{ id: string; delivered: boolean }> {
    const logged = this.conversations.append(conversation, userActivity(conversation, activity, new Date(this.now())));
    try {
      await this.bridge.deliver({ ...logged, serviceUrl: this.bridge.serviceUrl() });
      return { id: logged.id, delivered: true };
    } catch (error) {
      this.logger.warn({ event: 'directline.bot.failed', conversation: this.hash(conversation.id), errorMessage: errorMessage(error) });
      return { id: logged.id, delivered: false };
    }
  }

  /** A reply the bot sent to the connector endpoint; refused for conversations this server did not start. */
  receive(conversationId: string, body: unknown, replyToId?: string): { ok: true; activity: LoggedActivity } | { ok: false; status: 400 | 404; message: string } {
    const conversation = this.conversations.get(conversationId);
    if (!conversation) return { ok: false, status: 404, message: 'Conversation not found.' };
    const reply = parseBotReply(conversation, body, replyToId);
    if (!reply.ok) return { ok: false, status: 400, message: reply.message };
    return { ok: true, activity: this.conversations.append(conversation, reply.value) };
  }

  sweep(): void {
    this.conversations.sweep();
    this.tokens.sweep();
    this.tickets.sweep();
  }

  private hash(id: string): string {
    return hashId(id, this.logSalt);
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
