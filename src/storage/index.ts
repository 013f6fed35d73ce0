/**
 * The conversation-state store chosen by configuration (STATE_STORAGE=memory|blob|cosmos), always wrapped so that:
 * - state expires STATE_TTL_DAYS after its last write (ExpiringStorage; plus the store's own expiry for Cosmos,
 *   and the Blob lifecycle rule of the deployment template);
 * - every failure reaches the bot as a conflict or as "storage unavailable" (GuardedStorage).
 * Settings are checked offline first; Blob and Cosmos are then reached once, within a bounded time, and any
 * failure stops the start with a ConfigError (index.ts exits 2 with its message).
 */
import { MemoryStorage, Storage } from 'botbuilder';
import type { Logger } from 'pino';
import type { StorageConfig } from '../config';
import { DAY_MS, ExpiringStorage } from './expiringStorage';
import { GuardedStorage } from './guardedStorage';

export { ExpiringStorage, LAST_WRITE } from './expiringStorage';
export { GuardedStorage } from './guardedStorage';
export { CREATE_ONLY } from './createOnly';
export { StorageConflictError, StorageStartupError, StorageUnavailableError, isETagConflict, isStorageFailure } from './errors';

export interface CreateStorageOptions {
  ttlDays: number;
  logger?: Logger;
  /** Injectable clock (ms since the epoch) for the expiry. */
  now?: () => number;
  /** Bound on the start-up check of Blob / Cosmos. */
  startupTimeoutMs?: number;
  /** Client-side bound on each operation with Blob / Cosmos during a turn. */
  requestTimeoutMs?: number;
}

export const DEFAULT_STARTUP_TIMEOUT_MS = 10_000;

export async function createStorage(config: StorageConfig, options: CreateStorageOptions): Promise<Storage> {
  const timeoutMs = options.startupTimeoutMs ?? DEFAULT_STARTUP_TIMEOUT_MS;
  let base: Storage;
  switch (config.kind) {
    case 'memory':
      base = new MemoryStorage();
      break;
    // The Azure SDKs are loaded only when configured: memory storage starts lighter and faster without them.
    case 'blob': {
      const { createBlobStorage, ensureBlobContainer } = await import('./blobStorage');
      const { storage, container } = createBlobStorage({ ...config, requestTimeoutMs: options.requestTimeoutMs });
      await ensureBlobContainer(container, timeoutMs);
      base = storage;
      break;
    }
    case 'cosmos': {
      const { createCosmosStorage } = await import('./cosmosStorage');
      base = await createCosmosStorage(config, Math.round(options.ttlDays * 24 * 60 * 60), timeoutMs, options.requestTimeoutMs);
      break;
    }
  }
  options.logger?.info({ event: 'storage.ready', storage: config.kind, ttlDays: options.ttlDays });
  return new ExpiringStorage(new GuardedStorage(base), { ttlMs: options.ttlDays * DAY_MS, now: options.now, logger: options.logger });
}
