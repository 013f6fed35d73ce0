/**
 * The load side of the bench: a connector endpoint that receives the servers' replies, and scripted
 * conversations posted to /api/messages over loopback with keep-alive connections.
 *
 * A turn is one POST to /api/messages, timed until its response ends: CloudAdapter sends a turn's replies
 * (POSTs to the serviceUrl, awaited) before it answers the request, so the response marks the end of the
 * turn. That is checked on every turn here: the conversation must have received a new reply by the time the
 * response arrives (`turnsWithoutReply` counts the exceptions).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

/**
 * One conversation of the load: a greeting, a withdrawal with its date, the menu, a phone-hours question, and a
 * lost-credentials story typed when "anything else?" is asked (issue 12's mix).
 */
export const SCRIPT: readonly string[] = [
  'bonjour',
  'je veux me rétracter',
  'le 20 novembre',
  'menu',
  "c'est quoi les horaires du téléphone ?",
  "Bonjour, depuis une semaine je n'arrive plus à me connecter à mon espace inscrit. J'ai essayé de réinitialiser mon mot de passe mais je ne reçois aucun mail, je ne peux plus rendre mes devoirs.",
];
/** Web Chat, where most learners meet the bot (Adaptive Cards, suggested actions). */
export const CHANNEL_ID = 'webchat';
/** A fixed instant, so the date rules compute the same thing on every run. */
const TIMESTAMP = '2026-11-26T10:00:00.000Z';

export interface Connector {
  serviceUrl: string;
  replies(conversationId: string): number;
  total(): number;
  /** Forgets counts (between phases, to keep the parent's memory flat). */
  clear(): void;
  close(): Promise<void>;
}

export async function startConnector(): Promise<Connector> {
  let counts = new Map<string, number>();
  let total = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const match = /^\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? '');
      if (req.method === 'POST' && match) {
        const id = decodeURIComponent(match[1]);
        counts.set(id, (counts.get(id) ?? 0) + 1);
        total += 1;
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(`{"id":"r${total}"}`);
        return;
      }
      res.writeHead(404);
      res.end();
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    serviceUrl: `http://127.0.0.1:${port}`,
    replies: (id) => counts.get(id) ?? 0,
    total: () => total,
    clear: () => {
      counts = new Map();
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

let activitySequence = 0;

export function activityBody(serviceUrl: string, conversationId: string, text: string): string {
  activitySequence += 1;
  return JSON.stringify({
    type: 'message',
    id: `a${activitySequence}`,
    channelId: CHANNEL_ID,
    serviceUrl,
    conversation: { id: conversationId },
    from: { id: `u-${conversationId}`, name: 'Bench' },
    recipient: { id: 'bot', name: 'Bot' },
    locale: 'fr-FR',
    timestamp: TIMESTAMP,
    text,
  });
}

/** One POST; resolves with the status once the response has ended. */
export function post(port: number, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: 'POST', path: '/api/messages', agent, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export interface LoadResult {
  turns: number;
  conversations: number;
  elapsedMs: number;
  /** Per-turn latency in ms. */
  latencies: number[];
  /** Replies the connector received during the run (all conversations). */
  replies: number;
  /** Turns answered with another status than 200. */
  errors: number;
  /** Turns whose response came before any new reply reached the connector. */
  turnsWithoutReply: number;
  /** Conversation ids used, in order of start. */
  conversationIds: string[];
}

export interface LoadOptions {
  port: number;
  connector: Connector;
  concurrency: number;
  /** Stop starting conversations after this long (ms)... */
  durationMs?: number;
  /** ...or after this many conversations. */
  conversations?: number;
  prefix: string;
  script?: readonly string[];
  keepLatencies?: boolean;
}

/** `concurrency` workers, each running whole scripted conversations one after another. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const { port, connector, concurrency, prefix } = options;
  const script = options.script ?? SCRIPT;
  const result: LoadResult = { turns: 0, conversations: 0, elapsedMs: 0, latencies: [], replies: 0, errors: 0, turnsWithoutReply: 0, conversationIds: [] };
  const repliesBefore = connector.total();
  const started = performance.now();
  const deadline = options.durationMs === undefined ? Infinity : started + options.durationMs;
  const maxConversations = options.conversations ?? Infinity;
  let begun = 0;

  async function worker(index: number): Promise<void> {
    let own = 0;
    while (performance.now() < deadline && begun < maxConversations) {
      begun += 1;
      const conversationId = `${prefix}-${index}-${own++}`;
      result.conversationIds.push(conversationId);
      for (const text of script) {
        const before = connector.replies(conversationId);
        const t0 = performance.now();
        const status = await post(port, activityBody(connector.serviceUrl, conversationId, text));
        const ms = performance.now() - t0;
        if (options.keepLatencies !== false) result.latencies.push(ms);
        result.turns += 1;
        if (status !== 200) result.errors += 1;
        if (connector.replies(conversationId) <= before) result.turnsWithoutReply += 1;
      }
      result.conversations += 1;
    }
  }

  await Promise.all(Array.from({ length: concurrency }, (_, index) => worker(index)));
  result.elapsedMs = performance.now() - started;
  result.replies = connector.total() - repliesBefore;
  return result;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}
