/**
 * Azure Blob Storage for conversation state: botbuilder's BlobsStorage, plus what it lacks for several instances:
 * - create-only writes (If-None-Match: *) for the first save of a conversation, so two instances starting the
 *   same conversation at once cannot silently overwrite each other;
 * - a conditional write on a removed blob (404) reported as a conflict, like a changed one (412);
 * - short retries, so an unreachable store fails a turn in seconds instead of minutes;
 * - a start-up check that the container exists (or can be created), bounded in time.
 */
import { BlobsStorage } from 'botbuilder-azure-blobs';
import type { Storage, StoreItems } from 'botbuilder';
import { ContainerClient, StoragePipelineOptions } from '@azure/storage-blob';
import { ConfigError } from '../config';
import { validateBlobConnectionString, validateContainerName } from './connectionString';
import { CREATE_ONLY } from './createOnly';
import { StorageConflictError, StorageStartupError, errorDetail, isETagConflict } from './errors';

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
  private blobs: Storage;

  /**
   * `makeBlobs` builds the BlobsStorage; it is called again after a failure because BlobsStorage caches its
   * first container check — a rejected one too, which would fail every later call even once the store is back.
   */
  constructor(
    private readonly makeBlobs: () => Storage,
    private readonly container: ContainerClient,
  ) {
    this.blobs = makeBlobs();
  }

  read(keys: string[]): Promise<StoreItems> {
    return this.call((blobs) => blobs.read(keys));
  }

  async write(changes: StoreItems): Promise<void> {
    const creates: [string, StoreItems[string]][] = [];
    const others: StoreItems = {};
    for (const [key, item] of Object.entries(changes)) {
      if (item && item.eTag === CREATE_ONLY) creates.push([key, item]);
      else others[key] = item;
    }
    await Promise.all([
      ...creates.map(([key, item]) => this.create(key, item)),
      Object.keys(others).length > 0 ? this.writeExisting(others) : Promise.resolve(),
    ]);
  }

  delete(keys: string[]): Promise<void> {
    return this.call((blobs) => blobs.delete(keys));
  }

  private async call<T>(operation: (blobs: Storage) => Promise<T>): Promise<T> {
    const blobs = this.blobs;
    try {
      return await operation(blobs);
    } catch (error) {
      if (!isETagConflict(error) && this.blobs === blobs) this.blobs = this.makeBlobs();
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
      });
    try {
      try {
        await upload();
      } catch (error) {
        // The container vanished (deleted by hand, or an emulator restarted empty): recreate it once.
        if (codeOf(error) !== 'ContainerNotFound') throw error;
        await this.container.createIfNotExists();
        await upload();
      }
    } catch (error) {
      // 409 BlobAlreadyExists (412 on some versions): someone created it first.
      const status = statusOf(error);
      if (status === 409 || status === 412) throw new StorageConflictError(error);
      throw error;
    }
  }

  private async writeExisting(changes: StoreItems): Promise<void> {
    try {
      await this.call((blobs) => blobs.write(changes));
    } catch (error) {
      // If-Match on a blob (or container) deleted meanwhile: the item changed under us, like a 412.
      if (isETagConflict(error) || statusOf(error) === 404) throw new StorageConflictError(error);
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
}

/** Validates the settings offline, then builds the clients (no network yet). */
export function createBlobStorage(settings: BlobSettings): { storage: Storage; container: ContainerClient } {
  validateBlobConnectionString(settings.connectionString);
  validateContainerName(settings.container);
  const makeBlobs = () => new BlobsStorage(settings.connectionString, settings.container, { storagePipelineOptions: BLOB_PIPELINE_OPTIONS });
  try {
    const container = new ContainerClient(settings.connectionString, settings.container, BLOB_PIPELINE_OPTIONS);
    return { storage: new ConditionalBlobStorage(makeBlobs, container), container };
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
