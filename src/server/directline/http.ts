/** Small HTTP helpers shared by the Direct Line routes: errors in Direct Line's shape, bearer tokens, origins. */
import type { Request, Response } from 'restify';

/** Direct Line's error body: `{ error: { code, message } }`. */
export function sendError(res: Response, status: number, code: string, message: string): void {
  res.header('Cache-Control', 'no-store');
  res.send(status, { error: { code, message } });
}

export function sendJson(res: Response, status: number, body: unknown): void {
  res.header('Cache-Control', 'no-store');
  res.send(status, body);
}

export function bearerToken(req: Request): string | undefined {
  const header = req.header('authorization');
  const match = /^Bearer\s+(\S+)$/i.exec(typeof header === 'string' ? header.trim() : '');
  return match?.[1];
}

/** The origin the client used to reach us (for URLs handed back to it), e.g. https://chat.example.fr. */
export function publicOrigin(req: Request, trustProxy: boolean): { http: string; ws: string } {
  const forwardedProto = trustProxy ? req.header('x-forwarded-proto') : '';
  const proto = (typeof forwardedProto === 'string' && forwardedProto.split(',')[0].trim()) || (req.isSecure() ? 'https' : 'http');
  const secure = proto === 'https';
  const rawHost = req.header('host');
  // Only a host[:port] is echoed back; anything else falls back to the socket's own address.
  const host = typeof rawHost === 'string' && /^[A-Za-z0-9.\-[\]:]{1,255}$/.test(rawHost) ? rawHost : `${req.socket.localAddress}:${req.socket.localPort}`;
  return { http: `${secure ? 'https' : 'http'}://${host}`, ws: `${secure ? 'wss' : 'ws'}://${host}` };
}

/** A query parameter from the raw URL (the server does not use restify's query parser). */
export function queryParam(url: string | undefined, name: string): string | null {
  return new URL(url ?? '/', 'http://local').searchParams.get(name);
}
