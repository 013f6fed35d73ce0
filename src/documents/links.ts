/**
 * Document links carry their document's data in the URL, encrypted and authenticated (AES-256-GCM, node:crypto),
 * with an expiry inside the authenticated part: the server stores nothing, a link reveals nothing without the key,
 * and a changed byte or an old link is refused. The key (DOCUMENT_LINK_KEY) is shared by all instances; unset,
 * each process draws a random one (links then die with the process and work only on the instance that made them).
 * Token: base64url( version | 12-byte IV | 16-byte tag | ciphertext of deflated JSON {x: expiry ms, p: payload} ).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { ActionOutcome, EscalationStep, Lang, PastAction } from '../domain/types';
import { ACTION_KINDS, ESCALATION_STEPS, LANGS } from '../domain/types';
import { DEADLINE_KINDS, LETTER_KINDS, type CaseFile, type Deadline, type LetterKind } from '../domain/caseFile';
import { isIsoDate } from './format';

export type DocumentPayload =
  | { type: 'letter'; kind: LetterKind; file: CaseFile; today: string }
  | { type: 'caseFile'; file: CaseFile; lang: Lang; today: string }
  | { type: 'calendar'; deadline: Deadline; lang: Lang };

export type OpenResult = { ok: true; payload: DocumentPayload } | { ok: false; reason: 'tooLong' | 'invalid' | 'expired' };

/** A token longer than this is refused before any decoding (URLs stay well under browsers' and proxies' limits). */
export const MAX_TOKEN_CHARS = 8 * 1024;
const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const AAD = Buffer.from('cned-guide/documents/v1');
/** Decompression limit: a legitimate payload is a few KB; the key holder alone can make a token, this is belt and braces. */
const MAX_PLAIN_BYTES = 64 * 1024;

export interface SealOptions {
  key: Buffer;
  /** Milliseconds since the epoch (the turn's instant). */
  nowMs: number;
  ttlHours: number;
}

function checkKey(key: Buffer): void {
  if (key.length !== 32) throw new RangeError('the document link key must be 32 bytes');
}

export function sealDocument(payload: DocumentPayload, { key, nowMs, ttlHours }: SealOptions): string {
  checkKey(key);
  const plain = deflateRawSync(Buffer.from(JSON.stringify({ x: nowMs + ttlHours * 3_600_000, p: payload })));
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(AAD);
  const encrypted = Buffer.concat([cipher.update(plain), cipher.final()]);
  const token = Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), encrypted]).toString('base64url');
  if (token.length > MAX_TOKEN_CHARS) throw new RangeError(`document token too long (${token.length} characters)`);
  return token;
}

export function openDocument(token: string, { key, nowMs }: { key: Buffer; nowMs: number }): OpenResult {
  checkKey(key);
  if (token.length > MAX_TOKEN_CHARS) return { ok: false, reason: 'tooLong' };
  if (!/^[A-Za-z0-9_-]+$/.test(token)) return { ok: false, reason: 'invalid' };
  const raw = Buffer.from(token, 'base64url');
  if (raw.length < 1 + IV_BYTES + TAG_BYTES + 1 || raw[0] !== VERSION) return { ok: false, reason: 'invalid' };
  let plain: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(1, 1 + IV_BYTES));
    decipher.setAAD(AAD);
    decipher.setAuthTag(raw.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES));
    const deflated = Buffer.concat([decipher.update(raw.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]);
    plain = inflateRawSync(deflated, { maxOutputLength: MAX_PLAIN_BYTES });
  } catch {
    return { ok: false, reason: 'invalid' }; // wrong key, changed byte, truncated: the tag does not verify
  }
  let envelope: unknown;
  try {
    envelope = JSON.parse(plain.toString('utf8'));
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (!isObject(envelope) || typeof envelope.x !== 'number') return { ok: false, reason: 'invalid' };
  if (nowMs > envelope.x) return { ok: false, reason: 'expired' };
  const payload = parsePayload(envelope.p);
  return payload ? { ok: true, payload } : { ok: false, reason: 'invalid' };
}

// Shape checks: an authenticated token comes from this server, but maybe from an older version of it.
function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
const oneOf = <T extends string>(values: readonly T[], value: unknown): value is T => typeof value === 'string' && (values as readonly string[]).includes(value);
const optionalDate = (value: unknown): boolean => value === undefined || isIsoDate(value);
const OUTCOMES: readonly ActionOutcome[] = ['refused', 'unanswered', 'unknown'];

/** A step the learner took (every kind of the domain's list, e-mail included), as kept in dialogs and case files. */
export function isPastAction(value: unknown): value is PastAction {
  return isObject(value) && oneOf(ACTION_KINDS, value.kind) && oneOf(OUTCOMES, value.outcome) && optionalDate(value.on) && optionalDate(value.receivedOn);
}
function isDeadline(value: unknown): value is Deadline {
  return isObject(value) && oneOf(DEADLINE_KINDS, value.kind) && isIsoDate(value.date) && (value.estimate === undefined || typeof value.estimate === 'boolean');
}
function isStep(value: unknown): value is EscalationStep {
  return oneOf(ESCALATION_STEPS, value);
}
export function isCaseFile(value: unknown): value is CaseFile {
  if (!isObject(value)) return false;
  const next = value.next;
  return (
    typeof value.problem === 'string' &&
    value.problem.length <= 64 &&
    optionalDate(value.registeredOn) &&
    optionalDate(value.paidOn) &&
    optionalDate(value.withdrawnOn) &&
    (value.orderNumber === undefined || (typeof value.orderNumber === 'string' && value.orderNumber.length <= 64)) &&
    (value.amountCents === undefined || (Number.isSafeInteger(value.amountCents) && Number(value.amountCents) >= 0)) &&
    Array.isArray(value.history) &&
    value.history.every(isPastAction) &&
    Array.isArray(value.deadlines) &&
    value.deadlines.every(isDeadline) &&
    (next === undefined || (isObject(next) && isStep(next.step) && isIsoDate(next.from) && typeof next.availableNow === 'boolean'))
  );
}

function parsePayload(value: unknown): DocumentPayload | undefined {
  if (!isObject(value)) return undefined;
  switch (value.type) {
    case 'letter':
      return oneOf(LETTER_KINDS, value.kind) && isCaseFile(value.file) && isIsoDate(value.today)
        ? { type: 'letter', kind: value.kind, file: value.file, today: value.today }
        : undefined;
    case 'caseFile':
      return isCaseFile(value.file) && oneOf(LANGS, value.lang) && isIsoDate(value.today)
        ? { type: 'caseFile', file: value.file, lang: value.lang, today: value.today }
        : undefined;
    case 'calendar':
      return isDeadline(value.deadline) && oneOf(LANGS, value.lang) ? { type: 'calendar', deadline: value.deadline, lang: value.lang } : undefined;
    default:
      return undefined;
  }
}
