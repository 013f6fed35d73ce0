/**
 * What the dialogs use: the links to show (each letter, the case file, each date for the calendar), a letter as
 * chat-sized chunks, and the explanation of a letter in the learner's language.
 */
import type { DateTime } from 'luxon';
import type { CaseFile, LetterKind } from '../domain/caseFile';
import type { Lang } from '../domain/types';
import { CNED_FACTS } from '../facts/cned';
import { t } from '../i18n/messages';
import { parisIsoDate } from '../rules/calendar';
import { CALENDAR_TITLE_KEYS, LETTER_EXPLAIN_KEYS, LETTER_TITLE_KEYS } from './caseFileText';
import { longDate } from './format';
import { buildLetter, letterText } from './letters';
import { sealDocument, type DocumentPayload } from './links';

export { buildLetter, letterText, lettersFor } from './letters';
export type { Letter } from './letters';

/** Messenger refuses messages over 2,000 characters; a margin for the channel's own additions. */
export const CHAT_CHUNK_CHARS = 1_900;
export const DEFAULT_LINK_TTL_HOURS = 24;

export interface DocumentLink {
  title: string;
  url: string;
}

export interface DocumentLinksInput {
  file: CaseFile;
  letters: readonly LetterKind[];
  lang: Lang;
  /** PUBLIC_BASE_URL, without a trailing slash. */
  baseUrl: string;
  /** The turn's instant (activity timestamp). */
  now: DateTime;
  key: Buffer;
  ttlHours?: number;
}

/** Only the fields the documents read: whatever else a dialog keeps in its case file stays out of the link. */
function minimal(file: CaseFile): CaseFile {
  const copy: CaseFile = {
    problem: file.problem,
    history: file.history.map((a) => (a.on === undefined ? { kind: a.kind, outcome: a.outcome } : { kind: a.kind, on: a.on, outcome: a.outcome })),
    deadlines: file.deadlines.map((d) => (d.estimate ? { kind: d.kind, date: d.date, estimate: true } : { kind: d.kind, date: d.date })),
  };
  if (file.registeredOn) copy.registeredOn = file.registeredOn;
  if (file.paidOn) copy.paidOn = file.paidOn;
  if (file.withdrawnOn) copy.withdrawnOn = file.withdrawnOn;
  if (file.orderNumber) copy.orderNumber = file.orderNumber;
  if (file.amountCents !== undefined) copy.amountCents = file.amountCents;
  if (file.next) copy.next = { step: file.next.step, from: file.next.from, availableNow: file.next.availableNow };
  return copy;
}

/** The links to offer: one per letter, the case file, one per date to add to a calendar. */
export function documentLinks(input: DocumentLinksInput): DocumentLink[] {
  const { lang, baseUrl, now, key } = input;
  const file = minimal(input.file);
  const today = parisIsoDate(now);
  const seal = (payload: DocumentPayload) =>
    `${baseUrl}/documents/${sealDocument(payload, { key, nowMs: now.toMillis(), ttlHours: input.ttlHours ?? DEFAULT_LINK_TTL_HOURS })}?lang=${lang}`;
  return [
    ...input.letters.map((kind) => ({ title: t(lang, LETTER_TITLE_KEYS[kind]), url: seal({ type: 'letter', kind, file, today }) })),
    { title: t(lang, 'caseFile.linkTitle'), url: seal({ type: 'caseFile', file, lang, today }) },
    ...file.deadlines.map((deadline) => ({
      title: t(lang, 'calendar.addLink', { title: t(lang, CALENDAR_TITLE_KEYS[deadline.kind]), date: longDate(deadline.date, lang) }),
      url: seal({ type: 'calendar', deadline, lang }),
    })),
  ];
}

/** Splits text into chunks of at most `max` characters, at the largest bound that fits: paragraph, line, then word. */
export function chunkText(text: string, max = CHAT_CHUNK_CHARS): string[] {
  const bounds = ['\n\n', '\n', ' '];
  const split = (piece: string, level: number): string[] => {
    if (piece.length <= max) return [piece];
    if (level >= bounds.length) return piece.match(new RegExp(`[\\s\\S]{1,${max}}`, 'g')) ?? [];
    const separator = bounds[level];
    const chunks: string[] = [];
    let current = '';
    for (const part of piece.split(separator)) {
      const candidate = current === '' ? part : `${current}${separator}${part}`;
      if (candidate.length <= max) {
        current = candidate;
        continue;
      }
      if (current !== '') chunks.push(current);
      if (part.length <= max) {
        current = part;
      } else {
        chunks.push(...split(part, level + 1));
        current = '';
      }
    }
    if (current !== '') chunks.push(current);
    return chunks;
  };
  return split(text, 0);
}

/** The letter's full text for the chat, in chunks of at most 1,900 characters split at paragraph bounds. */
export function letterForChat(kind: LetterKind, file: CaseFile, today: string): string[] {
  return chunkText(letterText(buildLetter(kind, file, today)));
}

/** What the letter says, what to fill and how to send it, in the learner's language; for letters sent by post, the unverified-address note. */
export function letterExplanation(kind: LetterKind, lang: Lang): string[] {
  const explain = t(lang, LETTER_EXPLAIN_KEYS[kind]);
  return kind === 'mediator' || CNED_FACTS.postalAddress.verified ? [explain] : [explain, t(lang, 'letters.addressNote', { url: CNED_FACTS.contactPageUrl })];
}
