/** Turns whatever a store throws into the two errors the bot understands (see errors.ts). */
import type { Storage, StoreItems } from 'botbuilder';
import { StorageConflictError, StorageUnavailableError, errorDetail, isETagConflict } from './errors';

export class GuardedStorage implements Storage {
  constructor(private readonly inner: Storage) {}

  async read(keys: string[]): Promise<StoreItems> {
    try {
      return await this.inner.read(keys);
    } catch (error) {
      throw classify('read', error);
    }
  }

  async write(changes: StoreItems): Promise<void> {
    try {
      await this.inner.write(changes);
    } catch (error) {
      throw classify('write', error);
    }
  }

  async delete(keys: string[]): Promise<void> {
    try {
      await this.inner.delete(keys);
    } catch (error) {
      throw classify('delete', error);
    }
  }

  // Protects against JSON.stringify cycles (botbuilder does the same for its stores).
  toJSON(): { name: string } {
    return { name: 'GuardedStorage' };
  }
}

function classify(operation: 'read' | 'write' | 'delete', error: unknown): Error {
  if (error instanceof StorageConflictError || error instanceof StorageUnavailableError) return error;
  if (operation === 'write' && isETagConflict(error)) return new StorageConflictError(error);
  return new StorageUnavailableError(operation, errorDetail(error), error);
}
