/**
 * A stand-in for a Bot Framework channel: posts activities to a bot's /api/messages with a serviceUrl that
 * points at a local connector endpoint, which records the replies the bot sends back.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Activity } from 'botbuilder';

export interface Reply {
  conversationId: string;
  activity: Partial<Activity>;
}

export interface FakeConnector {
  serviceUrl: string;
  replies: Reply[];
  /** Replies for one conversation, in arrival order. */
  repliesFor(conversationId: string): Partial<Activity>[];
  /** Resolves once the conversation has at least `count` replies in all (or rejects after timeoutMs). */
  waitFor(conversationId: string, count: number, timeoutMs?: number): Promise<Partial<Activity>[]>;
  close(): Promise<void>;
}

export async function startConnector(): Promise<FakeConnector> {
  const replies: Reply[] = [];
  const waiters = new Set<() => void>();
  let counter = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const match = /^\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? '');
      if (req.method === 'POST' && match) {
        const activity = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Partial<Activity>;
        replies.push({ conversationId: decodeURIComponent(match[1]), activity });
        counter += 1;
        for (const wake of [...waiters]) wake();
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ id: `reply-${counter}` }));
        return;
      }
      res.writeHead(404);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const repliesFor = (conversationId: string) => replies.filter((r) => r.conversationId === conversationId).map((r) => r.activity);
  return {
    serviceUrl: `http://127.0.0.1:${port}`,
    replies,
    repliesFor,
    waitFor(conversationId, count, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = repliesFor(conversationId);
          if (found.length >= count) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(found);
            return true;
          }
          return false;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out waiting for ${count} replies in ${conversationId}; got ${repliesFor(conversationId).length}`));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

let sequence = 0;

/** A message activity shaped as a channel sends it. */
export function channelActivity(serviceUrl: string, conversationId: string, fields: Partial<Activity>): Partial<Activity> {
  sequence += 1;
  return {
    type: 'message',
    id: `act-${sequence}`,
    channelId: 'test',
    serviceUrl,
    conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
    from: { id: `user-${conversationId}`, name: 'User' },
    recipient: { id: 'bot', name: 'Bot' },
    locale: 'fr-FR',
    timestamp: new Date(),
    ...fields,
  } as Partial<Activity>;
}

/** Posts JSON to a URL and returns the status and the text of the answer. */
export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: response.status, text: await response.text() };
}

/** The visible text of a reply: its text, or the texts inside its Adaptive Card or hero card. */
export function replyText(activity: Partial<Activity>): string {
  const parts: string[] = [];
  if (activity.text) parts.push(activity.text);
  for (const attachment of activity.attachments ?? []) parts.push(JSON.stringify(attachment.content));
  return parts.join('\n');
}
