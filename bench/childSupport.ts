/** What both bench servers (the bot and the echo bot) answer to the runner over IPC. */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { AddressInfo } from 'node:net';
import type restify from 'restify';
import { ChildStats, FromChild, ToChild, isToChild } from './protocol';

const NS_PER_MS = 1e6;

function send(message: FromChild): void {
  process.send?.(message);
}

/**
 * Listens on a free loopback port (or on BENCH_PORT when the runner spawns it without IPC, to time its start),
 * reports it, and answers the runner's requests until the IPC channel closes.
 */
export function serveBench(server: restify.Server, started: number, stateSizes?: (conversationIds: string[], channelId: string) => Promise<(number | null)[]>): void {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const stats = (): ChildStats => {
    const usage = process.memoryUsage();
    return {
      rssBytes: usage.rss,
      heapUsedBytes: usage.heapUsed,
      heapTotalBytes: usage.heapTotal,
      externalBytes: usage.external,
      cpuMicros: process.cpuUsage().user + process.cpuUsage().system,
    loopDelayMaxMs: delay.max / NS_PER_MS,
      loopDelayP99Ms: delay.percentile(99) / NS_PER_MS,
    };
  };
  process.on('message', (message: unknown) => {
    if (!isToChild(message)) return;
    const request: ToChild = message;
    void (async () => {
      switch (request.cmd) {
        case 'stats':
          send({ type: 'result', id: request.id, stats: stats() });
          break;
        case 'resetDelay':
          delay.reset();
          send({ type: 'result', id: request.id });
          break;
        case 'gc':
          global.gc?.();
          send({ type: 'result', id: request.id, stats: stats() });
          break;
        case 'stateSizes':
          send({ type: 'result', id: request.id, sizes: stateSizes ? await stateSizes(request.conversationIds, request.channelId) : [] });
          break;
      }
    })();
  });
  process.on('disconnect', () => process.exit(0));
  server.listen(Number(process.env.BENCH_PORT ?? 0), '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo;
    send({ type: 'ready', port, startupMs: Date.now() - started });
  });
}
