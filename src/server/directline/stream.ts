/**
 * The WebSocket stream of a conversation (the streamUrl): activity sets `{ activities, watermark }` pushed
 * as they are logged. Opened with a one-use ticket from the start/reconnect answer; what the client sends is ignored.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { DIRECT_LINE_PATH } from './clientRoutes';
import { queryParam } from './http';
import type { LocalDirectLine } from './localDirectLine';

const STREAM_PATH = new RegExp(`^${DIRECT_LINE_PATH}/conversations/([A-Za-z0-9_-]+)/stream$`);
const MAX_SOCKETS_PER_CONVERSATION = 3;
const PING_INTERVAL_MS = 30_000;

function refuse(socket: Duplex, status: 403 | 404, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export function attachStream(httpServer: Server, directLine: LocalDirectLine): void {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  const socketsByConversation = new Map<string, WebSocket[]>();
  const alive = new WeakSet<WebSocket>();

  const forget = (conversationId: string, ws: WebSocket) => {
    const remaining = (socketsByConversation.get(conversationId) ?? []).filter((other) => other !== ws);
    if (remaining.length) socketsByConversation.set(conversationId, remaining);
    else socketsByConversation.delete(conversationId);
  };

  const previousOnDrop = directLine.conversations.onDrop;
  directLine.conversations.onDrop = (conversationId) => {
    previousOnDrop(conversationId);
    for (const ws of socketsByConversation.get(conversationId) ?? []) ws.close(1000, 'conversation ended');
    socketsByConversation.delete(conversationId);
  };

  httpServer.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(req.url ?? '/', 'http://local').pathname;
    const match = STREAM_PATH.exec(path);
    if (!match) {
      // Nobody else takes upgrades here. (Counting 'upgrade' listeners to guess did not work: restify adds one
      // that only re-emits, so an upgrade to any other path was left open for ever, past every HTTP timeout.)
      refuse(socket, 404, 'Not Found');
      return;
    }
    const conversationId = match[1];
    const conversation = directLine.conversations.get(conversationId);
    if (!conversation) return refuse(socket, 404, 'Not Found');
    if (directLine.tickets.redeem(queryParam(req.url, 't')) !== conversationId) return refuse(socket, 403, 'Forbidden');
    const rawWatermark = queryParam(req.url, 'watermark') ?? '';
    const watermark = /^\d{1,12}$/.test(rawWatermark) ? Number(rawWatermark) : 0;

    wss.handleUpgrade(req, socket, head, (ws) => {
      const sockets = [...(socketsByConversation.get(conversationId) ?? []), ws];
      while (sockets.length > MAX_SOCKETS_PER_CONVERSATION) sockets.shift()?.close(1008, 'too many streams');
      socketsByConversation.set(conversationId, sockets);
      alive.add(ws);

      const backlog = directLine.conversations.since(conversation, watermark);
      if (backlog.activities.length) ws.send(JSON.stringify(backlog));
      const unsubscribe = directLine.conversations.subscribe(conversation, (activity, newWatermark) => {
        if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ activities: [activity], watermark: newWatermark }));
      });
      ws.on('pong', () => alive.add(ws));
      ws.on('error', () => ws.terminate());
      ws.on('close', () => {
        unsubscribe();
        forget(conversationId, ws);
      });
    });
  });

  // Drop sockets that stopped answering pings (a closed laptop lid), so they do not hold memory.
  const pinger = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, PING_INTERVAL_MS);
  pinger.unref();
  httpServer.on('close', () => {
    clearInterval(pinger);
    for (const ws of wss.clients) ws.terminate();
    wss.close();
  });
}
