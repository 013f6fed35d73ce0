/**
 * The local Direct Line's conversations: who is in them and the activity log clients read with a watermark.
 * Memory is bounded: a cap on conversations (least recently used goes first), a cap on activities kept per
 * conversation (the oldest go; watermarks keep counting), and idle conversations are dropped by a sweep.
 */
import type { Activity, ChannelAccount } from 'botbuilder';
import { randomId } from './tokens';

/** What clients receive: an activity as JSON, with the id and timestamp the log gave it. */
export type LoggedActivity = Partial<Activity> & { id: string };

export type ActivityListener = (activity: LoggedActivity, watermark: string) => void;

export interface Conversation {
  id: string;
  user: ChannelAccount;
  /** From the token request or the start request; used for the welcome and for activities without one. */
  locale: string;
  localTimezone?: string;
  /** Set once the bot has been told the user joined (POST /conversations), so the welcome is sent once. */
  started: boolean;
  lastSeen: number;
  /** Sequence number of the last activity appended; the watermark is this number as a string. */
  sequence: number;
  activities: { sequence: number; activity: LoggedActivity }[];
  listeners: Set<ActivityListener>;
}

export interface ConversationStoreOptions {
  maxConversations: number;
  maxActivities: number;
  idleMs: number;
  now: () => number;
}

export const DEFAULT_CONVERSATION_OPTIONS: ConversationStoreOptions = {
  maxConversations: 1000,
  maxActivities: 200,
  idleMs: 35 * 60_000,
  now: Date.now,
};

/** Longest page of activities one GET returns; the client asks again with the new watermark. */
export const MAX_ACTIVITIES_PER_PAGE = 100;

export class ConversationStore {
  private readonly conversations = new Map<string, Conversation>();
  private readonly options: ConversationStoreOptions;
  /** Told when a conversation is dropped (idle or evicted), so its tokens and sockets go too. */
  onDrop: (conversationId: string) => void = () => undefined;

  constructor(options: Partial<ConversationStoreOptions> = {}) {
    this.options = { ...DEFAULT_CONVERSATION_OPTIONS, ...options };
  }

  create(fields: { locale: string; localTimezone?: string }): Conversation {
    this.sweep();
    while (this.conversations.size >= this.options.maxConversations) {
      const oldest = this.conversations.keys().next().value;
      if (oldest === undefined) break;
      this.drop(oldest);
    }
    const conversation: Conversation = {
      id: randomId(18),
      user: { id: `dl_${randomId(12)}`, name: '', role: 'user' },
      locale: fields.locale,
      localTimezone: fields.localTimezone,
      started: false,
      lastSeen: this.options.now(),
      sequence: 0,
      activities: [],
      listeners: new Set(),
    };
    this.conversations.set(conversation.id, conversation);
    return conversation;
  }

  get(id: string): Conversation | undefined {
    return this.conversations.get(id);
  }

  /** Marks the conversation as used now (and most recently used for eviction). */
  touch(conversation: Conversation): void {
    conversation.lastSeen = this.options.now();
    this.conversations.delete(conversation.id);
    this.conversations.set(conversation.id, conversation);
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
    conversation.activities.push({ sequence: conversation.sequence, activity: logged });
    if (conversation.activities.length > this.options.maxActivities) conversation.activities.shift();
    const watermark = String(conversation.sequence);
    for (const listener of [...conversation.listeners]) listener(logged, watermark);
    return logged;
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

  /** Drops conversations no client has called for `idleMs` (a live Web Chat refreshes its token every 15 min). */
  sweep(): void {
    const limit = this.options.now() - this.options.idleMs;
    for (const conversation of [...this.conversations.values()]) {
      if (conversation.lastSeen <= limit) this.drop(conversation.id);
    }
  }

  drop(id: string): void {
    const conversation = this.conversations.get(id);
    if (!conversation) return;
    this.conversations.delete(id);
    conversation.listeners.clear();
    this.onDrop(id);
  }

  get size(): number {
    return this.conversations.size;
  }
}
