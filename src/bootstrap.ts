/** Builds the whole application from a configuration: used by index.ts, the tests and the benchmark. */
import path from 'node:path';
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
import { loadUnderstanding, understandingWarm, warmUpUnderstanding } from './understanding';
import { findProjectRoot } from './shared';

export interface App {
  server: restify.Server;
  adapter: CloudAdapter;
  bot: ComplaintBot;
  conversationState: ConversationState;
  storage: Storage;
  /** The local Direct Line, when enabled (authentication off, no DIRECT_LINE_SECRET). */
  localDirectLine: LocalDirectLine | undefined;
  /**
   * Warms the date recognizers up in the background, one step (one recognizer call, up to about a second of
   * CPU) at a time, with a pause between steps; call it once the server listens. Given `busy` (requests
   * running), a step waits for them to end, at most WARM_UP_MAX_DEFER_MS, so that no step lands in the middle
   * of a turn. Until it is done /readyz answers 503. The same promise on every call.
   */
  warmUp(busy?: () => boolean): Promise<void>;
}

/** How long a warm-up step waits for running requests before it runs anyway (steady traffic must not starve it). */
export const WARM_UP_MAX_DEFER_MS = 250;
/**
 * The pause before each warm-up step: a connection that arrived during the previous step is accepted and its
 * request read in this time (that takes more than one turn of the event loop), so that `busy` sees it.
 */
export const WARM_UP_GAP_MS = 10;

/** Resolves after `gapMs`, then once `busy()` is false, or `maxWaitMs` later whatever it says. */
export function whenIdle(busy: () => boolean, maxWaitMs: number, gapMs = WARM_UP_GAP_MS): Promise<void> {
  return new Promise((resolve) => {
    setTimeout(() => {
      const deadline = Date.now() + maxWaitMs;
      const check = (): void => {
        if (!busy() || Date.now() >= deadline) resolve();
        else setTimeout(check, 2);
      };
      check();
    }, gapMs);
  });
}

export interface AppOptions {
  understanding?: Understanding;
  storage?: Storage;
}

export async function createApp(config: AppConfig, logger: Logger, options: AppOptions = {}): Promise<App> {
  // STATE_STORAGE (memory, blob, cosmos) with expiry after STATE_TTL_DAYS; throws ConfigError on a bad setting.
  // First, so that a wrong setting stops the start before the classifier is trained.
  const storage = options.storage ?? (await createStorage(config.storage, { ttlDays: config.stateTtlDays, logger, requestTimeoutMs: config.storageTimeoutMs }));
  // The recognizers' warm-up (seconds of CPU) is left to warmUp(), after listen: the server answers at once.
  // The classifier comes from the build's dist/models when it matches the corpora and the code (no training at start).
  const understanding =
    options.understanding ??
    (await loadUnderstanding({
      warmUp: 'later',
      models: path.join(findProjectRoot(), 'dist', 'models'),
      onClassifier: (from) => logger.info({ event: 'understanding.classifier', from }),
    }));
  const conversationState = new ConversationState(storage);
  const adapter = createAdapter(config, logger, conversationState);
  adapter.use(new RateLimitMiddleware(config.rateLimit, logger, config.logHashSalt));
  const transactions = new TransactionalTurn({ storage, states: [conversationState], logger, hashSalt: config.logHashSalt });
  const bot = new ComplaintBot(conversationState, new MainDialog(understanding, undefined, { key: config.documents.linkKey, baseUrl: config.documents.publicBaseUrl, ttlHours: config.documents.linkTtlHours }), logger, transactions);
  const { server, localDirectLine } = createServer({ config, adapter, bot, logger, ready: understandingWarm });
  // "Delete my data" also erases what the edge keeps of the conversation: the local Direct Line transcript and tokens.
  bot.onErase = (conversationId) => localDirectLine?.erase(conversationId);
  return {
    server,
    adapter,
    bot,
    conversationState,
    storage,
    localDirectLine,
    warmUp: (busy = () => false) => warmUpUnderstanding(() => whenIdle(busy, WARM_UP_MAX_DEFER_MS)),
  };
}
