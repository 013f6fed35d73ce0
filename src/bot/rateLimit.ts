/**
 * Per-conversation rate limit, as adapter middleware (before state is read and before the dialogs run).
 *
 * A conversation may have at most `messages` accepted activities in any sliding window of `windowMs`
 * (typing indicators are free). The first activity over the limit that is a message is answered once with
 * `common.rateLimited`; the following ones are dropped silently until an activity is accepted again. A
 * dropped turn runs no bot logic; the HTTP answer stays 200 (an error status would make channels retry the
 * very messages being shed), except an invoke, which gets the invoke response 429.
 *
 * Memory is bounded: one entry per conversation seen in the last window (a conversation idle for a whole
 * window has nothing left to remember and is evicted), and never more than `maxConversations` entries (the
 * least recently seen are evicted first).
 */
import { ActivityTypes, Middleware, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { hashId } from '../logging';
import { replyUnsaved } from '../../dialogs/say';

export interface RateLimitOptions {
  messages: number;
  windowMs: number;
  /** Upper bound on remembered conversations (default 50,000: about 10 MB at the default limit of 20). */
  maxConversations?: number;
  clock?: () => number;
}

export type RateDecision = 'allow' | 'warn' | 'drop';

interface Entry {
  /** Times of the last `messages` accepted activities, as a ring. */
  times: number[];
  next: number;
  warned: boolean;
  lastSeen: number;
}

export class ConversationRateLimiter {
  private readonly entries = new Map<string, Entry>();
  private readonly maxConversations: number;
  private readonly clock: () => number;

  constructor(private readonly options: RateLimitOptions) {
    if (!(options.messages >= 1 && options.windowMs >= 1)) throw new Error('rate limit: messages and windowMs must be at least 1');
    this.maxConversations = options.maxConversations ?? 50_000;
    this.clock = options.clock ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  /** `canWarn`: whether this activity may carry the warning (a message); otherwise an excess one is only dropped. */
  check(key: string, canWarn = true): RateDecision {
    const now = this.clock();
    this.evict(now);
    let entry = this.entries.get(key);
    if (entry) {
      // Map order is recency order: move to the end.
      this.entries.delete(key);
    } else {
      entry = { times: [], next: 0, warned: false, lastSeen: now };
    }
    entry.lastSeen = now;
    this.entries.set(key, entry);

    const { messages, windowMs } = this.options;
    const oldest = entry.times.length < messages ? undefined : entry.times[entry.next];
    if (oldest === undefined || now - oldest >= windowMs) {
      entry.times[entry.next] = now;
      entry.next = (entry.next + 1) % messages;
      entry.warned = false;
      return 'allow';
    }
    if (entry.warned || !canWarn) return 'drop';
    entry.warned = true;
    return 'warn';
  }

  /** Drops conversations idle for a whole window (oldest first, so this stops at the first recent one), then the overflow. */
  private evict(now: number): void {
    for (const [key, entry] of this.entries) {
      if (now - entry.lastSeen < this.options.windowMs && this.entries.size < this.maxConversations) break;
      this.entries.delete(key);
    }
  }
}

export class RateLimitMiddleware implements Middleware {
  private readonly limiter: ConversationRateLimiter;

  constructor(
    options: RateLimitOptions,
    private readonly logger?: Logger,
    private readonly logHashSalt = '',
  ) {
    this.limiter = new ConversationRateLimiter(options);
  }

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { activity } = context;
    const conversationId = activity.conversation?.id;
    if (activity.type === ActivityTypes.Typing || !conversationId) {
      await next();
      return;
    }
    const decision = this.limiter.check(`${activity.channelId ?? ''}\u0000${conversationId}`, activity.type === ActivityTypes.Message);
    if (decision === 'allow') {
      await next();
      return;
    }
    if (decision === 'warn') {
      this.logger?.info({ event: 'rateLimit.exceeded', conversation: hashId(conversationId, this.logHashSalt), activityType: activity.type });
    }
    try {
      if (activity.type === ActivityTypes.Invoke) {
        await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 429 } });
      } else if (decision === 'warn') {
        await replyUnsaved(context, 'common.rateLimited');
      }
    } catch (error) {
      this.logger?.warn({ event: 'rateLimit.reply-failed', errorName: error instanceof Error ? error.name : typeof error });
    }
  }
}
