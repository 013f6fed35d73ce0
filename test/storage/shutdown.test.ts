/** Graceful shutdown in process: a request in flight finishes, a new one gets 503, then exit(0). */
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import restify from 'restify';
import { createLogger } from '../../src/logging';
import { installGracefulShutdown } from '../../src/server/shutdown';

function slowServer() {
  const server = restify.createServer({ handleUncaughtExceptions: false });
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let arrived!: () => void;
  const slowArrived = new Promise<void>((resolve) => (arrived = resolve));
  server.get('/slow', async (_req, res) => {
    arrived();
    await released;
    res.send(200, { done: true });
  });
  server.get('/fast', (_req, res, next) => {
    res.send(200, { fast: true });
    return next();
  });
  return { server, release, slowArrived };
}

async function listen(server: restify.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return (server.address() as AddressInfo).port;
}

test('in-flight requests finish, requests arriving during the drain get 503, new connections are refused, then exit 0', async () => {
  const { server, release, slowArrived } = slowServer();
  const logs: Record<string, unknown>[] = [];
  const logger = createLogger('info', { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) });
  const exits: number[] = [];
  const shutdown = installGracefulShutdown(server, { logger, signals: [], exit: (code) => void exits.push(code) });
  const port = await listen(server);

  // One keep-alive connection: a slow request, then (pipelined) a second one that arrives during the drain.
  const socket = net.connect(port, '127.0.0.1');
  let received = '';
  socket.setEncoding('utf8').on('data', (chunk: string) => (received += chunk));
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.write('GET /slow HTTP/1.1\r\nHost: x\r\n\r\n');
  await slowArrived;
  expect(shutdown.inFlight()).toBe(1);

  const stopping = shutdown.shutdown('test');
  expect(shutdown.draining).toBe(true);
  socket.write('GET /fast HTTP/1.1\r\nHost: x\r\n\r\n');
  await expect(fetch(`http://127.0.0.1:${port}/fast`)).rejects.toThrow(); // not listening any more
  expect(exits).toEqual([]); // still waiting for /slow

  release();
  await stopping;
  await closed;
  expect(exits).toEqual([0]);
  const statuses = [...received.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((match) => Number(match[1]));
  expect(statuses).toEqual([200, 503]);
  expect(logs.find((log) => log.event === 'server.stopped')).toEqual(expect.objectContaining({ drained: true, abandoned: 0 }));
});

test('the wait is bounded: a request that never ends does not keep the process alive', async () => {
  const { server, slowArrived, release } = slowServer();
  const exits: number[] = [];
  const logs: Record<string, unknown>[] = [];
  const logger = createLogger('info', { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) });
  const flushed: string[] = [];
  const shutdown = installGracefulShutdown(server, {
    logger,
    signals: [],
    drainTimeoutMs: 50,
    beforeExit: async () => void flushed.push('telemetry'),
    exit: (code) => void exits.push(code),
  });
  const port = await listen(server);
  const hanging = fetch(`http://127.0.0.1:${port}/slow`).catch(() => undefined);
  await slowArrived;
  await shutdown.shutdown('test');
  expect(exits).toEqual([0]);
  expect(flushed).toEqual(['telemetry']);
  expect(logs.find((log) => log.event === 'server.stopped')).toEqual(expect.objectContaining({ drained: false, abandoned: 1 }));
  release();
  await hanging;
  server.server.closeAllConnections();
});

test('SIGTERM starts the shutdown; a second signal forces the exit', async () => {
  const { server } = slowServer();
  const exits: number[] = [];
  const logger = createLogger('silent');
  const shutdown = installGracefulShutdown(server, { logger, signals: ['SIGUSR2'], exit: (code) => void exits.push(code) });
  try {
    await listen(server);
    process.emit('SIGUSR2', 'SIGUSR2');
    expect(shutdown.draining).toBe(true);
    process.emit('SIGUSR2', 'SIGUSR2');
    expect(exits).toContain(1);
  } finally {
    shutdown.dispose();
    server.close();
  }
});
