/**
 * GET /documents/:token — renders the document a link carries (a letter or the case file as PDF, a date as .ics)
 * on request; nothing is stored. A changed, expired or oversized link gets a short HTML page in the learner's
 * language (?lang=, else Accept-Language). The token never reaches the logs: events name the route pattern.
 */
import type restify from 'restify';
import type { Request, Response } from 'restify';
import { DateTime } from 'luxon';
import type { Logger } from 'pino';
import type { AppConfig } from '../config';
import type { Lang } from '../domain/types';
import { langFromLocale, t } from '../i18n/messages';
import { buildLetter, lettersFor } from '../documents/letters';
import { openDocument, type DocumentPayload } from '../documents/links';

export const DOCUMENTS_ROUTE = '/documents/:token';
/** A wildcard, not a :param: the router refuses params over 100 characters, and tokens are longer. */
const ROUTE = '/documents/*';

/** The path to log for a request: the documents route pattern instead of a token. */
export function pathForLog(path: string): string {
  return /^\/documents(\/|$)/i.test(path) ? DOCUMENTS_ROUTE : path;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** ?lang=en|fr first, then the first language of Accept-Language, French by default. */
export function requestLang(req: Request): Lang {
  const query = new URL(req.url ?? '/', 'http://localhost').searchParams.get('lang');
  if (query === 'fr' || query === 'en') return query;
  const accept = String(req.header('accept-language') ?? '').split(',')[0]?.trim();
  return langFromLocale(accept);
}

const COMMON_HEADERS = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

type Failure = 'tooLong' | 'invalid' | 'expired' | 'renderFailed';
const STATUS: Record<Failure, number> = { tooLong: 414, invalid: 400, expired: 410, renderFailed: 500 };

function sendError(res: Response, lang: Lang, reason: Failure, ttlHours: number): void {
  const message =
    reason === 'expired'
      ? t(lang, 'documents.error.expired', { hours: ttlHours })
      : reason === 'tooLong'
        ? t(lang, 'documents.error.tooLong')
        : t(lang, 'documents.error.invalid');
  const title = t(lang, 'documents.error.title');
  const body = `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}</style></head>
<body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p><p>${escapeHtml(t(lang, 'documents.error.hint'))}</p></main></body></html>`;
  res.writeHead(STATUS[reason], {
    ...COMMON_HEADERS,
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  });
  res.end(body);
}

interface Rendered {
  body: Buffer;
  type: string;
  /** No personal data: the document's kind only. */
  filename: string;
}

/**
 * pdfkit and ics load on the first document asked for, not at start: together about 30 MiB of RSS (measured) that a
 * server which never renders a document does not need.
 */
async function render(payload: DocumentPayload, now: DateTime): Promise<Rendered> {
  const { caseFilePdf, letterPdf } = await import('../documents/pdf');
  const { deadlineIcs } = await import('../documents/calendar');
  switch (payload.type) {
    case 'letter':
      return { body: await letterPdf(buildLetter(payload.kind, payload.file, payload.today)), type: 'application/pdf', filename: `cned-lettre-${payload.kind}.pdf` };
    case 'caseFile':
      return {
        body: await caseFilePdf({ file: payload.file, lang: payload.lang, today: payload.today, letters: lettersFor(payload.file, payload.today) }),
        type: 'application/pdf',
        filename: payload.lang === 'fr' ? 'cned-mon-dossier.pdf' : 'cned-my-case-file.pdf',
      };
    case 'calendar':
      return { body: Buffer.from(deadlineIcs(payload.deadline, payload.lang, now)), type: 'text/calendar; charset=utf-8', filename: `cned-${payload.deadline.kind}.ics` };
  }
}

export interface DocumentsDeps {
  config: Pick<AppConfig, 'documents'>;
  logger: Logger;
  /** The clock for expiry and DTSTAMP; tests pass a fixed one. */
  clock?: () => DateTime;
}

export function registerDocuments(server: restify.Server, { config, logger, clock = () => DateTime.now() }: DocumentsDeps): void {
  const { linkKey, linkTtlHours } = config.documents;
  server.get(ROUTE, async (req, res) => {
    const lang = requestLang(req);
    const token = String(req.params?.['*'] ?? '');
    const now = clock();
    const opened = openDocument(token, { key: linkKey, nowMs: now.toMillis() });
    if (!opened.ok) {
      logger.info({ event: 'documents.refused', route: DOCUMENTS_ROUTE, reason: opened.reason });
      sendError(res, lang, opened.reason, linkTtlHours);
      return;
    }
    let rendered: Rendered;
    try {
      rendered = await render(opened.payload, now);
    } catch (error) {
      logger.error({ event: 'documents.render.failed', route: DOCUMENTS_ROUTE, type: opened.payload.type, errorName: error instanceof Error ? error.name : typeof error });
      sendError(res, lang, 'renderFailed', linkTtlHours);
      return;
    }
    logger.info({ event: 'documents.served', route: DOCUMENTS_ROUTE, type: opened.payload.type });
    res.writeHead(200, {
      ...COMMON_HEADERS,
      'Content-Type': rendered.type,
      'Content-Length': String(rendered.body.length),
      'Content-Disposition': `attachment; filename="${rendered.filename}"`,
    });
    res.end(rendered.body);
  });
}
