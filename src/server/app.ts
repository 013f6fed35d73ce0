/** The HTTP server: the bot endpoint, health, and the pages. Routes are added here and nowhere else. */
import restify from 'restify';
import type { CloudAdapter } from 'botbuilder';
import type { ActivityHandler } from 'botbuilder';
import type { Logger } from 'pino';
import type { AppConfig } from '../config';
import { registerDirectLine } from './directline';
import { registerWebPage } from './webPage';
import { installRequestGuards } from './guards/messageGuard';
import { pathForLog, registerDocuments } from './documents';

export interface ServerDeps {
  config: AppConfig;
  adapter: CloudAdapter;
  bot: ActivityHandler;
  logger: Logger;
}

export function createServer({ config, adapter, bot, logger }: ServerDeps): restify.Server {
  const server = restify.createServer({ name: 'cned-guide', handleUncaughtExceptions: false });
  installRequestGuards(server, { config, logger });
  server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024, mapParams: false }));

  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });

  server.get('/healthz', (_req, res, next) => {
    res.send(200, { status: 'ok' });
    return next();
  });

  registerDirectLine(server, { config, logger });
  registerWebPage(server, { config });
  registerDocuments(server, { config, logger });

  server.on('restifyError', (req, _res, err, callback) => {
    logger.warn({ event: 'http.error', method: req.method, path: pathForLog(req.path()), status: err.statusCode ?? 500, errorName: err.name });
    return callback();
  });
  return server;
}
