/**
 * Graceful shutdown on SIGTERM (App Service, containers) and SIGINT (Ctrl+C): stop listening, answer 503 to any
 * new request (health checks included, so a load balancer stops sending traffic), let the requests already
 * running — bot turns — finish within a bound, flush what must be flushed, then exit 0.
 * A turn cut off by the bound is like a crash before its save: nothing saved is lost (see transactionalTurn.ts).
 */
import type restify from 'restify';
import type { Logger } from 'pino';

export interface GracefulShutdownOptions {
  logger: Logger;
  /** Longest wait for running requests (keep it below the platform's grace period before SIGKILL). */
  drainTimeoutMs?: number;
  /** Signals that start the shutdown; none when empty (tests call shutdown() directly). */
  signals?: NodeJS.Signals[];
  /** Runs after the drain, before exiting (e.g. flush telemetry); bounded by the same timeout. */
  beforeExit?: () => Promise<void>;
  /** Defaults to process.exit. */
  exit?: (code: number) => void;
}

export interface GracefulShutdown {
  readonly draining: boolean;
  /** Requests being served right now. */
  inFlight(): number;
  /** Starts the shutdown (idempotent); resolves once exit() was called. */
  shutdown(reason?: string): Promise<void>;
  /** Removes the signal handlers. */
  dispose(): void;
}

export function installGracefulShutdown(server: restify.Server, options: GracefulShutdownOptions): GracefulShutdown {
  const { logger } = options;
  const drainTimeoutMs = options.drainTimeoutMs ?? 20_000;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let inFlight = 0;
  let draining = false;
  let stopping: Promise<void> | undefined;
  const idle = new Set<() => void>();

  server.pre((req, res, next) => {
    if (draining) {
      res.setHeader('Connection', 'close');
      res.setHeader('Retry-After', '10');
      res.send(503, { error: 'shutting down' });
      return next(false);
    }
    inFlight += 1;
    let finished = false;
    const done = () => {
      if (finished) return;
      finished = true;
      inFlight -= 1;
      if (inFlight === 0) for (const wake of [...idle]) wake();
    };
    res.once('finish', done);
    res.once('close', done);
    return next();
  });

  const waitForIdle = (timeoutMs: number): Promise<boolean> =>
    new Promise((resolve) => {
      if (inFlight === 0) {
        resolve(true);
        return;
      }
      const wake = () => {
        idle.delete(wake);
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        idle.delete(wake);
        resolve(false);
      }, timeoutMs);
      idle.add(wake);
    });

  const withBound = async (task: () => Promise<void>, timeoutMs: number): Promise<void> => {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([task().catch(() => undefined), new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
    clearTimeout(timer);
  };

  const shutdown = (reason = 'shutdown'): Promise<void> => {
    if (stopping) return stopping;
    draining = true;
    stopping = (async () => {
      const started = Date.now();
      logger.info({ event: 'server.draining', reason, inFlight });
      // Stop accepting connections; idle keep-alive connections are closed, busy ones finish their request.
      server.close(() => undefined);
      const drained = await waitForIdle(drainTimeoutMs);
      if (options.beforeExit) await withBound(options.beforeExit, Math.max(1_000, drainTimeoutMs - (Date.now() - started)));
      logger.info({ event: 'server.stopped', reason, drained, abandoned: inFlight, shutdownMs: Date.now() - started });
      exit(0);
    })();
    return stopping;
  };

  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ event: 'server.forced-exit', signal });
      exit(1);
      return;
    }
    void shutdown(signal);
  };
  const signals = options.signals ?? ['SIGTERM', 'SIGINT'];
  for (const signal of signals) process.on(signal, onSignal);

  return {
    get draining() {
      return draining;
    },
    inFlight: () => inFlight,
    shutdown,
    dispose: () => {
      for (const signal of signals) process.off(signal, onSignal);
    },
  };
}
