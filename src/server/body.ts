/**
 * Request bodies of the routes other than /api/messages (which has its own guard): read only once the route
 * has decided the caller may send one (a token checked first), at most `maxBytes`, within `timeoutMs`
 * (a body trickled byte by byte is cut), as JSON. The errors are Direct Line's shape.
 */
import type { Request, Response } from 'restify';
import { isJsonContentType, readBody } from './guards/messageGuard';
import { sendError } from './directline/http';

export const BODY_TIMEOUT_MS = 10_000;

export type BodyResult = { ok: true; body: unknown } | { ok: false };

/**
 * The parsed JSON body, or an error already sent (400, 408, 413, 415). An empty body is `undefined` when
 * `allowEmpty` (a POST without options), whatever its content type.
 */
export async function readJsonBody(req: Request, res: Response, options: { maxBytes: number; timeoutMs?: number; allowEmpty?: boolean }): Promise<BodyResult> {
  const declared = Number(req.headers['content-length'] ?? 'NaN');
  if (options.allowEmpty && declared === 0) return { ok: true, body: undefined };
  if (!isJsonContentType(req.headers['content-type'])) {
    res.header('Connection', 'close');
    sendError(res, 415, 'UnsupportedMediaType', 'The body must be application/json.');
    return { ok: false };
  }
  if (declared > options.maxBytes) {
    res.header('Connection', 'close');
    sendError(res, 413, 'PayloadTooLarge', 'The body is too large.');
    return { ok: false };
  }
  const read = await readBody(req, options.maxBytes, options.timeoutMs ?? BODY_TIMEOUT_MS);
  if (read.kind !== 'ok') {
    if (read.kind === 'aborted') {
      res.destroy();
      return { ok: false };
    }
    res.header('Connection', 'close');
    if (read.kind === 'tooLarge') sendError(res, 413, 'PayloadTooLarge', 'The body is too large.');
    else sendError(res, 408, 'RequestTimeout', 'The body took too long to arrive.');
    return { ok: false };
  }
  if (read.body.length === 0 && options.allowEmpty) return { ok: true, body: undefined };
  try {
    return { ok: true, body: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(read.body)) };
  } catch {
    sendError(res, 400, 'BadArgument', 'The body is not valid JSON.');
    return { ok: false };
  }
}
