/**
 * Azure Cosmos DB for conversation state: botbuilder's CosmosDbPartitionedStorage on a container this module
 * prepares at start with a default TTL (Cosmos then deletes every item STATE_TTL_DAYS after its last write), plus
 * create-only writes for the first save of a conversation (items.create fails with 409 when it already exists).
 * Not exercised against a real Cosmos DB in this repository's tests (no emulator in CI): the Blob store is.
 */
import { CosmosClient, Container } from '@azure/cosmos';
import { CosmosDbKeyEscape, CosmosDbPartitionedStorage } from 'botbuilder-azure';
import type { Storage, StoreItems } from 'botbuilder';
import { validateCosmosSettings } from './connectionString';
import { CREATE_ONLY } from './createOnly';
import { StorageConflictError, StorageStartupError, errorDetail, isETagConflict } from './errors';

export interface CosmosSettings {
  endpoint: string;
  key: string;
  database: string;
  container: string;
}

function codeOf(error: unknown): unknown {
  return typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
}

export class ConditionalCosmosStorage implements Storage {
  constructor(
    private readonly inner: Storage,
    private readonly container: Container,
    private readonly requestTimeoutMs = 8_000,
  ) {}

  read(keys: string[]): Promise<StoreItems> {
    return this.inner.read(keys);
  }

  async write(changes: StoreItems): Promise<void> {
    const others: StoreItems = {};
    const creates: Promise<void>[] = [];
    for (const [key, item] of Object.entries(changes)) {
      if (item && item.eTag === CREATE_ONLY) creates.push(this.create(key, item));
      else others[key] = item;
    }
    await Promise.all([...creates, Object.keys(others).length > 0 ? this.writeExisting(others) : Promise.resolve()]);
  }

  delete(keys: string[]): Promise<void> {
    return this.inner.delete(keys);
  }

  /** The same document shape CosmosDbPartitionedStorage writes (non-compatibility mode): { id, realId, document }. */
  private async create(key: string, item: StoreItems[string]): Promise<void> {
    const { eTag: _marker, ...document } = item;
    const id = CosmosDbKeyEscape.escapeKey(key, undefined, false);
    try {
      await this.container.items.create({ id, realId: key, document }, { abortSignal: AbortSignal.timeout(this.requestTimeoutMs) });
    } catch (error) {
      if (codeOf(error) === 409) throw new StorageConflictError(error);
      throw error;
    }
  }

  private async writeExisting(changes: StoreItems): Promise<void> {
    try {
      await this.inner.write(changes);
    } catch (error) {
      if (isETagConflict(error) || codeOf(error) === 404) throw new StorageConflictError(error);
      throw error;
    }
  }

  toJSON(): { name: string } {
    return { name: 'ConditionalCosmosStorage' };
  }
}

/**
 * Creates the database and container if needed and sets the container's default TTL (seconds), within
 * `timeoutMs`; a failure stops the start like the Blob check does.
 */
export async function prepareCosmosContainer(settings: CosmosSettings, ttlSeconds: number, timeoutMs: number): Promise<Container> {
  const client = new CosmosClient({ endpoint: settings.endpoint, key: settings.key, connectionPolicy: { requestTimeout: timeoutMs } });
  const abortSignal = AbortSignal.timeout(timeoutMs);
  try {
    const { database } = await client.databases.createIfNotExists({ id: settings.database }, { abortSignal });
    const { container, resource } = await database.containers.createIfNotExists(
      { id: settings.container, partitionKey: { paths: ['/id'] }, defaultTtl: ttlSeconds },
      { abortSignal },
    );
    if (resource && resource.defaultTtl !== ttlSeconds) {
      await container.replace({ ...resource, defaultTtl: ttlSeconds }, { abortSignal });
    }
    return container;
  } catch (error) {
    const code = codeOf(error);
    const name = error instanceof Error ? error.name : '';
    let why: string;
    if (name === 'AbortError' || name === 'TimeoutError') why = `it did not answer within ${Math.round(timeoutMs / 1000)} s`;
    else if (code === 401 || code === 403) why = 'it refused the key';
    else why = `it failed (${errorDetail(error)})`;
    throw new StorageStartupError(`Cosmos DB container "${settings.database}/${settings.container}" is not usable: ${why}.`);
  }
}

/**
 * The inner storage's own client gets `requestTimeoutMs` as its connection policy's request timeout, which the
 * Cosmos SDK enforces on the client side (it aborts the request), so a hung Cosmos fails a turn in seconds.
 */
export async function createCosmosStorage(settings: CosmosSettings, ttlSeconds: number, timeoutMs: number, requestTimeoutMs = 8_000): Promise<Storage> {
  validateCosmosSettings(settings);
  const container = await prepareCosmosContainer(settings, ttlSeconds, timeoutMs);
  const inner = new CosmosDbPartitionedStorage({
    cosmosDbEndpoint: settings.endpoint,
    authKey: settings.key,
    databaseId: settings.database,
    containerId: settings.container,
    compatibilityMode: false,
    cosmosClientOptions: { connectionPolicy: { requestTimeout: requestTimeoutMs } },
  });
  return new ConditionalCosmosStorage(inner, container, requestTimeoutMs);
}
