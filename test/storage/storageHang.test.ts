/**
 * A store that hangs instead of failing (Azurite paused with SIGSTOP: its socket still accepts connections,
 * nothing answers), reached through the local Direct Line as the chat page would. The Azure SDK only asks the
 * server to time out, so before the client-side deadlines a turn waited as long as the store hung (the web
 * client saw a 502 at 30 s and no apology). Now the turn apologises within 15 s, the dialog step is kept, and
 * once the store answers again (SIGCONT) the conversation resumes where it was.
 */
import { t } from '../../src/i18n/messages';
import { startApp, Running } from '../hostile/harness';
import { Grant, JSON_HEADERS, call, mustMint, postActivity, startConversation } from '../hostile/directLineClient';
import { Azurite, startAzurite } from './support/azurite';

const ASK_DATE = t('fr', 'withdrawal.askDate');
const DEADLINE = t('fr', 'withdrawal.openTitle').split('{')[0];
const UNAVAILABLE = t('fr', 'common.storageUnavailable');

let azurite: Azurite;
let run: Running;

beforeAll(async () => {
  azurite = await startAzurite();
  run = await startApp({ env: { STATE_STORAGE: 'blob', BLOB_CONNECTION_STRING: azurite.connectionString, BLOB_CONTAINER: 'hang', RATE_LIMIT_MESSAGES: '100' } });
}, 60_000);

afterAll(async () => {
  azurite?.resume();
  await run?.close();
  await azurite?.dispose();
});

/** Posts a message and returns how long the POST took and everything the bot said in answer to it. */
async function turn(grant: Grant, text: string): Promise<{ ms: number; status: number; said: string }> {
  const started = performance.now();
  const posted = await postActivity(run.baseUrl, grant, { type: 'message', text, from: { id: 'u' } });
  const ms = performance.now() - started;
  const id = posted.status === 200 ? (JSON.parse(posted.body) as { id: string }).id : '';
  const read = await call(run.baseUrl, `/v3/directline/conversations/${grant.conversationId}/activities`, { token: grant.token, headers: JSON_HEADERS });
  const activities = (JSON.parse(read.body) as { activities: { replyToId?: string; from: { role?: string } }[] }).activities;
  return { ms, status: posted.status, said: JSON.stringify(activities.filter((a) => a.from.role === 'bot' && a.replyToId === id)) };
}

test('a paused store: the apology within 15 s, then after SIGCONT the conversation resumes at its step', async () => {
  const grant = await mustMint(run.baseUrl);
  await startConversation(run.baseUrl, grant);
  expect((await turn(grant, 'je veux me rétracter')).said).toContain(ASK_DATE.slice(0, 40));

  azurite.pause();
  const during = await turn(grant, 'il y a 3 jours');
  expect(during.status).toBe(200);
  expect(during.ms).toBeLessThan(15_000);
  expect(during.said).toContain(UNAVAILABLE.slice(0, 40));

  azurite.resume();
  const resumed = await turn(grant, 'il y a 3 jours');
  expect(resumed.status).toBe(200);
  expect(resumed.said).toContain(DEADLINE);
  expect(resumed.said).not.toContain(UNAVAILABLE.slice(0, 40));
}, 60_000);
