/**
 * Start-up: the server answers as soon as it listens, the date recognizers warm up afterwards in the
 * background; /healthz (liveness) is 200 throughout, /readyz (readiness) is 503 until they are warm.
 */
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logging';
import { createApp, App, whenIdle } from '../../src/bootstrap';
import { channelActivity, postJson, startConnector, FakeConnector } from '../support/channel';

let app: App;
let connector: FakeConnector;
let baseUrl: string;

beforeAll(async () => {
  connector = await startConnector();
  app = await createApp(loadConfig({ PORT: '3978' }), createLogger('silent'));
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', () => resolve()));
  baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => app.server.close(() => resolve()));
  await connector.close();
});

async function status(path: string): Promise<[number, unknown]> {
  const response = await fetch(`${baseUrl}${path}`);
  return [response.status, await response.json()];
}

test('before the warm-up: alive, answering messages, not ready; after it: ready', async () => {
  expect(await status('/healthz')).toEqual([200, { status: 'warming' }]);
  expect(await status('/readyz')).toEqual([503, { status: 'warming' }]);

  const warmUp = app.warmUp();
  expect(app.warmUp()).toBe(warmUp);
  const greeting = await postJson(`${baseUrl}/api/messages`, channelActivity(connector.serviceUrl, 'warming-1', { text: 'bonjour' }));
  expect(greeting.status).toBe(200);
  expect(connector.repliesFor('warming-1').length).toBeGreaterThan(0);

  await warmUp;
  expect(await status('/healthz')).toEqual([200, { status: 'ok' }]);
  expect(await status('/readyz')).toEqual([200, { status: 'ok' }]);
});

describe('whenIdle: a warm-up step waits for running requests, within a bound', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  test.each([
    // [requests running until (ms), bound (ms), resolved after (ms): the 10 ms pause, then the wait]
    [0, 250, 10],
    [40, 250, 40],
    [Infinity, 250, 260],
  ])('busy for %p ms, bound %p ms: the step runs after %p ms', async (busyMs, boundMs, expectedMs) => {
    const start = Date.now();
    let resolvedAt: number | undefined;
    void whenIdle(() => Date.now() - start < busyMs, boundMs, 10).then(() => (resolvedAt = Date.now() - start));
    for (let elapsed = 0; elapsed <= 300 && resolvedAt === undefined; elapsed += 1) await jest.advanceTimersByTimeAsync(1);
    expect(resolvedAt).toBeGreaterThanOrEqual(expectedMs);
    expect(resolvedAt).toBeLessThanOrEqual(expectedMs + 3);
  });
});
