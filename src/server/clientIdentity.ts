/**
 * Who a client is, for limits: an address that cannot be changed cheaply.
 * - The socket's address, unless `trustedProxies` > 0: then X-Forwarded-For is read from the right, and the
 *   address appended by the outermost trusted proxy is the client's. Hops further left were written by the
 *   client itself and are ignored, so a forged header only moves the key onto an address the proxy saw.
 * - Ports are stripped ("203.0.113.7:51234" and "[2001:db8::1]:443", as Azure Application Gateway sends them).
 * - IPv4-mapped IPv6 is plain IPv4; IPv6 is grouped by its /64 (one customer's network is one client).
 * A hop that is not an IP address makes the key the nearest trusted address (never a made-up string).
 */
import { isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';

/** The address without a port, brackets or IPv4-mapped prefix; undefined when it is not an IP address. */
export function plainAddress(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  let value = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(value);
  if (bracketed) value = bracketed[1];
  else if (/^[\d.]+:\d{1,5}$/.test(value)) value = value.slice(0, value.lastIndexOf(':'));
  const zone = value.indexOf('%');
  if (zone > 0 && isIP(value.slice(0, zone)) === 6) value = value.slice(0, zone);
  if (/^::ffff:/i.test(value) && isIP(value.slice(7)) === 4) value = value.slice(7);
  return isIP(value) ? value.toLowerCase() : undefined;
}

/** The /64 of an IPv6 address as "2001:db8:0:1::/64"; IPv4 as it is. */
export function addressKey(address: string): string {
  if (isIP(address) !== 6) return address;
  return `${expandIpv6(address).slice(0, 4).join(':')}::/64`;
}

function expandIpv6(address: string): string[] {
  let text = address;
  // An embedded IPv4 tail (::1.2.3.4) as two groups.
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4[1].split('.').map(Number);
    text = `${text.slice(0, -v4[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const middle = tail === undefined ? [] : new Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...middle, ...right].map((group) => Number.parseInt(group || '0', 16).toString(16));
}

/** The key rate limits and caps count a request against. */
export function clientKey(req: Pick<IncomingMessage, 'headers' | 'socket'>, trustedProxies: number): string {
  const socket = plainAddress(req.socket?.remoteAddress) ?? 'unknown';
  if (trustedProxies <= 0) return addressKey(socket);
  const header = req.headers['x-forwarded-for'];
  const hops = (Array.isArray(header) ? header.join(',') : header ?? '')
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean);
  // Walk from the nearest hop: the socket is the first trusted proxy, each hop to its left the next one,
  // and the hop written by the last trusted proxy is the client.
  let candidate = socket;
  for (let index = 0; index < trustedProxies; index += 1) {
    const hop = plainAddress(hops[hops.length - 1 - index]);
    if (!hop) break;
    candidate = hop;
  }
  return addressKey(candidate);
}
