/**
 * `npm run bench`: the bot against an echo bot on the same stack, over HTTP on loopback.
 *
 * Both servers run in child processes, and the load generator and the connector endpoint in this one: each
 * server has its own event loop, heap and GC, like in production, and none shares its thread with the
 * client (in-process, the client's and the connector's work would be billed to whichever server is being
 * measured, and the heap of one would slow the GC of the other); the bot's RSS is its own. Bot and echo are
 * measured in alternating rounds (bot/echo, then echo/bot, ...) so that drift (CPU frequency, the other
 * engineers' processes on this machine) falls on both.
 *
 * Prints a table, then as the very last line of stdout one JSON object with every figure.
 * Options: --cold-only (the first answered message only), --quick (shorter rounds, 2,000 conversations for memory), --cpu-prof (CPU profiles of the bot
 * child in .bench/profiles/).
 */
import { ChildProcess, fork, spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { IntentClassifier } from '../src/understanding/classifier';
import { loadCorpus, findProjectRoot } from '../src/understanding/corpus';
import { LANGS } from '../src/domain/types';
import { CHANNEL_ID, Connector, LoadOptions, LoadResult, percentile, post, activityBody, runLoad, startConnector } from './load';
import { ChildStats, FromChild, ToChild, isFromChild } from './protocol';

const QUICK = process.argv.includes('--quick');
const CPU_PROF = process.argv.includes('--cpu-prof');
/** Only the cold start (first answered message, bot against echo): a quick check of start-up work. */
const COLD_ONLY = process.argv.includes('--cold-only');
const ROOT = findProjectRoot(__dirname);
/** The V8 flags `npm start` runs the bot with (package.json config.nodeFlags): the bench measures the same process. */
const SERVER_NODE_FLAGS: string[] = (() => {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { config?: { nodeFlags?: string } };
  return (pkg.config?.nodeFlags ?? '').split(/\s+/).filter(Boolean);
})();
const PROFILE_DIR = path.join(ROOT, '.bench', 'profiles');
const ROUNDS = QUICK ? 2 : 4;
const ROUND_MS = QUICK ? 1500 : 2500;
const MEMORY_CONVERSATIONS = QUICK ? 2000 : 10_000;
const CONCURRENCIES = [1, 32] as const;

const TARGETS = {
  /** Issue 12: at least half the echo bot's turns per second at 32 concurrent conversations. */
  throughputRatioAt32: 0.5,
  p99MsAt1: 5,
  classificationUs: 200,
  maxLoopDelayMs: 50,
  startupMs: 3000,
  /** The bot's first answered message after a cold start, against the echo bot's (same measure). */
  firstMessageRatio: 2,
  firstMessageLatencyMs: 500,
  rssMiB: 250,
  stateBytes: 4096,
};

type Distributive<T> = T extends unknown ? Omit<T, 'id'> : never;

class Server {
  private nextId = 1;
  private readonly pending = new Map<number, (message: FromChild) => void>();

  private constructor(
    readonly name: string,
    readonly child: ChildProcess,
    readonly port: number,
    readonly startupMs: number,
  ) {
    child.on('message', (message: unknown) => {
      if (isFromChild(message) && message.type === 'result') {
        this.pending.get(message.id)?.(message);
        this.pending.delete(message.id);
      }
    });
  }

  static start(name: string, script: string, profile = false): Promise<Server> {
    const execArgv = [...SERVER_NODE_FLAGS, '--expose-gc', ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`, `--cpu-prof-name=${name}-${Date.now()}.cpuprofile`] : [])];
    const child = fork(path.join(__dirname, script), [], { execArgv, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    return new Promise((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`${name} exited early (code ${code})`)));
      child.on('message', function onReady(message: unknown) {
        if (isFromChild(message) && message.type === 'ready') {
          child.off('message', onReady);
          child.removeAllListeners('exit');
          resolve(new Server(name, child, message.port, message.startupMs));
        }
      });
    });
  }

  request(message: Distributive<ToChild>): Promise<FromChild> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.child.send({ ...message, id });
    });
  }

  async stats(cmd: 'stats' | 'gc' = 'stats'): Promise<ChildStats> {
    const result = await this.request({ cmd });
    if (result.type !== 'result' || !result.stats) throw new Error('no stats');
    return result.stats;
  }

  async stop(): Promise<void> {
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.disconnect();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const round = (value: number, digits = 2) => Number(value.toFixed(digits));
const MiB = 1024 * 1024;

const T0 = performance.now();

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** Progress lines carry the time since the start. */
function progress(line: string): void {
  log(`[${((performance.now() - T0) / 1000).toFixed(1)} s] ${line}`);
}

// ---------------------------------------------------------------------------------------------------------
// Classification time

function measureClassification(classifier: IntentClassifier): { usPerUtterance: number; p99Us: number; maxUs: number; utterances: number } {
  const items = LANGS.flatMap((lang) => loadCorpus(lang, ROOT).intents.flatMap((intent) => intent.tests.map((text) => ({ text, lang }))));
  for (const { text, lang } of items) classifier.classify(text, lang); // warm-up
  const singles: number[] = [];
  let total = 0;
  let count = 0;
  const until = performance.now() + (QUICK ? 500 : 1500);
  while (performance.now() < until) {
    for (const { text, lang } of items) {
      const t0 = performance.now();
      classifier.classify(text, lang);
      const us = (performance.now() - t0) * 1000;
      singles.push(us);
      total += us;
      count += 1;
    }
  }
  singles.sort((a, b) => a - b);
  return { usPerUtterance: total / count, p99Us: percentile(singles, 99), maxUs: singles[singles.length - 1], utterances: items.length };
}

// ---------------------------------------------------------------------------------------------------------
// Startup time: the real entry point, until /healthz answers

async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function healthy(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/healthz' }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
  });
}

/** SIGTERM (the server's graceful shutdown), SIGKILL 3 s later if it is still there; resolves once it has exited. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const done = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await done;
  clearTimeout(timer);
}

async function measureStartup(): Promise<number> {
  const port = await freePort();
  const env = { ...process.env, PORT: String(port), STATE_STORAGE: 'memory', MicrosoftAppId: '', MicrosoftAppPassword: '', LOG_LEVEL: 'warn', DIRECT_LINE_SECRET: '' };
  const started = performance.now();
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, path.join(ROOT, 'dist', 'src', 'index.js')], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
  let exited = false;
  child.once('exit', () => (exited = true));
  try {
    for (;;) {
      if (exited) throw new Error('dist/src/index.js exited before answering /healthz');
      if (await healthy(port)) return performance.now() - started;
      if (performance.now() - started > 30_000) throw new Error('no /healthz after 30 s');
      await sleep(5);
    }
  } finally {
    await stopChild(child);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Cold start to the first answered message: the bot's real entry point and the echo bot, each spawned and sent
// 'bonjour' as soon as its port accepts a connection (retried every 5 ms until then)

interface ColdStart {
  /** From spawn to the end of the first answered POST /api/messages (its reply had reached the connector). */
  firstMessageMs: number;
  /** That POST alone, from its sending to its response. */
  firstMessageLatencyMs: number;
  /** The bot only: from spawn until /readyz answers 200 (the date recognizers warm). */
  readyMs?: number;
}

function postOnce(port: number, body: string): Promise<number | 'refused'> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: 'POST', path: '/api/messages', agent: false, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNREFUSED' ? resolve('refused') : reject(error)));
    req.end(body);
  });
}

function readyStatus(port: number): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/readyz', agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve(0));
  });
}

async function measureColdStart(kind: 'bot' | 'echo', connector: Connector, run: number): Promise<ColdStart> {
  const port = await freePort();
  const env = { ...process.env, PORT: String(port), BENCH_PORT: String(port), STATE_STORAGE: 'memory', MicrosoftAppId: '', MicrosoftAppPassword: '', LOG_LEVEL: 'warn', DIRECT_LINE_SECRET: '' };
  const script = kind === 'bot' ? path.join(ROOT, 'dist', 'src', 'index.js') : path.join(__dirname, 'echoServer.js');
  const conversationId = `cold-${kind}-${run}`;
  const started = performance.now();
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, script], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
  let exited = false;
  child.once('exit', () => (exited = true));
  try {
    let result: ColdStart | undefined;
    while (result === undefined) {
      if (exited) throw new Error(`${kind} exited before answering a message`);
      if (performance.now() - started > 30_000) throw new Error(`${kind}: no answered message after 30 s`);
      const sent = performance.now();
      const status = await postOnce(port, activityBody(connector.serviceUrl, conversationId, 'bonjour'));
      if (status === 'refused') {
        await sleep(5);
        continue;
      }
      if (status !== 200 || connector.replies(conversationId) === 0) throw new Error(`${kind}: first message answered ${status} with ${connector.replies(conversationId)} replies`);
      const now = performance.now();
      result = { firstMessageMs: now - started, firstMessageLatencyMs: now - sent };
    }
    if (kind === 'bot') {
      let status = await readyStatus(port);
      while (status !== 200 && status !== 404) {
        if (exited || performance.now() - started > 30_000) throw new Error('bot: /readyz never answered 200');
        await sleep(5);
        status = await readyStatus(port);
      }
      // 404: a build without /readyz (it was ready when it listened).
      if (status === 200) result.readyMs = performance.now() - started;
    }
    return result;
  } finally {
    await stopChild(child);
  }
}

/** The median run (by time to the first answered message) of `runs` cold starts of each, alternating bot and echo. */
async function coldStarts(connector: Connector, runs: number): Promise<{ bot: ColdStart[]; echo: ColdStart[] }> {
  const results: { bot: ColdStart[]; echo: ColdStart[] } = { bot: [], echo: [] };
  for (let run = 0; run < runs; run += 1) {
    for (const kind of run % 2 === 0 ? (['bot', 'echo'] as const) : (['echo', 'bot'] as const)) results[kind].push(await measureColdStart(kind, connector, run));
  }
  connector.clear();
  for (const list of [results.bot, results.echo]) list.sort((a, b) => a.firstMessageMs - b.firstMessageMs);
  return results;
}

// ---------------------------------------------------------------------------------------------------------
// Throughput and latency, alternating rounds

interface Figures {
  turnsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  turns: number;
  /** Activities sent back per turn (each one an HTTP POST to the connector). */
  repliesPerTurn: number;
  /** CPU time of the server process per turn (user + system), and its share of one core during the rounds. */
  serverCpuMsPerTurn: number;
  serverCpuUtilization: number;
  /** The same for this process (client and connector), to see which side was saturated. */
  loadCpuUtilization: number;
  errors: number;
  turnsWithoutReply: number;
}

interface Measured {
  load: LoadResult;
  serverCpuMicros: number;
  loadCpuMicros: number;
}

async function measuredLoad(server: Server, options: Omit<LoadOptions, 'port'>): Promise<Measured> {
  const before = (await server.stats()).cpuMicros;
  const ownBefore = process.cpuUsage();
  const load = await runLoad({ ...options, port: server.port });
  const own = process.cpuUsage(ownBefore);
  return { load, serverCpuMicros: (await server.stats()).cpuMicros - before, loadCpuMicros: own.user + own.system };
}

function summarize(measured: Measured[]): Figures {
  const results = measured.map((item) => item.load);
  const latencies = results.flatMap((result) => result.latencies).sort((a, b) => a - b);
  const turns = results.reduce((sum, result) => sum + result.turns, 0);
  const elapsed = results.reduce((sum, result) => sum + result.elapsedMs, 0);
  return {
    turnsPerSec: round((turns / elapsed) * 1000, 1),
    p50Ms: round(percentile(latencies, 50), 3),
    p99Ms: round(percentile(latencies, 99), 3),
    turns,
    repliesPerTurn: round(results.reduce((sum, result) => sum + result.replies, 0) / turns, 2),
    serverCpuMsPerTurn: round(measured.reduce((sum, item) => sum + item.serverCpuMicros, 0) / 1000 / turns, 3),
    serverCpuUtilization: round(measured.reduce((sum, item) => sum + item.serverCpuMicros, 0) / 1000 / elapsed, 2),
    loadCpuUtilization: round(measured.reduce((sum, item) => sum + item.loadCpuMicros, 0) / 1000 / elapsed, 2),
    errors: results.reduce((sum, result) => sum + result.errors, 0),
    turnsWithoutReply: results.reduce((sum, result) => sum + result.turnsWithoutReply, 0),
  };
}

async function rounds(bot: Server, echo: Server, connector: Connector): Promise<Record<string, { bot: Figures; echo: Figures }>> {
  const figures: Record<string, { bot: Figures; echo: Figures }> = {};
  // Warm-up (JIT, caches, keep-alive sockets): not counted.
  for (const server of [bot, echo]) {
    await runLoad({ port: server.port, connector, concurrency: 32, durationMs: QUICK ? 800 : 1500, prefix: `warm-${server.name}` });
  }
  connector.clear();
  for (const concurrency of CONCURRENCIES) {
    const results: Record<'bot' | 'echo', Measured[]> = { bot: [], echo: [] };
    for (let index = 0; index < ROUNDS; index += 1) {
      const order = index % 2 === 0 ? [bot, echo] : [echo, bot];
      for (const server of order) {
        const name = server === bot ? 'bot' : 'echo';
        results[name].push(await measuredLoad(server, { connector, concurrency, durationMs: ROUND_MS, prefix: `c${concurrency}-r${index}-${name}` }));
        connector.clear();
      }
    }
    figures[`c${concurrency}`] = { bot: summarize(results.bot), echo: summarize(results.echo) };
  }
  return figures;
}

// ---------------------------------------------------------------------------------------------------------
// The slowest single message: event-loop delay in the bot process around one message at a time

function sentence(i: number): string {
  const parts = [
    "Je me suis inscrite au CNED le 3 septembre et j'ai payé 450 euros par carte,",
    "mais je n'ai toujours pas reçu mes codes d'accès ni les cours,",
    'le service client ne répond pas au téléphone depuis le 20 novembre',
    "et j'ai envoyé un courrier recommandé le 2 décembre sans réponse.",
  ];
  return parts[i % parts.length];
}

function textOf(length: number, make: (i: number) => string): string {
  let text = '';
  for (let i = 0; text.length < length; i += 1) text += `${make(i)} `;
  return text.slice(0, length);
}

const PROBES: { label: string; setup: string[]; text: string }[] = [
  { label: 'greeting', setup: [], text: 'bonjour' },
  { label: 'problem (withdrawal)', setup: [], text: 'je veux me rétracter' },
  { label: 'date follow-up', setup: ['je veux me rétracter'], text: 'le 20 novembre' },
  { label: 'menu', setup: ['bonjour'], text: 'menu' },
  { label: '5,000-char story', setup: [], text: textOf(5000, sentence) },
  { label: '5,000 chars of dates', setup: [], text: textOf(5000, (i) => `le ${(i % 28) + 1} novembre 2026, puis le ${(i % 12) + 1}/0${(i % 9) + 1}/2025`) },
  { label: '5,000-char story as date answer', setup: ['je veux me rétracter'], text: textOf(5000, sentence) },
  { label: '5,000 chars, one word', setup: [], text: 'a'.repeat(5000) },
  { label: '5,000 digits and spaces', setup: [], text: textOf(5000, (i) => String(i * 7919)) },
  { label: '6,000 chars (too long)', setup: [], text: textOf(6000, sentence) },
];

async function slowestMessages(bot: Server, connector: Connector): Promise<{ label: string; maxMs: number }[]> {
  const results: { label: string; maxMs: number }[] = [];
  let n = 0;
  for (const probe of PROBES) {
    let worst = 0;
    for (let repeat = 0; repeat < (QUICK ? 2 : 5); repeat += 1) {
      const conversationId = `probe-${n++}`;
      for (const text of probe.setup) await post(bot.port, activityBody(connector.serviceUrl, conversationId, text));
      await sleep(20);
      await bot.request({ cmd: 'resetDelay' });
      await post(bot.port, activityBody(connector.serviceUrl, conversationId, probe.text));
      await sleep(20);
      worst = Math.max(worst, (await bot.stats()).loopDelayMaxMs);
    }
    results.push({ label: probe.label, maxMs: round(worst, 1) });
  }
  return results;
}

// ---------------------------------------------------------------------------------------------------------
// Memory after N conversations, and the stored state per conversation, on a fresh bot process

async function memory(connector: Connector): Promise<{ conversations: number; rssReadyMiB: number; rssMiB: number; rssAfterGcMiB: number; heapUsedMiB: number; stateBytesMean: number; stateBytesMax: number; errors: number }> {
  const bot = await Server.start('bot-memory', 'botServer.js');
  try {
    await sleep(200);
    const ready = await bot.stats('gc');
    const load = await runLoad({ port: bot.port, connector, concurrency: 32, conversations: MEMORY_CONVERSATIONS, prefix: 'mem', keepLatencies: false });
    connector.clear();
    const after = await bot.stats();
    const afterGc = await bot.stats('gc');
    const sample = load.conversationIds.filter((_, index) => index % Math.max(1, Math.floor(load.conversationIds.length / 200)) === 0);
    const sized = await bot.request({ cmd: 'stateSizes', conversationIds: sample, channelId: CHANNEL_ID });
    const sizes = (sized.type === 'result' ? sized.sizes ?? [] : []).filter((size): size is number => typeof size === 'number');
    if (sizes.length === 0) throw new Error('no conversation state found in the store');
    return {
      conversations: load.conversations,
      rssReadyMiB: round(ready.rssBytes / MiB, 1),
      rssMiB: round(after.rssBytes / MiB, 1),
      rssAfterGcMiB: round(afterGc.rssBytes / MiB, 1),
      heapUsedMiB: round(afterGc.heapUsedBytes / MiB, 1),
      stateBytesMean: Math.round(sizes.reduce((a, b) => a + b, 0) / sizes.length),
      stateBytesMax: Math.max(...sizes),
      errors: load.errors,
    };
  } finally {
    await bot.stop();
  }
}

// ---------------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  if (CPU_PROF) mkdirSync(PROFILE_DIR, { recursive: true });
  const benchStarted = performance.now();
  log(`bench: ${QUICK ? 'quick' : 'full'} run, node ${process.version}, ${ROUNDS} rounds of ${ROUND_MS} ms per server and concurrency${CPU_PROF ? `, CPU profiles in ${PROFILE_DIR}` : ''}`);

  if (COLD_ONLY) {
    const connector = await startConnector();
    progress('first message: spawning the bot and the echo bot, bonjour as soon as each listens (3 times each)...');
    const cold = await coldStarts(connector, 3);
    await connector.close();
    const runs = (list: ColdStart[]): string => list.map((c) => Math.round(c.firstMessageMs)).join(', ');
    const [bot, echo] = [cold.bot[1], cold.echo[1]];
    log(`first answered message ms (median of 3): bot ${Math.round(bot.firstMessageMs)} (${runs(cold.bot)}), echo ${Math.round(echo.firstMessageMs)} (${runs(cold.echo)}), ratio ${round(bot.firstMessageMs / echo.firstMessageMs, 2)}; first message itself: bot ${Math.round(bot.firstMessageLatencyMs)} ms, echo ${Math.round(echo.firstMessageLatencyMs)} ms; bot ready ${Math.round(bot.readyMs ?? 0)} ms`);
    return;
  }
  progress('classification: training the classifier...');
  const classification = measureClassification(await IntentClassifier.train(LANGS.map((lang) => loadCorpus(lang, ROOT))));

  progress('startup: spawning node dist/src/index.js until /healthz answers (3 times)...');
  const startups: number[] = [];
  for (let i = 0; i < 3; i += 1) startups.push(await measureStartup());
  startups.sort((a, b) => a - b);

  const connector = await startConnector();
  progress('first message: spawning the bot and the echo bot, bonjour as soon as each listens (3 times each)...');
  const cold = await coldStarts(connector, 3);
  const coldBot = cold.bot[1];
  const coldEcho = cold.echo[1];

  progress('throughput: starting the bot and the echo bot...');
  const [bot, echo] = await Promise.all([Server.start('bot', 'botServer.js', CPU_PROF), Server.start('echo', 'echoServer.js')]);
  const figures = await rounds(bot, echo, connector);
  progress('event loop: one message at a time...');
  const probes = await slowestMessages(bot, connector);
  const botRss = (await bot.stats()).rssBytes;
  const echoRss = (await echo.stats()).rssBytes;
  await Promise.all([bot.stop(), echo.stop()]);

  progress(`memory: ${MEMORY_CONVERSATIONS} conversations on a fresh bot...`);
  const mem = await memory(connector);
  await connector.close();

  const slowest = probes.reduce((a, b) => (b.maxMs > a.maxMs ? b : a));
  const ratio = (key: 'c1' | 'c32') => round(figures[key].bot.turnsPerSec / figures[key].echo.turnsPerSec, 3);
  const startupMs = round(startups[1], 0);
  const met = {
    throughputAt32: ratio('c32') >= TARGETS.throughputRatioAt32,
    p99At1: figures.c1.bot.p99Ms <= TARGETS.p99MsAt1,
    classification: classification.usPerUtterance <= TARGETS.classificationUs,
    eventLoop: slowest.maxMs <= TARGETS.maxLoopDelayMs,
    startup: startupMs <= TARGETS.startupMs,
    firstMessage: coldBot.firstMessageMs <= TARGETS.firstMessageRatio * coldEcho.firstMessageMs,
    firstMessageLatency: coldBot.firstMessageLatencyMs <= TARGETS.firstMessageLatencyMs,
    rss: mem.rssMiB <= TARGETS.rssMiB,
    state: mem.stateBytesMean <= TARGETS.stateBytes,
  };
  const yes = (ok: boolean) => (ok ? 'met' : 'MISSED');

  const rows: string[][] = [
    ['', 'bot', 'echo', 'bot/echo', 'target', ''],
    ['turns/s, 1 conversation', String(figures.c1.bot.turnsPerSec), String(figures.c1.echo.turnsPerSec), String(ratio('c1')), '', ''],
    ['p50 ms, 1 conversation', String(figures.c1.bot.p50Ms), String(figures.c1.echo.p50Ms), '', '', ''],
    ['p99 ms, 1 conversation', String(figures.c1.bot.p99Ms), String(figures.c1.echo.p99Ms), '', `<= ${TARGETS.p99MsAt1}`, yes(met.p99At1)],
    ['turns/s, 32 conversations', String(figures.c32.bot.turnsPerSec), String(figures.c32.echo.turnsPerSec), String(ratio('c32')), `>= ${TARGETS.throughputRatioAt32}x`, yes(met.throughputAt32)],
    ['p50 ms, 32 conversations', String(figures.c32.bot.p50Ms), String(figures.c32.echo.p50Ms), '', '', ''],
    ['p99 ms, 32 conversations', String(figures.c32.bot.p99Ms), String(figures.c32.echo.p99Ms), '', '', ''],
    ['replies per turn', String(figures.c32.bot.repliesPerTurn), String(figures.c32.echo.repliesPerTurn), '', '', ''],
    ['server CPU ms per turn, 32 conversations', String(figures.c32.bot.serverCpuMsPerTurn), String(figures.c32.echo.serverCpuMsPerTurn), '', '', ''],
    ['server / load-generator CPU use, 32 conv.', `${figures.c32.bot.serverCpuUtilization} / ${figures.c32.bot.loadCpuUtilization}`, `${figures.c32.echo.serverCpuUtilization} / ${figures.c32.echo.loadCpuUtilization}`, '', '', ''],
    ['RSS MiB after the rounds', String(round(botRss / MiB, 1)), String(round(echoRss / MiB, 1)), '', '', ''],
    [`RSS MiB after ${mem.conversations} conversations`, `${mem.rssMiB} (${mem.rssAfterGcMiB} after GC; ${mem.rssReadyMiB} at start)`, '', '', `<= ${TARGETS.rssMiB}`, yes(met.rss)],
    ['state bytes per conversation', `${mem.stateBytesMean} (max ${mem.stateBytesMax})`, '', '', `<= ${TARGETS.stateBytes}`, yes(met.state)],
    [`classification us/utterance (${classification.utterances} held-out)`, `${round(classification.usPerUtterance, 1)} (p99 ${round(classification.p99Us, 1)}, max ${round(classification.maxUs, 1)})`, '', '', `<= ${TARGETS.classificationUs}`, yes(met.classification)],
    ['slowest message, event-loop delay ms', `${slowest.maxMs} (${slowest.label})`, '', '', `<= ${TARGETS.maxLoopDelayMs}`, yes(met.eventLoop)],
    ['startup to /healthz ms (median of 3)', `${startupMs} (${startups.map((ms) => Math.round(ms)).join(', ')})`, '', '', `<= ${TARGETS.startupMs}`, yes(met.startup)],
    ['start to first answered message ms (median of 3)', `${Math.round(coldBot.firstMessageMs)} (${cold.bot.map((c) => Math.round(c.firstMessageMs)).join(', ')})`, `${Math.round(coldEcho.firstMessageMs)} (${cold.echo.map((c) => Math.round(c.firstMessageMs)).join(', ')})`, String(round(coldBot.firstMessageMs / coldEcho.firstMessageMs, 2)), `<= ${TARGETS.firstMessageRatio}x`, yes(met.firstMessage)],
    ['first message itself ms (same run)', String(Math.round(coldBot.firstMessageLatencyMs)), String(Math.round(coldEcho.firstMessageLatencyMs)), '', `<= ${TARGETS.firstMessageLatencyMs}`, yes(met.firstMessageLatency)],
    ['start to /readyz 200 ms (recognizers warm)', cold.bot.map((c) => (c.readyMs === undefined ? 'no /readyz' : String(Math.round(c.readyMs)))).join(', '), '', '', '', ''],
  ];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  log('');
  for (const row of rows) log(row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd());
  log('');
  log('event-loop delay per message (max over repeats, ms):');
  for (const probe of probes) log(`  ${probe.label.padEnd(34)} ${probe.maxMs}`);
  const sanity = { errors: figures.c1.bot.errors + figures.c32.bot.errors + figures.c1.echo.errors + figures.c32.echo.errors + mem.errors, turnsWithoutReplyBeforeResponse: figures.c1.bot.turnsWithoutReply + figures.c32.bot.turnsWithoutReply + figures.c1.echo.turnsWithoutReply + figures.c32.echo.turnsWithoutReply };
  log(`checks: ${sanity.errors} non-200 turns; ${sanity.turnsWithoutReplyBeforeResponse} turns answered before their reply reached the connector; bench took ${round((performance.now() - benchStarted) / 1000, 1)} s`);

  process.stdout.write(
    `${JSON.stringify({
      quick: QUICK,
      bot: { c1: figures.c1.bot, c32: figures.c32.bot },
      echo: { c1: figures.c1.echo, c32: figures.c32.echo },
      ratio: { c1: ratio('c1'), c32: ratio('c32') },
      memory: mem,
      stateBytesPerConversation: mem.stateBytesMean,
      classification: { usPerUtterance: round(classification.usPerUtterance, 1), p99Us: round(classification.p99Us, 1), maxUs: round(classification.maxUs, 1), utterances: classification.utterances },
      eventLoop: { slowestMs: slowest.maxMs, slowestMessage: slowest.label, probes },
      startupMs: { median: startupMs, runs: startups.map((ms) => Math.round(ms)) },
      coldStart: { bot: cold.bot, echo: cold.echo, median: { bot: coldBot, echo: coldEcho } },
      checks: sanity,
      targets: TARGETS,
      met,
    })}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
