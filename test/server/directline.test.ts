/**
 * The local Direct Line 3.0 subset, driven by the real botframework-directlinejs client (polling and WebSocket),
 * its isolation rules over raw HTTP, its bounded stores, and the token endpoint in both modes (the production
 * mode against a local fake of the Direct Line service).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DirectLine, Activity as DirectLineActivity, Message } from 'botframework-directlinejs';
import WebSocket from 'ws';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logging';
import { createApp, App } from '../../src/bootstrap';
import { t } from '../../src/i18n/messages';
import type { Understanding } from '../../src/domain/understanding';
import { loadUnderstanding } from '../../src/understanding';
import { LocalDirectLine } from '../../src/server/directline/localDirectLine';
import { createBotBridge } from '../../src/server/directline/botBridge';
import { TokenStore } from '../../src/server/directline/tokens';
import { WindowLimiter } from '../../src/server/directline/rateLimit';
import type { TokenGrant } from '../../src/server/directline/tokens';

/**
 * rxjs' ajax (inside directlinejs) needs XMLHttpRequest, which Node lacks: the part it uses, over fetch.
 * Installed on this test file's global only.
 */
class FetchXhr {
  readyState = 0;
  status = 0;
  response: unknown = null;
  responseText = '';
  responseType = '';
  timeout = 0;
  withCredentials = false;
  onreadystatechange: ((this: FetchXhr, event: unknown) => void) | null = null;
  private method = 'GET';
  private url = '';
  private readonly headers: Record<string, string> = {};
  private responseHeaders = new Headers();
  private readonly controller = new AbortController();

  open(method: string, url: string): void {
    this.method = method;
    this.url = url;
    this.readyState = 1;
  }

  setRequestHeader(name: string, value: string): void {
    this.headers[name] = value;
  }

  getResponseHeader(name: string): string | null {
    return this.responseHeaders.get(name);
  }

  abort(): void {
    this.controller.abort();
  }

  send(body?: string): void {
    fetch(this.url, { method: this.method, headers: this.headers, body, signal: this.controller.signal })
      .then(async (response) => {
        this.status = response.status;
        this.responseHeaders = response.headers;
        this.responseText = await response.text();
        this.response = this.responseType === 'json' ? JSON.parse(this.responseText || 'null') : this.responseText;
      })
      .catch(() => {
        this.status = 0;
      })
      .finally(() => {
        if (this.controller.signal.aborted) return;
        this.readyState = 4;
        this.onreadystatechange?.call(this, {});
      });
  }
}
Object.assign(globalThis, { XMLHttpRequest: FetchXhr });

const silent = createLogger('silent');
/** Trained once and shared by every app of this file. */
let understanding: Understanding;
beforeAll(async () => {
  understanding = await loadUnderstanding();
});

async function listen(app: App): Promise<string> {
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', () => resolve()));
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

const close = (app: App) => new Promise<void>((resolve) => app.server.close(() => resolve()));

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

interface TokenAnswer {
  token: string;
  conversationId: string;
  domain: string;
  expires_in: number;
}

async function mintToken(baseUrl: string, body: object = {}): Promise<TokenAnswer> {
  const response = await fetch(`${baseUrl}/api/directline/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  expect(response.status).toBe(200);
  return (await response.json()) as TokenAnswer;
}

async function call(url: string, token: string | undefined, init: { method?: string; body?: string } = {}) {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (token !== undefined) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(url, { method: init.method ?? 'GET', headers, body: init.body });
  const text = await response.text();
  return { status: response.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/**
 * The client reads the global WebSocket when it is built (even to poll), and Node 20 has none: lend it
 * the ws package's for the construction only.
 */
function createClient(options: ConstructorParameters<typeof DirectLine>[0]): DirectLine {
  const previous = Object.getOwnPropertyDescriptor(globalThis, 'WebSocket');
  Object.assign(globalThis, { WebSocket });
  try {
    return new DirectLine(options);
  } finally {
    if (previous) Object.defineProperty(globalThis, 'WebSocket', previous);
    else Reflect.deleteProperty(globalThis, 'WebSocket');
  }
}

const botTexts = (activities: DirectLineActivity[]) =>
  activities.filter((a): a is Message => a.type === 'message' && a.from.role === 'bot').map((a) => a.text ?? '');

describe('local Direct Line with the real bot', () => {
  let app: App;
  let baseUrl: string;

  beforeAll(async () => {
    app = await createApp(loadConfig({ TOKEN_RATE_LIMIT: '100' }), silent, { understanding });
    baseUrl = await listen(app);
  });

  afterAll(() => close(app));

  test('botframework-directlinejs (polling): welcome in the asked locale, then an answer to a message', async () => {
    const { token, domain } = await mintToken(baseUrl, { locale: 'en-US', localTimezone: 'Europe/Paris' });
    expect(domain).toBe(`${baseUrl}/v3/directline`);
    const directLine = createClient({ token, domain, webSocket: false, pollingInterval: 200, conversationStartProperties: { locale: 'en-US' } });
    const received: DirectLineActivity[] = [];
    const subscription = directLine.activity$.subscribe((activity) => received.push(activity));
    try {
      await until('the welcome', () => (botTexts(received).some((text) => text.startsWith(t('en', 'welcome.intro'))) ? true : undefined));
      const id = await new Promise<string>((resolve, reject) =>
        directLine
          .postActivity({ type: 'message', from: { id: 'someone-else', name: 'Test' }, text: 'I lost my login details', locale: 'en-US' })
          .subscribe(resolve, reject),
      );
      const echo = await until('the echo', () => received.find((a) => a.id === id));
      expect(echo.from.role).toBe('user');
      expect(echo.from.id).toMatch(/^dl_/);
      const answer = await until('the answer', () => received.find((a) => a.type === 'message' && a.from.role === 'bot' && 'replyToId' in a && a.replyToId === id));
      expect(answer.type).toBe('message');
    } finally {
      directLine.end();
      subscription.unsubscribe();
    }
  });

  test('botframework-directlinejs (WebSocket): the stream delivers the welcome and the answer', async () => {
    let upgraded = false;
    app.server.server.once('upgrade', () => (upgraded = true));
    const { token, domain } = await mintToken(baseUrl, { locale: 'fr-FR' });
    const directLine = createClient({ token, domain, conversationStartProperties: { locale: 'fr-FR' } });
    const received: DirectLineActivity[] = [];
    const subscription = directLine.activity$.subscribe((activity) => received.push(activity));
    try {
      await until('the welcome', () => (botTexts(received).some((text) => text.startsWith(t('fr', 'welcome.intro'))) ? true : undefined));
      const id = await new Promise<string>((resolve, reject) =>
        directLine.postActivity({ type: 'message', from: { id: 'u', name: 'Test' }, text: 'menu' }).subscribe(resolve, reject),
      );
      await until('the answer', () => received.find((a) => a.from.role === 'bot' && 'replyToId' in a && a.replyToId === id));
      expect(upgraded).toBe(true);
    } finally {
      directLine.end();
      subscription.unsubscribe();
    }
  });

  describe('isolation and errors', () => {
    let a: TokenAnswer;
    let b: TokenAnswer;
    const conversationUrl = (id: string) => `${baseUrl}/v3/directline/conversations/${id}`;

    beforeAll(async () => {
      a = await mintToken(baseUrl);
      b = await mintToken(baseUrl);
      expect(a.conversationId).not.toBe(b.conversationId);
      for (const grant of [a, b]) expect((await call(`${baseUrl}/v3/directline/conversations`, grant.token, { method: 'POST' })).status).toBe(201);
    });

    test('starting again returns the same conversation without a second welcome', async () => {
      const again = await call(`${baseUrl}/v3/directline/conversations`, a.token, { method: 'POST' });
      expect(again.status).toBe(200);
      expect(again.json.conversationId).toBe(a.conversationId);
      const log = await call(`${conversationUrl(a.conversationId)}/activities`, a.token);
      const welcomes = (log.json.activities as DirectLineActivity[]).filter((x) => x.type === 'message' && (x.text ?? '').startsWith(t('fr', 'welcome.intro')));
      expect(welcomes).toHaveLength(1);
    });

    test("A's token can neither read nor post to B", async () => {
      expect((await call(`${conversationUrl(b.conversationId)}/activities`, a.token)).status).toBe(403);
      const post = await call(`${conversationUrl(b.conversationId)}/activities`, a.token, { method: 'POST', body: JSON.stringify({ type: 'message', from: { id: 'x' }, text: 'hello' }) });
      expect(post.status).toBe(403);
      expect((await call(conversationUrl(b.conversationId), a.token)).status).toBe(403);
      const bLog = await call(`${conversationUrl(b.conversationId)}/activities`, b.token);
      expect(JSON.stringify(bLog.json)).not.toContain('hello');
    });

    test.each([
      ['no token', undefined],
      ['an unknown token', 'not-a-token'],
      ['an empty bearer', ''],
    ])('%s is refused with 401', async (_name, token) => {
      expect((await call(`${conversationUrl(a.conversationId)}/activities`, token)).status).toBe(401);
      expect((await call(`${baseUrl}/v3/directline/conversations`, token, { method: 'POST' })).status).toBe(401);
      expect((await call(`${baseUrl}/v3/directline/tokens/refresh`, token, { method: 'POST' })).status).toBe(401);
    });

    test('an unknown conversation is 404', async () => {
      expect((await call(`${conversationUrl('no-such-conversation')}/activities`, a.token)).status).toBe(404);
    });

    test('the reply endpoint wants the per-process secret, even from the loopback', async () => {
      const reply = JSON.stringify({ type: 'message', text: 'x' });
      expect((await call(`${baseUrl}/local-connector/a-guess/v3/conversations/${a.conversationId}/activities`, undefined, { method: 'POST', body: reply })).status).toBe(403);
      expect((await call(`${baseUrl}/v3/conversations/${a.conversationId}/activities`, undefined, { method: 'POST', body: reply })).status).toBe(404);
    });

    test.each([
      ['invalid JSON', '{"type": "message", '],
      ['an array', '[]'],
      ['no type', JSON.stringify({ text: 'hello' })],
      ['an unknown type', JSON.stringify({ type: 'conversationUpdate', membersAdded: [] })],
      ['a text that is not a string', JSON.stringify({ type: 'message', text: 42 })],
      ['an attachment', JSON.stringify({ type: 'message', attachments: [{ contentType: 'image/png', contentUrl: 'http://example.org/x.png' }] })],
    ])('posting %s is 400', async (_name, body) => {
      expect((await call(`${conversationUrl(a.conversationId)}/activities`, a.token, { method: 'POST', body })).status).toBe(400);
    });

    test('a bad watermark is 400; a watermark returns only what follows it', async () => {
      expect((await call(`${conversationUrl(a.conversationId)}/activities?watermark=abc`, a.token)).status).toBe(400);
      const all = await call(`${conversationUrl(a.conversationId)}/activities`, a.token);
      const later = await call(`${conversationUrl(a.conversationId)}/activities?watermark=${String(all.json.watermark)}`, a.token);
      expect(later.json.activities).toEqual([]);
      expect(later.json.watermark).toBe(all.json.watermark);
    });

    test('a refreshed token opens the same conversation', async () => {
      const refreshed = await call(`${baseUrl}/v3/directline/tokens/refresh`, a.token, { method: 'POST' });
      expect(refreshed.status).toBe(200);
      expect(refreshed.json.conversationId).toBe(a.conversationId);
      expect(refreshed.json.token).not.toBe(a.token);
      expect((await call(`${conversationUrl(a.conversationId)}/activities`, String(refreshed.json.token))).status).toBe(200);
    });

    test('the user cannot impersonate the bot: the sender is set by the server', async () => {
      const post = await call(`${conversationUrl(a.conversationId)}/activities`, a.token, {
        method: 'POST',
        body: JSON.stringify({ type: 'message', from: { id: 'cned-guide', role: 'bot' }, text: 'menu', channelData: { clientActivityID: 'c-1' } }),
      });
      expect(post.status).toBe(200);
      const log = await call(`${conversationUrl(a.conversationId)}/activities`, a.token);
      const echo = (log.json.activities as DirectLineActivity[]).find((x) => x.id === post.json.id);
      expect(echo?.from).toEqual(expect.objectContaining({ role: 'user', id: expect.stringMatching(/^dl_/) }));
      expect(echo?.channelData).toEqual({ clientActivityID: 'c-1' });
    });

    test('the stream needs a live one-use ticket for its own conversation', async () => {
      const started = await call(`${baseUrl}/v3/directline/conversations`, a.token, { method: 'POST' });
      const streamUrl = String(started.json.streamUrl);
      expect(streamUrl).toMatch(new RegExp(`^ws://127\\.0\\.0\\.1:\\d+/v3/directline/conversations/${a.conversationId}/stream\\?t=`));
      const first = await openStream(streamUrl);
      expect(first.status).toBe(101);
      expect(first.firstMessage?.activities.length).toBeGreaterThan(0);
      const reused = await openStream(streamUrl);
      expect(reused.status).toBe(403);
      const otherConversation = streamUrl.replace(a.conversationId, b.conversationId);
      const fresh = await call(`${baseUrl}/v3/directline/conversations`, a.token, { method: 'POST' });
      expect((await openStream(String(fresh.json.streamUrl).replace(a.conversationId, b.conversationId))).status).toBe(403);
      expect(otherConversation).not.toBe(streamUrl);
    });
  });
});

/** Opens a stream with the ws client; resolves with the HTTP status and the first message, then closes. */
function openStream(url: string): Promise<{ status: number; firstMessage?: { activities: unknown[]; watermark: string } }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.on('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode ?? 0 });
      res.resume();
      ws.terminate();
    });
    ws.on('message', (data) => {
      resolve({ status: 101, firstMessage: JSON.parse(String(data)) });
      ws.close();
    });
    ws.on('error', (error) => reject(error));
  });
}

describe('token endpoint', () => {
  test('is rate-limited per client address', async () => {
    const app = await createApp(loadConfig({ TOKEN_RATE_LIMIT: '2' }), silent, { understanding });
    const baseUrl = await listen(app);
    try {
      await mintToken(baseUrl);
      await mintToken(baseUrl);
      const third = await fetch(`${baseUrl}/api/directline/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
      expect(third.status).toBe(429);
      expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
      await third.text();
    } finally {
      await close(app);
    }
  });

  test('with authentication on and no secret, there is no local Direct Line', async () => {
    const config = loadConfig({ MicrosoftAppId: '00000000-0000-0000-0000-000000000000', MicrosoftAppPassword: 'x' });
    const app = await createApp(config, silent, { understanding });
    const baseUrl = await listen(app);
    try {
      expect((await fetch(`${baseUrl}/api/directline/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).status).toBe(503);
      expect((await call(`${baseUrl}/v3/directline/conversations`, 'x', { method: 'POST' })).status).toBe(404);
      expect((await call(`${baseUrl}/v3/conversations/x/activities`, undefined, { method: 'POST', body: '{"type":"message"}' })).status).toBe(404);
    } finally {
      await close(app);
    }
  });

  describe('production mode: the secret is exchanged with the Direct Line service', () => {
    const secret = 'the-direct-line-secret';
    let service: http.Server;
    let serviceUrl: string;
    let failNext = false;
    const seen: { path?: string; authorization?: string; body: string }[] = [];

    beforeAll(async () => {
      service = http.createServer((req, res) => {
        let body = '';
        req.on('data', (chunk: Buffer) => (body += chunk.toString()));
        req.on('end', () => {
          seen.push({ path: req.url, authorization: req.headers.authorization, body });
          if (failNext || req.url !== '/v3/directline/tokens/generate' || req.headers.authorization !== `Bearer ${secret}`) {
            res.writeHead(failNext ? 500 : 403, { 'Content-Type': 'application/json' });
            res.end('{"error":{"code":"x"}}');
            return;
          }
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ conversationId: 'svc-conv', token: 'svc-token', expires_in: 3600 }));
        });
      });
      await new Promise<void>((resolve) => service.listen(0, '127.0.0.1', () => resolve()));
      serviceUrl = `http://127.0.0.1:${(service.address() as AddressInfo).port}/v3/directline`;
    });

    afterAll(() => new Promise<void>((resolve) => service.close(() => resolve())));

    test('the browser gets the service token and domain, never the secret', async () => {
      const config = loadConfig({ DIRECT_LINE_SECRET: secret, DIRECT_LINE_ENDPOINT: serviceUrl });
      const app = await createApp(config, silent, { understanding });
      const baseUrl = await listen(app);
      try {
        const response = await fetch(`${baseUrl}/api/directline/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
        const text = await response.text();
        expect(response.status).toBe(200);
        expect(JSON.parse(text)).toEqual({ token: 'svc-token', conversationId: 'svc-conv', domain: serviceUrl, expires_in: 3600 });
        expect(text).not.toContain(secret);
        expect(response.headers.get('cache-control')).toBe('no-store');
        expect(seen.at(-1)?.authorization).toBe(`Bearer ${secret}`);
        expect(JSON.parse(seen.at(-1)?.body ?? '{}').user.id).toMatch(/^dl_/);
        // The page may reach the service, and nothing is served locally.
        const page = await fetch(`${baseUrl}/`);
        expect(page.headers.get('content-security-policy')).toContain(`connect-src 'self' ${new URL(serviceUrl).origin} ws://${new URL(serviceUrl).host}`);
        expect(await page.text()).not.toContain(secret);
        expect((await call(`${baseUrl}/v3/directline/conversations`, 'svc-token', { method: 'POST' })).status).toBe(404);

        failNext = true;
        const failed = await fetch(`${baseUrl}/api/directline/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
        expect(failed.status).toBe(502);
        expect(await failed.text()).not.toContain(secret);
      } finally {
        failNext = false;
        await close(app);
      }
    });
  });
});

describe('bounded stores', () => {
  const bridge = { serviceUrl: () => 'http://127.0.0.1:1', isSecret: () => false, deliver: async () => undefined };
  const granted = (grant: ReturnType<LocalDirectLine['createConversation']>): TokenGrant => {
    if ('refused' in grant) throw new Error(`refused: ${grant.refused}`);
    return grant;
  };

  test('tokens expire and expired tokens are 403', () => {
    let now = 0;
    const directLine = new LocalDirectLine(bridge, silent, 'salt', { now: () => now, tokens: { ttlMs: 1000 } });
    const grant = granted(directLine.createConversation('fr-FR', undefined));
    expect(directLine.access(grant.token).ok).toBe(true);
    now = 1000;
    expect(directLine.access(grant.token)).toEqual(expect.objectContaining({ ok: false, status: 403 }));
  });

  test('a refresh keeps at most a few live tokens per conversation', () => {
    const tokens = new TokenStore({ maxPerConversation: 2 });
    const first = tokens.mint('c');
    tokens.refresh(first.token);
    tokens.refresh(first.token);
    expect(tokens.check(first.token).ok).toBe(false);
    expect(tokens.size).toBe(2);
  });

  test('at the conversation cap a new conversation is refused (503 Retry-After), none is evicted', () => {
    const directLine = new LocalDirectLine(bridge, silent, 'salt', { conversations: { maxConversations: 2 } });
    const first = granted(directLine.createConversation('fr-FR', undefined, 'a'));
    const second = granted(directLine.createConversation('fr-FR', undefined, 'b'));
    const third = directLine.createConversation('fr-FR', undefined, 'c');
    expect(third).toEqual({ refused: 'conversations', retryAfterSeconds: expect.any(Number) });
    expect(directLine.conversations.size).toBe(2);
    expect(directLine.access(first.token).ok).toBe(true);
    expect(directLine.access(second.token).ok).toBe(true);
  });

  test('one client address holds at most its share of conversations', () => {
    const directLine = new LocalDirectLine(bridge, silent, 'salt', { conversations: { maxPerClient: 2 } });
    granted(directLine.createConversation('fr-FR', undefined, '198.51.100.7'));
    granted(directLine.createConversation('fr-FR', undefined, '198.51.100.7'));
    expect(directLine.createConversation('fr-FR', undefined, '198.51.100.7')).toEqual(expect.objectContaining({ refused: 'client' }));
    expect('token' in directLine.createConversation('fr-FR', undefined, '198.51.100.8')).toBe(true);
  });

  test('idle conversations are swept', () => {
    let now = 1_000;
    const directLine = new LocalDirectLine(bridge, silent, 'salt', { now: () => now, conversations: { idleMs: 100, unstartedIdleMs: 100 } });
    directLine.createConversation('fr-FR', undefined);
    now = 1_101;
    directLine.sweep();
    expect(directLine.conversations.size).toBe(0);
  });

  test('a conversation keeps its last activities; watermarks keep counting', () => {
    const directLine = new LocalDirectLine(bridge, silent, 'salt', { conversations: { maxActivities: 3 } });
    const grant = granted(directLine.createConversation('fr-FR', undefined));
    const conversation = directLine.conversations.get(grant.conversationId);
    if (!conversation) throw new Error('no conversation');
    for (let i = 1; i <= 5; i += 1) directLine.receive(conversation.id, { type: 'message', text: `m${i}` });
    const page = directLine.conversations.since(conversation, 0);
    expect(page.activities.map((a) => a.text)).toEqual(['m3', 'm4', 'm5']);
    expect(page.watermark).toBe('5');
    expect(directLine.conversations.since(conversation, 4).activities.map((a) => a.text)).toEqual(['m5']);
  });

  test('the token rate limiter counts per key', async () => {
    const limiter = new WindowLimiter(1, 60_000);
    expect((await limiter.take('a')).allowed).toBe(true);
    const refused = await limiter.take('a');
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfter).toBeGreaterThan(0);
    expect((await limiter.take('b')).allowed).toBe(true);
  });

  test('the bridge refuses to run before the server listens', () => {
    expect(() => createBotBridge(http.createServer()).serviceUrl()).toThrow();
  });
});
