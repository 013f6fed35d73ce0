/**
 * Bearer tokens of the local Direct Line: random, bound to one conversation, expiring, refreshable.
 * Only a hash of each token is kept, so a memory dump does not hand out live tokens.
 */
import { createHash, randomBytes } from 'node:crypto';
import { LRUCache } from 'lru-cache';

export interface TokenGrant {
  token: string;
  conversationId: string;
  /** Seconds until the token expires, as Direct Line's `expires_in`. */
  expiresIn: number;
}

export type TokenCheck =
  | { ok: true; conversationId: string; expiresAt: number }
  | { ok: false; reason: 'missing' | 'unknown' | 'expired' };

interface Entry {
  conversationId: string;
  expiresAt: number;
}

export interface TokenStoreOptions {
  ttlMs: number;
  /** Refreshes keep older tokens valid until they expire; beyond this many per conversation the oldest goes. */
  maxPerConversation: number;
  now: () => number;
}

export const DEFAULT_TOKEN_OPTIONS: TokenStoreOptions = { ttlMs: 30 * 60_000, maxPerConversation: 4, now: Date.now };

const hash = (token: string) => createHash('sha256').update(token).digest('base64url');

export function randomId(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}

export class TokenStore {
  private readonly entries = new Map<string, Entry>();
  private readonly byConversation = new Map<string, string[]>();
  private readonly options: TokenStoreOptions;

  constructor(options: Partial<TokenStoreOptions> = {}) {
    this.options = { ...DEFAULT_TOKEN_OPTIONS, ...options };
  }

  mint(conversationId: string): TokenGrant {
    const token = randomId(32);
    const key = hash(token);
    this.entries.set(key, { conversationId, expiresAt: this.options.now() + this.options.ttlMs });
    const keys = [...(this.byConversation.get(conversationId) ?? []), key];
    while (keys.length > this.options.maxPerConversation) this.entries.delete(keys.shift() ?? '');
    this.byConversation.set(conversationId, keys);
    return { token, conversationId, expiresIn: Math.floor(this.options.ttlMs / 1000) };
  }

  check(token: string | undefined): TokenCheck {
    if (!token) return { ok: false, reason: 'missing' };
    const entry = this.entries.get(hash(token));
    if (!entry) return { ok: false, reason: 'unknown' };
    if (entry.expiresAt <= this.options.now()) return { ok: false, reason: 'expired' };
    return { ok: true, conversationId: entry.conversationId, expiresAt: entry.expiresAt };
  }

  /** A fresh token for the same conversation; the old one stays valid until it expires. */
  refresh(token: string | undefined): TokenGrant | TokenCheck {
    const current = this.check(token);
    return current.ok ? this.mint(current.conversationId) : current;
  }

  secondsLeft(expiresAt: number): number {
    return Math.max(0, Math.floor((expiresAt - this.options.now()) / 1000));
  }

  revokeConversation(conversationId: string): void {
    for (const key of this.byConversation.get(conversationId) ?? []) this.entries.delete(key);
    this.byConversation.delete(conversationId);
  }

  /** Forgets expired tokens (called by the periodic sweep). */
  sweep(): void {
    const now = this.options.now();
    for (const [conversationId, keys] of this.byConversation) {
      const alive = keys.filter((key) => {
        const entry = this.entries.get(key);
        if (entry && entry.expiresAt > now) return true;
        this.entries.delete(key);
        return false;
      });
      if (alive.length) this.byConversation.set(conversationId, alive);
      else this.byConversation.delete(conversationId);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}

/**
 * One-use tickets carried in the WebSocket streamUrl (browsers cannot send headers on a WebSocket). At most
 * `perConversation` live tickets per conversation (its own oldest goes), so one client asking for stream URLs in
 * a loop cannot push out anyone else's ticket; lru-cache drops them after `ttlMs`.
 */
export class StreamTickets {
  private readonly tickets: LRUCache<string, Entry>;
  private readonly byConversation = new Map<string, string[]>();

  constructor(
    private readonly ttlMs = 2 * 60_000,
    private readonly perConversation = 3,
    private readonly now: () => number = Date.now,
  ) {
    // The per-conversation cap bounds it by construction; `max` is only a backstop (a ticket pushed out just fails).
    this.tickets = new LRUCache<string, Entry>({ max: 100_000, ttl: ttlMs, ttlAutopurge: false, ttlResolution: 0, perf: { now }, dispose: (entry, key) => this.unlink(entry.conversationId, key) });
  }

  issue(conversationId: string): string {
    const ticket = randomId(24);
    const key = hash(ticket);
    const keys = [...(this.byConversation.get(conversationId) ?? []), key];
    this.byConversation.set(conversationId, keys);
    this.tickets.set(key, { conversationId, expiresAt: this.now() + this.ttlMs });
    while ((this.byConversation.get(conversationId)?.length ?? 0) > this.perConversation) {
      this.tickets.delete(this.byConversation.get(conversationId)?.[0] ?? '');
    }
    return ticket;
  }

  /** The ticket's conversation if it is live; a ticket works once. */
  redeem(ticket: string | null): string | undefined {
    if (!ticket) return undefined;
    const key = hash(ticket);
    const entry = this.tickets.get(key);
    this.tickets.delete(key);
    return entry && entry.expiresAt > this.now() ? entry.conversationId : undefined;
  }

  /** Tickets of a conversation that ended. */
  revokeConversation(conversationId: string): void {
    for (const key of [...(this.byConversation.get(conversationId) ?? [])]) this.tickets.delete(key);
  }

  sweep(): void {
    this.tickets.purgeStale();
  }

  get size(): number {
    return this.tickets.size;
  }

  private unlink(conversationId: string, key: string): void {
    const left = (this.byConversation.get(conversationId) ?? []).filter((other) => other !== key);
    if (left.length) this.byConversation.set(conversationId, left);
    else this.byConversation.delete(conversationId);
  }
}
