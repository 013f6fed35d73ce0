/** A whole bot (createApp) listening on a local port, with its JSON logs captured for assertions. */
import type { AddressInfo } from 'node:net';
import type { Activity } from 'botbuilder';
import { createApp, App, AppOptions } from '../../../src/bootstrap';
import { loadConfig } from '../../../src/config';
import { createLogger } from '../../../src/logging';
import { loadUnderstanding } from '../../../src/understanding';
import type { Understanding } from '../../../src/domain/understanding';
import { FakeConnector, channelActivity, postJson } from '../../support/channel';

export type LogRecord = Record<string, unknown>;

export interface BotServer {
  url: string;
  app: App;
  logs: LogRecord[];
  close(): Promise<void>;
}

let understanding: Promise<Understanding> | undefined;

/** Trained once per test file and shared by every server of the file. */
export function sharedUnderstanding(): Promise<Understanding> {
  understanding ??= loadUnderstanding();
  return understanding;
}

export async function startBotServer(env: Record<string, string>, options: AppOptions = {}): Promise<BotServer> {
  const logs: LogRecord[] = [];
  const logger = createLogger('info', { write: (line: string) => void logs.push(JSON.parse(line) as LogRecord) });
  const config = loadConfig({ LOG_LEVEL: 'info', ...env });
  const app = await createApp(config, logger, { understanding: await sharedUnderstanding(), ...options });
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    logs,
    close: () => new Promise<void>((resolve) => app.server.close(() => resolve())),
  };
}

/** 25 November 2025, 10:00 in Paris: "le 20 novembre" is then five days ago, inside the 14-day withdrawal period. */
export const TURN_TIME = new Date('2025-11-25T09:00:00Z');

/** Sends one message of a conversation to a server and returns the replies of that turn. */
export async function send(
  url: string,
  connector: FakeConnector,
  conversationId: string,
  text: string,
  fields: Partial<Activity> = {},
): Promise<{ status: number; replies: Partial<Activity>[] }> {
  const before = connector.repliesFor(conversationId).length;
  const activity = channelActivity(connector.serviceUrl, conversationId, { text, timestamp: TURN_TIME, ...fields });
  const { status } = await postJson(`${url}/api/messages`, activity);
  return { status, replies: connector.repliesFor(conversationId).slice(before) };
}
