/**
 * Expiry for any Storage: every write stamps the item with its write time; a read treats an item older than the
 * time to live as absent and deletes it. The stamp never reaches the bot (it is removed on read), so the dialog
 * state and its change hash are unaffected. Items without a stamp are kept (their age is unknown); the store's own
 * expiry (Blob lifecycle rule, Cosmos TTL) removes those.
 */
import type { Storage, StoreItem, StoreItems } from 'botbuilder';
import type { Logger } from 'pino';
import { errorDetail } from './errors';

/** The stamp's property name in stored items: milliseconds since the epoch of the last write. */
export const LAST_WRITE = '_lastWrite';

export const DAY_MS = 24 * 60 * 60 * 1000;

export interface ExpiringStorageOptions {
  /** Items whose last write is at least this old are expired. */
  ttlMs: number;
  /** The clock, injectable for tests; defaults to Date.now. */
  now?: () => number;
  logger?: Logger;
}

export class ExpiringStorage implements Storage {
  private readonly now: () => number;

  constructor(
    private readonly inner: Storage,
    private readonly options: ExpiringStorageOptions,
  ) {
    if (!Number.isFinite(options.ttlMs) || options.ttlMs <= 0) throw new RangeError('ExpiringStorage: ttlMs must be a positive number.');
    this.now = options.now ?? Date.now;
  }

  async read(keys: string[]): Promise<StoreItems> {
    const items = await this.inner.read(keys);
    const now = this.now();
    const fresh: StoreItems = {};
    const expired: Record<string, StoreItem> = {};
    for (const [key, item] of Object.entries(items)) {
      if (!item || typeof item !== 'object') continue;
      const { [LAST_WRITE]: lastWrite, ...value } = item as StoreItem;
      if (typeof lastWrite === 'number' && now - lastWrite >= this.options.ttlMs) expired[key] = item as StoreItem;
      else fresh[key] = value;
    }
    const expiredKeys = Object.keys(expired);
    if (expiredKeys.length > 0) {
      try {
        await this.inner.delete(expiredKeys);
        this.options.logger?.info({ event: 'state.expired', count: expiredKeys.length });
      } catch (error) {
        // Still absent for the bot; keep the eTag so the next save replaces the stale item instead of
        // colliding with it (a create-only write would conflict forever until the store's own expiry).
        this.options.logger?.warn({ event: 'state.expire-delete-failed', count: expiredKeys.length, error: errorDetail(error) });
        for (const key of expiredKeys) {
          const eTag = expired[key].eTag;
          if (typeof eTag === 'string') fresh[key] = { eTag };
        }
      }
    }
    return fresh;
  }

  async write(changes: StoreItems): Promise<void> {
    const now = this.now();
    const stamped: StoreItems = {};
    for (const [key, item] of Object.entries(changes)) stamped[key] = { ...(item as StoreItem), [LAST_WRITE]: now };
    await this.inner.write(stamped);
  }

  async delete(keys: string[]): Promise<void> {
    await this.inner.delete(keys);
  }

  toJSON(): { name: string } {
    return { name: 'ExpiringStorage' };
  }
}
