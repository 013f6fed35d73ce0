/**
 * The Bot Connector endpoints the bot replies to (the serviceUrl of local Direct Line activities):
 * send to conversation and reply to activity. Only for conversations the local Direct Line started, and only
 * from this machine: the bridge posts to the loopback address, so the bot's replies come from it too.
 */
import { isIP } from 'node:net';
import type restify from 'restify';
import type { Request, Response } from 'restify';
import { sendError, sendJson } from './http';
import type { LocalDirectLine } from './localDirectLine';

function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const plain = address.startsWith('::ffff:') ? address.slice(7) : address;
  return plain === '::1' || (isIP(plain) === 4 && plain.startsWith('127.'));
}

export function registerConnectorRoutes(server: restify.Server, directLine: LocalDirectLine): void {
  const receive = async (req: Request, res: Response): Promise<void> => {
    if (!isLoopback(req.socket?.remoteAddress)) return sendError(res, 403, 'Forbidden', 'Only the local bot may post here.');
    const conversationId = String(req.params?.conversationId ?? '');
    const replyToId = typeof req.params?.activityId === 'string' ? req.params.activityId : undefined;
    const result = directLine.receive(conversationId, req.body, replyToId);
    if (!result.ok) return sendError(res, result.status, result.status === 404 ? 'ConversationNotFound' : 'BadArgument', result.message);
    sendJson(res, 200, { id: result.activity.id });
  };
  server.post('/v3/conversations/:conversationId/activities', receive);
  server.post('/v3/conversations/:conversationId/activities/:activityId', receive);
}
