/** Structured JSON logs (pino). Message text is never logged by default; conversation ids are hashed. */
import { createHash } from 'node:crypto';
import pino, { Logger, DestinationStream } from 'pino';

export type { Logger };

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino({ level, base: { app: 'cned-guide' }, redact: ['text', '*.text', 'activity.text'] }, destination);
}

/** A short stable pseudonym for an id (conversation, user), so logs can be correlated without identifying anyone. */
export function hashId(id: string | undefined, salt: string): string {
  if (!id) return '-';
  return createHash('sha256').update(salt).update('\0').update(id).digest('hex').slice(0, 16);
}
