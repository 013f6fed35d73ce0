/**
 * The date recognizers' warm-up in steps (dates.ts): the server answers between steps, every step runs once
 * whoever asks for it, and a second call does not start a second warm-up.
 */
type Dates = typeof import('../../src/understanding/dates');

/** A fresh copy of dates.ts (the warm-up state is module state; the compiled expressions stay shared). */
async function freshDates(): Promise<Dates> {
  let dates: Dates | undefined;
  await jest.isolateModulesAsync(async () => {
    dates = await import('../../src/understanding/dates');
  });
  if (dates === undefined) throw new Error('dates.ts did not load');
  return dates;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

test('the default warm-up yields to the event loop between steps, and a second call returns the same promise', async () => {
  const dates = await freshDates();
  let turns = 0;
  let ticking = true;
  const tick = (): void => {
    turns += 1;
    if (ticking) setImmediate(tick);
  };
  setImmediate(tick);
  const warmUp = dates.warmUpRecognizersInSteps();
  expect(dates.warmUpRecognizersInSteps()).toBe(warmUp);
  expect(dates.recognizersWarm()).toBe(false);
  await warmUp;
  ticking = false;
  expect(dates.recognizersWarm()).toBe(true);
  // 9 steps (the French ordinal expression, 4 French and 4 English samples): the loop turned between each.
  expect(turns).toBeGreaterThanOrEqual(9);
});

test('a synchronous warm-up in the middle leaves the background warm-up nothing to do', async () => {
  const dates = await freshDates();
  const gates: Array<() => void> = [];
  let waits = 0;
  const beforeEachStep = (): Promise<void> => {
    waits += 1;
    return waits <= 2 ? Promise.resolve() : new Promise<void>((resolve) => gates.push(resolve));
  };
  const background = dates.warmUpRecognizersInSteps(beforeEachStep);
  while (gates.length === 0) await nextTurn(); // two steps have run, the third waits
  expect(dates.recognizersWarm()).toBe(false);
  dates.warmUpRecognizers(); // what a caller that cannot wait does: the steps left, now
  expect(dates.recognizersWarm()).toBe(true);
  gates[0]();
  await background;
  expect(waits).toBe(3); // the background warm-up saw it was done and ran no step again
});
