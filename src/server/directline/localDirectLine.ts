/**
 * The local Direct Line's state and rules, without HTTP: conversations, tokens, who may touch what,
 * and the two directions of traffic (client → bot through the bridge, bot → log through the connector).
 */
import type { Activity } from 'botbuilder';
import type { Logger } from 'pino';
import { hashId } from '../../logging';
import { joinActivity, parseBotReply, userActivity } from './activities';
import type { BotBridge } from './botBridge';
import { Conversation, ConversationStore, ConversationStoreOptions, LoggedActivity, Refusal, jsonBytes } from './conversations';
import { WindowLimiter } from './rateLimit';
import { StreamTickets, TokenGrant, TokenStore, TokenStoreOptions } from './tokens';

export interface LocalDirectLineOptions {
  conversations?: Partial<ConversationStoreOptions>;
  tokens?: Partial<TokenStoreOptions>;
  /** Client activities accepted per conversation and window, counted before anything is stored. */
  posts?: { max: number; windowMs: number };
  /** Largest client activity kept in the log, as JSON. */
  maxActivityBytes?: number;
  now?: () => number;
}

/** A client activity larger than this (as JSON) is refused with 413: a message of 20,000 characters fits. */
export const MAX_ACTIVITY_BYTES = 32 * 1024;

export type PostResult =
  | { ok: true; id: string; delivered: boolean }
  | { ok: false; status: 413 | 429 | 503; code: string; message: string; retryAfter?: number };

export type Access =
  | { ok: true; conversation: Conversation; token: string; expiresAt: number }
  | { ok: false; status: 401 | 403 | 404; code: string; message: string };

export const DEFAULT_LOCALE = 'fr-FR';

export class LocalDirectLine {
  readonly conversations: ConversationStore;
  readonly tokens: TokenStore;
  readonly tickets: StreamTickets;
  private readonly now: () => number;
  private readonly posts: WindowLimiter;
  private readonly maxActivityBytes: number;

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
    this.conversations.onDrop = (id) => {
      this.tokens.revokeConversation(id);
      this.tickets.revokeConversation(id);
    };
    this.posts = new WindowLimiter(options.posts?.max ?? 40, options.posts?.windowMs ?? 10_000);
    this.maxActivityBytes = options.maxActivityBytes ?? MAX_ACTIVITY_BYTES;
  }

  /** A new conversation and its first token (POST /api/directline/token), or why not (full: 503, nothing evicted). */
  createConversation(locale: string | undefined, localTimezone: string | undefined, client = 'local'): TokenGrant | Refusal {
    const conversation = this.conversations.create({ locale: locale ?? DEFAULT_LOCALE, localTimezone, client });
    if ('refused' in conversation) {
      this.logger.warn({ event: 'directline.full', reason: conversation.refused, conversations: this.conversations.size });
      return conversation;
    }
    return this.tokens.mint(conversation.id);
  }

  /** Counts a client post against its conversation's window, before its body is read or anything is stored. */
  async admitPost(conversation: Conversation): Promise<{ allowed: boolean; retryAfter: number }> {
    return this.posts.take(conversation.id);
  }

  /**
   * "Delete my data" (from the bot's turn): the conversation's transcript is forgotten now, and the conversation
   * itself (tokens, streams) ends once the turn that asked is over, so the confirmation still reaches the user.
   */
  erase(conversationId: string): void {
    const conversation = this.conversations.get(conversationId);
    if (!conversation) return;
    conversation.erased = true;
    this.conversations.clear(conversation);
    this.logger.info({ event: 'directline.erased', conversation: this.hash(conversation.id) });
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
    this.conversations.touch(conversation);
    if (locale) conversation.locale = locale;
    try {
      await this.bridge.deliver(joinActivity(conversation, this.bridge.serviceUrl(), new Date(this.now())));
      this.logger.info({ event: 'directline.started', conversation: this.hash(conversation.id), locale: conversation.locale });
    } catch (error) {
      this.logger.warn({ event: 'directline.join.failed', conversation: this.hash(conversation.id), errorName: errorName(error) });
    }
    return true;
  }

  /** Logs the client's activity (Web Chat waits for this echo) and has the bot handle it. */
  async post(conversation: Conversation, activity: Partial<Activity>): Promise<PostResult> {
    const entry = userActivity(conversation, activity, new Date(this.now()));
    const bytes = jsonBytes(entry);
    if (bytes > this.maxActivityBytes) return { ok: false, status: 413, code: 'PayloadTooLarge', message: 'The activity is too large.' };
    if (!this.conversations.hasRoomFor(bytes)) {
      this.logger.warn({ event: 'directline.full', reason: 'bytes', bytes: this.conversations.bytes });
      return { ok: false, status: 503, code: 'ServiceUnavailable', message: 'The chat is busy; try again shortly.', retryAfter: 30 };
    }
    const logged = this.conversations.append(conversation, entry);
    try {
      await this.bridge.deliver({ ...logged, serviceUrl: this.bridge.serviceUrl() });
      return { ok: true, id: logged.id, delivered: true };
    } catch (error) {
      this.logger.warn({ event: 'directline.bot.failed', conversation: this.hash(conversation.id), errorName: errorName(error) });
      return { ok: true, id: logged.id, delivered: false };
    } finally {
      // Erased during this turn: the confirmation was sent; the conversation ends (tokens revoked, streams closed).
      if (conversation.erased) this.conversations.drop(conversation.id);
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

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
