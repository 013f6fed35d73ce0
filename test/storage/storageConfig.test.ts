/** Wrong storage settings stop the start with a clear message that never repeats the secret. */
import { ConfigError, loadConfig } from '../../src/config';
import { createStorage, StorageStartupError } from '../../src/storage';
import { validateBlobConnectionString, validateContainerName, validateCosmosSettings } from '../../src/storage/connectionString';
import { connectionStringFor, freePort } from './support/azurite';

const KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const GOOD = `DefaultEndpointsProtocol=https;AccountName=cnedguide;AccountKey=${KEY};EndpointSuffix=core.windows.net`;

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('Blob connection string', () => {
  test.each([
    GOOD,
    'UseDevelopmentStorage=true',
    `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${KEY};BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;`,
    'BlobEndpoint=https://cnedguide.blob.core.windows.net/;SharedAccessSignature=sv=2022-11-02&ss=b&sig=abc',
  ])('accepts %s', (value) => {
    expect(() => validateBlobConnectionString(value)).not.toThrow();
  });

  test.each([
    ['not a connection string', /not a connection string/],
    ['', /empty/],
    [`DefaultEndpointsProtocol=https;AccountKey=${KEY};EndpointSuffix=core.windows.net`, /no AccountName/],
    ['DefaultEndpointsProtocol=https;AccountName=cnedguide;EndpointSuffix=core.windows.net', /no AccountKey/],
    ['DefaultEndpointsProtocol=https;AccountName=cnedguide;AccountKey=s3cr3t!pass;EndpointSuffix=core.windows.net', /AccountKey is not valid base64/],
    [`DefaultEndpointsProtocol=ftp;AccountName=cnedguide;AccountKey=${KEY}`, /DefaultEndpointsProtocol must be https or http/],
    [`AccountName=cnedguide;AccountKey=${KEY};BlobEndpoint=not-a-url`, /BlobEndpoint must be an http\(s\) URL/],
    [`DefaultEndpointsProtocol=https;AccountName=CNED_Guide;AccountKey=${KEY}`, /AccountName must be 3 to 24/],
    ['SharedAccessSignature=sv=2022&sig=abc', /needs a BlobEndpoint/],
  ])('rejects %j', (value, expected) => {
    const message = messageOf(() => validateBlobConnectionString(value));
    expect(message).toMatch(expected);
    expect(message).toContain('BLOB_CONNECTION_STRING');
    expect(message).not.toContain(KEY);
    expect(message).not.toContain('s3cr3t');
  });
});

test.each(['ab', 'Conversations', 'state_store', '-state', 'state--store', 'x'.repeat(64)])('container name %j is rejected', (name) => {
  expect(messageOf(() => validateContainerName(name))).toMatch(/BLOB_CONTAINER must be 3 to 63/);
});

test.each(['conversation-state', 'abc', 'state1'])('container name %j is accepted', (name) => {
  expect(() => validateContainerName(name)).not.toThrow();
});

describe('Cosmos settings', () => {
  const good = { endpoint: 'https://cned.documents.azure.com:443/', key: KEY, database: 'bot', container: 'state' };
  test('accepts an https endpoint, or http on localhost (emulator)', () => {
    expect(() => validateCosmosSettings(good)).not.toThrow();
    expect(() => validateCosmosSettings({ ...good, endpoint: 'http://localhost:8081/' })).not.toThrow();
  });
  test.each([
    [{ endpoint: 'cned.documents.azure.com' }, /COSMOS_ENDPOINT must be an https URL/],
    [{ endpoint: 'http://cned.documents.azure.com/' }, /COSMOS_ENDPOINT must use https/],
    [{ key: 'hunter2!' }, /COSMOS_KEY is not valid base64/],
    [{ container: 'a/b' }, /COSMOS_CONTAINER must be/],
    [{ database: 'x'.repeat(256) }, /COSMOS_DATABASE must be/],
  ])('rejects %j', (change, expected) => {
    const message = messageOf(() => validateCosmosSettings({ ...good, ...change }));
    expect(message).toMatch(expected);
    expect(message).not.toContain('hunter2');
  });
});

test('loadConfig rejects an unknown STATE_STORAGE and missing blob settings', () => {
  expect(() => loadConfig({ STATE_STORAGE: 'bogus' })).toThrow(/STATE_STORAGE must be memory, blob or cosmos/);
  expect(() => loadConfig({ STATE_STORAGE: 'blob', BLOB_CONTAINER: 'state' })).toThrow(/BLOB_CONNECTION_STRING is required/);
  expect(() => loadConfig({ STATE_STORAGE: 'memory', STATE_TTL_DAYS: '0' })).toThrow(/STATE_TTL_DAYS/);
});

test('createStorage validates blob settings before any network call', async () => {
  await expect(createStorage({ kind: 'blob', connectionString: 'garbage', container: 'state' }, { ttlDays: 30 })).rejects.toThrow(ConfigError);
  await expect(createStorage({ kind: 'blob', connectionString: GOOD, container: 'Bad_Name' }, { ttlDays: 30 })).rejects.toThrow(/BLOB_CONTAINER/);
});

test('a blob store nobody answers for stops the start with a StorageStartupError (a ConfigError)', async () => {
  const port = await freePort(); // nothing listens there
  const attempt = createStorage({ kind: 'blob', connectionString: connectionStringFor(port), container: 'state' }, { ttlDays: 30, startupTimeoutMs: 5_000 });
  await expect(attempt).rejects.toBeInstanceOf(StorageStartupError);
  await expect(attempt).rejects.toThrow(/Blob container "state" is not usable: /);
  await expect(attempt).rejects.toBeInstanceOf(ConfigError);
});

test('a Cosmos account nobody answers for stops the start too', async () => {
  const port = await freePort();
  const attempt = createStorage(
    { kind: 'cosmos', endpoint: `http://127.0.0.1:${port}/`, key: KEY, database: 'bot', container: 'state' },
    { ttlDays: 30, startupTimeoutMs: 2_000 },
  );
  await expect(attempt).rejects.toBeInstanceOf(StorageStartupError);
  await expect(attempt).rejects.toThrow(/Cosmos DB container "bot\/state" is not usable/);
});
