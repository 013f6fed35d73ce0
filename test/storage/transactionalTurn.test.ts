/**
 * The transactional turn on its own (botbuilder's TestAdapter, in-memory stores that misbehave on purpose):
 * replies held until the save, re-run after an eTag conflict, "busy" when conflicts persist, nothing sent when
 * the store is down, and turns of one conversation serialized in the process.
 */
import { ConversationState, MemoryStorage, Storage, StoreItems, TestAdapter, TurnContext } from 'botbuilder';
import { TransactionalTurn } from '../../src/bot/transactionalTurn';
import { BusyError, KeyedMutex } from '../../src/bot/keyedMutex';
import { StorageUnavailableError } from '../../src/storage/errors';
import { GuardedStorage } from '../../src/storage/guardedStorage';
import { t } from '../../src/i18n/messages';

interface Counter {
  count?: number;
}

/** A bot whose turn increments a counter in conversation state and says its value. */
function counterBot(storage: Storage, options: { maxAttempts?: number; mutex?: KeyedMutex } = {}) {
  const conversationState = new ConversationState(storage);
  const counter = conversationState.createProperty<Counter>('counter');
  const transactions = new TransactionalTurn({ storage, states: [conversationState], ...options });
  let runs = 0;
  const logic = async (context: TurnContext) =>
    transactions.run(context, async () => {
      runs += 1;
      const value = await counter.get(context, {});
      value.count = (value.count ?? 0) + 1;
      await counter.set(context, value);
      await context.sendActivity(`count=${value.count}`);
    });
  return { conversationState, logic, runs: () => runs };
}

/** ConversationState's key: channel/conversations/id/namespace (empty namespace). */
const KEY = 'test/conversations/convo1/';

function adapterFor(): TestAdapter {
  return new TestAdapter(undefined, { conversation: { id: 'convo1', isGroup: false, conversationType: 'personal', name: '' }, channelId: 'test', locale: 'fr-FR' });
}

/** Another instance saves the same conversation between our read and our write, the first N times. */
class RacingStorage extends MemoryStorage {
  interferences = 0;
  constructor(private readonly times: number) {
    super();
  }

  override async write(changes: StoreItems): Promise<void> {
    if (this.interferences < this.times && KEY in changes) {
      this.interferences += 1;
      const current = (await super.read([KEY]))[KEY] ?? {};
      await super.write({ [KEY]: { ...current, counter: { count: 100 * this.interferences }, eTag: '*' } });
    }
    await super.write(changes);
  }
}

test('a conflict on save throws the run away unsent and re-runs the turn on the other instance\'s state', async () => {
  const storage = new RacingStorage(1);
  const bot = counterBot(storage);
  const adapter = adapterFor();
  await adapter.processActivity('hello', bot.logic);
  // First run read nothing and said count=1: never sent. Re-run read count=100 (the other save) → 101.
  expect(bot.runs()).toBe(2);
  expect(adapter.activeQueue.map((activity) => activity.text)).toEqual(['count=101']);
  expect((await storage.read([KEY]))[KEY].counter).toEqual({ count: 101 });
});

test('a storage that throws a conflict once: the turn is re-run once and succeeds', async () => {
  const inner = new MemoryStorage();
  let thrown = 0;
  const storage: Storage = {
    read: (keys) => inner.read(keys),
    delete: (keys) => inner.delete(keys),
    write: async (changes) => {
      if (thrown === 0) {
        thrown += 1;
        throw new Error('Storage: error writing "x" due to eTag conflict.');
      }
      await inner.write(changes);
    },
  };
  const bot = counterBot(new GuardedStorage(storage));
  const adapter = adapterFor();
  await adapter.processActivity('hello', bot.logic);
  expect(bot.runs()).toBe(2);
  expect(adapter.activeQueue.map((activity) => activity.text)).toEqual(['count=1']);
  expect((await inner.read([KEY]))[KEY].counter).toEqual({ count: 1 });
});

test('conflicts on every attempt: the user is told to resend (common.busy), nothing else is sent', async () => {
  const storage = new RacingStorage(Number.MAX_SAFE_INTEGER);
  const bot = counterBot(storage, { maxAttempts: 3 });
  const adapter = adapterFor();
  await adapter.processActivity('hello', bot.logic);
  expect(bot.runs()).toBe(3);
  expect(adapter.activeQueue.map((activity) => activity.text)).toEqual([t('fr', 'common.busy')]);
  // Only the other instance's saves are stored: ours never overwrote them.
  expect((await storage.read([KEY]))[KEY].counter).toEqual({ count: 300 });
});

test('a store that cannot be written: StorageUnavailableError reaches the adapter, no reply was sent', async () => {
  const inner = new MemoryStorage();
  const down: Storage = {
    read: (keys) => inner.read(keys),
    delete: (keys) => inner.delete(keys),
    write: async () => {
      throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:10000'), { code: 'ECONNREFUSED' });
    },
  };
  const bot = counterBot(down);
  const adapter = adapterFor();
  const errors: unknown[] = [];
  adapter.onTurnError = async (context, error) => {
    errors.push(error);
    await context.sendActivity('apology');
  };
  await adapter.processActivity('hello', bot.logic);
  expect(errors).toHaveLength(1);
  expect(errors[0]).toBeInstanceOf(StorageUnavailableError);
  expect((errors[0] as Error).message).not.toContain('127.0.0.1');
  // The held reply (count=1) was dropped; the apology of onTurnError went out.
  expect(adapter.activeQueue.map((activity) => activity.text)).toEqual(['apology']);
});

test('a turn that changes nothing writes nothing', async () => {
  const inner = new MemoryStorage();
  let writes = 0;
  const storage: Storage = { read: (k) => inner.read(k), delete: (k) => inner.delete(k), write: async (c) => void (writes += 1, await inner.write(c)) };
  const conversationState = new ConversationState(storage);
  const transactions = new TransactionalTurn({ storage, states: [conversationState] });
  const adapter = adapterFor();
  await adapter.processActivity('hello', (context) => transactions.run(context, async () => void (await context.sendActivity('hi'))));
  expect(writes).toBe(0);
  expect(adapter.activeQueue.map((activity) => activity.text)).toEqual(['hi']);
});

test('two turns of one conversation in one process run one after the other', async () => {
  const storage = new MemoryStorage();
  const conversationState = new ConversationState(storage);
  const counter = conversationState.createProperty<Counter>('counter');
  const transactions = new TransactionalTurn({ storage, states: [conversationState] });
  const order: string[] = [];
  let releaseFirst!: () => void;
  const firstMayFinish = new Promise<void>((resolve) => (releaseFirst = resolve));
  let firstStarted!: () => void;
  const firstHasStarted = new Promise<void>((resolve) => (firstStarted = resolve));
  const adapter = adapterFor();
  const turn = (name: string, wait?: Promise<void>) => (context: TurnContext) =>
    transactions.run(context, async () => {
      order.push(`${name} start`);
      if (name === 'first') firstStarted();
      const value = await counter.get(context, {});
      if (wait) await wait;
      value.count = (value.count ?? 0) + 1;
      await counter.set(context, value);
      order.push(`${name} end`);
    });
  const first = adapter.processActivity('one', turn('first', firstMayFinish));
  await firstHasStarted;
  const second = adapter.processActivity('two', turn('second'));
  // The second turn is queued behind the first, not running next to it.
  await Promise.resolve();
  expect(order).toEqual(['first start']);
  releaseFirst();
  await Promise.all([first, second]);
  expect(order).toEqual(['first start', 'first end', 'second start', 'second end']);
  // Both increments kept (no conflict, no lost update).
  expect((await storage.read([KEY]))[KEY].counter).toEqual({ count: 2 });
});

describe('KeyedMutex', () => {
  test('serializes per key, in arrival order, and lets other keys run', async () => {
    const mutex = new KeyedMutex();
    const order: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const a1 = mutex.run('a', async () => {
      await gate;
      order.push('a1');
    });
    const a2 = mutex.run('a', async () => void order.push('a2'));
    const a3 = mutex.run('a', async () => void order.push('a3'));
    await mutex.run('b', async () => void order.push('b1'));
    expect(mutex.pending('a')).toBe(3);
    release();
    await Promise.all([a1, a2, a3]);
    expect(order).toEqual(['b1', 'a1', 'a2', 'a3']);
    expect(mutex.size).toBe(0);
  });

  test('is bounded: too many waiting turns are refused', async () => {
    const mutex = new KeyedMutex({ maxWaiting: 1 });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const running = mutex.run('k', () => gate);
    const waiting = mutex.run('k', async () => 'ran');
    await expect(mutex.run('k', async () => 'ran')).rejects.toEqual(new BusyError('queue-full'));
    release();
    await running;
    await expect(waiting).resolves.toBe('ran');
  });

  test('is bounded in time: a turn waiting too long is refused and leaves the queue', async () => {
    jest.useFakeTimers();
    try {
      const mutex = new KeyedMutex({ waitTimeoutMs: 1_000 });
      let release!: () => void;
      const running = mutex.run('k', () => new Promise<void>((resolve) => (release = resolve)));
      const waiting = mutex.run('k', async () => 'ran');
      const outcome = expect(waiting).rejects.toEqual(new BusyError('timeout'));
      jest.advanceTimersByTime(1_000);
      await outcome;
      expect(mutex.pending('k')).toBe(1);
      release();
      await running;
      expect(mutex.size).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });

  test('a failing task releases the lock', async () => {
    const mutex = new KeyedMutex();
    await expect(mutex.run('k', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(mutex.run('k', async () => 'next')).resolves.toBe('next');
  });
});

test('a turn refused by the bounded queue is answered with common.busy', async () => {
  const storage = new MemoryStorage();
  const conversationState = new ConversationState(storage);
  const transactions = new TransactionalTurn({ storage, states: [conversationState], mutex: new KeyedMutex({ maxWaiting: 0 }) });
  const adapter = adapterFor();
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let started!: () => void;
  const hasStarted = new Promise<void>((resolve) => (started = resolve));
  const first = adapter.processActivity('one', (context) => transactions.run(context, async () => { started(); await gate; }));
  await hasStarted;
  await adapter.processActivity('two', (context) => transactions.run(context, async () => void (await context.sendActivity('should not run'))));
  expect(adapter.activeQueue.map((activity) => activity.text)).toEqual([t('fr', 'common.busy')]);
  release();
  await first;
});

test('the real bot re-run after a conflict sends its answer once, not once per run', async () => {
  const { ComplaintBot } = await import('../../src/bot/complaintBot');
  const { MainDialog } = await import('../../dialogs/mainDialog');
  const { loadUnderstanding } = await import('../../src/understanding');
  const storage = new RacingStorage(1);
  const conversationState = new ConversationState(storage);
  const transactions = new TransactionalTurn({ storage, states: [conversationState] });
  const bot = new ComplaintBot(conversationState, new MainDialog(await loadUnderstanding()), undefined, transactions);
  const adapter = adapterFor();
  await adapter.processActivity('je veux me rétracter', (context) => bot.run(context));
  expect(storage.interferences).toBe(1);
  const texts = adapter.activeQueue.map((activity) => activity.text ?? '');
  expect(texts).toHaveLength(1);
  expect(texts[0]).toContain(t('fr', 'withdrawal.restate'));
  expect(texts[0].split(t('fr', 'withdrawal.restate')).length).toBe(2);
});
