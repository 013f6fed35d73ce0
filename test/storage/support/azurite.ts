/**
 * Azurite (the Azure Storage emulator, a devDependency) as a child process speaking the real Blob protocol.
 * Every test file starts its own on a free port and stops it in afterAll.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ContainerClient } from '@azure/storage-blob';

const ROOT = path.resolve(__dirname, '../../..');
const AZURITE_BLOB = path.join(ROOT, 'node_modules', '.bin', 'azurite-blob');
/** Azurite's well-known development account key (public, documented by Microsoft). */
const DEV_ACCOUNT = 'devstoreaccount1';
const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export function connectionStringFor(port: number): string {
  return `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};BlobEndpoint=http://127.0.0.1:${port}/${DEV_ACCOUNT};`;
}

export interface AzuriteOptions {
  /** Keep data on disk in this folder (survives a clean stop); in memory when absent. */
  location?: string;
  port?: number;
}

export interface Azurite {
  port: number;
  connectionString: string;
  /** A client for a container of this Azurite. */
  container(name: string): ContainerClient;
  /** Stops it: SIGTERM lets Azurite save its disk database; SIGKILL is a crash. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same port (and folder). */
  restart(): Promise<void>;
  /** Stops it for good and removes its working folder. */
  dispose(): Promise<void>;
  /** SIGSTOP: the process stays, its sockets accept connections, nothing answers (a hung store). */
  pause(): void;
  /** SIGCONT after pause(). */
  resume(): void;
}

async function waitUntilAnswering(port: number, child: ChildProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`azurite-blob exited with ${child.exitCode}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/${DEV_ACCOUNT}?comp=list`);
      await response.arrayBuffer();
      return; // any HTTP answer (403 without a signature) means it listens
    } catch {
      if (Date.now() > deadline) throw new Error(`azurite-blob did not answer on port ${port}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

export async function startAzurite(options: AzuriteOptions = {}): Promise<Azurite> {
  const port = options.port ?? (await freePort());
  // A working folder of its own even in memory, so nothing lands in the checkout.
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'azurite-'));
  let child: ChildProcess | undefined;

  const launch = async () => {
    const args = ['--skipApiVersionCheck', '--disableTelemetry', '--silent', '--blobHost', '127.0.0.1', '--blobPort', String(port)];
    if (options.location) args.push('--location', options.location);
    else args.push('--inMemoryPersistence');
    child = spawn(AZURITE_BLOB, args, { cwd: workDir, stdio: 'ignore' });
    await waitUntilAnswering(port, child);
  };

  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill(signal);
    });
  };

  await launch();
  return {
    port,
    connectionString: connectionStringFor(port),
    container: (name) => new ContainerClient(connectionStringFor(port), name),
    stop: async (signal) => {
      await stop(signal);
    },
    restart: launch,
    pause: () => child?.kill('SIGSTOP'),
    resume: () => child?.kill('SIGCONT'),
    dispose: async () => {
      await stop('SIGTERM');
      removeDir(workDir);
    },
  };
}

/** Removes the working folders and disk locations a test created. */
export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
