/**
 * A bare client of the local Direct Line over node:http, for attacks: any source address on the loopback
 * (`localAddress` 127.0.0.x stands for many clients), any header, no connection reuse.
 */
import http from 'node:http';
import net from 'node:net';

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface Call {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  localAddress?: string;
  token?: string;
}

export function call(baseUrl: string, path: string, options: Call = {}): Promise<Answer> {
  const { hostname, port } = new URL(baseUrl);
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers.Authorization = `Bearer ${options.token}`;
  return new Promise((resolve) => {
    const req = http.request({ hostname, port, method: options.method ?? 'GET', path, headers, localAddress: options.localAddress, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: '' }));
    });
    req.setTimeout(30_000, () => req.destroy());
    req.on('error', () => resolve({ status: 0, headers: {}, body: '' }));
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

export const JSON_HEADERS = { 'Content-Type': 'application/json' };

export interface Grant {
  token: string;
  conversationId: string;
}

/** A token for a new conversation, or the refusal's status. */
export async function mint(baseUrl: string, options: { localAddress?: string; headers?: Record<string, string> } = {}): Promise<Grant | Answer> {
  const answer = await call(baseUrl, '/api/directline/token', { method: 'POST', headers: { ...JSON_HEADERS, ...options.headers }, body: '{}', localAddress: options.localAddress });
  return answer.status === 200 ? (JSON.parse(answer.body) as Grant) : answer;
}

export async function mustMint(baseUrl: string, localAddress?: string): Promise<Grant> {
  const grant = await mint(baseUrl, { localAddress });
  if (!('token' in grant)) throw new Error(`no token: ${grant.status}`);
  return grant;
}

export async function startConversation(baseUrl: string, grant: Grant): Promise<{ streamUrl: string }> {
  const answer = await call(baseUrl, '/v3/directline/conversations', { method: 'POST', token: grant.token, headers: JSON_HEADERS, body: '{"locale":"fr-FR"}' });
  if (answer.status !== 201 && answer.status !== 200) throw new Error(`start: ${answer.status}`);
  return JSON.parse(answer.body) as { streamUrl: string };
}

export function postActivity(baseUrl: string, grant: Grant, activity: object, localAddress?: string): Promise<Answer> {
  return call(baseUrl, `/v3/directline/conversations/${grant.conversationId}/activities`, {
    method: 'POST',
    token: grant.token,
    headers: JSON_HEADERS,
    body: JSON.stringify(activity),
    localAddress,
  });
}

export interface Transcript {
  activities: { type: string; text?: string; from: { role?: string }; replyToId?: string }[];
  watermark: string;
}

export async function transcript(baseUrl: string, grant: Grant): Promise<{ status: number; transcript?: Transcript }> {
  const answer = await call(baseUrl, `/v3/directline/conversations/${grant.conversationId}/activities`, { token: grant.token });
  return answer.status === 200 ? { status: 200, transcript: JSON.parse(answer.body) as Transcript } : { status: answer.status };
}

/** The bot's texts that answer one activity id. */
export async function answersTo(baseUrl: string, grant: Grant, id: string): Promise<string[]> {
  const read = await transcript(baseUrl, grant);
  return (read.transcript?.activities ?? []).filter((a) => a.from.role === 'bot' && a.replyToId === id).map((a) => a.text ?? '');
}

/**
 * Sends the head of a request and then one byte of body per second (of a declared 1,000) — or, `headersOnly`,
 * one byte of a header that never ends — and resolves with how long the server took to answer or close the
 * connection (capped at `giveUpMs`).
 */
export function trickle(baseUrl: string, head: string, giveUpMs = 30_000, headersOnly = false): Promise<{ ms: number; answer: string }> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve) => {
    const started = performance.now();
    let answer = '';
    let done = false;
    const socket = net.connect({ host: hostname, port: Number(port) });
    const finish = () => {
      if (done) return;
      done = true;
      clearInterval(timer);
      socket.destroy();
      resolve({ ms: performance.now() - started, answer: answer.split('\r\n')[0] });
    };
    const timer = setInterval(() => {
      if (performance.now() - started > giveUpMs) finish();
      else if (!socket.destroyed) socket.write(headersOnly ? 'x' : ' ');
    }, 1000);
    socket.on('connect', () => socket.write(headersOnly ? head : `${head}Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{`));
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString('latin1');
      // The status line is enough; wait for the close a moment longer only if the server keeps it open.
      setTimeout(finish, 200);
    });
    socket.on('close', finish);
    socket.on('error', finish);
  });
}
