/**
 * The store goes away and comes back while the bot runs.
 *
 * What "continues" means here:
 * - Azurite keeping its data on disk and stopped cleanly (SIGTERM) is an outage of the store with its data intact,
 *   as with Azure Storage: while it is down every message gets common.storageUnavailable, the server stays up,
 *   nothing stored is touched (no reset of the dialog), and once it is back the conversation resumes at the very
 *   step where it was. The outage also starts before the first turn ever reaches the store, which used to break
 *   botbuilder's BlobsStorage for good (it caches its failed container check).
 * - Azurite in memory killed with SIGKILL loses everything, container included: after the restart the bot answers
 *   normally again, starting the conversation afresh (as after expiry), and recreates the container on its first
 *   save. Resuming is impossible there: the data is gone.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { t } from '../../src/i18n/messages';
import { FakeConnector, replyText, startConnector } from '../support/channel';
import { Azurite, removeDir, startAzurite } from './support/azurite';
import { BotServer, send, startBotServer } from './support/botServer';

const ASK_DATE = t('fr', 'withdrawal.askDate');
const DEADLINE = t('fr', 'withdrawal.openTitle').split('{')[0];
const UNAVAILABLE = t('fr', 'common.storageUnavailable');

const texts = (replies: { text?: string }[]) => replies.map((reply) => replyText(reply)).join('\n---\n');

let connector: FakeConnector;

beforeAll(async () => {
  connector = await startConnector();
});

afterAll(async () => {
  await connector?.close();
});

describe('a store with its data intact (Azurite on disk, stopped and started again)', () => {
  let azurite: Azurite;
  let bot: BotServer;
  let location: string;

  beforeAll(async () => {
    location = mkdtempSync(path.join(os.tmpdir(), 'azurite-disk-'));
    azurite = await startAzurite({ location });
    bot = await startBotServer({ STATE_STORAGE: 'blob', BLOB_CONNECTION_STRING: azurite.connectionString, BLOB_CONTAINER: 'outage' });
  }, 120_000);

  afterAll(async () => {
    await bot?.close();
    await azurite?.dispose();
    removeDir(location);
  });

  test('down before the first turn: apology, server alive, then it works once the store is back', async () => {
    await azurite.stop('SIGTERM');
    const during = await send(bot.url, connector, 'outage-1', 'je veux me rétracter');
    expect(during.status).toBe(200);
    expect(texts(during.replies)).toBe(UNAVAILABLE);
    const health = await fetch(`${bot.url}/healthz`);
    expect(health.status).toBe(200);

    await azurite.restart();
    const after = await send(bot.url, connector, 'outage-1', 'je veux me rétracter');
    expect(texts(after.replies)).toContain(ASK_DATE);
  });

  test('down mid-dialog: apology without losing or resetting the step, then the dialog resumes where it was', async () => {
    const conversation = 'outage-2';
    expect(texts((await send(bot.url, connector, conversation, 'je veux me rétracter')).replies)).toContain(ASK_DATE);

    await azurite.stop('SIGTERM');
    const during = await send(bot.url, connector, conversation, 'le 20 novembre');
    expect(during.status).toBe(200);
    expect(texts(during.replies)).toBe(UNAVAILABLE);
    // Still serving: another message, another apology (no crash, no stale reply).
    expect(texts((await send(bot.url, connector, conversation, 'le 20 novembre')).replies)).toBe(UNAVAILABLE);
    expect(bot.logs.some((log) => log.event === 'turn.error' && log.errorName === 'StorageUnavailableError')).toBe(true);

    await azurite.restart();
    const resumed = await send(bot.url, connector, conversation, 'le 20 novembre');
    expect(texts(resumed.replies)).toContain(DEADLINE);
    expect(texts(resumed.replies)).not.toContain(UNAVAILABLE);
  });
});

describe('a store that lost everything (Azurite in memory, killed)', () => {
  let azurite: Azurite;
  let bot: BotServer;

  beforeAll(async () => {
    azurite = await startAzurite();
    bot = await startBotServer({ STATE_STORAGE: 'blob', BLOB_CONNECTION_STRING: azurite.connectionString, BLOB_CONTAINER: 'wiped' });
  }, 120_000);

  afterAll(async () => {
    await bot?.close();
    await azurite?.dispose();
  });

  test('apology while down; afterwards the bot answers again from a fresh start and recreates the container', async () => {
    const conversation = 'wiped-1';
    expect(texts((await send(bot.url, connector, conversation, 'je veux me rétracter')).replies)).toContain(ASK_DATE);

    await azurite.stop('SIGKILL');
    expect(texts((await send(bot.url, connector, conversation, 'le 20 novembre')).replies)).toBe(UNAVAILABLE);

    await azurite.restart(); // empty: no container, no blob
    const after = await send(bot.url, connector, conversation, 'je veux me rétracter');
    expect(after.status).toBe(200);
    expect(texts(after.replies)).toContain(ASK_DATE);
    const names: string[] = [];
    for await (const blob of azurite.container('wiped').listBlobsFlat()) names.push(blob.name);
    expect(names.filter((name) => name.includes(conversation))).toHaveLength(1);
  });
});
