/**
 * POST /api/directline/token: what the chat page calls first. With DIRECT_LINE_SECRET, the secret is exchanged
 * with the Direct Line service for a short-lived token (the secret never leaves the server); without it, and with
 * authentication off, a local token for a new local conversation. Rate-limited per client IP.
 */
import type restify from 'restify';
import type { Request, Response } from 'restify';
import type { Logger } from 'pino';
import type { AppConfig } from '../../config';
import { cleanLocale, cleanTimezone, isRecord } from './activities';
import { DIRECT_LINE_PATH } from './clientRoutes';
import { readJsonBody } from '../body';
import { clientKey } from '../clientIdentity';
import { publicOrigin, sendError, sendJson } from './http';
import type { LocalDirectLine } from './localDirectLine';
import { WindowLimiter } from './rateLimit';
import { randomId } from './tokens';
import { readResumeRequest, refreshServiceToken, resumeLocal } from './resume';

export const TOKEN_PATH = '/api/directline/token';
const SERVICE_TIMEOUT_MS = 10_000;
/** `{ locale, localTimezone }` is all the body holds. */
const TOKEN_BODY_BYTES = 1024;

/**
 * A browser's cross-site request carries the other site's Origin: only this site and EMBED_ORIGINS may ask
 * for a token (the chat page is served from here, also when embedded in an iframe). No Origin: not a browser's
 * cross-site request (curl, a server), allowed; a cross-site form cannot send application/json anyway.
 */
function originAllowed(req: Request, config: AppConfig): boolean {
  const origin = req.header('origin');
  if (typeof origin !== 'string' || origin === '') return true;
  return origin === publicOrigin(req, config.trustProxy).http || config.embedOrigins.includes(origin);
}

export interface TokenAnswer {
  token: string;
  conversationId: string;
  /** Where the client talks Direct Line: this server's /v3/directline locally, the service otherwise. */
  domain: string;
  expires_in: number;
  /** Only when the page asked to resume a conversation: true when it did, false when this is a new one. */
  resumed?: boolean;
}

/** Asks the Direct Line service for a token for a new conversation, with a user id the client cannot change. */
export async function exchangeSecret(endpoint: string, secret: string): Promise<Omit<TokenAnswer, 'domain'>> {
  const response = await fetch(`${endpoint}/tokens/generate`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ user: { id: `dl_${randomId(12)}` } }),
    signal: AbortSignal.timeout(SERVICE_TIMEOUT_MS),
  });
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw new Error(`Direct Line answered ${response.status}.`);
  if (!isRecord(body)) throw new Error('Direct Line sent no token.');
  const { token, conversationId, expires_in: expiresIn } = body;
  if (typeof token !== 'string' || typeof conversationId !== 'string') throw new Error('Direct Line sent no token.');
  return { token, conversationId, expires_in: typeof expiresIn === 'number' ? expiresIn : 1800 };
}

function readPreferences(body: unknown): { locale?: string; localTimezone?: string } {
  if (typeof body !== 'object' || body === null) return {};
  return {
    locale: 'locale' in body ? cleanLocale(body.locale) : undefined,
    localTimezone: 'localTimezone' in body ? cleanTimezone(body.localTimezone) : undefined,
  };
}

export function registerTokenEndpoint(server: restify.Server, config: AppConfig, logger: Logger, local: LocalDirectLine | undefined): void {
  const limiter = new WindowLimiter(config.tokenRateLimit.tokens, config.tokenRateLimit.windowMs);

  server.post(TOKEN_PATH, async (req: Request, res: Response) => {
    if (!originAllowed(req, config)) {
      res.header('Connection', 'close');
      return sendError(res, 403, 'Forbidden', 'This origin may not start a chat here.');
    }
    const client = clientKey(req, config.trustedProxies);
    const decision = await limiter.take(client);
    if (!decision.allowed) {
      res.header('Retry-After', String(decision.retryAfter));
      res.header('Connection', 'close');
      return sendError(res, 429, 'TooManyRequests', 'Too many chat sessions from this address; try again shortly.');
    }
    const read = await readJsonBody(req, res, { maxBytes: TOKEN_BODY_BYTES });
    if (!read.ok) return;
    const resume = readResumeRequest(read.body);
    if (config.directLineSecret) {
      try {
        const refreshed = resume && (await refreshServiceToken(config.directLineEndpoint, resume, SERVICE_TIMEOUT_MS));
        if (refreshed?.ok) {
          const { token, conversationId, expires_in } = refreshed;
          return sendJson(res, 200, { token, conversationId, expires_in, domain: config.directLineEndpoint, resumed: true } satisfies TokenAnswer);
        }
        const answer = await exchangeSecret(config.directLineEndpoint, config.directLineSecret);
        return sendJson(res, 200, { ...answer, domain: config.directLineEndpoint, ...(resume && { resumed: false }) } satisfies TokenAnswer);
      } catch (error) {
        logger.warn({ event: 'directline.token.failed', errorName: error instanceof Error ? error.name : typeof error });
        return sendError(res, 502, 'ServiceUnavailable', 'The chat service is unavailable; try again later.');
      }
    }
    if (!local) return sendError(res, 503, 'NotConfigured', 'The web chat is not configured on this server.');
    const { locale, localTimezone } = readPreferences(read.body);
    const resumed = resume && resumeLocal(local, resume);
    const grant = resumed || local.createConversation(locale, localTimezone, client);
    if ('refused' in grant) {
      // Full (in all, or for this address): nobody's live conversation is dropped to make room.
      res.header('Retry-After', String(grant.retryAfterSeconds));
      return sendError(res, 503, 'ServiceUnavailable', 'The chat is busy; try again shortly.');
    }
    const answer: TokenAnswer = {
      token: grant.token,
      conversationId: grant.conversationId,
      domain: `${publicOrigin(req, config.trustProxy).http}${DIRECT_LINE_PATH}`,
      expires_in: grant.expiresIn,
      ...(resume && { resumed: Boolean(resumed) }),
    };
    return sendJson(res, 200, answer);
  });
}
