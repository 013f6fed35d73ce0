/**
 * The Direct Line 3.0 client API, the subset Web Chat and botframework-directlinejs use:
 * start or reconnect to a conversation, refresh a token, post an activity, read activities from a watermark.
 */
import type restify from 'restify';
import type { Request, Response } from 'restify';
import { readJsonBody } from '../body';
import { cleanLocale, parseClientActivity } from './activities';
import { bearerToken, publicOrigin, queryParam, sendError, sendJson } from './http';
import type { Access, LocalDirectLine } from './localDirectLine';
import type { Conversation } from './conversations';
import { earlierCopy } from './resume';

export const DIRECT_LINE_PATH = '/v3/directline';
/** Bodies the client routes accept: start options are a few fields; an activity is bounded again once parsed. */
const SMALL_BODY_BYTES = 4 * 1024;
const ACTIVITY_BODY_BYTES = 40 * 1024;

type Granted = Extract<Access, { ok: true }>;

/** Runs the handler only for a caller whose token opens the conversation (in the path, or the token's own). */
function withAccess(directLine: LocalDirectLine, handler: (req: Request, res: Response, access: Granted) => Promise<void> | void) {
  return async (req: Request, res: Response): Promise<void> => {
    const conversationId = typeof req.params?.conversationId === 'string' ? req.params.conversationId : undefined;
    // The token first: nobody without one makes the server wait for (or read) a body.
    const access = directLine.access(bearerToken(req), conversationId);
    if (!access.ok) {
      if (req.method === 'POST') res.header('Connection', 'close');
      return sendError(res, access.status, access.code, access.message);
    }
    await handler(req, res, access);
  };
}

function streamUrl(directLine: LocalDirectLine, req: Request, conversation: Conversation, trustProxy: boolean): string {
  const ticket = directLine.tickets.issue(conversation.id);
  const watermark = queryParam(req.url, 'watermark') ?? '';
  const query = new URLSearchParams({ t: ticket, watermark });
  return `${publicOrigin(req, trustProxy).ws}${DIRECT_LINE_PATH}/conversations/${encodeURIComponent(conversation.id)}/stream?${query}`;
}

function conversationBody(directLine: LocalDirectLine, req: Request, access: Granted, trustProxy: boolean) {
  return {
    conversationId: access.conversation.id,
    token: access.token,
    expires_in: directLine.tokens.secondsLeft(access.expiresAt),
    streamUrl: streamUrl(directLine, req, access.conversation, trustProxy),
  };
}

/** A watermark is the decimal sequence number of the last activity read; empty means "from the start". */
function parseWatermark(raw: string | null): number | undefined {
  if (raw === null || raw === '') return 0;
  return /^\d{1,12}$/.test(raw) ? Number(raw) : undefined;
}

export function registerClientRoutes(server: restify.Server, directLine: LocalDirectLine, trustProxy: boolean): void {
  // Start: the conversation was created with the token; the first start tells the bot the user joined.
  server.post(
    `${DIRECT_LINE_PATH}/conversations`,
    withAccess(directLine, async (req, res, access) => {
      const read = await readJsonBody(req, res, { maxBytes: SMALL_BODY_BYTES, allowEmpty: true });
      if (!read.ok) return;
      const body = read.body;
      const locale = typeof body === 'object' && body !== null && 'locale' in body ? cleanLocale(body.locale) : undefined;
      const isNew = await directLine.start(access.conversation, locale);
      sendJson(res, isNew ? 201 : 200, conversationBody(directLine, req, access, trustProxy));
    }),
  );

  // Reconnect: a fresh streamUrl for the same conversation.
  server.get(
    `${DIRECT_LINE_PATH}/conversations/:conversationId`,
    withAccess(directLine, (req, res, access) => sendJson(res, 200, conversationBody(directLine, req, access, trustProxy))),
  );

  server.post(
    `${DIRECT_LINE_PATH}/tokens/refresh`,
    withAccess(directLine, async (req, res, access) => {
      const read = await readJsonBody(req, res, { maxBytes: SMALL_BODY_BYTES, allowEmpty: true });
      if (!read.ok) return;
      const grant = directLine.tokens.mint(access.conversation.id);
      sendJson(res, 200, { conversationId: grant.conversationId, token: grant.token, expires_in: grant.expiresIn });
    }),
  );

  server.get(
    `${DIRECT_LINE_PATH}/conversations/:conversationId/activities`,
    withAccess(directLine, (req, res, access) => {
      const watermark = parseWatermark(queryParam(req.url, 'watermark'));
      if (watermark === undefined) return sendError(res, 400, 'BadArgument', 'The watermark must be a whole number.');
      sendJson(res, 200, directLine.conversations.since(access.conversation, watermark));
    }),
  );

  server.post(
    `${DIRECT_LINE_PATH}/conversations/:conversationId/activities`,
    withAccess(directLine, async (req, res, access) => {
      // Counted before the body is read: a flood costs a token check and a counter, nothing stored.
      const admitted = await directLine.admitPost(access.conversation);
      if (!admitted.allowed) {
        res.header('Retry-After', String(admitted.retryAfter));
        res.header('Connection', 'close');
        return sendError(res, 429, 'TooManyRequests', 'Too many activities in this conversation; try again shortly.');
      }
      const read = await readJsonBody(req, res, { maxBytes: ACTIVITY_BODY_BYTES });
      if (!read.ok) return;
      const parsed = parseClientActivity(read.body);
      if (!parsed.ok) return sendError(res, 400, 'BadArgument', parsed.message);
      // A retry of an activity already logged (its answer was lost in a network drop) is not handled twice.
      const earlier = earlierCopy(access.conversation, parsed.value);
      if (earlier) return sendJson(res, 200, { id: earlier.id });
      const result = await directLine.post(access.conversation, parsed.value);
      if (!result.ok) {
        if (result.retryAfter !== undefined) res.header('Retry-After', String(result.retryAfter));
        return sendError(res, result.status, result.code, result.message);
      }
      if (!result.delivered) return sendError(res, 502, 'BotError', 'The bot could not handle the activity.');
      sendJson(res, 200, { id: result.id });
    }),
  );
}
