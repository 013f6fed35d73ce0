/** Entry point: configuration, application, listen. Everything else is wired in bootstrap.ts. */
import path from 'node:path';
import dotenv from 'dotenv';
import { loadConfig, listenHost, ConfigError } from './config';
import { createLogger } from './logging';
import { createApp } from './bootstrap';
import { installGracefulShutdown } from './server/shutdown';
import { initTelemetry } from './telemetry';

async function main(): Promise<void> {
  // .env is read from the working directory (the project root with `npm start`), never from the build folder.
  dotenv.config({ path: path.resolve(process.cwd(), '.env') });
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const started = Date.now();
  const telemetry = await initTelemetry(config.appInsightsConnectionString, logger);
  // A storage setting that is wrong or a store that cannot be reached at start is a configuration error too.
  const app = await createApp(config, logger).catch((error: unknown) => {
    if (error instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  });
  // SIGTERM / SIGINT: 503 for new requests, running turns finish (bounded), telemetry flushed, exit 0.
  const shutdown = installGracefulShutdown(app.server, { logger, beforeExit: () => telemetry.flush() });
  // Authentication off listens on the loopback only, unless HOST says otherwise (see config.ts for the refusal).
  const host = listenHost(config);
  const ready = (): void => {
    logger.info({ event: 'server.ready', port: config.port, host: host ?? 'all', authEnabled: config.authEnabled, storage: config.storage.kind, startupMs: Date.now() - started });
    // The date recognizers warm up after listen, in steps between requests (/readyz answers 503 until then).
    void app.warmUp(() => shutdown.inFlight() > 0).then(() => logger.info({ event: 'understanding.warm', sinceStartMs: Date.now() - started }));
  };
  if (host === undefined) app.server.listen(config.port, ready);
  else app.server.listen(config.port, host, ready);
}

main().catch((error: unknown) => {
  process.stderr.write(`Fatal: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
