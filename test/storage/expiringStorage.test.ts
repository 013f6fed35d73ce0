/** Expiry of stored state, with an injected clock (never the real one). */
import { MemoryStorage, Storage, StoreItems } from 'botbuilder';
import { DAY_MS, ExpiringStorage, LAST_WRITE } from '../../src/storage/expiringStorage';
import { createStorage } from '../../src/storage';

function fakeClock(start = Date.UTC(2025, 10, 1)) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

/** A MemoryStorage that records deletes and can be told to fail them. */
class RecordingStorage extends MemoryStorage {
  deleted: string[] = [];
  failDeletes = false;

  override async delete(keys: string[]): Promise<void> {
    if (this.failDeletes) throw new Error('delete failed');
    this.deleted.push(...keys);
    await super.delete(keys);
  }

  raw(key: string): Promise<StoreItems> {
    return super.read([key]);
  }
}

test('an item read before its time to live comes back without the stamp', async () => {
  const clock = fakeClock();
  const inner = new RecordingStorage();
  const storage = new ExpiringStorage(inner, { ttlMs: 30 * DAY_MS, now: clock.now });
  await storage.write({ k: { dialog: { step: 1 } } });
  clock.advance(30 * DAY_MS - 1);
  const items = await storage.read(['k']);
  expect(items.k).toEqual({ dialog: { step: 1 }, eTag: expect.any(String) });
  expect(items.k[LAST_WRITE]).toBeUndefined();
  // Stored with the write time.
  expect((await inner.raw('k')).k[LAST_WRITE]).toBe(clock.now() - (30 * DAY_MS - 1));
});

test('an item whose last write is TTL old or older is absent on read, and deleted', async () => {
  const clock = fakeClock();
  const inner = new RecordingStorage();
  const storage = new ExpiringStorage(inner, { ttlMs: 30 * DAY_MS, now: clock.now });
  await storage.write({ old: { v: 1 }, young: { v: 2 } });
  clock.advance(20 * DAY_MS);
  await storage.write({ young: { v: 3 } }); // rewritten: its clock restarts
  clock.advance(10 * DAY_MS);
  const items = await storage.read(['old', 'young', 'missing']);
  expect(Object.keys(items)).toEqual(['young']);
  expect(inner.deleted).toEqual(['old']);
  expect(await inner.raw('old')).toEqual({});
});

test('each write restarts the clock', async () => {
  const clock = fakeClock();
  const storage = new ExpiringStorage(new MemoryStorage(), { ttlMs: 2 * DAY_MS, now: clock.now });
  await storage.write({ k: { n: 1 } });
  for (let n = 2; n <= 5; n += 1) {
    clock.advance(DAY_MS);
    const { k } = await storage.read(['k']);
    expect(k).toBeDefined();
    await storage.write({ k: { ...k, n } });
  }
  clock.advance(2 * DAY_MS);
  expect(await storage.read(['k'])).toEqual({});
});

test('when deleting an expired item fails, it is still absent for the bot but its eTag is kept for the next save', async () => {
  const clock = fakeClock();
  const inner = new RecordingStorage();
  const storage = new ExpiringStorage(inner, { ttlMs: DAY_MS, now: clock.now });
  await storage.write({ k: { secret: 'x' } });
  clock.advance(DAY_MS);
  inner.failDeletes = true;
  const { k } = await storage.read(['k']);
  expect(k).toEqual({ eTag: expect.any(String) });
  // A conditional save on that eTag replaces the stale item.
  await storage.write({ k: { fresh: true, eTag: k.eTag } });
  inner.failDeletes = false;
  expect((await storage.read(['k'])).k).toEqual(expect.objectContaining({ fresh: true }));
});

test('items without a stamp (written by something else) are kept: their age is unknown', async () => {
  const inner = new MemoryStorage();
  await inner.write({ k: { legacy: true } });
  const storage = new ExpiringStorage(inner, { ttlMs: DAY_MS, now: () => Number.MAX_SAFE_INTEGER });
  expect((await storage.read(['k'])).k).toEqual(expect.objectContaining({ legacy: true }));
});

test('writes pass eTags through, so conflicts still surface', async () => {
  const storage = new ExpiringStorage(new MemoryStorage(), { ttlMs: DAY_MS, now: () => 0 });
  await storage.write({ k: { v: 1 } });
  const { k } = await storage.read(['k']);
  await storage.write({ k: { v: 2, eTag: k.eTag } });
  await expect(storage.write({ k: { v: 3, eTag: k.eTag } })).rejects.toThrow(/eTag conflict/);
});

test('the caller\'s object is not modified by the stamp', async () => {
  const storage: Storage = new ExpiringStorage(new MemoryStorage(), { ttlMs: DAY_MS, now: () => 5 });
  const item = { v: 1 };
  await storage.write({ k: item });
  expect(item).toEqual({ v: 1 });
});

test('createStorage wraps the configured store with the expiry of STATE_TTL_DAYS', async () => {
  const clock = fakeClock();
  const storage = await createStorage({ kind: 'memory' }, { ttlDays: 30, now: clock.now });
  await storage.write({ k: { v: 1 } });
  clock.advance(29 * DAY_MS);
  expect(Object.keys(await storage.read(['k']))).toEqual(['k']);
  clock.advance(DAY_MS);
  expect(await storage.read(['k'])).toEqual({});
});
