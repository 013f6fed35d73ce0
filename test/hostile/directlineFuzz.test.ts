/**
 * 450 hostile requests (seeded: FUZZ_SEED=<n>) to the web chat's own routes — the token endpoint, the local
 * Direct Line client API and the bot's reply endpoint: wrong content types, broken or odd JSON, forged tokens,
 * path tricks, bad watermarks, activities of every wrong shape. Each must get a 4xx (never a 5xx, never a
 * dropped connection); afterwards the server is healthy, holds a bounded state and a victim still chats.
 * With fuzz.test.ts (500 messages) and requests.test.ts, the hostile suite sends well over 900 bad inputs.
 */
import { startApp, Running } from './harness';
import { Answer, Call, Grant, JSON_HEADERS, answersTo, call, mustMint, postActivity, startConversation } from './directLineClient';
import { seededRandom } from '../../src/shared';

const SEED = Number(process.env.FUZZ_SEED ?? 20261129);
const REQUESTS = 450;


const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)];

const BAD_CONTENT_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', 'application/jsonx', 'application/xml', 'text/json'];
const BAD_JSON = ['{', '{"type":', "{'type':'message'}", '{"type":"message",}', 'undefined', 'NaN', '\u0000', '{"a":1}{"b":2}', '\ufeff{"type":"message"}x', '[' + '['.repeat(500)];
const NOT_OBJECTS = ['[]', '"message"', '42', 'null', 'true', '[{"type":"message"}]'];
const BAD_TOKENS = ['', 'x', 'null', 'undefined', 'a'.repeat(5000), 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.', '../../etc/passwd', '%00', '\u0001', 'Bearer'];
const BAD_SCHEMES = (token: string) => [`Basic ${token}`, `bearer${token}`, `Token ${token}`, token, `Bearer ${token} extra`, `Bearer  `];
const BAD_IDS = ['..%2F..%2Fetc', '%2e%2e', 'a'.repeat(3000), '%F0%9F%98%80', '%00', 'x%20y', '__proto__', 'constructor', '-', '0'];
const BAD_WATERMARKS = ['-1', '1e3', 'abc', '99999999999999', '0x1', '1.5', '%00', '%201', '1%20', '+1'];
const BAD_ACTIVITIES: object[] = [
  {},
  { type: 'invoke', name: 'x' },
  { type: 'conversationUpdate' },
  { type: 'endOfConversation' },
  { type: 'MESSAGE', text: 'x' },
  { type: ['message'] },
  { type: 'message', text: 42 },
  { type: 'message', text: { toString: 'x' } },
  { type: 'message', text: 'x'.repeat(20_001) },
  { type: 'message', attachments: [{ contentType: 'image/png', contentUrl: 'http://127.0.0.1/x' }] },
  { type: 'message', channelData: 'x' },
  { type: 'message', channelData: [1, 2] },
  { type: 'message', entities: { type: 'x' } },
  { type: 'message', entities: 'x' },
  { type: 'event', name: 'x', channelData: { pad: 'p'.repeat(33 * 1024) } },
  { type: 'message', text: 'x', value: 'v'.repeat(33 * 1024) },
];

interface Case {
  name: string;
  path: string;
  request: Call;
  /** 4xx unless said otherwise. */
  ok?: (status: number) => boolean;
}

function cases(random: () => number, grant: Grant, other: Grant): Case[] {
  const conversation = `/v3/directline/conversations/${grant.conversationId}`;
  const families: (() => Case)[] = [
    () => ({ name: 'token: content type', path: '/api/directline/token', request: { method: 'POST', headers: { 'Content-Type': pick(random, BAD_CONTENT_TYPES) }, body: '{}' } }),
    () => ({ name: 'token: JSON', path: '/api/directline/token', request: { method: 'POST', headers: JSON_HEADERS, body: pick(random, BAD_JSON) } }),
    () => ({ name: 'token: origin', path: '/api/directline/token', request: { method: 'POST', headers: { ...JSON_HEADERS, Origin: pick(random, ['https://evil.example', 'null', 'http://127.0.0.1:1', 'https://www.cned.fr.evil.example']) }, body: '{}' } }),
    () => ({ name: 'token: too large', path: '/api/directline/token', request: { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ locale: 'x'.repeat(2000) }) } }),
    () => ({ name: 'client: bad token', path: pick(random, [`${conversation}/activities`, conversation, '/v3/directline/conversations', '/v3/directline/tokens/refresh']), request: { method: pick(random, ['GET', 'POST']), headers: { ...JSON_HEADERS, Authorization: `Bearer ${pick(random, BAD_TOKENS)}` }, body: '{}' } }),
    () => ({ name: 'client: bad scheme', path: `${conversation}/activities`, request: { method: 'POST', headers: { ...JSON_HEADERS, Authorization: pick(random, BAD_SCHEMES(grant.token)) }, body: '{"type":"message","text":"x"}' } }),
    () => ({ name: 'client: another conversation', path: `/v3/directline/conversations/${other.conversationId}/activities`, request: { method: pick(random, ['GET', 'POST']), token: grant.token, headers: JSON_HEADERS, body: '{"type":"message","text":"x"}' } }),
    () => ({ name: 'client: bad id', path: `/v3/directline/conversations/${pick(random, BAD_IDS)}/activities`, request: { method: pick(random, ['GET', 'POST']), token: grant.token, headers: JSON_HEADERS, body: '{"type":"message","text":"x"}' } }),
    () => ({ name: 'client: bad watermark', path: `${conversation}/activities?watermark=${pick(random, BAD_WATERMARKS)}`, request: { token: grant.token } }),
    () => ({ name: 'client: content type', path: `${conversation}/activities`, request: { method: 'POST', token: grant.token, headers: { 'Content-Type': pick(random, BAD_CONTENT_TYPES) }, body: '{"type":"message","text":"x"}' } }),
    () => ({ name: 'client: JSON', path: `${conversation}/activities`, request: { method: 'POST', token: grant.token, headers: JSON_HEADERS, body: pick(random, [...BAD_JSON, ...NOT_OBJECTS]) } }),
    () => ({ name: 'client: activity', path: `${conversation}/activities`, request: { method: 'POST', token: grant.token, headers: JSON_HEADERS, body: JSON.stringify(pick(random, BAD_ACTIVITIES)) } }),
    () => ({ name: 'client: start options', path: '/v3/directline/conversations', request: { method: 'POST', token: grant.token, headers: JSON_HEADERS, body: pick(random, [...BAD_JSON, JSON.stringify({ locale: 'l'.repeat(5000) })]) } }),
    () => ({ name: 'client: method', path: pick(random, [`${conversation}/activities`, '/api/directline/token', '/v3/directline/tokens/refresh']), request: { method: pick(random, ['PUT', 'DELETE', 'PATCH']), token: grant.token } }),
    () => ({ name: 'reply endpoint: secret', path: `/local-connector/${pick(random, ['', 'x', 'a'.repeat(64), '%00', '..'])}/v3/conversations/${grant.conversationId}/activities`, request: { method: 'POST', headers: JSON_HEADERS, body: '{"type":"message","text":"spoof"}' } }),
    () => ({ name: 'reply endpoint: old path', path: `/v3/conversations/${grant.conversationId}/activities${pick(random, ['', '/x'])}`, request: { method: 'POST', headers: JSON_HEADERS, body: '{"type":"message","text":"spoof"}' } }),
  ];
  return Array.from({ length: REQUESTS }, () => pick(random, families)());
}

let run: Running;

beforeAll(async () => {
  run = await startApp({ env: { TOKEN_RATE_LIMIT: '1000', RATE_LIMIT_MESSAGES: '1000' } });
});

afterAll(() => run.close());

test(`${REQUESTS} hostile requests to the web chat routes (seed ${SEED}) each get a 4xx`, async () => {
  const grant = await mustMint(run.baseUrl);
  await startConversation(run.baseUrl, grant);
  const other = await mustMint(run.baseUrl);
  const plan = cases(seededRandom(SEED), grant, other);
  const failures: string[] = [];
  // A few at a time, like several clients.
  for (let index = 0; index < plan.length; index += 10) {
    const batch = plan.slice(index, index + 10);
    const answers: Answer[] = await Promise.all(batch.map((item) => call(run.baseUrl, item.path, item.request)));
    answers.forEach((answer, offset) => {
      const item = batch[offset];
      if (!(answer.status >= 400 && answer.status < 500)) failures.push(`#${index + offset} ${item.name}: ${answer.status} ${item.request.method ?? 'GET'} ${item.path.slice(0, 80)}`);
    });
  }
  expect(failures).toEqual([]);
  // Nothing a spoofed reply or a refused activity said reached the transcript; the server is fine.
  expect((await call(run.baseUrl, '/healthz')).status).toBe(200);
  const posted = await postActivity(run.baseUrl, grant, { type: 'message', text: 'menu', from: { id: 'u' } });
  expect(posted.status).toBe(200);
  expect((await answersTo(run.baseUrl, grant, (JSON.parse(posted.body) as { id: string }).id)).length).toBeGreaterThan(0);
  const transcript = await call(run.baseUrl, `/v3/directline/conversations/${grant.conversationId}/activities`, { token: grant.token });
  expect(transcript.body).not.toContain('spoof');
  expect(run.app.localDirectLine?.conversations.size).toBeLessThanOrEqual(2 + plan.length);
}, 90_000);
