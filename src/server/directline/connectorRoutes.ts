/**
 * The Bot Connector endpoints the bot replies to (the serviceUrl of local Direct Line activities):
 * send to conversation and reply to activity. Only for conversations the local Direct Line started, only from
 * this machine (the bridge posts to the loopback address, so the bot's replies come from it too), and only with
 * the per-process secret in the path (botBridge.ts): the source address alone is not proof enough.
 */
import { isIP } from 'node:net';
import type restify from 'restify';
import type { Request, Response } from 'restify';
import { readJsonBody } from '../body';
import { LOCAL_CONNECTOR_PATH } from './botBridge';
import { sendError, sendJson } from './http';
import type { LocalDirectLine } from './localDirectLine';

function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const plain = address.startsWith('::ffff:') ? address.slice(7) : address;
  return plain === '::1' || (isIP(plain) === 4 && plain.startsWith('127.'));
}

/** The bot's replies: cards of a few KB, the same bound as /api/messages. */
const REPLY_BODY_BYTES = 256 * 1024;

export function registerConnectorRoutes(server: restify.Server, directLine: LocalDirectLine): void {
  const receive = async (req: Request, res: Response): Promise<void> => {
    const secret = typeof req.params?.secret === 'string' ? req.params.secret : '';
    if (!isLoopback(req.socket?.remoteAddress) || !directLine.bridge.isSecret(secret)) {
      res.header('Connection', 'close');
      return sendError(res, 403, 'Forbidden', 'Only the local bot may post here.');
    }
    const read = await readJsonBody(req, res, { maxBytes: REPLY_BODY_BYTES });
    if (!read.ok) return;
    const conversationId = String(req.params?.conversationId ?? '');
    const replyToId = typeof req.params?.activityId === 'string' ? req.params.activityId : undefined;
    const result = directLine.receive(conversationId, read.body, replyToId);
    if (!result.ok) return sendError(res, result.status, result.status === 404 ? 'ConversationNotFound' : 'BadArgument', result.message);
    sendJson(res, 200, { id: result.activity.id });
  };
  server.post(`${LOCAL_CONNECTOR_PATH}/:secret/v3/conversations/:conversationId/activities`, receive);
  server.post(`${LOCAL_CONNECTOR_PATH}/:secret/v3/conversations/:conversationId/activities/:activityId`, receive);
}
