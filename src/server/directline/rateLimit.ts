/** A fixed-window counter per key (client IP) with a bounded number of keys. */

export interface RateLimitDecision {
  allowed: boolean;
  /** Seconds until the window resets, for Retry-After. */
  retryAfter: number;
}

export class FixedWindowLimiter {
  private readonly counts = new Map<string, { windowStart: number; count: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly maxKeys = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  take(key: string): RateLimitDecision {
    const now = this.now();
    let entry = this.counts.get(key);
    if (!entry || now - entry.windowStart >= this.windowMs) {
      if (!entry && this.counts.size >= this.maxKeys) this.forgetExpired(now);
      // Still full: forget the oldest key rather than grow without bound.
      if (!entry && this.counts.size >= this.maxKeys) this.counts.delete(this.counts.keys().next().value ?? '');
      entry = { windowStart: now, count: 0 };
      this.counts.set(key, entry);
    }
    const retryAfter = Math.max(1, Math.ceil((entry.windowStart + this.windowMs - now) / 1000));
    if (entry.count >= this.max) return { allowed: false, retryAfter };
    entry.count += 1;
    return { allowed: true, retryAfter };
  }

  private forgetExpired(now: number): void {
    for (const [key, entry] of this.counts) if (now - entry.windowStart >= this.windowMs) this.counts.delete(key);
  }
}
