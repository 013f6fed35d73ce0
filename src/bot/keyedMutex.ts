/**
 * One turn at a time per conversation within this process: a FIFO lock per key, bounded in queue length and in
 * waiting time, so a stuck turn or a flood of messages cannot pile up requests without limit. Idle keys are
 * forgotten, so memory stays proportional to the conversations being served right now.
 */

/** The lock could not be taken: too many turns waiting, or waited too long. */
export class BusyError extends Error {
  override readonly name = 'BusyError';
  constructor(readonly reason: 'queue-full' | 'timeout') {
    super(`Conversation busy (${reason}).`);
  }
}

export interface KeyedMutexOptions {
  /** Turns allowed to wait behind the running one, per key. */
  maxWaiting?: number;
  /** How long a turn may wait for the lock. */
  waitTimeoutMs?: number;
}

interface Waiter {
  grant(): void;
}

export class KeyedMutex {
  /** A key is present while its lock is held; the array holds the turns waiting for it, in arrival order. */
  private readonly locks = new Map<string, Waiter[]>();
  private readonly maxWaiting: number;
  private readonly waitTimeoutMs: number;

  constructor(options: KeyedMutexOptions = {}) {
    this.maxWaiting = options.maxWaiting ?? 10;
    this.waitTimeoutMs = options.waitTimeoutMs ?? 10_000;
  }

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    await this.acquire(key);
    try {
      return await task();
    } finally {
      this.release(key);
    }
  }

  /** Turns running or waiting for a key (0 when idle); for tests and diagnostics. */
  pending(key: string): number {
    const waiters = this.locks.get(key);
    return waiters ? waiters.length + 1 : 0;
  }

  /** Keys currently locked. */
  get size(): number {
    return this.locks.size;
  }

  private acquire(key: string): Promise<void> {
    const waiters = this.locks.get(key);
    if (!waiters) {
      this.locks.set(key, []);
      return Promise.resolve();
    }
    if (waiters.length >= this.maxWaiting) return Promise.reject(new BusyError('queue-full'));
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        grant: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        const index = waiters.indexOf(waiter);
        if (index >= 0) waiters.splice(index, 1);
        reject(new BusyError('timeout'));
      }, this.waitTimeoutMs);
      waiters.push(waiter);
    });
  }

  private release(key: string): void {
    const waiters = this.locks.get(key);
    const next = waiters?.shift();
    if (next) next.grant();
    else this.locks.delete(key);
  }
}
