/** The HTTP server: the bot endpoint, health, and the pages. Routes are added here and nowhere else. */
import restify from 'restify';
import type { CloudAdapter } from 'botbuilder';
import type { ActivityHandler } from 'botbuilder';
import type { Logger } from 'pino';
import type { AppConfig } from '../config';
import { registerDirectLine } from './directline';
import { registerWebPage } from './webPage';
import { installRequestGuards } from './guards/messageGuard';

export interface ServerDeps {
  config: AppConfig;
  adapter: CloudAdapter;
  bot: ActivityHandler;
  logger: Logger;
  /** Whether start-up work still running in the background is done (see /readyz); always ready if absent. */
  ready?: () => boolean;
}

export function createServer({ config, adapter, bot, logger, ready = () => true }: ServerDeps): restify.Server {
  const server = restify.createServer({ name: 'cned-guide', handleUncaughtExceptions: false });
  installRequestGuards(server, { config, logger });
  server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024, mapParams: false }));

  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
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

  registerDirectLine(server, { config, logger });
  registerWebPage(server, { config });

  server.on('restifyError', (req, _res, err, callback) => {
    logger.warn({ event: 'http.error', method: req.method, path: req.path(), status: err.statusCode ?? 500, errorName: err.name });
    return callback();
  });
  return server;
}
