/**
 * Guards in front of POST /api/messages, run before restify's body parser and before the Bot Framework.
 *
 * Measured on the bare stack (restify 11 bodyParser + CloudAdapter 4.23; the cases are in test/hostile):
 * - `Content-Encoding: gzip` with a body that is not gzip crashed the process, on any route (restify's
 *   bodyReader has no 'error' listener on its zlib stream), and a gzip bomb was limited on its compressed size;
 * - an object without a string `type` answered 500 with the framework's error message;
 * - a missing `conversation`, `from` or `serviceUrl`, or a serviceUrl like `javascript:`, answered 200 and
 *   failed inside the turn; an url-encoded form was parsed into an "activity" and accepted;
 * - with authentication on, a token the framework had to verify while its OpenID metadata could not be
 *   fetched answered 500 with the fetch error (host names included), a token signed by another key 500
 *   "invalid signature".
 * Here each is answered before the framework with a short JSON error and no details: 400 (not JSON, bad
 * JSON, not an activity), 413 (over the size limit, without reading the rest), 415 (a content encoding),
 * 401 (authentication on and the request not authenticated, whatever the reason: fail closed).
 *
 * The token is verified once per request, here: the identity the guard verified is handed to the adapter
 * (answerGuarded), which would otherwise verify the same token again (CloudAdapter.process).
 */
import type { IncomingMessage } from 'node:http';
import type restify from 'restify';
import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { Activity, TurnContext } from 'botbuilder';
import type { GuardedAdapter, VerifiedIdentity } from '../../bot/adapter';
import type { Logger } from 'pino';
import { AppConfig, isLoopbackHost } from '../../config';
import { checkActivityShape } from './activityShape';

export const MESSAGES_PATH = '/api/messages';
/** Same limit as the body parser in app.ts; the largest legitimate activity (a card submit) is a few KB. */
export const MAX_BODY_BYTES = 256 * 1024;
/** Fail closed when the token metadata does not answer in time (a black-holed network hangs for minutes). */
export const AUTH_TIMEOUT_MS = 10_000;
/** A channel sends a few KB at once: a body still arriving after this long is someone holding a connection. */
export const BODY_TIMEOUT_MS = 10_000;
/**
 * While the token metadata cannot be fetched, every JWT-shaped token would start a new outbound fetch: after a
 * failure, requests are refused (401) without asking again for this long.
 */
export const AUTH_RETRY_AFTER_MS = 30_000;

export type GuardError =
  | 'unsupported_content_type'
  | 'unsupported_content_encoding'
  | 'invalid_json'
  | 'invalid_activity'
  | 'payload_too_large'
  | 'request_timeout'
  | 'unauthorized'
  | 'internal';

/** The part of the framework's BotFrameworkAuthentication the guard uses. */
export interface RequestAuthenticator {
  authenticateRequest(activity: Activity, authHeader: string): Promise<VerifiedIdentity>;
}

/** A request the guard let through: its checked activity, and the identity verified when authentication is on. */
interface Admitted {
  activity: Activity;
  identity?: VerifiedIdentity;
}

/** Per request, what the guard established, for the route (a WeakMap: gone with the request). */
const admitted = new WeakMap<IncomingMessage, Admitted>();

export interface GuardOptions {
  config: Pick<AppConfig, 'authEnabled' | 'botAuth'>;
  logger: Logger;
  maxBodyBytes?: number;
  authTimeoutMs?: number;
  bodyTimeoutMs?: number;
  /** Defaults to the same configuration-based authentication the adapter uses. */
  authentication?: RequestAuthenticator;
  /** Pause after an unreachable token metadata (AUTH_RETRY_AFTER_MS). */
  authRetryAfterMs?: number;
  now?: () => number;
}

type Verdict = { ok: true; identity?: VerifiedIdentity } | { ok: false; status: number; error: GuardError; field?: string; reason: string; closeConnection?: boolean };

/** jsonwebtoken's errors, which the framework rethrows as they are (and CloudAdapter turns into a 500). */
const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);
const BEARER = /^Bearer [A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const MAX_AUTH_HEADER = 16 * 1024;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Call before `server.use(bodyParser(...))`: the content-encoding guard runs on every request before routing;
 * the message guard runs on requests the router sends to POST /api/messages (whatever the spelling of the
 * path: the router decodes `%6D` and ignores `;x`, so matching the raw path is not enough), before the body
 * parser, because use-handlers run in registration order.
 */
export function installRequestGuards(server: restify.Server, options: GuardOptions): void {
  server.pre(contentEncodingGuard(options.logger));
  server.use(messageGuard(options));
}

/**
 * restify's bodyReader pipes a `Content-Encoding: gzip` body through zlib without an 'error' listener: a body
 * that is not gzip crashes the process (on any route, GET /healthz included), and its size limit counts
 * compressed bytes only. No Bot Framework channel compresses requests: every encoding is refused here.
 */
export function contentEncodingGuard(logger: Logger): restify.RequestHandler {
  return function contentEncoding(req: restify.Request, res: restify.Response, next: restify.Next): void {
    const encoding = (req.headers['content-encoding'] ?? '').trim().toLowerCase();
    if (encoding === '' || encoding === 'identity') {
      next();
      return;
    }
    logger.debug({ event: 'request.rejected', status: 415, reason: 'content-encoding' });
    reject(res, 415, 'unsupported_content_encoding', undefined, true);
    next(false);
  };
}

export function messageGuard(options: GuardOptions): restify.RequestHandler {
  const { config, logger } = options;
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const authTimeoutMs = options.authTimeoutMs ?? AUTH_TIMEOUT_MS;
  const bodyTimeoutMs = options.bodyTimeoutMs ?? BODY_TIMEOUT_MS;
  const authRetryAfterMs = options.authRetryAfterMs ?? AUTH_RETRY_AFTER_MS;
  const now = options.now ?? Date.now;
  let authUnavailableUntil = 0;
  const authentication = config.authEnabled
    ? options.authentication ?? new ConfigurationBotFrameworkAuthentication({ ...config.botAuth })
    : undefined;

  async function inspect(req: restify.Request): Promise<Verdict> {
    if (!isJsonContentType(req.headers['content-type'])) {
      return { ok: false, status: 400, error: 'unsupported_content_type', reason: 'content-type' };
    }
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > maxBodyBytes) {
      return { ok: false, status: 413, error: 'payload_too_large', reason: 'content-length', closeConnection: true };
    }
    if (req.readableEnded) {
      // Someone read the body first (the body parser registered before this guard): nothing safe to check.
      logger.error({ event: 'request.guard.misplaced' });
      return { ok: false, status: 500, error: 'internal', reason: 'guard-misplaced' };
    }
    const read = await readBody(req, maxBodyBytes, bodyTimeoutMs);
    if (read.kind === 'tooLarge') {
      return { ok: false, status: 413, error: 'payload_too_large', reason: 'body-size', closeConnection: true };
    }
    if (read.kind === 'timeout') {
      return { ok: false, status: 408, error: 'request_timeout', reason: 'body-timeout', closeConnection: true };
    }
    if (read.kind === 'aborted') {
      return { ok: false, status: 400, error: 'invalid_json', reason: 'aborted', closeConnection: true };
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(utf8.decode(read.body));
    } catch {
      return { ok: false, status: 400, error: 'invalid_json', reason: 'json' };
    }
    const shape = checkActivityShape(parsed);
    if (!shape.ok) {
      return { ok: false, status: 400, error: 'invalid_activity', field: shape.field, reason: 'shape' };
    }
    // restify's bodyParser skips a body already read and parsed (its "read once" flags).
    Object.assign(req, { body: shape.activity, rawBody: read.body, _readBody: true, _parsedBody: true });
    if (authentication) {
      const verdict = await authenticate(authentication, shape.activity, req.headers.authorization);
      if (verdict.ok) admitted.set(req, { activity: shape.activity, identity: verdict.identity });
      return verdict;
    }
    // Authentication off: the framework would post the replies to any serviceUrl given (any host, any path).
    // Only this machine's: the local Direct Line and the Emulator run here.
    if (!isLoopbackUrl(shape.activity.serviceUrl)) {
      return { ok: false, status: 400, error: 'invalid_activity', field: 'serviceUrl', reason: 'serviceUrl-not-loopback' };
    }
    admitted.set(req, { activity: shape.activity });
    return { ok: true };
  }

  async function authenticate(auth: RequestAuthenticator, activity: Activity, header: string | undefined): Promise<Verdict> {
    if (typeof header !== 'string' || header.length > MAX_AUTH_HEADER || !BEARER.test(header)) {
      return { ok: false, status: 401, error: 'unauthorized', reason: 'no-token' };
    }
    if (now() < authUnavailableUntil) return { ok: false, status: 401, error: 'unauthorized', reason: 'auth-unavailable' };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error('authentication timed out')), authTimeoutMs);
    });
    try {
      // The identity goes to the adapter with the request (answerGuarded): the token is verified here only.
      const identity = await Promise.race([auth.authenticateRequest(activity, header), timeout]);
      return { ok: true, identity };
    } catch (error) {
      const isAuthError = property(error, 'statusCode') === 401 || TOKEN_ERRORS.has(errorName(error));
      if (!isAuthError) {
        // Token metadata unreachable, a timeout, or a bug: never let the request through, never say why.
        logger.warn({ event: 'request.auth.unavailable', errorName: errorName(error), errorCode: errorCode(error) });
        authUnavailableUntil = now() + authRetryAfterMs;
      }
      return { ok: false, status: 401, error: 'unauthorized', reason: isAuthError ? 'invalid-token' : 'auth-unavailable' };
    } finally {
      clearTimeout(timer);
    }
  }

  return function requestGuard(req: restify.Request, res: restify.Response, next: restify.Next): void {
    if (req.method !== 'POST' || !isMessagesRoute(req)) {
      next();
      return;
    }
    inspect(req).then(
      (verdict) => {
        if (verdict.ok) {
          hideServerErrors(res);
          next();
          return;
        }
        const level = verdict.status === 401 ? 'info' : 'debug';
        logger[level]({ event: 'request.rejected', status: verdict.status, reason: verdict.reason, field: verdict.field });
        if (verdict.reason === 'aborted') {
          res.destroy();
          next(false);
          return;
        }
        reject(res, verdict.status, verdict.error, verdict.field, verdict.closeConnection === true);
        next(false);
      },
      (error: unknown) => {
        logger.error({ event: 'request.guard.failed', errorName: errorName(error) });
        reject(res, 500, 'internal', undefined, true);
        next(false);
      },
    );
  };
}

/**
 * Runs the bot on a request the guard admitted, handing the adapter the identity the guard verified (with
 * authentication off, the adapter's own anonymous check of the empty header). Answers as CloudAdapter.process
 * does: the invoke response's status and body, else 200; 401 for an authentication error, else 500 (no details).
 */
export async function answerGuarded(
  adapter: GuardedAdapter,
  req: restify.Request,
  res: restify.Response,
  logic: (context: TurnContext) => Promise<void>,
  logger: Logger,
): Promise<void> {
  const request = admitted.get(req);
  admitted.delete(req);
  if (!request) {
    // The guard did not run for this request (not installed, or another route): never run the bot unchecked.
    logger.error({ event: 'request.guard.missing' });
    reject(res, 500, 'internal', undefined, true);
    return;
  }
  try {
    const invoke = await adapter.processAdmitted(request.identity ?? req.headers.authorization ?? '', withDates(request.activity), logic);
    res.status(invoke?.status ?? 200);
    if (invoke?.body !== undefined) res.send(invoke.body);
    res.end();
  } catch (error) {
    const unauthorized = property(error, 'statusCode') === 401;
    logger.warn({ event: 'request.failed', errorName: errorName(error), status: unauthorized ? 401 : 500 });
    reject(res, unauthorized ? 401 : 500, unauthorized ? 'unauthorized' : 'internal', undefined, false);
  }
}

/** The activity's dates as the framework reads them (CloudAdapter.process does the same before a turn). */
function withDates(activity: Activity): Activity {
  const dated: Activity & { rawTimestamp?: string; rawLocalTimestamp?: string; rawExpiration?: string } = activity;
  for (const [field, raw] of [['timestamp', 'rawTimestamp'], ['localTimestamp', 'rawLocalTimestamp'], ['expiration', 'rawExpiration']] as const) {
    const value: unknown = dated[field];
    if (typeof value === 'string') {
      dated[raw] = value;
      dated[field] = new Date(value);
    }
  }
  return dated;
}

function reject(res: restify.Response, status: number, error: GuardError, field: string | undefined, closeConnection: boolean): void {
  if (res.headersSent) return;
  if (closeConnection) res.header('Connection', 'close');
  res.send(status, field === undefined ? { error } : { error, field });
}

/**
 * Past the guard, a 5xx from the framework would carry its error message (a stack-less `err.message`, which
 * can name hosts, files or keys). Such bodies are replaced by `{"error":"internal"}`; the status is kept.
 * Bodies of 4xx are left alone: invoke responses (e.g. an Adaptive Card error) carry meaning for the channel.
 */
function hideServerErrors(res: restify.Response): void {
  const send = res.send;
  res.send = function sendWithoutDetails(this: restify.Response, ...args: unknown[]): unknown {
    const first = args[0];
    const errorStatus = first instanceof Error ? property(first, 'statusCode') : undefined;
    const status =
      typeof first === 'number' ? first : typeof errorStatus === 'number' ? errorStatus : first instanceof Error ? 500 : res.statusCode;
    if (status >= 500) return Reflect.apply(send, res, [status, { error: 'internal' }]);
    return Reflect.apply(send, res, args);
  };
}

/** http(s) to localhost, 127.0.0.0/8 or ::1. */
export function isLoopbackUrl(value: string): boolean {
  try {
    return isLoopbackHost(new URL(value).hostname);
  } catch {
    return false;
  }
}

/** The route the router chose (not the raw path: see installRequestGuards). */
function isMessagesRoute(req: restify.Request): boolean {
  const route: { path?: unknown } | undefined = req.getRoute();
  return route?.path === MESSAGES_PATH;
}

/** `application/json`, optionally with `charset=utf-8`; anything else (forms, text, other charsets) is refused. */
export function isJsonContentType(header: string | undefined): boolean {
  if (header === undefined) return false;
  const [media, ...params] = header.split(';').map((part) => part.trim().toLowerCase());
  if (media !== 'application/json') return false;
  return params.every((param) => param === '' || !param.startsWith('charset=') || /^charset="?utf-8"?$/.test(param));
}

export type ReadResult = { kind: 'ok'; body: Buffer } | { kind: 'tooLarge' } | { kind: 'timeout' } | { kind: 'aborted' };

/**
 * Reads at most `max` bytes within `timeoutMs`; stops listening at the first byte over or at the timeout (the
 * connection is then closed).
 */
export function readBody(req: IncomingMessage, max: number, timeoutMs: number): Promise<ReadResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const timer = setTimeout(() => finish({ kind: 'timeout' }), timeoutMs);
    const finish = (result: ReadResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onAbort);
      req.off('aborted', onAbort);
      req.off('close', onClose);
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > max) {
        finish({ kind: 'tooLarge' });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => finish({ kind: 'ok', body: Buffer.concat(chunks, size) });
    const onAbort = (): void => finish({ kind: 'aborted' });
    const onClose = (): void => {
      if (!req.complete) finish({ kind: 'aborted' });
    };
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('error', onAbort);
    req.once('aborted', onAbort);
    req.once('close', onClose);
  });
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}

function errorCode(error: unknown): string | undefined {
  const code = property(error, 'code');
  return typeof code === 'string' ? code : undefined;
}

function property(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && key in value ? Reflect.get(value, key) : undefined;
}
