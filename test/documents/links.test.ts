/** Document links: encrypted and authenticated, expiring, bounded; the links the dialogs show; the case-file PDF; config. */
import { randomBytes } from 'node:crypto';
import { DateTime } from 'luxon';
import { MAX_TOKEN_CHARS, openDocument, sealDocument, type DocumentPayload } from '../../src/documents/links';
import { documentLinks } from '../../src/documents';
import { caseFilePdf } from '../../src/documents/pdf';
import { caseFileSections } from '../../src/documents/caseFileText';
import type { CaseFile } from '../../src/domain/caseFile';
import { ConfigError, loadConfig } from '../../src/config';
import { t } from '../../src/i18n/messages';
import { pdfText, squash, THIRD_COMPLAINT, THIRD_TODAY } from './support';

const KEY = Buffer.alloc(32, 7);
const NOW_MS = DateTime.fromISO('2026-11-26T10:00:00Z').toMillis();
const HOUR = 3_600_000;
const FILE: CaseFile = {
  problem: 'refundDelay',
  withdrawnOn: '2026-10-01',
  orderNumber: 'ORDER-778899',
  amountCents: 98765,
  history: [{ kind: 'form', on: '2026-10-20', outcome: 'unanswered' }],
  deadlines: [{ kind: 'refundDue', date: '2026-10-15' }],
};
const PAYLOAD: DocumentPayload = { type: 'letter', kind: 'refundNotice', file: FILE, today: '2026-11-26' };

describe('tokens', () => {
  test.each<DocumentPayload>([
    PAYLOAD,
    { type: 'caseFile', file: THIRD_COMPLAINT, lang: 'en', today: THIRD_TODAY },
    { type: 'calendar', deadline: { kind: 'implicitRejection', date: '2027-03-28', estimate: true }, lang: 'fr' },
    // Every kind of step the dialogs record, e-mail included, with the acknowledgement's date.
    { type: 'caseFile', file: { ...FILE, history: [{ kind: 'email', on: '2026-10-02', outcome: 'unanswered' }, { kind: 'registeredLetter', on: '2026-10-20', receivedOn: '2026-10-22', outcome: 'unknown' }] }, lang: 'fr', today: '2026-11-26' },
  ])('round trip: $type', (payload) => {
    const token = sealDocument(payload, { key: KEY, nowMs: NOW_MS, ttlHours: 24 });
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(openDocument(token, { key: KEY, nowMs: NOW_MS })).toEqual({ ok: true, payload });
  });

  test('nothing readable in the token', () => {
    const token = sealDocument(PAYLOAD, { key: KEY, nowMs: NOW_MS, ttlHours: 24 });
    const decoded = Buffer.from(token, 'base64url').toString('latin1');
    for (const needle of ['ORDER-778899', 'refundDelay', '98765', '2026-10-01']) {
      expect(token).not.toContain(needle);
      expect(decoded).not.toContain(needle);
    }
  });

  test.each([
    [NOW_MS + 24 * HOUR, true],
    [NOW_MS + 24 * HOUR + 1, false],
    [NOW_MS + 25 * HOUR, false],
  ])('expires after the TTL (at %d: valid %s)', (at, valid) => {
    const token = sealDocument(PAYLOAD, { key: KEY, nowMs: NOW_MS, ttlHours: 24 });
    expect(openDocument(token, { key: KEY, nowMs: at })).toEqual(valid ? { ok: true, payload: PAYLOAD } : { ok: false, reason: 'expired' });
  });

  test('any flipped byte is refused', () => {
    const token = sealDocument(PAYLOAD, { key: KEY, nowMs: NOW_MS, ttlHours: 24 });
    const raw = Buffer.from(token, 'base64url');
    for (let i = 0; i < raw.length; i++) {
      const tampered = Buffer.from(raw);
      tampered[i] ^= 0x01;
      expect({ i, result: openDocument(tampered.toString('base64url'), { key: KEY, nowMs: NOW_MS }) }).toEqual({ i, result: { ok: false, reason: 'invalid' } });
    }
  });

  test.each([
    ['another key', (token: string) => openDocument(token, { key: Buffer.alloc(32, 8), nowMs: NOW_MS })],
    ['truncated', (token: string) => openDocument(token.slice(0, -4), { key: KEY, nowMs: NOW_MS })],
    ['not base64url', (token: string) => openDocument(`${token.slice(0, 10)}.${token.slice(11)}`, { key: KEY, nowMs: NOW_MS })],
    ['empty', () => openDocument('', { key: KEY, nowMs: NOW_MS })],
    ['random bytes', () => openDocument(randomBytes(300).toString('base64url'), { key: KEY, nowMs: NOW_MS })],
  ])('refused: %s', (_name, open) => {
    const token = sealDocument(PAYLOAD, { key: KEY, nowMs: NOW_MS, ttlHours: 24 });
    expect(open(token)).toEqual({ ok: false, reason: 'invalid' });
  });

  test('an oversized token is refused before decoding, and never made', () => {
    expect(openDocument('A'.repeat(MAX_TOKEN_CHARS + 1), { key: KEY, nowMs: NOW_MS })).toEqual({ ok: false, reason: 'tooLong' });
    const huge: CaseFile = { ...FILE, problem: randomBytes(9_000).toString('base64') }; // random: deflate cannot shrink it
    expect(() => sealDocument({ ...PAYLOAD, file: huge }, { key: KEY, nowMs: NOW_MS, ttlHours: 24 })).toThrow(RangeError);
  });
});

describe('documentLinks', () => {
  const links = documentLinks({
    file: { ...FILE, deadlines: [...FILE.deadlines, { kind: 'mediatorFrom', date: '2027-03-28' }] },
    letters: ['refundNotice', 'complaint'],
    lang: 'en',
    baseUrl: 'https://guide.example.fr',
    now: DateTime.fromMillis(NOW_MS),
    key: KEY,
  });

  test('one per letter, the case file, one per date, titled in the learner language', () => {
    expect(links.map((link) => link.title)).toEqual([
      t('en', 'letters.refundNotice.title'),
      t('en', 'letters.complaint.title'),
      t('en', 'caseFile.linkTitle'),
      t('en', 'calendar.addLink', { title: t('en', 'calendar.refundDue.title'), date: '15 October 2026' }),
      t('en', 'calendar.addLink', { title: t('en', 'calendar.mediatorFrom.title'), date: '28 March 2027' }),
    ]);
  });

  test('each URL carries an opaque token that opens to the right document', () => {
    const opened = links.map((link) => {
      const match = /^https:\/\/guide\.example\.fr\/documents\/([A-Za-z0-9_-]+)\?lang=en$/.exec(link.url);
      expect(match).not.toBeNull();
      expect(link.url).not.toContain('778899');
      const result = openDocument(match?.[1] ?? '', { key: KEY, nowMs: NOW_MS });
      return result.ok ? result.payload.type : result.reason;
    });
    expect(opened).toEqual(['letter', 'letter', 'caseFile', 'calendar', 'calendar']);
  });
});

describe('the case-file PDF', () => {
  test.each(['fr', 'en'] as const)('%s: problem, history with dates and outcomes, next step, dates, documents to keep, letters', async (lang) => {
    const file: CaseFile = {
      ...THIRD_COMPLAINT,
      next: { step: 'mediator', from: THIRD_TODAY, availableNow: true },
      deadlines: [{ kind: 'implicitRejection', date: '2026-12-08', estimate: true }],
    };
    const { pages } = await pdfText(await caseFilePdf({ file, lang, today: THIRD_TODAY, letters: ['mediator'] }));
    expect(pages).toHaveLength(1);
    const text = squash(pages[0]);
    const sections = caseFileSections({ file, lang, today: THIRD_TODAY, letters: ['mediator'] });
    expect(text).toContain(squash(t(lang, 'refund.restate')));
    for (const section of sections.sections) {
      expect(text).toContain(squash(section.heading));
      for (const line of section.lines) expect(text).toContain(squash(line));
    }
    const expected =
      lang === 'fr'
        ? ['20 août 2026, réclamation écrite en recommandé : refusé', '8 octobre 2026, recours auprès du Directeur général : sans réponse', 'Saisir le médiateur du CNED, dès maintenant.', '8 décembre 2026 (estimation)']
        : ['20 August 2026, written complaint by registered letter: refused', '8 October 2026, appeal to the Director General: no answer', "Refer the case to CNED's mediator, now.", '8 December 2026 (estimate)'];
    for (const sentence of expected) expect(text).toContain(squash(sentence));
  });

  test('a problem without a restate sentence gets the generic one', () => {
    const sections = caseFileSections({ file: { ...FILE, problem: 'somethingNew' }, lang: 'fr', today: '2026-11-26', letters: [] });
    expect(sections.sections[0].lines[0]).toBe(t('fr', 'caseFile.problemGeneric'));
  });
});

describe('configuration', () => {
  test('defaults: a random key shared by the process, 24 hours, localhost on the port', () => {
    const a = loadConfig({ PORT: '4000' }).documents;
    const b = loadConfig({}).documents;
    expect(a.linkKey).toHaveLength(32);
    expect(a.linkKey.equals(b.linkKey)).toBe(true);
    expect(a.linkKeyFromConfig).toBe(false);
    expect(a.linkTtlHours).toBe(24);
    expect(a.publicBaseUrl).toBe('http://localhost:4000');
  });

  test.each([
    ['hex', 'ab'.repeat(32)],
    ['base64', Buffer.alloc(32, 9).toString('base64')],
    ['base64url', Buffer.alloc(32, 250).toString('base64url')],
  ])('DOCUMENT_LINK_KEY in %s', (_name, value) => {
    const documents = loadConfig({ DOCUMENT_LINK_KEY: value, DOCUMENT_LINK_TTL_HOURS: '2', PUBLIC_BASE_URL: 'https://guide.example.fr/' }).documents;
    expect(documents.linkKey).toHaveLength(32);
    expect(documents.linkKeyFromConfig).toBe(true);
    expect(documents.linkTtlHours).toBe(2);
    expect(documents.publicBaseUrl).toBe('https://guide.example.fr');
  });

  test.each([
    ['DOCUMENT_LINK_KEY', 'short'],
    ['DOCUMENT_LINK_KEY', 'ab'.repeat(31)],
    ['DOCUMENT_LINK_TTL_HOURS', '0'],
    ['DOCUMENT_LINK_TTL_HOURS', '10000'],
    ['PUBLIC_BASE_URL', 'ftp://example.fr'],
  ])('%s=%s is refused with a clear message', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(name);
  });
});
