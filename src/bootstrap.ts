/** Builds the whole application from a configuration: used by index.ts, the tests and the benchmark. */
import type restify from 'restify';
import { CloudAdapter, ConversationState, MemoryStorage, Storage } from 'botbuilder';
import type { Logger } from 'pino';
import type { AppConfig } from './config';
import type { Understanding } from '../dialogs/understanding';
import { MainDialog } from '../dialogs/mainDialog';
import { ComplaintBot } from './bot/complaintBot';
import { createAdapter } from './bot/adapter';
import { RateLimitMiddleware } from './bot/rateLimit';
import { createServer } from './server/app';
import { loadUnderstanding } from './understanding';

export interface App {
  server: restify.Server;
  adapter: CloudAdapter;
  bot: ComplaintBot;
  conversationState: ConversationState;
  storage: Storage;
}

export interface AppOptions {
  understanding?: Understanding;
  storage?: Storage;
}

export async function createApp(config: AppConfig, logger: Logger, options: AppOptions = {}): Promise<App> {
  const understanding = options.understanding ?? (await loadUnderstanding());
  const storage = options.storage ?? new MemoryStorage();
  const conversationState = new ConversationState(storage);
  const adapter = createAdapter(config, logger, conversationState);
  adapter.use(new RateLimitMiddleware(config.rateLimit, logger, config.logHashSalt));
  const bot = new ComplaintBot(conversationState, new MainDialog(understanding), logger);
  const server = createServer({ config, adapter, bot, logger });
  return { server, adapter, bot, conversationState, storage };
}
