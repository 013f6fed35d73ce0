/**
 * The bot as the bench drives it: the real createApp (memory storage, authentication off, default rate
 * limit, logs at info to /dev/null), in its own process, on a loopback port.
 */
import { loadConfig } from '../src/config';
import { createLogger } from '../src/logging';
import { createApp } from '../src/bootstrap';
import { serveBench } from './childSupport';

async function main(): Promise<void> {
  const started = Date.now();
  const config = loadConfig({ STATE_STORAGE: 'memory', LOG_LEVEL: 'info' });
  const app = await createApp(config, createLogger(config.logLevel));
  serveBench(app.server, started, async (conversationIds, channelId) => {
    // ConversationState's key (botbuilder 4.23: channel/conversations/id/namespace, the namespace empty). The
    // JSON length of the item read back is what the store holds, less ExpiringStorage's write-time stamp.
    const keys = conversationIds.map((id) => `${channelId}/conversations/${id}/`);
    const items = await app.storage.read(keys);
    return keys.map((key) => (key in items ? JSON.stringify(items[key]).length : null));
  });
  // As src/index.ts does: the date recognizers warm up once the server listens (serveBench has called listen).
  void app.warmUp();
}

main().catch((error: unknown) => {
  process.stderr.write(`bench bot: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
