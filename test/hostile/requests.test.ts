/**
 * Hostile requests to POST /api/messages against the real app over HTTP. What the bare stack (restify 11
 * bodyParser + CloudAdapter 4.23) answered before the guards is noted on each case.
 */
import http from 'node:http';
import { gzipSync } from 'node:zlib';
import restify from 'restify';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logging';
import { answerGuarded, installRequestGuards } from '../../src/server/guards/messageGuard';
import { createAdapter } from '../../src/bot/adapter';
import { replyText } from '../support/channel';
import { activityJson, rawRequest, startApp, Running } from './harness';

let run: Running;

beforeAll(async () => {
  run = await startApp({ env: { RATE_LIMIT_MESSAGES: '1000' } });
});

afterAll(async () => {
  await run.close();
});

let counter = 0;
const conversation = (label: string) => `hostile-${label}-${++counter}`;

async function post(body: string | Buffer, headers: Record<string, string> = { 'Content-Type': 'application/json' }, path = '/api/messages') {
  return rawRequest(run.baseUrl, { path, headers: { 'Content-Length': String(Buffer.byteLength(body)), ...headers }, chunks: [body] });
}

/** A rejection is short JSON naming the problem, never an error message or a stack. */
function expectShortError(body: string, error: string): void {
  expect(body.length).toBeLessThan(120);
  expect(JSON.parse(body)).toMatchObject({ error });
  expect(body).not.toMatch(/Error|at |\/work|node_modules|validateAndFixActivity/);
}

afterEach(async () => {
  // Whatever a case did, the process is still up and answering.
  const health = await fetch(`${run.baseUrl}/healthz`);
  expect(health.status).toBe(200);
});

describe('malformed bodies are 400 with a short JSON error', () => {
  const activity = (fields: Record<string, unknown> = {}) => JSON.parse(activityJson('http://127.0.0.1:9', 'c', fields)) as Record<string, unknown>;
  const without = (field: string) => {
    const value = activity();
    delete value[field];
    return JSON.stringify(value);
  };
  // bare: 400 "Invalid JSON: Expected double-quoted property name in JSON at position 19" (restify)
  // bare: 400 "`req.body` not an object, make sure you are using middleware..." for empty, null, scalars, arrays
  // bare: 500 "validateAndFixActivity(): missing activity type." for {}, no type, a non-string type
  // bare: 200 (and a turn that fails inside) for a missing conversation, from, serviceUrl or a non-http serviceUrl
  test.each([
    ['malformed JSON', '{"type": "message",', 'invalid_json'],
    ['truncated JSON', activityJson('http://127.0.0.1:9', 'c').slice(0, 40), 'invalid_json'],
    ['empty body', '', 'invalid_json'],
    ['JSON null', 'null', 'invalid_activity'],
    ['JSON string', '"message"', 'invalid_activity'],
    ['JSON number', '42', 'invalid_activity'],
    ['JSON array', '[]', 'invalid_activity'],
    ['JSON array holding an activity', `[${activityJson('http://127.0.0.1:9', 'c')}]`, 'invalid_activity'],
    ['empty object', '{}', 'invalid_activity'],
    ['no type', without('type'), 'invalid_activity'],
    ['type not a string', JSON.stringify(activity({ type: 42 })), 'invalid_activity'],
    ['empty type', JSON.stringify(activity({ type: '' })), 'invalid_activity'],
    ['no conversation', without('conversation'), 'invalid_activity'],
    ['conversation without id', JSON.stringify(activity({ conversation: {} })), 'invalid_activity'],
    ['conversation as a string', JSON.stringify(activity({ conversation: 'c' })), 'invalid_activity'],
    ['no from', without('from'), 'invalid_activity'],
    ['from without id', JSON.stringify(activity({ from: { name: 'x' } })), 'invalid_activity'],
    ['from.id a number', JSON.stringify(activity({ from: { id: 7 } })), 'invalid_activity'],
    ['no serviceUrl', without('serviceUrl'), 'invalid_activity'],
    ['serviceUrl ftp:', JSON.stringify(activity({ serviceUrl: 'ftp://127.0.0.1/' })), 'invalid_activity'],
    ['serviceUrl javascript:', JSON.stringify(activity({ serviceUrl: 'javascript:alert(1)' })), 'invalid_activity'],
    ['serviceUrl file:', JSON.stringify(activity({ serviceUrl: 'file:///etc/passwd' })), 'invalid_activity'],
    ['serviceUrl not a URL', JSON.stringify(activity({ serviceUrl: 'not a url' })), 'invalid_activity'],
    ['text not a string', JSON.stringify(activity({ text: { a: 1 } })), 'invalid_activity'],
    ['membersAdded not a list', JSON.stringify(activity({ type: 'conversationUpdate', membersAdded: 'everyone' })), 'invalid_activity'],
  ])('%s', async (_name, body, error) => {
    const before = run.connector.replies.length;
    const response = await post(body);
    expect(response.status).toBe(400);
    expectShortError(response.body, error);
    expect(run.connector.replies.length).toBe(before);
  });

  test('a field error names the field', async () => {
    const response = await post(without('serviceUrl'));
    expect(JSON.parse(response.body)).toEqual({ error: 'invalid_activity', field: 'serviceUrl' });
  });

  test('invalid UTF-8 is 400', async () => {
    const body = Buffer.concat([Buffer.from(activityJson('http://127.0.0.1:9', 'c').slice(0, -1) + ',"x":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')]);
    const response = await post(body);
    expect(response.status).toBe(400);
    expectShortError(response.body, 'invalid_json');
  });
});

describe('content types and encodings', () => {
  const body = () => activityJson(run.connector.serviceUrl, conversation('ct'));
  // bare: 400 "`req.body` not an object..." for text/plain and no content type; an url-encoded form was parsed
  // into an "activity" and answered 200.
  test.each([
    ['text/plain', { 'Content-Type': 'text/plain' }],
    ['an url-encoded form', { 'Content-Type': 'application/x-www-form-urlencoded' }],
    ['multipart', { 'Content-Type': 'multipart/form-data; boundary=x' }],
    ['no content type', {}],
    ['JSON in latin-1', { 'Content-Type': 'application/json; charset=iso-8859-1' }],
    ['application/jsonp', { 'Content-Type': 'application/jsonp' }],
  ])('%s is 400', async (_name, headers: Record<string, string>) => {
    const response = await post(body(), headers);
    expect(response.status).toBe(400);
    expectShortError(response.body, 'unsupported_content_type');
  });

  test('application/json with charset=utf-8 is accepted', async () => {
    const response = await post(body(), { 'Content-Type': 'application/json; charset=utf-8' });
    expect(response.status).toBe(200);
  });

  // bare: the process CRASHED (restify's bodyReader pipes through zlib without an 'error' listener), on any route.
  test.each([
    ['POST', '/api/messages'],
    ['GET', '/healthz'],
    ['POST', '/api/%6Dessages'],
  ])('Content-Encoding gzip with a body that is not gzip: %s %s is 415, the process stays up', async (method, path) => {
    const response = await rawRequest(run.baseUrl, {
      method,
      path,
      headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip', 'Content-Length': '4' },
      chunks: ['xxxx'],
    });
    expect(response.status).toBe(415);
    expectShortError(response.body, 'unsupported_content_encoding');
  });

  test('a real gzip body is refused too (no channel compresses; a gzip bomb was limited on its compressed size only)', async () => {
    const zipped = gzipSync(Buffer.from(body()));
    const response = await post(zipped, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
    expect(response.status).toBe(415);
  });
});

describe('size', () => {
  const bigBody = (bytes: number) => {
    const base = activityJson(run.connector.serviceUrl, conversation('size'), { text: '' });
    return base.replace('"text":""', `"text":"${'a'.repeat(bytes - base.length)}"`);
  };

  // bare: 413 {"code":"PayloadTooLarge","message":"Request body size exceeds 262144"}, after reading it all
  test('257 KB with a Content-Length is 413, answered without reading the body', async () => {
    const body = bigBody(257 * 1024);
    expect(Buffer.byteLength(body)).toBe(257 * 1024);
    const response = await post(body);
    expect(response.status).toBe(413);
    expectShortError(response.body, 'payload_too_large');
  });

  test('257 KB chunked (no Content-Length) is 413', async () => {
    const body = Buffer.from(bigBody(257 * 1024));
    const chunks: Buffer[] = [];
    for (let offset = 0; offset < body.length; offset += 16 * 1024) chunks.push(body.subarray(offset, offset + 16 * 1024));
    const response = await rawRequest(run.baseUrl, { path: '/api/messages', headers: { 'Content-Type': 'application/json' }, chunks });
    expect(response.status).toBe(413);
  });

  test('a body of exactly 256 KB is read (and its over-long message answered)', async () => {
    const body = bigBody(256 * 1024);
    const response = await post(body);
    expect(response.status).toBe(200);
  });

  // bare: 200, and the bot's own length guard answered
  test('a 6,000-character message gets a short answer, no 5xx', async () => {
    const id = conversation('long');
    const response = await run.send(id, { text: 'x'.repeat(6000) });
    expect(response.status).toBe(200);
    const replies = run.connector.repliesFor(id).map(replyText);
    expect(replies.length).toBeGreaterThanOrEqual(1);
    expect(replies.join('\n').length).toBeLessThan(3000);
    expect(replies.join('\n')).not.toContain('x'.repeat(50));
  });

  test('deeply nested JSON does not crash anything', async () => {
    const depth = 50_000;
    const body = activityJson(run.connector.serviceUrl, conversation('deep'), { channelData: '@' }).replace('"@"', `${'['.repeat(depth)}${']'.repeat(depth)}`);
    const response = await post(body);
    expect(response.status).toBeLessThan(500);
  });
});

describe('activity types the bot does not handle', () => {
  // bare: the same answers (200 for unknown types, 501 for unknown invokes); checked here against the guards.
  test.each(['weirdType', 'event', 'messageReaction', 'typing', 'endOfConversation', 'deleteUserData', 'handoff', 'command', 'trace', 'messageUpdate', 'messageDelete', 'x'.repeat(200)])(
    'type %s is 200',
    async (type) => {
      const response = await run.send(conversation('type'), { type, text: undefined, name: 'unknown/event' });
      expect(response.status).toBe(200);
    },
  );

  test.each(['unknown/invoke', 'signin/verifyState', 'composeExtension/query', 'healthCheck', ''])('invoke "%s" is 501', async (name) => {
    const response = await run.send(conversation('invoke'), { type: 'invoke', name: name || undefined, text: undefined, value: {} });
    expect(response.status).toBe(501);
  });

  // bare: 501 after a TypeError inside ActivityHandler (value.action.type), the error reply and a state reset
  test.each([['garbage'], [{}], [{ action: 'x' }]])('an Adaptive Card action invoke with value %j is 400', async (value) => {
    const id = conversation('invoke');
    const response = await run.send(id, { type: 'invoke', name: 'adaptiveCard/action', text: undefined, value });
    expect(response.status).toBe(400);
    expect(run.connector.repliesFor(id)).toHaveLength(0);
  });

  test('an Adaptive Card action invoke the bot does not implement is 501', async () => {
    const value = { action: { type: 'Action.Execute', verb: 'x' } };
    const response = await run.send(conversation('invoke'), { type: 'invoke', name: 'adaptiveCard/action', text: undefined, value });
    expect(response.status).toBe(501);
  });

  test('a JSON "__proto__" key pollutes nothing', async () => {
    const body = `{"__proto__":{"polluted":"yes"},${activityJson(run.connector.serviceUrl, conversation('proto')).slice(1)}`;
    const response = await post(body);
    expect(response.status).toBe(200);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('the router decodes paths: the guard follows the route, not the spelling', () => {
  // bare: these reached the body parser and the framework like /api/messages itself.
  test.each(['/api/%6Dessages', '/api/messages;x', '/api/messages?x=1'])('%s with malformed JSON is 400 from the guard', async (path) => {
    const response = await post('{"type":', { 'Content-Type': 'application/json' }, path);
    expect(response.status).toBe(400);
    expectShortError(response.body, 'invalid_json');
  });
});

test('after all of this a normal conversation still works', async () => {
  const id = conversation('normal');
  const response = await run.send(id, { text: 'je veux me rétracter' });
  expect(response.status).toBe(200);
  expect(run.connector.repliesFor(id).length).toBeGreaterThanOrEqual(1);
});

describe('a body that never finishes', () => {
  // bare: held until Node's requestTimeout (300 s by default). The app's limit is 10 s; 200 ms here.
  test('is answered 408 after the body timeout, and the connection closed', async () => {
    const server = restify.createServer({ handleUncaughtExceptions: false });
    installRequestGuards(server, { config: { authEnabled: false, botAuth: loadConfig({}).botAuth }, logger: createLogger('silent'), bodyTimeoutMs: 200 });
    server.post('/api/messages', (_req, res, next) => {
      res.send(200);
      next();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const { port } = server.address();
    const response = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/api/messages', headers: { 'Content-Type': 'application/json', 'Content-Length': '1000' } }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.write('{"type":"mess');
    });
    expect(response.status).toBe(408);
    expect(JSON.parse(response.body)).toEqual({ error: 'request_timeout' });
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});

describe('the bot never runs on a request the guard did not admit', () => {
  test('a route reached without the guard answers 500 {"error":"internal"} and runs no turn', async () => {
    const server = restify.createServer({ handleUncaughtExceptions: false });
    server.use(restify.plugins.bodyParser());
    const adapter = createAdapter(loadConfig({}), createLogger('silent'));
    let turns = 0;
    server.post('/api/messages', async (req, res) => {
      await answerGuarded(adapter, req, res, async () => void (turns += 1), createLogger('silent'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const { port } = server.address();
    const body = activityJson('http://127.0.0.1:1/', 'unguarded-1');
    const response = await rawRequest(`http://127.0.0.1:${port}`, { path: '/api/messages', headers: { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) }, chunks: [body] });
    expect(response.status).toBe(500);
    expect(JSON.parse(response.body)).toEqual({ error: 'internal' });
    expect(turns).toBe(0);
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});
