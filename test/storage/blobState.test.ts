/**
 * Conversation state in Azure Blob Storage, over the real Blob protocol (Azurite): two instances sharing one
 * container, an eTag race between them, "delete my data", and the stored size of a typical conversation.
 */
import type { Storage, StoreItems } from 'botbuilder';
import { t } from '../../src/i18n/messages';
import { createStorage } from '../../src/storage';
import { blobNameForKey } from '../../src/storage/blobStorage';
import { FakeConnector, replyText, startConnector } from '../support/channel';
import { Azurite, startAzurite } from './support/azurite';
import { BotServer, send, startBotServer } from './support/botServer';

const CONTAINER = 'state-shared';
const ASK_DATE = t('fr', 'withdrawal.askDate');
/** "Vous pouvez vous rétracter jusqu'au " — the deadline answer, whatever the date. */
const DEADLINE = t('fr', 'withdrawal.openTitle').split('{')[0];

let azurite: Azurite;
let connector: FakeConnector;
let a: BotServer;
let b: BotServer;
let env: Record<string, string>;

const texts = (replies: { text?: string }[]) => replies.map((reply) => replyText(reply)).join('\n---\n');

async function blobFor(conversationId: string): Promise<{ name: string; size: number; body: string } | undefined> {
  const container = azurite.container(CONTAINER);
  const name = blobNameForKey(`test/conversations/${conversationId}/`);
  for await (const blob of container.listBlobsFlat()) {
    if (blob.name === name) {
      const body = (await container.getBlobClient(name).downloadToBuffer()).toString('utf8');
      return { name, size: Buffer.byteLength(body), body };
    }
  }
  return undefined;
}

beforeAll(async () => {
  azurite = await startAzurite();
  connector = await startConnector();
  env = { STATE_STORAGE: 'blob', BLOB_CONNECTION_STRING: azurite.connectionString, BLOB_CONTAINER: CONTAINER };
  a = await startBotServer(env);
  b = await startBotServer(env);
}, 120_000);

afterAll(async () => {
  await a?.close();
  await b?.close();
  await connector?.close();
  await azurite?.dispose();
});

test('a dialog started on one instance continues on another, turn by turn', async () => {
  const conversation = 'multi-instance-1';
  const first = await send(a.url, connector, conversation, 'je veux me rétracter');
  expect(first.status).toBe(200);
  expect(texts(first.replies)).toContain(ASK_DATE);

  const stored = await blobFor(conversation);
  expect(stored).toBeDefined();
  process.stdout.write(`stored state after "je veux me rétracter": ${stored?.size} bytes\n`);

  const second = await send(b.url, connector, conversation, 'le 20 novembre');
  expect(second.status).toBe(200);
  expect(texts(second.replies)).toContain(DEADLINE);

  // Back on A: the dialog moved on (B's step is seen), it does not ask the date again.
  const third = await send(a.url, connector, conversation, 'non');
  expect(texts(third.replies)).not.toContain(ASK_DATE);
  expect(texts(third.replies)).not.toContain(DEADLINE);
});

test('the stored state of a typical dialog stays small (≤ 4 KB) and carries its write time', async () => {
  const conversation = 'size-1';
  await send(a.url, connector, conversation, 'je veux me rétracter');
  const midDialog = await blobFor(conversation);
  await send(b.url, connector, conversation, 'le 20 novembre');
  const afterAnswer = await blobFor(conversation);
  process.stdout.write(`stored size per conversation: ${midDialog?.size} bytes mid-dialog, ${afterAnswer?.size} bytes after the answer\n`);
  expect(midDialog?.size).toBeLessThanOrEqual(4096);
  expect(afterAnswer?.size).toBeLessThanOrEqual(4096);
  expect(JSON.parse(afterAnswer?.body ?? '{}')).toEqual(expect.objectContaining({ _lastWrite: expect.any(Number), dialog: expect.any(Object) }));
});

test('"supprimer mes données" leaves no blob for the conversation in the container', async () => {
  const conversation = 'erase-1';
  await send(a.url, connector, conversation, 'je veux me rétracter');
  expect(await blobFor(conversation)).toBeDefined();

  const erased = await send(b.url, connector, conversation, 'supprimer mes données');
  expect(texts(erased.replies)).toContain(t('fr', 'privacy.deleted'));

  const names: string[] = [];
  for await (const blob of azurite.container(CONTAINER).listBlobsFlat()) names.push(blob.name);
  expect(names.some((name) => name.includes(encodeURIComponent(conversation)))).toBe(false);
  expect(names.length).toBeGreaterThan(0); // other conversations are still there: only this one was erased
});

/**
 * Wraps a store so a test decides when its writes happen: the write of instance A waits until instance B has
 * saved, so both turns read the same version and A's save is the stale one — every time, with no sleeps.
 */
function gatedStorage(inner: Storage, gate: Promise<void>, onRead: () => void): Storage {
  return {
    read: async (keys) => {
      const items = await inner.read(keys);
      onRead();
      return items;
    },
    write: async (changes: StoreItems) => {
      await gate;
      await inner.write(changes);
    },
    delete: (keys) => inner.delete(keys),
  };
}

test('two turns of one conversation racing on two instances: one step each, none lost or doubled', async () => {
  const conversation = 'race-1';
  await send(a.url, connector, conversation, 'je veux me rétracter');

  // Two more instances on the same container: A2 holds its save until B2 has saved.
  let releaseA!: () => void;
  const bSaved = new Promise<void>((resolve) => (releaseA = resolve));
  let aRead!: () => void;
  const aHasRead = new Promise<void>((resolve) => (aRead = resolve));
  const base = await createStorage({ kind: 'blob', connectionString: azurite.connectionString, container: CONTAINER }, { ttlDays: 30 });
  let aReads = 0;
  const a2 = await startBotServer(env, { storage: gatedStorage(base, bSaved, () => (aReads += 1) === 1 && aRead()) });
  const b2Base = await createStorage({ kind: 'blob', connectionString: azurite.connectionString, container: CONTAINER }, { ttlDays: 30 });
  const b2 = await startBotServer(env, {
    storage: { read: (keys) => b2Base.read(keys), write: async (changes) => { await b2Base.write(changes); releaseA(); }, delete: (keys) => b2Base.delete(keys) },
  });
  try {
    // A2 reads the conversation (waiting at the date step) and then waits to save; B2 answers the same step.
    const fromA = send(a2.url, connector, conversation, 'le 21 novembre');
    await aHasRead;
    const fromB = await send(b2.url, connector, conversation, 'le 20 novembre');
    const resultA = await fromA;

    expect(fromB.status).toBe(200);
    expect(resultA.status).toBe(200);
    expect(texts(fromB.replies)).toContain(DEADLINE);
    // A2's first run (a second deadline, for the 21st) was thrown away unsent; it re-ran on B2's state.
    expect(a2.logs.some((log) => log.event === 'turn.conflict')).toBe(true);
    const all = connector.repliesFor(conversation).map((reply) => replyText(reply));
    expect(all.filter((text) => text.includes(DEADLINE))).toHaveLength(1);
    expect(all.join('\n')).not.toContain(t('fr', 'common.error'));
    expect(aReads).toBeGreaterThanOrEqual(2);

    // The stored state is whole and readable by any instance.
    const stored = await blobFor(conversation);
    expect(() => JSON.parse(stored?.body ?? '')).not.toThrow();
    const next = await send(a.url, connector, conversation, 'menu');
    expect(next.status).toBe(200);
    expect(texts(next.replies)).not.toContain(t('fr', 'common.error'));
  } finally {
    await a2.close();
    await b2.close();
  }
});

test('the very first turn of a conversation on two instances at once: the second creation is a conflict, not an overwrite', async () => {
  const conversation = 'race-create-1';
  let release!: () => void;
  const bCreated = new Promise<void>((resolve) => (release = resolve));
  let aRead!: () => void;
  const aHasRead = new Promise<void>((resolve) => (aRead = resolve));
  const aBase = await createStorage({ kind: 'blob', connectionString: azurite.connectionString, container: CONTAINER }, { ttlDays: 30 });
  let reads = 0;
  const a3 = await startBotServer(env, { storage: gatedStorage(aBase, bCreated, () => (reads += 1) === 1 && aRead()) });
  const bBase = await createStorage({ kind: 'blob', connectionString: azurite.connectionString, container: CONTAINER }, { ttlDays: 30 });
  const b3 = await startBotServer(env, {
    storage: { read: (keys) => bBase.read(keys), write: async (changes) => { await bBase.write(changes); release(); }, delete: (keys) => bBase.delete(keys) },
  });
  try {
    // Both find no state. A's first run (a date with no question asked) would start a new conversation; B's
    // message starts the withdrawal dialog and creates the blob first.
    const fromA = send(a3.url, connector, conversation, 'le 20 novembre');
    await aHasRead;
    const fromB = await send(b3.url, connector, conversation, 'je veux me rétracter');
    const resultA = await fromA;
    expect(texts(fromB.replies)).toContain(ASK_DATE);
    expect(a3.logs.some((log) => log.event === 'turn.conflict')).toBe(true);
    // A's create was refused, its replies dropped, and it re-ran on B's state: its date answers B's question.
    expect(texts(resultA.replies)).toContain(DEADLINE);
    const all = connector.repliesFor(conversation).map((reply) => replyText(reply));
    expect(all.filter((text) => text.includes(t('fr', 'withdrawal.restate')))).toHaveLength(1);
    expect(all.filter((text) => text.includes(DEADLINE))).toHaveLength(1);
  } finally {
    await a3.close();
    await b3.close();
  }
});
