/** The HTTP server: the bot endpoint, health, and the pages. Routes are added here and nowhere else. */
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import restify from 'restify';
import type { GuardedAdapter } from '../bot/adapter';
import type { ActivityHandler } from 'botbuilder';
import type { Logger } from 'pino';
import type { AppConfig } from '../config';
import { hashId } from '../logging';
import { registerDirectLine } from './directline';
import type { LocalDirectLine } from './directline/localDirectLine';
import { registerWebPage } from './webPage';
import { answerGuarded, installRequestGuards } from './guards/messageGuard';
import { registerDocuments } from './documents';

export interface ServerDeps {
  config: AppConfig;
  adapter: GuardedAdapter;
  bot: ActivityHandler;
  logger: Logger;
  /** Whether start-up work still running in the background is done (see /readyz); always ready if absent. */
  ready?: () => boolean;
}

export interface Edge {
  server: restify.Server;
  /** The local Direct Line when enabled: "delete my data" erases its transcript (wired in bootstrap.ts). */
  localDirectLine: LocalDirectLine | undefined;
}

/** Headers must be complete within this; a whole request (headers and body) within REQUEST_TIMEOUT_MS. */
export const HEADERS_TIMEOUT_MS = 10_000;
export const REQUEST_TIMEOUT_MS = 15_000;

export function createServer({ config, adapter, bot, logger, ready = () => true }: ServerDeps): Edge {
  const server = restify.createServer({ name: 'cned-guide', handleUncaughtExceptions: false });
  // Slow clients are cut by Node itself too (the routes' own body timeouts are shorter), and connections are capped.
  server.server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.server.requestTimeout = REQUEST_TIMEOUT_MS;
  server.server.maxConnections = config.maxConnections;
  // Node checks those two timeouts only every 30 s (connectionsCheckingInterval, which restify gives no way to
  // set): a connection whose first request's headers are not complete within HEADERS_TIMEOUT_MS is closed here.
  const waiting = new WeakMap<object, NodeJS.Timeout>();
  server.server.on('connection', (socket: Socket) => {
    const timer = setTimeout(() => socket.destroy(), HEADERS_TIMEOUT_MS);
    timer.unref();
    waiting.set(socket, timer);
    socket.once('close', () => clearTimeout(timer));
  });
  const headersDone = (req: IncomingMessage) => clearTimeout(waiting.get(req.socket));
  server.server.prependListener('request', headersDone);
  server.server.prependListener('upgrade', headersDone);
  // No global body parser: /api/messages has its guard (messageGuard.ts), every other POST route reads its own
  // body once it has checked the caller (body.ts), bounded in size and time.
  installRequestGuards(server, { config, logger });

  // The guard checked the activity and verified the token; the adapter is handed what it established.
  server.post('/api/messages', async (req, res) => {
    await answerGuarded(adapter, req, res, (context) => bot.run(context), logger);
  });

  // Liveness: 200 as soon as the server listens, 'warming' while the date recognizers warm up in the background
  // (messages are answered meanwhile). Readiness: 503 until they are warm, for probes that route traffic.
  server.get('/healthz', (_req, res, next) => {
    res.send(200, { status: ready() ? 'ok' : 'warming' });
    return next();
  });
  server.get('/readyz', (_req, res, next) => {
    const warm = ready();
    res.send(warm ? 200 : 503, { status: warm ? 'ok' : 'warming' });
    return next();
  });

  const localDirectLine = registerDirectLine(server, { config, logger });
  registerWebPage(server, { config });
  registerDocuments(server, { config, logger });

  server.on('restifyError', (req, _res, err, callback) => {
    // The route pattern, never the raw path (it can hold ids, tokens or whatever someone typed); an unknown
    // route as a salted hash, enough to tell one probe from many.
    const route: { path?: unknown } | undefined = req.getRoute();
    const path = typeof route?.path === 'string' ? route.path : 'unmatched';
    logger.warn({ event: 'http.error', method: req.method, route: path, pathHash: path === 'unmatched' ? hashId(req.path(), config.logHashSalt) : undefined, status: err.statusCode ?? 500, errorName: err.name });
    return callback();
  });
  return { server, localDirectLine };
}
