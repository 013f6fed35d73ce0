/**
 * The two storage failures a turn must tell apart:
 * - a conflict (another turn saved the same conversation first): reload and re-run the turn;
 * - an unavailable store (network, credentials, service down): apologise, keep the stored state as it is.
 * Messages never carry the underlying error's text, which can hold blob URLs (and so conversation ids).
 */
import { ConfigError } from '../config';

/** Thrown at start when the store cannot be reached or refuses the credentials. */
export class StorageStartupError extends ConfigError {}

/** Another writer changed (or created, or removed) the item since this turn read it. */
export class StorageConflictError extends Error {
  override readonly name = 'StorageConflictError';
  constructor(override readonly cause?: unknown) {
    super('Storage: the item changed since it was read (eTag conflict).');
  }
}

/** The store could not be read or written. `cause` keeps the original error for debugging, never for logs. */
export class StorageUnavailableError extends Error {
  override readonly name = 'StorageUnavailableError';
  constructor(
    readonly operation: 'read' | 'write' | 'delete',
    readonly detail: string,
    override readonly cause?: unknown,
  ) {
    super(`Storage ${operation} failed (${detail}).`);
  }
}

function field(error: unknown, name: string): unknown {
  return typeof error === 'object' && error !== null && name in error ? (error as Record<string, unknown>)[name] : undefined;
}

/** A short, text-free description of an error: its code or HTTP status, else its class name. */
export function errorDetail(error: unknown): string {
  const code = field(error, 'code');
  const status = field(error, 'statusCode');
  const name = error instanceof Error ? error.name : typeof error;
  const parts = [name];
  if (typeof code === 'string' || typeof code === 'number') parts.push(String(code));
  if (typeof status === 'number') parts.push(`HTTP ${status}`);
  return parts.join(' ');
}

/**
 * An optimistic-concurrency failure, whatever the store: our own error, botbuilder's MemoryStorage and
 * BlobsStorage ("... due to eTag conflict."), Cosmos (code 412) or Blob (statusCode 412) errors.
 */
export function isETagConflict(error: unknown): boolean {
  if (error instanceof StorageConflictError) return true;
  if (field(error, 'statusCode') === 412 || field(error, 'code') === 412) return true;
  return error instanceof Error && /eTag conflict/i.test(error.message);
}

/** Any failure of the store itself (conflicts included). */
export function isStorageFailure(error: unknown): boolean {
  return error instanceof StorageUnavailableError || isETagConflict(error);
}
