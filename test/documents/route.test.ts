/**
 * GET /documents/:token on the real server (src/bootstrap.ts): the PDF and the .ics with safe headers; a changed,
 * expired or oversized link gets a 4xx page in the learner's language; no token and no personal data in the logs.
 */
import { Writable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import ICAL from 'ical.js';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logging';
import { createApp, App } from '../../src/bootstrap';
import { sealDocument, type DocumentPayload } from '../../src/documents/links';
import type { CaseFile } from '../../src/domain/caseFile';
import { t } from '../../src/i18n/messages';
import { pdfText, squash } from './support';

const KEY_HEX = '5a'.repeat(32);
const KEY = Buffer.from(KEY_HEX, 'hex');
const ORDER = 'ORD-55501234';
const FILE: CaseFile = {
  problem: 'refundDelay',
  withdrawnOn: '2026-10-01',
  orderNumber: ORDER,
  amountCents: 98765,
  history: [{ kind: 'form', on: '2026-10-20', outcome: 'unanswered' }],
  deadlines: [{ kind: 'refundDue', date: '2026-10-15' }],
};

const lines: string[] = [];
const capture = new Writable({
  write(chunk: Buffer | string, _encoding, callback) {
    lines.push(chunk.toString());
    callback();
  },
});
const tokensUsed: string[] = [];

let app: App;
let baseUrl: string;

beforeAll(async () => {
  app = await createApp(loadConfig({ PORT: '3978', DOCUMENT_LINK_KEY: KEY_HEX }), createLogger('trace', capture));
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', () => resolve()));
  baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => app.server.close(() => resolve()));
});

/** A token made now (the server checks expiry against its own clock) or `ageHours` ago. */
function token(payload: DocumentPayload, ageHours = 0): string {
  const made = sealDocument(payload, { key: KEY, nowMs: Date.now() - ageHours * 3_600_000, ttlHours: 24 });
  tokensUsed.push(made);
  return made;
}

function expectSafeHeaders(response: Response): void {
  expect(response.headers.get('cache-control')).toBe('no-store');
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
}

test('a letter: 200, application/pdf, an attachment named without personal data', async () => {
  const response = await fetch(`${baseUrl}/documents/${token({ type: 'letter', kind: 'refundNotice', file: FILE, today: '2026-11-26' })}?lang=en`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/pdf');
  expect(response.headers.get('content-disposition')).toBe('attachment; filename="cned-lettre-refundNotice.pdf"');
  expectSafeHeaders(response);
  const { text } = await pdfText(Buffer.from(await response.arrayBuffer()));
  // Withdrawn 1 Oct, due 15 Oct, 42 days late on 26 Nov: 20 % of 987,65 € = 197,53 €, total 1 185,18 €.
  for (const sentence of ['au plus tard le 15 octobre 2026', 'le retard est de 42 jours', 'article L242-4', 'soit un total de 1 185,18 €', `Numéro de commande : ${ORDER}`]) {
    expect(squash(text)).toContain(squash(sentence));
  }
});

test('the case file in the learner language', async () => {
  const response = await fetch(`${baseUrl}/documents/${token({ type: 'caseFile', file: FILE, lang: 'en', today: '2026-11-26' })}`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-disposition')).toBe('attachment; filename="cned-my-case-file.pdf"');
  const { pages } = await pdfText(Buffer.from(await response.arrayBuffer()));
  expect(pages).toHaveLength(1);
  expect(squash(pages[0])).toContain(squash(t('en', 'caseFile.title')));
  expect(squash(pages[0])).toContain(squash(t('en', 'letters.refundNotice.title')));
});

test('a date: text/calendar that parses', async () => {
  const response = await fetch(`${baseUrl}/documents/${token({ type: 'calendar', deadline: { kind: 'refundDue', date: '2026-10-15' }, lang: 'fr' })}`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
  expect(response.headers.get('content-disposition')).toBe('attachment; filename="cned-refundDue.ics"');
  expectSafeHeaders(response);
  const event = new ICAL.Component(ICAL.parse(await response.text())).getFirstSubcomponent('vevent');
  expect(String(event?.getFirstPropertyValue('dtstart'))).toBe('2026-10-15');
});

describe('refused links: a page in the learner language', () => {
  const valid = (): string => token({ type: 'letter', kind: 'complaint', file: FILE, today: '2026-11-26' });
  const flip = (value: string): string => {
    const raw = Buffer.from(value, 'base64url');
    raw[raw.length - 5] ^= 0x40;
    return raw.toString('base64url');
  };
  test.each([
    ['changed, ?lang=en', (): string => flip(valid()), {}, '?lang=en', 400, 'en', 'documents.error.invalid'],
    ['changed, Accept-Language en-GB', (): string => flip(valid()), { 'Accept-Language': 'en-GB,en;q=0.9' }, '', 400, 'en', 'documents.error.invalid'],
    ['changed, Accept-Language de-DE', (): string => flip(valid()), { 'Accept-Language': 'de-DE' }, '', 400, 'fr', 'documents.error.invalid'],
    ['expired, ?lang=fr', (): string => token({ type: 'letter', kind: 'complaint', file: FILE, today: '2026-11-26' }, 25), {}, '?lang=fr', 410, 'fr', 'documents.error.expired'],
    ['oversized, Accept-Language en', (): string => 'A'.repeat(9_000), { 'Accept-Language': 'en' }, '', 414, 'en', 'documents.error.tooLong'],
    ['empty, ?lang=en', (): string => '', {}, '?lang=en', 400, 'en', 'documents.error.invalid'],
  ] as const)('%s', async (_name, make, headers, query, status, lang, key) => {
    const response = await fetch(`${baseUrl}/documents/${make()}${query}`, { headers });
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expectSafeHeaders(response);
    const html = await response.text();
    expect(html).toContain(`<html lang="${lang}">`);
    expect(html).toContain(t(lang, key, { hours: 24 }).replace(/'/g, '&#39;'));
    expect(html).toContain(t(lang, 'documents.error.hint').replace(/'/g, '&#39;'));
  });
});

test('another method on a document URL is refused, and logged without its token', async () => {
  const response = await fetch(`${baseUrl}/documents/${token({ type: 'letter', kind: 'complaint', file: FILE, today: '2026-11-26' })}`, { method: 'POST' });
  expect(response.status).toBeGreaterThanOrEqual(400);
  expect(response.status).toBeLessThan(500);
});

test('the logs hold no token and nothing of the case, only the route pattern', () => {
  const log = lines.join('');
  expect(tokensUsed.length).toBeGreaterThan(5);
  for (const used of tokensUsed) {
    expect(log).not.toContain(used.slice(0, 24));
    expect(log).not.toContain(used.slice(-24));
  }
  for (const needle of [ORDER, '55501234', '98765', '987,65', 'refundDelay', '2026-10-01']) expect(log).not.toContain(needle);
  const events = lines.map((line) => JSON.parse(line) as { event?: string; route?: string; path?: string });
  expect(events.filter((e) => e.event === 'documents.served')).toHaveLength(3);
  expect(events.filter((e) => e.event === 'documents.refused').map((e) => e.route)).toEqual(Array(6).fill('/documents/:token'));
    // Errors name a route pattern (or 'unmatched' with a salted hash of the path), never the path itself.
  const errors = events.filter((e) => e.event === 'http.error');
  expect(errors.length).toBeGreaterThan(0);
  for (const error of errors) {
    expect(error.path).toBeUndefined();
    expect(String(error.route)).toMatch(/^(\/|unmatched$)/);
  }
});
