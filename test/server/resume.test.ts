/**
 * Reload continuity on the server: the token endpoint gives a fresh token for a conversation it issued (local
 * Direct Line, and the Direct Line service through a local fake of its /tokens/refresh), a new conversation with
 * `resumed: false` for an expired, unknown or foreign one; and a client activity posted twice is handled once.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logging';
import { createApp, App } from '../../src/bootstrap';
import { loadUnderstanding } from '../../src/understanding';
import { LocalDirectLine } from '../../src/server/directline/localDirectLine';
import { createBotBridge } from '../../src/server/directline/botBridge';
import { readResumeRequest, resumeLocal } from '../../src/server/directline/resume';

const silent = createLogger('silent');
/** The trained understanding (its type lives where loadUnderstanding says). */
let understanding: Awaited<ReturnType<typeof loadUnderstanding>>;
const apps: App[] = [];

beforeAll(async () => {
  understanding = await loadUnderstanding();
});

afterAll(async () => {
  for (const app of apps) await new Promise<void>((resolve) => app.server.close(() => resolve()));
});

async function start(env: Record<string, string> = {}): Promise<string> {
  const app = await createApp(loadConfig({ TOKEN_RATE_LIMIT: '100', ...env }), silent, { understanding });
  apps.push(app);
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', () => resolve()));
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

interface TokenAnswer {
  token: string;
  conversationId: string;
  domain: string;
  expires_in: number;
  resumed?: boolean;
}

async function tokenFor(baseUrl: string, body: object = {}): Promise<TokenAnswer> {
  const response = await fetch(`${baseUrl}/api/directline/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  expect(response.status).toBe(200);
  return (await response.json()) as TokenAnswer;
}

async function call(url: string, token: string, method = 'GET', body?: object) {
  const response = await fetch(url, { method, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: body && JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, json: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
}

interface LoggedActivity {
  id: string;
  type: string;
  text?: string;
  from: { role?: string };
  channelData?: { clientActivityID?: string };
}

describe('reading a resume request', () => {
  test.each([
    ['well formed', { resume: { conversationId: 'abc_-1', token: 'tok.en-_~' } }, { conversationId: 'abc_-1', token: 'tok.en-_~' }],
    ['absent', {}, undefined],
    ['not an object', { resume: 'abc' }, undefined],
    ['a space in the id', { resume: { conversationId: 'a b', token: 't' } }, undefined],
    ['a number as token', { resume: { conversationId: 'a', token: 7 } }, undefined],
    ['a long id', { resume: { conversationId: 'a'.repeat(201), token: 't' } }, undefined],
    ['a long token', { resume: { conversationId: 'a', token: 't'.repeat(2049) } }, undefined],
    ['no body', null, undefined],
  ])('%s', (_name, body, expected) => {
    expect(readResumeRequest(body)).toEqual(expected);
  });
});

describe('local Direct Line', () => {
  let baseUrl: string;
  beforeAll(async () => {
    baseUrl = await start();
  });

  test('a live token resumes its conversation: same id, a new token, the transcript from the start', async () => {
    const first = await tokenFor(baseUrl, { locale: 'fr-FR' });
    expect(first.resumed).toBeUndefined();
    expect((await call(`${first.domain}/conversations`, first.token, 'POST', { locale: 'fr-FR' })).status).toBe(201);
    const resumed = await tokenFor(baseUrl, { locale: 'fr-FR', resume: { conversationId: first.conversationId, token: first.token } });
    expect(resumed).toMatchObject({ conversationId: first.conversationId, resumed: true });
    expect(resumed.token).not.toBe(first.token);
    // Direct Line's reconnect, with the new token: a stream URL, no second welcome, the log from the start.
    const reconnect = await call(`${resumed.domain}/conversations/${resumed.conversationId}?watermark=`, resumed.token);
    expect(reconnect.status).toBe(200);
    expect(String(reconnect.json.streamUrl)).toContain('/stream?');
    const log = await call(`${resumed.domain}/conversations/${resumed.conversationId}/activities`, resumed.token);
    const welcomes = (log.json.activities as LoggedActivity[]).filter((a) => a.from.role === 'bot');
    expect(welcomes.length).toBeGreaterThan(0);
    expect((await call(`${first.domain}/conversations`, resumed.token, 'POST')).status).toBe(200);
  });

  test.each([
    ['an unknown token', (answer: TokenAnswer) => ({ conversationId: answer.conversationId, token: 'not-a-token' })],
    ["another conversation's token", (answer: TokenAnswer, other: TokenAnswer) => ({ conversationId: answer.conversationId, token: other.token })],
    ['a conversation that is gone', (answer: TokenAnswer) => ({ conversationId: 'gone', token: answer.token })],
  ])('%s gets a new conversation, resumed: false', async (_name, resumeOf) => {
    const answer = await tokenFor(baseUrl);
    const other = await tokenFor(baseUrl);
    const next = await tokenFor(baseUrl, { resume: resumeOf(answer, other) });
    expect(next.resumed).toBe(false);
    expect([answer.conversationId, other.conversationId]).not.toContain(next.conversationId);
  });

  test('an activity posted again with the same clientActivityID is logged and handled once', async () => {
    const answer = await tokenFor(baseUrl, { locale: 'en-US' });
    const url = `${answer.domain}/conversations/${answer.conversationId}`;
    await call(url.replace(/\/[^/]+$/, ''), answer.token, 'POST', { locale: 'en-US' });
    const activity = { type: 'message', text: 'menu', locale: 'en-US', channelData: { clientActivityID: 'client-1' } };
    const first = await call(`${url}/activities`, answer.token, 'POST', activity);
    const again = await call(`${url}/activities`, answer.token, 'POST', activity);
    const other = await call(`${url}/activities`, answer.token, 'POST', { ...activity, channelData: { clientActivityID: 'client-2' } });
    expect(first.status).toBe(200);
    expect(again.json.id).toBe(first.json.id);
    expect(other.json.id).not.toBe(first.json.id);
    const log = (await call(`${url}/activities`, answer.token)).json.activities as LoggedActivity[];
    const userCopies = log.filter((a) => a.from.role === 'user' && a.channelData?.clientActivityID === 'client-1');
    expect(userCopies).toHaveLength(1);
    // One answer per handled message: the bot replied to client-1 and client-2, nothing more.
    const replies = log.filter((a) => a.from.role === 'bot' && a.type === 'message' && (a as { replyToId?: string }).replyToId);
    expect(new Set(replies.map((a) => (a as { replyToId?: string }).replyToId))).toEqual(new Set([first.json.id, other.json.id]));
  });

  test('an expired token does not resume (local store with a clock)', () => {
    let now = 1_000_000;
    const local = new LocalDirectLine(createBotBridge(http.createServer()), silent, 'salt', { now: () => now, tokens: { ttlMs: 60_000 } });
    const created = local.createConversation('fr-FR', undefined);
    if ('refused' in created) throw new Error('the local Direct Line refused a first conversation');
    const grant = created;
    expect(resumeLocal(local, { conversationId: grant.conversationId, token: grant.token })?.conversationId).toBe(grant.conversationId);
    now += 61_000;
    expect(resumeLocal(local, { conversationId: grant.conversationId, token: grant.token })).toBeUndefined();
  });
});

describe('Direct Line service (a local fake of its token API)', () => {
  const secret = 'the-direct-line-secret';
  let service: http.Server;
  let serviceUrl: string;
  const live = new Map<string, string>(); // token → conversation
  const seen: { path?: string; authorization?: string }[] = [];
  let counter = 0;

  beforeAll(async () => {
    service = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        seen.push({ path: req.url, authorization: req.headers.authorization });
        const bearer = (req.headers.authorization ?? '').replace(/^Bearer /, '');
        const reply = (status: number, body: object) => {
          res.writeHead(status, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify(body));
        };
        if (req.url === '/v3/directline/tokens/generate' && bearer === secret) {
          counter += 1;
          const token = `svc-token-${counter}`;
          live.set(token, `svc-conv-${counter}`);
          return reply(200, { conversationId: `svc-conv-${counter}`, token, expires_in: 3600 });
        }
        if (req.url === '/v3/directline/tokens/refresh' && live.has(bearer)) {
          counter += 1;
          const token = `svc-token-${counter}`;
          const conversationId = live.get(bearer) ?? '';
          live.set(token, conversationId);
          return reply(200, { conversationId, token, expires_in: 3600 });
        }
        reply(403, { error: { code: 'TokenExpired' } });
      });
    });
    await new Promise<void>((resolve) => service.listen(0, '127.0.0.1', () => resolve()));
    serviceUrl = `http://127.0.0.1:${(service.address() as AddressInfo).port}/v3/directline`;
  });

  afterAll(() => new Promise<void>((resolve) => service.close(() => resolve())));

  test('a live token is refreshed for its conversation (the old token, never the secret, goes to /tokens/refresh)', async () => {
    const baseUrl = await start({ DIRECT_LINE_SECRET: secret, DIRECT_LINE_ENDPOINT: serviceUrl });
    const first = await tokenFor(baseUrl);
    expect(first.resumed).toBeUndefined();
    const resumed = await tokenFor(baseUrl, { resume: { conversationId: first.conversationId, token: first.token } });
    expect(resumed).toMatchObject({ conversationId: first.conversationId, domain: serviceUrl, resumed: true });
    expect(resumed.token).not.toBe(first.token);
    expect(seen.at(-1)).toEqual({ path: '/v3/directline/tokens/refresh', authorization: `Bearer ${first.token}` });

    // Expired (the service says 403), or a token of another conversation: a new conversation, resumed: false.
    live.delete(resumed.token);
    const expired = await tokenFor(baseUrl, { resume: { conversationId: first.conversationId, token: resumed.token } });
    expect(expired.resumed).toBe(false);
    expect(expired.conversationId).not.toBe(first.conversationId);
    const foreign = await tokenFor(baseUrl, { resume: { conversationId: first.conversationId, token: expired.token } });
    expect(foreign.resumed).toBe(false);
    expect([first.conversationId, expired.conversationId]).not.toContain(foreign.conversationId);
    expect(JSON.stringify([first, resumed, expired, foreign])).not.toContain(secret);
  });
});
