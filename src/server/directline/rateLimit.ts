/**
 * A fixed-window counter per key (a client address, a conversation), on rate-limiter-flexible's
 * RateLimiterMemory: one small entry per key seen in the current window, removed when its window ends, so
 * memory follows the number of distinct keys in one window (and keys are addresses grouped by
 * clientIdentity.ts, or conversations that exist).
 */
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

export interface RateLimitDecision {
  allowed: boolean;
  /** Seconds until the window resets, for Retry-After. */
  retryAfter: number;
}

export class WindowLimiter {
  private readonly limiter: RateLimiterMemory;

  constructor(max: number, windowMs: number) {
    this.limiter = new RateLimiterMemory({ points: max, duration: Math.max(1, Math.ceil(windowMs / 1000)) });
  }

  async take(key: string): Promise<RateLimitDecision> {
    try {
      const res = await this.limiter.consume(key);
      return { allowed: true, retryAfter: seconds(res.msBeforeNext) };
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return { allowed: false, retryAfter: seconds(rejection.msBeforeNext) };
      throw rejection;
    }
  }
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));
