/**
 * The built app as a real process (`npm run build` in beforeAll, then `node dist/src/index.js`):
 * configuration errors stop it with a clear message and a non-zero exit; a `kill -9` in the middle of a dialog
 * loses nothing that was saved (a new process continues it); SIGTERM drains and exits 0.
 */
import { t } from '../../src/i18n/messages';
import { FakeConnector, replyText, startConnector } from '../support/channel';
import { Azurite, freePort, startAzurite } from './support/azurite';
import { AppProcess, buildApp, runAppToExit, startAppProcess } from './support/builtApp';
import { send } from './support/botServer';

const ASK_DATE = t('fr', 'withdrawal.askDate');
const DEADLINE = t('fr', 'withdrawal.openTitle').split('{')[0];
const texts = (replies: { text?: string }[]) => replies.map((reply) => replyText(reply)).join('\n---\n');

let azurite: Azurite;
let connector: FakeConnector;
const running: AppProcess[] = [];

async function start(env: Record<string, string>): Promise<AppProcess> {
  const app = await startAppProcess({ PORT: String(await freePort()), ...env });
  running.push(app);
  return app;
}

beforeAll(async () => {
  buildApp();
  azurite = await startAzurite();
  connector = await startConnector();
}, 300_000);

afterAll(async () => {
  for (const app of running) await app.dispose();
  await connector?.close();
  await azurite?.dispose();
});

describe('configuration errors stop the start (exit 2) with a clear message', () => {
  test('STATE_STORAGE=bogus', () => {
    const { status, stderr } = runAppToExit({ STATE_STORAGE: 'bogus' });
    expect(status).toBe(2);
    expect(stderr).toContain('Configuration error: STATE_STORAGE must be memory, blob or cosmos (got "bogus").');
  });

  test('an unparsable blob connection string, without echoing it', () => {
    const { status, stderr } = runAppToExit({ STATE_STORAGE: 'blob', BLOB_CONNECTION_STRING: 'AccountKey', BLOB_CONTAINER: 'state' });
    expect(status).toBe(2);
    expect(stderr).toContain('Configuration error: BLOB_CONNECTION_STRING is not a connection string');
  });

  test('a blob store that cannot be reached at start', async () => {
    const closed = await freePort();
    const { status, stderr } = runAppToExit({
      STATE_STORAGE: 'blob',
      BLOB_CONNECTION_STRING: azurite.connectionString.replace(`:${azurite.port}/`, `:${closed}/`),
      BLOB_CONTAINER: 'state',
    });
    expect(status).toBe(2);
    expect(stderr).toMatch(/Configuration error: Blob container "state" is not usable: it could not be reached/);
  });
});

test('kill -9 in the middle of a dialog: a new process continues it from the saved state', async () => {
  const env = { STATE_STORAGE: 'blob', BLOB_CONNECTION_STRING: azurite.connectionString, BLOB_CONTAINER: 'crash' };
  const first = await start(env);
  const asked = await send(first.url, connector, 'crash-1', 'je veux me rétracter');
  expect(texts(asked.replies)).toContain(ASK_DATE);

  first.child.kill('SIGKILL');
  expect(await first.exited).toBe('SIGKILL');

  const second = await start(env);
  const answered = await send(second.url, connector, 'crash-1', 'le 20 novembre');
  expect(answered.status).toBe(200);
  expect(texts(answered.replies)).toContain(DEADLINE);
});

test('SIGTERM: refuses new requests, lets the running ones finish, exits 0', async () => {
  const app = await start({ STATE_STORAGE: 'memory' });
  expect((await send(app.url, connector, 'term-1', 'bonjour')).status).toBe(200);
  app.child.kill('SIGTERM');
  expect(await app.exited).toBe(0);
  const stopped = app.logs.find((log) => log.event === 'server.stopped');
  expect(stopped).toEqual(expect.objectContaining({ reason: 'SIGTERM', drained: true, abandoned: 0 }));
  // No message text in any log line.
  expect(JSON.stringify(app.logs)).not.toContain('bonjour');
});
