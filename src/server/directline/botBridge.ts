/**
 * Hands activities to the bot the way a Bot Framework channel does: an HTTP POST to this server's own
 * /api/messages, with a serviceUrl pointing back at this server, where the connector routes take the replies.
 * Going through /api/messages keeps one path into the bot (same adapter, same guards) for every channel.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Activity } from 'botbuilder';

export interface BotBridge {
  /** This server's base URL as seen from itself, e.g. http://127.0.0.1:3978: the serviceUrl of local activities. */
  serviceUrl(): string;
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
  const serviceUrl = () => loopbackUrl(httpServer.address());
  return {
    serviceUrl,
    async deliver(activity) {
      const response = await fetch(`${serviceUrl()}/api/messages`, {
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
