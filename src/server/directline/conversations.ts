/**
 * The local Direct Line's conversations: who is in them and the activity log clients read with a watermark.
 *
 * Memory is bounded by construction, and nobody's traffic can push out someone else's live conversation:
 * - at most `maxConversations` conversations, and at most `maxPerClient` of them for one client address
 *   (see clientIdentity.ts); at either cap a new conversation is refused (503 with Retry-After), never made
 *   room for by dropping another one;
 * - each conversation keeps at most `maxActivities` activities and `maxBytesPerConversation` bytes of them
 *   (its own oldest go first; watermarks keep counting);
 * - a client's activity is refused while all logs together hold `maxBytesTotal` bytes;
 * - a conversation no client called for `idleMs` expires (`unstartedIdleMs` for one that was never started:
 *   a token minted and never used holds a place for two minutes, not half an hour).
 * The map itself is lru-cache (per-entry time to live and a dispose hook); its size cap is never reached
 * because `create` refuses first, so it never evicts.
 */
import type { Activity, ChannelAccount } from 'botbuilder';
import { LRUCache } from 'lru-cache';
import { randomId } from './tokens';

/** What clients receive: an activity as JSON, with the id and timestamp the log gave it. */
export type LoggedActivity = Partial<Activity> & { id: string };

export type ActivityListener = (activity: LoggedActivity, watermark: string) => void;

export interface Conversation {
  id: string;
  user: ChannelAccount;
  /** The client address (clientIdentity.ts) that created it, counted against its per-client cap. */
  client: string;
  /** From the token request or the start request; used for the welcome and for activities without one. */
  locale: string;
  localTimezone?: string;
  /** Set once the bot has been told the user joined (POST /conversations), so the welcome is sent once. */
  started: boolean;
  /** Set when the user asked for their data to be erased: the conversation ends once the current turn is over. */
  erased: boolean;
  lastSeen: number;
  /** Sequence number of the last activity appended; the watermark is this number as a string. */
  sequence: number;
  activities: { sequence: number; activity: LoggedActivity; bytes: number }[];
  /** Bytes of JSON held in `activities`. */
  bytes: number;
  listeners: Set<ActivityListener>;
}

export interface ConversationStoreOptions {
  maxConversations: number;
  maxPerClient: number;
  maxActivities: number;
  maxBytesPerConversation: number;
  maxBytesTotal: number;
  idleMs: number;
  unstartedIdleMs: number;
  now: () => number;
}

export const DEFAULT_CONVERSATION_OPTIONS: ConversationStoreOptions = {
  maxConversations: 1000,
  maxPerClient: 20,
  maxActivities: 200,
  maxBytesPerConversation: 128 * 1024,
  maxBytesTotal: 32 * 1024 * 1024,
  idleMs: 35 * 60_000,
  unstartedIdleMs: 2 * 60_000,
  now: Date.now,
};

/** Longest page of activities one GET returns; the client asks again with the new watermark. */
export const MAX_ACTIVITIES_PER_PAGE = 100;

export type Refusal = { refused: 'conversations' | 'client' | 'bytes'; retryAfterSeconds: number };

export class ConversationStore {
  private readonly cache: LRUCache<string, Conversation>;
  private readonly perClient = new Map<string, number>();
  private totalBytes = 0;
  private readonly options: ConversationStoreOptions;
  /** Told when a conversation ends (idle, erased), so its tokens and sockets go too. */
  onDrop: (conversationId: string) => void = () => undefined;

  constructor(options: Partial<ConversationStoreOptions> = {}) {
    this.options = { ...DEFAULT_CONVERSATION_OPTIONS, ...options };
    const now = this.options.now;
    this.cache = new LRUCache<string, Conversation>({
      // One more than the cap so that a bug in the checks below would show as a refusal, never as an eviction.
      max: this.options.maxConversations + 1,
      ttl: this.options.idleMs,
      ttlResolution: 0,
      perf: { now },
      dispose: (conversation, id) => this.forget(conversation, id),
    });
  }

  /** A new conversation, or why not (the caller answers 503 with Retry-After). */
  create(fields: { locale: string; localTimezone?: string; client: string }): Conversation | Refusal {
    this.sweep();
    const retryAfterSeconds = Math.max(1, Math.ceil(this.options.unstartedIdleMs / 1000));
    if (this.cache.size >= this.options.maxConversations) return { refused: 'conversations', retryAfterSeconds };
    if ((this.perClient.get(fields.client) ?? 0) >= this.options.maxPerClient) return { refused: 'client', retryAfterSeconds };
    const conversation: Conversation = {
      id: randomId(18),
      user: { id: `dl_${randomId(12)}`, name: '', role: 'user' },
      client: fields.client,
      locale: fields.locale,
      localTimezone: fields.localTimezone,
      started: false,
      erased: false,
      lastSeen: this.options.now(),
      sequence: 0,
      activities: [],
      bytes: 0,
      listeners: new Set(),
    };
    this.perClient.set(fields.client, (this.perClient.get(fields.client) ?? 0) + 1);
    this.cache.set(conversation.id, conversation, { ttl: this.options.unstartedIdleMs });
    return conversation;
  }

  get(id: string): Conversation | undefined {
    return this.cache.get(id, { updateAgeOnGet: false });
  }

  /** Marks the conversation as used now: its idle time starts again (the full one once it is started). */
  touch(conversation: Conversation): void {
    conversation.lastSeen = this.options.now();
    if (!this.cache.has(conversation.id)) return;
    this.cache.set(conversation.id, conversation, { ttl: conversation.started ? this.options.idleMs : this.options.unstartedIdleMs, noDisposeOnSet: true });
  }

  /** Whether a client activity of this many bytes may be logged now (false: the logs together are full). */
  hasRoomFor(bytes: number): boolean {
    return this.totalBytes + bytes <= this.options.maxBytesTotal;
  }

  /** Appends an activity with the next id and tells the listeners (the WebSocket streams). */
  append(conversation: Conversation, activity: Partial<Activity>): LoggedActivity {
    conversation.sequence += 1;
    const logged: LoggedActivity = {
      ...activity,
      id: `${conversation.id}|${String(conversation.sequence).padStart(7, '0')}`,
      timestamp: activity.timestamp ?? new Date(this.options.now()),
      conversation: { id: conversation.id, isGroup: false, conversationType: 'personal', name: '' },
    };
    const bytes = jsonBytes(logged);
    conversation.activities.push({ sequence: conversation.sequence, activity: logged, bytes });
    conversation.bytes += bytes;
    this.totalBytes += bytes;
    // The conversation's own oldest activities go first; the newest always stays (it is what the client waits for).
    while (
      conversation.activities.length > 1 &&
      (conversation.activities.length > this.options.maxActivities || conversation.bytes > this.options.maxBytesPerConversation)
    ) {
      const removed = conversation.activities.shift();
      conversation.bytes -= removed?.bytes ?? 0;
      this.totalBytes -= removed?.bytes ?? 0;
    }
    const watermark = String(conversation.sequence);
    for (const listener of [...conversation.listeners]) listener(logged, watermark);
    return logged;
  }

  /** Forgets every activity logged so far (erasure); watermarks keep counting. */
  clear(conversation: Conversation): void {
    this.totalBytes -= conversation.bytes;
    conversation.bytes = 0;
    conversation.activities = [];
  }

  /** Activities after a watermark (all of them for an empty one), one page at a time. */
  since(conversation: Conversation, watermark: number): { activities: LoggedActivity[]; watermark: string } {
    const page = conversation.activities.filter((entry) => entry.sequence > watermark).slice(0, MAX_ACTIVITIES_PER_PAGE);
    const last = page.at(-1)?.sequence ?? Math.min(Math.max(watermark, 0), conversation.sequence);
    return { activities: page.map((entry) => entry.activity), watermark: String(last) };
  }

  subscribe(conversation: Conversation, listener: ActivityListener): () => void {
    conversation.listeners.add(listener);
    return () => conversation.listeners.delete(listener);
  }

  /** Drops conversations past their idle time (also done on each create). */
  sweep(): void {
    this.cache.purgeStale();
  }

  drop(id: string): void {
    this.cache.delete(id);
  }

  get size(): number {
    return this.cache.size;
  }

  /** Bytes held by all logs together. */
  get bytes(): number {
    return this.totalBytes;
  }

  /** Live conversations of one client address. */
  countFor(client: string): number {
    return this.perClient.get(client) ?? 0;
  }

  private forget(conversation: Conversation, id: string): void {
    this.totalBytes -= conversation.bytes;
    conversation.bytes = 0;
    conversation.activities = [];
    conversation.listeners.clear();
    const left = (this.perClient.get(conversation.client) ?? 1) - 1;
    if (left > 0) this.perClient.set(conversation.client, left);
    else this.perClient.delete(conversation.client);
    this.onDrop(id);
  }
}

/** Size of an activity as JSON (UTF-16 code units: a bound on what it costs in memory, not an exact count). */
export function jsonBytes(value: unknown): number {
  return JSON.stringify(value)?.length ?? 0;
}
