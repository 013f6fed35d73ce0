/**
 * Authentication on (MicrosoftAppId set, fake password). Bare CloudAdapter 4.23 answered 401 to a missing or
 * malformed token, but 500 with the fetch error in the body ("request to https://login.botframework.com/...
 * failed, reason: getaddrinfo ENOTFOUND ...") to any JWT it had to verify while the token metadata could not
 * be fetched, and 500 "invalid signature" to a token signed with the wrong key. Now every one is 401
 * {"error":"unauthorized"}, and a token signed by the metadata's key still gets through.
 */
import http from 'node:http';
import { createSign, generateKeyPairSync, KeyObject } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { channelActivity, postJson } from '../support/channel';
import { startApp, Running } from './harness';

const APP_ID = '00000000-0000-4000-8000-000000000001';
const ISSUER = 'https://api.botframework.com';
const KEY_ID = 'hostile-test-key';
const AUTH_ENV = { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-password' };

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function jwt(privateKey: KeyObject | undefined, claims: Record<string, unknown>, header: Record<string, unknown> = {}): string {
  const head = b64url({ alg: 'RS256', typ: 'JWT', kid: KEY_ID, ...header });
  const now = Math.floor(Date.now() / 1000);
  const body = b64url({ iss: ISSUER, aud: APP_ID, nbf: now - 60, exp: now + 3600, ...claims });
  if (!privateKey) return `${head}.${body}.${Buffer.from('forged-signature').toString('base64url')}`;
  const signature = createSign('RSA-SHA256').update(`${head}.${body}`).sign(privateKey).toString('base64url');
  return `${head}.${body}.${signature}`;
}

function expectUnauthorized(response: { status: number; text: string }): void {
  expect(response.status).toBe(401);
  expect(JSON.parse(response.text)).toEqual({ error: 'unauthorized' });
}

async function post(run: Running, conversationId: string, authorization?: string) {
  const activity = channelActivity(run.connector.serviceUrl, conversationId, { text: 'bonjour' });
  return postJson(run.messagesUrl, activity, authorization ? { Authorization: authorization } : {});
}

describe('public cloud metadata (unreachable on this machine; on one with internet, the keys do not match)', () => {
  let run: Running;
  beforeAll(async () => {
    run = await startApp({ env: AUTH_ENV });
  });
  afterAll(async () => run.close());

  test('no token is 401', async () => {
    expectUnauthorized(await post(run, 'auth-none'));
  });

  test.each([
    ['Basic credentials', 'Basic dXNlcjpwYXNz'],
    ['a bearer that is no JWT', 'Bearer garbage'],
    ['a bearer with an empty token', 'Bearer '],
    ['an unsigned (alg none) JWT', `Bearer ${jwt(undefined, {}, { alg: 'none' }).replace(/[^.]+$/, '')}`],
    ['a forged RS256 JWT', `Bearer ${jwt(undefined, {})}`],
    ['a JWT from an unknown issuer', `Bearer ${jwt(undefined, { iss: 'https://evil.example' })}`],
  ])('%s is 401', async (_name, authorization) => {
    const before = run.connector.replies.length;
    expectUnauthorized(await post(run, 'auth-forged', authorization));
    expect(run.connector.replies.length).toBe(before);
  });

  test('the emulator channel without a token is 401', async () => {
    const activity = channelActivity(run.connector.serviceUrl, 'auth-emulator', { channelId: 'emulator', text: 'bonjour' });
    expectUnauthorized(await postJson(run.messagesUrl, activity));
  });
});

describe('metadata endpoint refusing connections (no internet, deterministically)', () => {
  let run: Running;
  beforeAll(async () => {
    // A port that was just free: connections are refused.
    const probe = http.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    run = await startApp({
      env: AUTH_ENV,
      botAuthExtras: {
        ToBotFromChannelOpenIdMetadataUrl: `http://127.0.0.1:${port}/openid`,
        ToBotFromEmulatorOpenIdMetadataUrl: `http://127.0.0.1:${port}/emulator`,
        ToBotFromChannelTokenIssuer: ISSUER,
        ToChannelFromBotLoginUrl: `http://127.0.0.1:${port}/login`,
        ToChannelFromBotOAuthScope: ISSUER,
      },
    });
  });
  afterAll(async () => run.close());

  test('a forged JWT is 401, not 500, and the error says nothing', async () => {
    const response = await post(run, 'auth-offline', `Bearer ${jwt(undefined, {})}`);
    expectUnauthorized(response);
    expect(response.text).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|request to/);
  });
});

describe('metadata endpoint failing: JWTs do not each trigger a new outbound fetch', () => {
  let run: Running;
  let metadata: http.Server;
  let hits = 0;
  beforeAll(async () => {
    metadata = http.createServer((_req, res) => {
      hits += 1;
      res.writeHead(503);
      res.end();
    });
    await new Promise<void>((resolve) => metadata.listen(0, '127.0.0.1', () => resolve()));
    const base = `http://127.0.0.1:${(metadata.address() as AddressInfo).port}`;
    run = await startApp({
      env: AUTH_ENV,
      botAuthExtras: {
        ToBotFromChannelOpenIdMetadataUrl: `${base}/openid`,
        ToBotFromEmulatorOpenIdMetadataUrl: `${base}/emulator`,
        ToBotFromChannelTokenIssuer: ISSUER,
        ToChannelFromBotLoginUrl: `${base}/login`,
        ToChannelFromBotOAuthScope: ISSUER,
      },
    });
  });
  afterAll(async () => {
    await run.close();
    metadata.closeAllConnections();
    await new Promise<void>((resolve) => metadata.close(() => resolve()));
  });

  test('20 forged JWTs while the metadata fails: all 401, the metadata asked at most twice', async () => {
    for (let i = 0; i < 20; i += 1) expectUnauthorized(await post(run, `auth-storm-${i}`, `Bearer ${jwt(undefined, { n: i })}`));
    expect(hits).toBeGreaterThan(0);
    expect(hits).toBeLessThanOrEqual(2);
  });
});

describe('a local OpenID metadata endpoint with our own signing key', () => {
  let run: Running;
  let metadata: http.Server;
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 });

  beforeAll(async () => {
    metadata = http.createServer((req, res) => {
      const base = `http://127.0.0.1:${(metadata.address() as AddressInfo).port}`;
      res.writeHead(200, { 'Content-Type': 'application/json' });
      if (req.url === '/openid') {
        res.end(JSON.stringify({ issuer: ISSUER, jwks_uri: `${base}/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
      } else {
        res.end(JSON.stringify({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid: KEY_ID, use: 'sig', endorsements: ['test'] }] }));
      }
    });
    await new Promise<void>((resolve) => metadata.listen(0, '127.0.0.1', () => resolve()));
    const base = `http://127.0.0.1:${(metadata.address() as AddressInfo).port}`;
    run = await startApp({
      env: AUTH_ENV,
      botAuthExtras: {
        ToBotFromChannelOpenIdMetadataUrl: `${base}/openid`,
        ToBotFromEmulatorOpenIdMetadataUrl: `${base}/openid`,
        ToBotFromChannelTokenIssuer: ISSUER,
        // Replies need a token from here: refused, so the turn's replies fail (the turn itself runs).
        ToChannelFromBotLoginUrl: `${base}/login`,
        ToChannelFromBotOAuthScope: ISSUER,
      },
    });
  });
  afterAll(async () => {
    await run.close();
    metadata.closeAllConnections();
    await new Promise<void>((resolve) => metadata.close(() => resolve()));
  });

  test('a token signed by the published key passes the guard', async () => {
    const response = await post(run, 'auth-valid', `Bearer ${jwt(privateKey, { serviceurl: run.connector.serviceUrl })}`);
    expect(response.status).not.toBe(401);
    expect(response.status).toBeLessThan(500);
  });

  test('the token is verified once per request: the adapter runs the turn on the identity the guard verified', async () => {
    const verify = jest.spyOn(ConfigurationBotFrameworkAuthentication.prototype, 'authenticateRequest');
    try {
      const response = await post(run, 'auth-once', `Bearer ${jwt(privateKey, { serviceurl: run.connector.serviceUrl })}`);
      expect(response.status).toBeLessThan(500);
      expect(verify).toHaveBeenCalledTimes(1);
    } finally {
      verify.mockRestore();
    }
  });

  test.each([
    ['signed with another key', () => jwt(other.privateKey, { serviceurl: run.connector.serviceUrl })],
    ['expired', () => jwt(privateKey, { serviceurl: run.connector.serviceUrl, exp: Math.floor(Date.now() / 1000) - 3600 })],
    ['for another bot', () => jwt(privateKey, { serviceurl: run.connector.serviceUrl, aud: 'someone-else' })],
    ['from an unknown key id', () => jwt(privateKey, { serviceurl: run.connector.serviceUrl }, { kid: 'unknown' })],
    ['for another serviceUrl', () => jwt(privateKey, { serviceurl: 'https://elsewhere.example' })],
  ])('a token %s is 401', async (_name, token) => {
    expectUnauthorized(await post(run, 'auth-bad', `Bearer ${token()}`));
  });
});
