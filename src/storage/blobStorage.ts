/**
 * Azure Blob Storage for conversation state, in botbuilder's BlobsStorage format (same blob names and JSON), on
 * the Azure SDK's ContainerClient directly for what BlobsStorage lacks:
 * - a client-side deadline on every request (BlobsStorage takes no AbortSignal), so a hung store fails a turn
 *   in seconds and the turn apologises;
 * - create-only writes (If-None-Match: *) for the first save of a conversation, so two instances starting the
 *   same conversation at once cannot silently overwrite each other;
 * - a conditional write on a removed blob (404) reported as a conflict, like a changed one (412);
 * - short retries, so an unreachable store fails a turn in seconds instead of minutes;
 * - a start-up check that the container exists (or can be created), bounded in time.
 */
import consumers from 'node:stream/consumers';
import type { Storage, StoreItems } from 'botbuilder';
import { ContainerClient, StoragePipelineOptions } from '@azure/storage-blob';
import { ConfigError } from '../config';
import { validateBlobConnectionString, validateContainerName } from './connectionString';
import { CREATE_ONLY } from './createOnly';
import { StorageConflictError, StorageStartupError, errorDetail, isETagConflict } from './errors';

/** Client-side bound on one operation with the store (its retries included). */
export const DEFAULT_REQUEST_TIMEOUT_MS = 8_000;

/** Two tries of at most 5 s each: a turn learns quickly that the store is down, and says so. */
export const BLOB_PIPELINE_OPTIONS: StoragePipelineOptions = {
  retryOptions: { maxTries: 2, tryTimeoutInMs: 5_000, retryDelayInMs: 200, maxRetryDelayInMs: 1_000 },
};

/** The blob name BlobsStorage uses for a key (same rule as botbuilder-azure-blobs' sanitizeBlobKey). */
export function blobNameForKey(key: string): string {
  if (!key) throw new Error('Please provide a non-empty key');
  const parts = key.split('/');
  let joined = parts[0];
  for (let index = 1; index < parts.length; index += 1) {
    if (parts[index]) joined = [joined, parts[index]].join(index < 255 ? '/' : '');
  }
  return encodeURIComponent(joined).substring(0, 1024);
}

function statusOf(error: unknown): unknown {
  return typeof error === 'object' && error !== null && 'statusCode' in error ? error.statusCode : undefined;
}

function codeOf(error: unknown): unknown {
  return typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
}

export class ConditionalBlobStorage implements Storage {
  /**
   * Every request to the store gets a client-side deadline of `timeoutMs` (an AbortSignal): the SDK's
   * tryTimeoutInMs only asks the server to give up, so a store that stops answering (a paused process, a
   * black-holed network) would otherwise hold the turn for as long as it hangs. Past the deadline the turn
   * fails as "storage unavailable" and apologises; nothing saved is touched, and the next message resumes.
   * Reads and writes use the same blob names and JSON as botbuilder's BlobsStorage (blobNameForKey).
   */
  constructor(
    private readonly container: ContainerClient,
    private readonly timeoutMs = DEFAULT_REQUEST_TIMEOUT_MS,
  ) {}

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    await Promise.all(
      keys.map(async (key) => {
        const item = await this.readOne(key);
        if (item) items[key] = item;
      }),
    );
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    await Promise.all(
      Object.entries(changes).map(([key, item]) => (item && item.eTag === CREATE_ONLY ? this.create(key, item) : this.writeExisting(key, item))),
    );
  }

  async delete(keys: string[]): Promise<void> {
    await Promise.all(keys.map((key) => this.container.getBlobClient(blobNameForKey(key)).deleteIfExists({ abortSignal: this.deadline() })));
  }

  private deadline(): AbortSignal {
    return AbortSignal.timeout(this.timeoutMs);
  }

  private async readOne(key: string): Promise<StoreItems[string] | undefined> {
    const abortSignal = this.deadline();
    try {
      const blob = await this.container.getBlobClient(blobNameForKey(key)).download(0, undefined, { abortSignal });
      if (!blob.readableStreamBody) return undefined;
      const parsed: unknown = await consumers.json(blob.readableStreamBody);
      return { ...(typeof parsed === 'object' && parsed !== null ? parsed : {}), eTag: blob.etag };
    } catch (error) {
      // No such blob, or no container yet: nothing stored.
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }

  private async create(key: string, item: StoreItems[string]): Promise<void> {
    const { eTag: _marker, ...value } = item;
    const body = JSON.stringify(value);
    const upload = () =>
      this.container.getBlockBlobClient(blobNameForKey(key)).upload(body, Buffer.byteLength(body), {
        conditions: { ifNoneMatch: '*' },
        blobHTTPHeaders: { blobContentType: 'application/json' },
        abortSignal: this.deadline(),
      });
    try {
      try {
        await upload();
      } catch (error) {
        // The container vanished (deleted by hand, or an emulator restarted empty): recreate it once.
        if (codeOf(error) !== 'ContainerNotFound') throw error;
        await this.container.createIfNotExists({ abortSignal: this.deadline() });
        await upload();
      }
    } catch (error) {
      // 409 BlobAlreadyExists (412 on some versions): someone created it first.
      const status = statusOf(error);
      if (status === 409 || status === 412) throw new StorageConflictError(error);
      throw error;
    }
  }

  private async writeExisting(key: string, item: StoreItems[string]): Promise<void> {
    const { eTag, ...value } = item ?? {};
    const body = JSON.stringify(value);
    try {
      await this.container.getBlockBlobClient(blobNameForKey(key)).upload(body, Buffer.byteLength(body), {
        conditions: typeof eTag === 'string' && eTag !== '*' && eTag !== '' ? { ifMatch: eTag } : {},
        blobHTTPHeaders: { blobContentType: 'application/json' },
        abortSignal: this.deadline(),
      });
    } catch (error) {
      // If-Match on a blob (or container) deleted meanwhile: the item changed under us, like a 412.
      const status = statusOf(error);
      if (isETagConflict(error) || status === 412 || status === 404) throw new StorageConflictError(error);
      throw error;
    }
  }

  toJSON(): { name: string } {
    return { name: 'ConditionalBlobStorage' };
  }
}

export interface BlobSettings {
  connectionString: string;
  container: string;
  /** Client-side deadline of each operation (DEFAULT_REQUEST_TIMEOUT_MS). */
  requestTimeoutMs?: number;
}

/** Validates the settings offline, then builds the clients (no network yet). */
export function createBlobStorage(settings: BlobSettings): { storage: Storage; container: ContainerClient } {
  validateBlobConnectionString(settings.connectionString);
  validateContainerName(settings.container);
  try {
    const container = new ContainerClient(settings.connectionString, settings.container, BLOB_PIPELINE_OPTIONS);
    return { storage: new ConditionalBlobStorage(container, settings.requestTimeoutMs), container };
  } catch (error) {
    throw new ConfigError(`BLOB_CONNECTION_STRING was rejected by the Azure Storage client (${errorDetail(error)}).`);
  }
}

/**
 * Creates the container if needed, within `timeoutMs`. Any failure stops the start (see docs/privacy.md and the
 * deployment README): a refused key or a wrong account never heals by itself, and App Service restarts a
 * failed process, so a transient outage at start only delays it.
 */
export async function ensureBlobContainer(container: ContainerClient, timeoutMs: number): Promise<void> {
  try {
    await container.createIfNotExists({ abortSignal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const status = statusOf(error);
    const name = error instanceof Error ? error.name : '';
    let why: string;
    if (name === 'AbortError' || name === 'TimeoutError') why = `it did not answer within ${Math.round(timeoutMs / 1000)} s`;
    else if (status === 403) why = 'it refused the credentials (check AccountKey or the SAS permissions)';
    else if (typeof status === 'number') why = `it answered HTTP ${status}`;
    else why = `it could not be reached (${errorDetail(error)})`;
    throw new StorageStartupError(`Blob container "${container.containerName}" is not usable: ${why}.`);
  }
}
