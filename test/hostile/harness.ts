/**
 * The real application over real HTTP for hostile tests: createApp + listen on port 0 + the fake connector,
 * plus a raw HTTP client for what fetch cannot send (chunked bodies, invalid UTF-8, odd paths, encodings).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Activity } from 'botbuilder';
import type { DestinationStream } from 'pino';
import { loadConfig, AppConfig } from '../../src/config';
import { createLogger } from '../../src/logging';
import { createApp, App } from '../../src/bootstrap';
import { loadUnderstanding } from '../../src/understanding';
import type { Understanding } from '../../src/domain/understanding';
import { channelActivity, postJson, startConnector, FakeConnector } from '../support/channel';

export interface Running {
  app: App;
  config: AppConfig;
  connector: FakeConnector;
  baseUrl: string;
  messagesUrl: string;
  /** Posts an activity for a conversation through the fake channel. */
  send(conversationId: string, fields: Partial<Activity>, headers?: Record<string, string>): Promise<{ status: number; text: string }>;
  close(): Promise<void>;
}

export interface StartOptions {
  env?: Record<string, string>;
  /** Extra options for the framework's authentication (e.g. a metadata URL), merged into config.botAuth. */
  botAuthExtras?: Record<string, string>;
  logLevel?: string;
  logDestination?: DestinationStream;
}

let understanding: Promise<Understanding> | undefined;

/** Trains once per test file (about 2 s) instead of once per app. */
function sharedUnderstanding(): Promise<Understanding> {
  understanding ??= loadUnderstanding();
  return understanding;
}

export async function startApp(options: StartOptions = {}): Promise<Running> {
  const connector = await startConnector();
  const loaded = loadConfig({ ...options.env });
  const botAuth = { ...loaded.botAuth, ...options.botAuthExtras };
  const config: AppConfig = { ...loaded, botAuth };
  const logger = createLogger(options.logLevel ?? 'silent', options.logDestination);
  const app = await createApp(config, logger, { understanding: await sharedUnderstanding() });
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', () => resolve()));
  const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const messagesUrl = `${baseUrl}/api/messages`;
  return {
    app,
    config,
    connector,
    baseUrl,
    messagesUrl,
    send: (conversationId, fields, headers) => postJson(messagesUrl, channelActivity(connector.serviceUrl, conversationId, fields), headers),
    async close() {
      const inner = app.server.server;
      if (inner instanceof http.Server) inner.closeAllConnections();
      await new Promise<void>((resolve) => app.server.close(() => resolve()));
      await connector.close();
    },
  };
}

export interface RawResponse {
  /** 0 when the connection failed before a status line arrived. */
  status: number;
  body: string;
  error?: string;
}

export interface RawRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  /** Written in these chunks (chunked transfer encoding unless a content-length header is given). */
  chunks?: (string | Buffer)[];
}

/** One HTTP request with full control over headers, path and body chunks. */
export function rawRequest(baseUrl: string, request: RawRequest): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve) => {
    let settled = false;
    const done = (response: RawResponse): void => {
      if (!settled) {
        settled = true;
        resolve(response);
      }
    };
    const req = http.request({ hostname, port, method: request.method ?? 'POST', path: request.path, headers: request.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', (error) => done({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), error: error.message }));
    });
    // The server may answer (413) and close before the whole body is written: that is not a failure here.
    req.on('error', (error) => setTimeout(() => done({ status: 0, body: '', error: error.message }), 50));
    for (const chunk of request.chunks ?? []) req.write(chunk);
    req.end();
  });
}

/** A plausible activity body as JSON text, for requests built by hand. */
export function activityJson(serviceUrl: string, conversationId: string, fields: Record<string, unknown> = {}): string {
  return JSON.stringify({ ...channelActivity(serviceUrl, conversationId, {}), text: 'bonjour', ...fields });
}
