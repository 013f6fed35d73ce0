/**
 * Hands activities to the bot the way a Bot Framework channel does: an HTTP POST to this server's own
 * /api/messages, with a serviceUrl pointing back at this server, where the connector routes take the replies.
 * Going through /api/messages keeps one path into the bot (same adapter, same guards) for every channel.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Activity } from 'botbuilder';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Prefix of the connector routes; the secret follows it. */
export const LOCAL_CONNECTOR_PATH = '/local-connector';
const digest = (value: string) => createHash('sha256').update(value).digest();

export interface BotBridge {
  /**
   * Where the bot replies (the serviceUrl of local activities): this server's loopback address and a path
   * holding a secret made at start, e.g. http://127.0.0.1:3978/local-connector/<secret>. The connector routes
   * check the secret, so nothing else on the machine (nor a spoofed source address) can post into a conversation.
   */
  serviceUrl(): string;
  /** Whether a secret taken from a request path is this process's. */
  isSecret(candidate: string): boolean;
  /** Resolves once the bot has handled the activity (its replies are then in the log); rejects if it failed. */
  deliver(activity: Partial<Activity>): Promise<void>;
}

const BOT_TIMEOUT_MS = 30_000;

/** Loopback address for a listening server: the wildcard addresses are reached through the loopback. */
export function loopbackUrl(address: AddressInfo | string | null): string {
  if (!address || typeof address === 'string') throw new Error('The server is not listening on a TCP port.');
  const host = ['0.0.0.0', '::', ''].includes(address.address) ? '127.0.0.1' : address.address;
  return address.family === 'IPv6' && host.includes(':') ? `http://[${host}]:${address.port}` : `http://${host}:${address.port}`;
}

export function createBotBridge(httpServer: Server): BotBridge {
  const secret = randomBytes(24).toString('base64url');
  const secretDigest = digest(secret);
  const serviceUrl = () => `${loopbackUrl(httpServer.address())}${LOCAL_CONNECTOR_PATH}/${secret}`;
  return {
    serviceUrl,
    isSecret: (candidate) => timingSafeEqual(digest(candidate), secretDigest),
    async deliver(activity) {
      const response = await fetch(`${loopbackUrl(httpServer.address())}/api/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(activity),
        signal: AbortSignal.timeout(BOT_TIMEOUT_MS),
      });
      // Drain the body so the connection is released.
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`The bot answered ${response.status}.`);
    },
  };
}
