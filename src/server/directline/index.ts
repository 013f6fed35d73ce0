/**
 * Web chat transport: the token endpoint always; the local Direct Line 3.0 subset (client API, WebSocket stream,
 * connector endpoints for the bot's replies) only when authentication is off and no DIRECT_LINE_SECRET is set,
 * so `npm start` alone serves a working chat page without Azure.
 */
import type restify from 'restify';
import type { Logger } from 'pino';
import type { AppConfig } from '../../config';
import { createBotBridge } from './botBridge';
import { registerClientRoutes } from './clientRoutes';
import { registerConnectorRoutes } from './connectorRoutes';
import { LocalDirectLine, LocalDirectLineOptions } from './localDirectLine';
import { attachStream } from './stream';
import { registerTokenEndpoint } from './tokenEndpoint';

export { TOKEN_PATH } from './tokenEndpoint';
export { DIRECT_LINE_PATH } from './clientRoutes';

const SWEEP_INTERVAL_MS = 60_000;

export function isLocalDirectLineEnabled(config: AppConfig): boolean {
  return !config.authEnabled && !config.directLineSecret;
}

export interface DirectLineDeps {
  config: AppConfig;
  logger: Logger;
}

/** Registers the routes; returns the local Direct Line when it is enabled (tests reach its stores through it). */
export function registerDirectLine(server: restify.Server, { config, logger }: DirectLineDeps, options: LocalDirectLineOptions = {}): LocalDirectLine | undefined {
  const limits = config.localDirectLine;
  const local = isLocalDirectLineEnabled(config)
    ? new LocalDirectLine(createBotBridge(server.server), logger, config.logHashSalt, {
        ...options,
        conversations: {
          maxConversations: limits.maxConversations,
          maxPerClient: limits.conversationsPerClient,
          maxBytesTotal: limits.maxMemoryBytes,
          ...options.conversations,
        },
        // Twice the bot's own limit, so the bot's "slow down" answer comes first; this one bounds what is stored.
        posts: options.posts ?? { max: config.rateLimit.messages * 2, windowMs: config.rateLimit.windowMs },
      })
    : undefined;
  registerTokenEndpoint(server, config, logger, local);
  if (!local) return undefined;
  registerClientRoutes(server, local, config.trustProxy);
  registerConnectorRoutes(server, local);
  attachStream(server.server, local);
  const sweeper = setInterval(() => local.sweep(), SWEEP_INTERVAL_MS);
  sweeper.unref();
  server.server.on('close', () => clearInterval(sweeper));
  logger.debug({ event: 'directline.local.enabled' });
  return local;
}
