/**
 * The web edge under anonymous attacks, measured from outside: starts the server (`npm start`'s V8 flags,
 * memory storage, authentication off) as a child process on a free loopback port, runs each attack for a bounded
 * time from loopback addresses only, samples the server's RSS, and times a victim conversation's turns.
 *
 *   npm run build && node dist/bench/edgeAttacks.js [path/to/dist/src/index.js]
 *
 * The path defaults to this checkout's build; giving another checkout's build measures it "before". Prints one
 * line per attack and, as its last line, one JSON object.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const entry = path.resolve(process.argv[2] ?? path.join(ROOT, 'dist', 'src', 'index.js'));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Answer {
  status: number;
  body: string;
}

function request(port: number, method: string, pathname: string, options: { headers?: Record<string, string>; body?: string; localAddress?: string; timeoutMs?: number } = {}): Promise<Answer> {
  return new Promise((resolve) => {
    const req = http.request(
      { host: '127.0.0.1', port, method, path: pathname, headers: options.headers, localAddress: options.localAddress, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', () => resolve({ status: res.statusCode ?? 0, body: '' }));
      },
    );
    req.setTimeout(options.timeoutMs ?? 60_000, () => req.destroy());
    req.on('error', () => resolve({ status: 0, body: '' }));
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

const json = { 'Content-Type': 'application/json' };

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

interface Server {
  port: number;
  child: ChildProcess;
  rssMiB(): number;
  alive(): boolean;
  stop(): Promise<void>;
}

async function startServer(env: Record<string, string> = {}): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--max-old-space-size=192', entry], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', STATE_STORAGE: 'memory', MicrosoftAppId: '', LOG_LEVEL: 'silent', DIRECT_LINE_SECRET: '', ...env },
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  let exited = false;
  child.once('exit', () => (exited = true));
  const deadline = Date.now() + 30_000;
  while ((await request(port, 'GET', '/healthz', { timeoutMs: 1000 })).status !== 200) {
    if (exited || Date.now() > deadline) throw new Error('the server did not start');
    await sleep(100);
  }
  return {
    port,
    child,
    alive: () => !exited,
    rssMiB() {
      try {
        const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        return match ? Math.round(Number(match[1]) / 1024) : 0;
      } catch {
        return 0;
      }
    },
    async stop() {
      if (exited) return;
      const done = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await done;
    },
  };
}

interface Token {
  token: string;
  conversationId: string;
}

async function mint(port: number, localAddress?: string, headers: Record<string, string> = {}): Promise<Token | number> {
  const answer = await request(port, 'POST', '/api/directline/token', { headers: { ...json, ...headers }, body: '{}', localAddress });
  return answer.status === 200 ? (JSON.parse(answer.body) as Token) : answer.status;
}

async function start(port: number, token: Token): Promise<number> {
  return (await request(port, 'POST', '/v3/directline/conversations', { headers: { ...json, Authorization: `Bearer ${token.token}` }, body: '{}' })).status;
}

function post(port: number, token: Token, activity: object): Promise<Answer> {
  return request(port, 'POST', `/v3/directline/conversations/${token.conversationId}/activities`, {
    headers: { ...json, Authorization: `Bearer ${token.token}` },
    body: JSON.stringify(activity),
  });
}

/** One victim turn: the POST returns once the bot has answered. */
async function victimTurn(port: number, token: Token): Promise<{ ms: number; status: number }> {
  const started = performance.now();
  const answer = await post(port, token, { type: 'message', text: 'menu', from: { id: 'victim' } });
  return { ms: performance.now() - started, status: answer.status };
}

function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]);
}

interface Result {
  attack: string;
  peakRssMiB: number;
  victimP50Ms: number;
  victimMaxMs: number;
  victimFailures: number;
  serverAlive: boolean;
  note: string;
}

/** Runs `attack` while sampling RSS and timing victim turns every 500 ms (or leaving the victim idle until the end). */
async function measure(name: string, env: Record<string, string>, attack: (server: Server) => Promise<string>, victimIdle = false): Promise<Result> {
  const server = await startServer(env);
  const victim = await mint(server.port);
  if (typeof victim === 'number') throw new Error(`no victim token (${victim})`);
  await start(server.port, victim);
  let peak = server.rssMiB();
  let running = true;
  const sampler = (async () => {
    while (running) {
      peak = Math.max(peak, server.rssMiB());
      await sleep(250);
    }
  })();
  const times: number[] = [];
  let failures = 0;
  const prober = (async () => {
    while (running && server.alive() && !victimIdle) {
      const turn = await victimTurn(server.port, victim);
      if (turn.status === 200) times.push(turn.ms);
      else failures += 1;
      await sleep(500);
    }
  })();
  let note: string;
  try {
    note = await attack(server);
    // The victim after the attack, too.
    const after = await victimTurn(server.port, victim);
    if (after.status === 200) times.push(after.ms);
    else {
      failures += 1;
      note += `; victim after: ${after.status}`;
    }
  } finally {
    running = false;
    await Promise.all([sampler, prober]);
  }
  const result: Result = {
    attack: name,
    peakRssMiB: peak,
    victimP50Ms: percentile(times, 50),
    victimMaxMs: percentile(times, 100),
    victimFailures: failures,
    serverAlive: server.alive(),
    note,
  };
  await server.stop();
  return result;
}

async function largeActivities(server: Server): Promise<string> {
  const tokens: Token[] = [];
  for (let i = 0; i < 3; i += 1) {
    const token = await mint(server.port);
    if (typeof token !== 'number') tokens.push(token);
  }
  const big = 'x'.repeat(240 * 1024);
  const fits = 'x'.repeat(28 * 1024);
  const statuses = new Map<number, number>();
  const deadline = Date.now() + 20_000;
  await Promise.all(
    tokens.flatMap((token) =>
      [0, 1, 2, 3].map(async (lane) => {
        while (Date.now() < deadline && server.alive()) {
          const answer = await post(server.port, token, { type: 'event', name: 'x', channelData: { pad: lane % 2 === 0 ? big : fits } });
          statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        }
      }),
    ),
  );
  return `statuses ${JSON.stringify(Object.fromEntries(statuses))}`;
}

async function conversationFlood(server: Server): Promise<string> {
  let created = 0;
  let refused = 0;
  const started = performance.now();
  for (let host = 2; host < 112; host += 1) {
    const localAddress = `127.0.0.${host}`;
    const answers = await Promise.all(Array.from({ length: 10 }, () => mint(server.port, localAddress)));
    for (const answer of answers) typeof answer === 'number' ? (refused += 1) : (created += 1);
  }
  return `110 addresses: ${created} created, ${refused} refused in ${Math.round(performance.now() - started)} ms`;
}

async function spoofedFlood(server: Server): Promise<string> {
  let created = 0;
  let refused = 0;
  const started = performance.now();
  for (let batch = 0; batch < 40; batch += 1) {
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => {
        const n = batch * 50 + i;
        // One client as a gateway reports it (IP:port, a new port each time), or addresses of one IPv6 /64.
        const hop = n % 2 === 0 ? `198.51.100.7:${1000 + n}` : `[2001:db8:0:1::${n.toString(16)}]:443`;
        return mint(server.port, undefined, { 'X-Forwarded-For': `203.0.113.9, ${hop}` });
      }),
    );
    for (const answer of answers) typeof answer === 'number' ? (refused += 1) : (created += 1);
  }
  return `2,000 spoofed: ${created} created, ${refused} refused in ${Math.round(performance.now() - started)} ms`;
}

/** 20 connections trickling a body at 1 byte/s to the token endpoint and to an activity route (no token); held for at most 20 s here. */
async function slowBodies(server: Server): Promise<string> {
  const paths = ['/api/directline/token', '/v3/directline/conversations/made-up/activities'];
  const held: number[] = [];
  await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      new Promise<void>((resolve) => {
        const started = performance.now();
        const socket = net.connect({ host: '127.0.0.1', port: server.port });
        let done = false;
        const finish = () => {
          if (done) return;
          done = true;
          clearInterval(timer);
          held.push(performance.now() - started);
          socket.destroy();
          resolve();
        };
        socket.on('connect', () => socket.write(`POST ${paths[i % 2]} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{`));
        const timer = setInterval(() => {
          if (performance.now() - started > 20_000) finish();
          else socket.write(' ');
        }, 1000);
        socket.on('data', finish);
        socket.on('close', finish);
        socket.on('error', finish);
      }),
    ),
  );
  return `held p50 ${percentile(held, 50)} ms, max ${percentile(held, 100)} ms (20 s = still open when the probe gave up)`;
}

async function erasure(server: Server): Promise<string> {
  const token = await mint(server.port);
  if (typeof token === 'number') return `no token ${token}`;
  await start(server.port, token);
  await post(server.port, token, { type: 'message', text: 'my secret story', from: { id: 'u' } });
  await post(server.port, token, { type: 'message', text: 'supprimer mes données', from: { id: 'u' } });
  const after = await request(server.port, 'GET', `/v3/directline/conversations/${token.conversationId}/activities`, { headers: { Authorization: `Bearer ${token.token}` } });
  return `after erasure: GET activities ${after.status}, transcript still holds the earlier message: ${after.body.includes('my secret story')}`;
}

async function main(): Promise<void> {
  const results: Result[] = [];
  const run = async (name: string, env: Record<string, string>, attack: (server: Server) => Promise<string>, victimIdle = false) => {
    const result = await measure(name, env, attack, victimIdle);
    results.push(result);
    process.stdout.write(`${JSON.stringify(result)}\n`);
  };
  await run('idle (baseline)', {}, async () => {
    await sleep(5000);
    return 'nothing';
  });
  await run('large activities, 3 tokens, 20 s', {}, largeActivities);
  await run('conversation flood, 110 loopback addresses (victim idle meanwhile)', {}, conversationFlood, true);
  await run('spoofed X-Forwarded-For, TRUST_PROXY=true', { TRUST_PROXY: 'true', TOKEN_RATE_LIMIT: '10' }, spoofedFlood);
  await run('slow bodies, 20 connections', {}, slowBodies);
  await run('erasure', {}, erasure);
  process.stdout.write(`${JSON.stringify({ entry, results })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
