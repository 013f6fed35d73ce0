/** Builds the whole application from a configuration: used by index.ts, the tests and the benchmark. */
import type restify from 'restify';
import { CloudAdapter, ConversationState, Storage } from 'botbuilder';
import type { Logger } from 'pino';
import type { AppConfig } from './config';
import type { Understanding } from './understanding';
import { MainDialog } from '../dialogs/mainDialog';
import { ComplaintBot } from './bot/complaintBot';
import { TransactionalTurn } from './bot/transactionalTurn';
import { createStorage } from './storage';
import { createAdapter } from './bot/adapter';
import { RateLimitMiddleware } from './bot/rateLimit';
import { createServer } from './server/app';
import type { LocalDirectLine } from './server/directline/localDirectLine';
import { loadUnderstanding } from './understanding';

export interface App {
  server: restify.Server;
  adapter: CloudAdapter;
  bot: ComplaintBot;
  conversationState: ConversationState;
  storage: Storage;
  /** The local Direct Line, when enabled (authentication off, no DIRECT_LINE_SECRET). */
  localDirectLine: LocalDirectLine | undefined;
}

export interface AppOptions {
  understanding?: Understanding;
  storage?: Storage;
}

export async function createApp(config: AppConfig, logger: Logger, options: AppOptions = {}): Promise<App> {
  // STATE_STORAGE (memory, blob, cosmos) with expiry after STATE_TTL_DAYS; throws ConfigError on a bad setting.
  // First, so that a wrong setting stops the start before the classifier is trained.
  const storage = options.storage ?? (await createStorage(config.storage, { ttlDays: config.stateTtlDays, logger, requestTimeoutMs: config.storageTimeoutMs }));
  const understanding = options.understanding ?? (await loadUnderstanding());
  const conversationState = new ConversationState(storage);
  const adapter = createAdapter(config, logger, conversationState);
  adapter.use(new RateLimitMiddleware(config.rateLimit, logger, config.logHashSalt));
  const transactions = new TransactionalTurn({ storage, states: [conversationState], logger, hashSalt: config.logHashSalt });
  const bot = new ComplaintBot(conversationState, new MainDialog(understanding), logger, transactions);
  const { server, localDirectLine } = createServer({ config, adapter, bot, logger });
  // "Delete my data" also erases what the edge keeps of the conversation: the local Direct Line transcript and tokens.
  bot.onErase = (conversationId) => localDirectLine?.erase(conversationId);
  return { server, adapter, bot, conversationState, storage, localDirectLine };
}
