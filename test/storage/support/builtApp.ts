/**
 * The built application (`npm run build` → dist/) run as a real child process, as App Service runs it.
 * The build is done once per test file, in beforeAll, under a file lock so that parallel jest workers (or two
 * engineers) never write dist/ at the same time.
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../../..');
export const ENTRY = path.join(ROOT, 'dist', 'src', 'index.js');
const LOCK = path.join(os.tmpdir(), 'cned-guide-build.lock');

/**
 * Runs `npm run build`. Type errors elsewhere in the checkout (tsc exit 2: "errors, output generated") do not stop
 * these runtime tests — `npm run typecheck` reports them — but a build that emits nothing does.
 */
export function buildApp(): void {
  const hasFlock = spawnSync('flock', ['--version'], { stdio: 'ignore' }).status === 0;
  const [command, args] = hasFlock ? ['flock', [LOCK, 'npm', 'run', 'build']] : ['npm', ['run', 'build']];
  const result = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', timeout: 240_000 });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if ((result.status !== 0 && result.status !== 2) || !existsSync(ENTRY)) {
    throw new Error(`npm run build failed (status ${result.status}):\n${output.slice(-4000)}`);
  }
  if (result.status === 2) process.stderr.write(`npm run build reported type errors (output generated):\n${output.slice(-2000)}\n`);
}

export interface AppProcess {
  child: ChildProcess;
  port: number;
  url: string;
  logs: Record<string, unknown>[];
  stderr: () => string;
  /** Resolves with the exit code (or the signal name). */
  exited: Promise<number | string>;
  dispose(): Promise<void>;
}

/** Only what the app needs: nothing from the developer's environment (or a .env file) leaks in. */
export function appEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'info', ...extra };
}

/** Starts `node dist/src/index.js`; resolves once it logs server.ready, rejects if it exits first. */
export function startAppProcess(env: Record<string, string>): Promise<AppProcess> {
  const cwd = mkdtempSync(path.join(os.tmpdir(), 'cned-app-'));
  const child = spawn(process.execPath, [ENTRY], { cwd, env: appEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  const logs: Record<string, unknown>[] = [];
  let errText = '';
  let buffered = '';
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  const dispose = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
    rmSync(cwd, { recursive: true, force: true });
  };
  return new Promise((resolve, reject) => {
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (errText += chunk));
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        let record: Record<string, unknown>;
        try {
          record = JSON.parse(line) as Record<string, unknown>;
        } catch {
          continue;
        }
        logs.push(record);
        if (record.event === 'server.ready') {
          const port = Number(record.port);
          resolve({ child, port, url: `http://127.0.0.1:${port}`, logs, stderr: () => errText, exited, dispose });
        }
      }
    });
    void exited.then(async (code) => {
      await dispose();
      reject(new Error(`the app exited (${code}) before it was ready:\n${errText}`));
    });
  });
}

/** Runs the app expecting it to stop at once; returns its exit code and what it wrote to stderr. */
export function runAppToExit(env: Record<string, string>, timeoutMs = 60_000): { status: number | null; stderr: string } {
  const cwd = mkdtempSync(path.join(os.tmpdir(), 'cned-app-'));
  try {
    const result = spawnSync(process.execPath, [ENTRY], { cwd, env: appEnv(env), encoding: 'utf8', timeout: timeoutMs });
    return { status: result.status, stderr: result.stderr };
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}
