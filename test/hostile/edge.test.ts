/**
 * The web edge attacked as issue 9 probed it, each test one attack, on the loopback only and bounded in time:
 * large activities, a flood of conversations from many addresses and from spoofed headers, slow bodies on every
 * POST route, erasure, a public start without authentication, serviceUrl and channelId abuse, raw paths in logs.
 * (A hung store is in test/storage/storageHang.test.ts, next to Azurite.)
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import dotenv from 'dotenv';
import WebSocket from 'ws';
import { ConfigError, listenHost, loadConfig } from '../../src/config';
import { t } from '../../src/i18n/messages';
import { MAX_ACTIVITY_BYTES } from '../../src/server/directline/localDirectLine';
import { DEFAULT_CONVERSATION_OPTIONS } from '../../src/server/directline/conversations';
import { clientKey } from '../../src/server/clientIdentity';
import { activityJson, startApp, Running } from './harness';
import { JSON_HEADERS, answersTo, call, mint, mustMint, postActivity, startConversation, transcript, trickle } from './directLineClient';

const localDirectLine = (run: Running) => {
  const local = run.app.localDirectLine;
  if (!local) throw new Error('the local Direct Line is off');
  return local;
};

async function victimChats(run: Running, grant: { token: string; conversationId: string }): Promise<void> {
  const posted = await postActivity(run.baseUrl, grant, { type: 'message', text: 'menu', from: { id: 'victim' } });
  expect(posted.status).toBe(200);
  const { id } = JSON.parse(posted.body) as { id: string };
  expect((await answersTo(run.baseUrl, grant, id)).length).toBeGreaterThan(0);
}

describe('large activities', () => {
  let run: Running;
  beforeAll(async () => {
    run = await startApp();
  });
  afterAll(() => run.close());

  test('3 tokens posting 240 KB and 28 KB activities for 20 s: refused or trimmed, the logs stay bounded, the victim still chats', async () => {
    const victim = await mustMint(run.baseUrl);
    await startConversation(run.baseUrl, victim);
    const attackers = await Promise.all([1, 2, 3].map(() => mustMint(run.baseUrl)));
    const big = 'x'.repeat(240 * 1024);
    const fits = 'x'.repeat(28 * 1024);
    const statuses = new Map<number, number>();
    const deadline = performance.now() + 20_000;
    await Promise.all(
      attackers.flatMap((grant) =>
        [big, fits].map(async (pad) => {
          while (performance.now() < deadline) {
            const answer = await postActivity(run.baseUrl, grant, { type: 'event', name: 'x', channelData: { pad }, value: { pad: pad.slice(0, 10) } });
            statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
          }
        }),
      ),
    );
    // Too large: 413 without being stored; over the per-conversation rate: 429 before being read.
    expect(statuses.get(413)).toBeGreaterThan(0);
    expect(statuses.get(429)).toBeGreaterThan(0);
    expect([...statuses.keys()].filter((status) => status >= 500)).toEqual([]);
    const store = localDirectLine(run).conversations;
    expect(store.bytes).toBeLessThanOrEqual(4 * DEFAULT_CONVERSATION_OPTIONS.maxBytesPerConversation);
    for (const grant of attackers) {
      expect(store.get(grant.conversationId)?.bytes ?? 0).toBeLessThanOrEqual(DEFAULT_CONVERSATION_OPTIONS.maxBytesPerConversation);
    }
    await victimChats(run, victim);
  }, 40_000);

  test('at the total byte cap a client activity is refused with 503 and Retry-After; nothing is dropped to make room', async () => {
    const small = await startApp({ env: { DIRECT_LINE_MAX_MEMORY_MB: '1', RATE_LIMIT_MESSAGES: '100' } });
    try {
      const grants = await Promise.all(Array.from({ length: 10 }, () => mustMint(small.baseUrl)));
      const pad = 'y'.repeat(MAX_ACTIVITY_BYTES - 2048);
      const seen: number[] = [];
      for (const grant of grants) for (let i = 0; i < 4; i += 1) seen.push((await postActivity(small.baseUrl, grant, { type: 'event', name: 'x', channelData: { pad } })).status);
      expect(seen.filter((status) => status === 503).length).toBeGreaterThan(0);
      expect(localDirectLine(small).conversations.bytes).toBeLessThanOrEqual(1024 * 1024);
      expect(localDirectLine(small).conversations.size).toBe(10);
      const refused = await postActivity(small.baseUrl, grants[9], { type: 'event', name: 'x', channelData: { pad } });
      expect(refused.status).toBe(503);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await small.close();
    }
  }, 30_000);
});

describe('a flood of new conversations', () => {
  test('1,100 creations from 110 loopback addresses: the victim conversation still works, the overflow gets 503 + Retry-After', async () => {
    const run = await startApp();
    try {
      const victim = await mustMint(run.baseUrl);
      await startConversation(run.baseUrl, victim);
      const statuses = new Map<number, number>();
      let retryAfter = '';
      for (let host = 2; host < 112; host += 1) {
        const answers = await Promise.all(Array.from({ length: 10 }, () => mint(run.baseUrl, { localAddress: `127.0.0.${host}` })));
        for (const answer of answers) {
          const status = 'token' in answer ? 200 : answer.status;
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          if (status === 503) retryAfter = String(('headers' in answer && answer.headers['retry-after']) || '');
        }
      }
      expect(statuses.get(200)).toBe(DEFAULT_CONVERSATION_OPTIONS.maxConversations - 1);
      expect(statuses.get(503)).toBe(1100 - (DEFAULT_CONVERSATION_OPTIONS.maxConversations - 1));
      expect(Number(retryAfter)).toBeGreaterThan(0);
      expect(localDirectLine(run).conversations.size).toBe(DEFAULT_CONVERSATION_OPTIONS.maxConversations);
      await victimChats(run, victim);
    } finally {
      await run.close();
    }
  }, 60_000);

  test('with a trusted proxy, forged X-Forwarded-For (ports, one IPv6 /64, client-written hops) stays two clients', async () => {
    const run = await startApp({ env: { TRUST_PROXY: 'true', TOKEN_RATE_LIMIT: '10' } });
    try {
      const victim = await mustMint(run.baseUrl);
      let created = 0;
      for (let batch = 0; batch < 10; batch += 1) {
        const answers = await Promise.all(
          Array.from({ length: 20 }, (_, i) => {
            const n = batch * 20 + i;
            const hop = n % 2 === 0 ? `198.51.100.7:${1000 + n}` : `[2001:db8:0:1::${n.toString(16)}]:443`;
            return mint(run.baseUrl, { headers: { 'X-Forwarded-For': `203.0.113.${n % 250}, ${hop}` } });
          }),
        );
        created += answers.filter((answer) => 'token' in answer).length;
      }
      expect(created).toBe(20);
      expect((await startConversation(run.baseUrl, victim)).streamUrl).toContain('/stream?');
    } finally {
      await run.close();
    }
  }, 30_000);

  test.each([
    ['a cross-site text/plain POST', { 'Content-Type': 'text/plain' }, 415],
    ['a form', { 'Content-Type': 'application/x-www-form-urlencoded' }, 415],
    ['JSON from another origin', { ...JSON_HEADERS, Origin: 'https://evil.example' }, 403],
    ['JSON from an embedding origin', { ...JSON_HEADERS, Origin: 'https://www.cned.fr' }, 200],
  ])('the token endpoint answers %s with %i', async (_name, headers, status) => {
    const run = await startApp({ env: { EMBED_ORIGINS: 'https://www.cned.fr' } });
    try {
      expect((await call(run.baseUrl, '/api/directline/token', { method: 'POST', headers, body: '{}' })).status).toBe(status);
      expect((await call(run.baseUrl, '/api/directline/token', { method: 'POST', headers: { ...JSON_HEADERS, Origin: run.baseUrl }, body: '{}' })).status).toBe(200);
    } finally {
      await run.close();
    }
  });
});

describe('client identity', () => {
  const req = (remoteAddress: string, forwarded?: string) => ({
    headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded },
    socket: { remoteAddress } as never,
  });
  test.each([
    ['IPv4-mapped socket', req('::ffff:127.0.0.5'), 0, '127.0.0.5'],
    ['IPv6 grouped by /64', req('2001:db8:0:1:aaaa::1'), 0, '2001:db8:0:1::/64'],
    ['header ignored without trusted proxies', req('127.0.0.1', '198.51.100.7'), 0, '127.0.0.1'],
    ['one proxy: its hop, port stripped', req('10.0.0.4', '203.0.113.1, 198.51.100.7:51234'), 1, '198.51.100.7'],
    ['one proxy: bracketed IPv6 with port, /64', req('10.0.0.4', '[2001:db8:0:1::9]:443'), 1, '2001:db8:0:1::/64'],
    ['two proxies: the hop the outer one wrote', req('10.0.0.4', '6.6.6.6, 198.51.100.7, 10.0.0.9'), 2, '198.51.100.7'],
    ['garbage hop: the nearest trusted address', req('10.0.0.4', 'not-an-ip'), 1, '10.0.0.4'],
  ])('%s', (_name, request, proxies, key) => {
    expect(clientKey(request, proxies)).toBe(key);
  });
});

describe('slow bodies', () => {
  let run: Running;
  beforeAll(async () => {
    run = await startApp();
  });
  afterAll(() => run.close());

  test('a body trickled at 1 byte/s is cut within 15 s on every POST route; without a token, at once', async () => {
    const grant = await mustMint(run.baseUrl);
    const { streamUrl } = await startConversation(run.baseUrl, grant);
    // A live stream outlives the headers deadline (it is for requests still arriving, not for open sockets).
    const stream = new WebSocket(streamUrl);
    await new Promise((resolve) => stream.once('open', resolve));
    const auth = `Authorization: Bearer ${grant.token}\r\n`;
    const cases: [string, string, number][] = [
      ['token endpoint', 'POST /api/directline/token HTTP/1.1\r\nHost: x\r\n', 15_000],
      ['start', `POST /v3/directline/conversations HTTP/1.1\r\nHost: x\r\n${auth}`, 15_000],
      ['activity', `POST /v3/directline/conversations/${grant.conversationId}/activities HTTP/1.1\r\nHost: x\r\n${auth}`, 15_000],
      ['refresh', `POST /v3/directline/tokens/refresh HTTP/1.1\r\nHost: x\r\n${auth}`, 15_000],
      ['activity, made-up id, no token', 'POST /v3/directline/conversations/made-up/activities HTTP/1.1\r\nHost: x\r\n', 2_000],
      ['reply endpoint without the secret', `POST /local-connector/guess/v3/conversations/${grant.conversationId}/activities HTTP/1.1\r\nHost: x\r\n`, 2_000],
      ['bot endpoint', 'POST /api/messages HTTP/1.1\r\nHost: x\r\n', 15_000],
      ['unknown route', 'POST /nowhere HTTP/1.1\r\nHost: x\r\n', 15_000],
    ];
    // With them, headers that never end (a slowloris): the connection is closed within 15 s too.
    const [headers, ...results] = await Promise.all([
      trickle(run.baseUrl, 'GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ', 30_000, true),
      ...cases.map(([, head]) => trickle(run.baseUrl, head, 30_000)),
    ]);
    expect(headers.ms).toBeLessThan(15_000);
    expect(stream.readyState).toBe(WebSocket.OPEN);
    stream.close();
    const slow = results.map((result, index) => ({ route: cases[index][0], ms: Math.round(result.ms), limit: cases[index][2], answer: result.answer })).filter((r) => r.ms > r.limit);
    expect(slow).toEqual([]);
  }, 40_000);
});

test('a WebSocket upgrade to an unknown path is refused with 404, not left hanging', async () => {
  const run = await startApp();
  try {
    const status = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${run.baseUrl.replace('http', 'ws')}/nowhere`);
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('error', () => resolve(-1));
      ws.on('open', () => resolve(101));
    });
    expect(status).toBe(404);
  } finally {
    await run.close();
  }
});

describe('erasure', () => {
  test('"supprimer mes données": the confirmation arrives, then no transcript is left and the tokens are ended', async () => {
    const run = await startApp();
    try {
      const grant = await mustMint(run.baseUrl);
      const { streamUrl } = await startConversation(run.baseUrl, grant);
      const streamed: { text?: string; from: { role?: string } }[] = [];
      const ws = new WebSocket(streamUrl);
      const closed = new Promise<void>((resolve) => ws.on('close', () => resolve()));
      ws.on('message', (data) => streamed.push(...(JSON.parse(String(data)) as { activities: { text?: string; from: { role?: string } }[] }).activities));
      await new Promise((resolve) => ws.once('open', resolve));
      expect((await postActivity(run.baseUrl, grant, { type: 'message', text: 'mon numéro de dossier 12345', from: { id: 'u' } })).status).toBe(200);
      expect(JSON.stringify((await transcript(run.baseUrl, grant)).transcript)).toContain('12345');
      expect((await postActivity(run.baseUrl, grant, { type: 'message', text: 'supprimer mes données', from: { id: 'u' } })).status).toBe(200);
      await closed;
      expect(streamed.some((a) => a.from.role === 'bot' && a.text === t('fr', 'privacy.deleted'))).toBe(true);
      expect((await transcript(run.baseUrl, grant)).status).toBe(401);
      expect(localDirectLine(run).conversations.get(grant.conversationId)).toBeUndefined();
      expect(localDirectLine(run).conversations.bytes).toBe(0);
    } finally {
      await run.close();
    }
  }, 30_000);
});

describe('safe defaults', () => {
  test.each([
    [{ HOST: '0.0.0.0' }, 'refused'],
    [{ HOST: '::' }, 'refused'],
    [{ HOST: '192.0.2.10' }, 'refused'],
    [{ HOST: '0.0.0.0', ALLOW_PUBLIC_WITHOUT_AUTH: 'true' }, '0.0.0.0'],
    [{ HOST: '127.0.0.1' }, '127.0.0.1'],
    [{ HOST: '::1' }, '::1'],
    [{}, '127.0.0.1'],
    [{ MicrosoftAppId: 'id', MicrosoftAppPassword: 'x' }, 'all'],
    [{ MicrosoftAppId: 'id', MicrosoftAppPassword: 'x', HOST: '0.0.0.0' }, '0.0.0.0'],
  ])('authentication off on a public address needs consent: %j → %s', (env, expected) => {
    if (expected === 'refused') {
      expect(() => loadConfig(env)).toThrow(ConfigError);
      return;
    }
    expect(listenHost(loadConfig(env)) ?? 'all').toBe(expected);
  });

  test('.env.example as shipped starts on the loopback, trusting no proxy', () => {
    const config = loadConfig(dotenv.parse(readFileSync(path.resolve(__dirname, '../../.env.example'))));
    expect(listenHost(config)).toBe('127.0.0.1');
    expect(config.trustedProxies).toBe(0);
    expect(config.localDirectLine).toEqual({ maxConversations: 1000, conversationsPerClient: 20, maxMemoryBytes: 32 * 1024 * 1024 });
  });

  test.each([
    ['a public serviceUrl', { serviceUrl: 'http://198.51.100.7:8080/steal' }, 'serviceUrl'],
    ['a serviceUrl on a public name', { serviceUrl: 'https://example.org/' }, 'serviceUrl'],
    ['no channelId', { channelId: undefined }, 'channelId'],
    ['an empty channelId', { channelId: '' }, 'channelId'],
  ])('with authentication off, /api/messages refuses %s with 400', async (_name, fields, field) => {
    const run = await startApp();
    try {
      const answer = await call(run.baseUrl, '/api/messages', { method: 'POST', headers: JSON_HEADERS, body: activityJson(run.connector.serviceUrl, 'c1', fields) });
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.body)).toEqual({ error: 'invalid_activity', field });
      expect(run.connector.replies).toEqual([]);
    } finally {
      await run.close();
    }
  });
});

describe('logs', () => {
  test('an unknown route is logged as a hash, never as the path', async () => {
    const lines: string[] = [];
    const run = await startApp({ logLevel: 'debug', logDestination: { write: (line: string) => void lines.push(line) } });
    try {
      const typed = '/mon-nom-est-Jeanne-Dupont';
      expect((await call(run.baseUrl, typed)).status).toBe(404);
      expect((await call(run.baseUrl, `/v3/directline/conversations/secret-looking-id/activities`)).status).toBe(401);
      const text = lines.join('');
      expect(text).not.toContain('Jeanne');
      expect(text).not.toContain('secret-looking-id');
      expect(lines.map((line) => JSON.parse(line) as Record<string, unknown>).find((entry) => entry.event === 'http.error')).toEqual(
        expect.objectContaining({ route: 'unmatched', pathHash: expect.stringMatching(/^[0-9a-f]{16}$/), status: 404 }),
      );
    } finally {
      await run.close();
    }
  });
});
