/**
 * The chat page (GET /), its script and style, the embedding snippet (/embed.js) and Web Chat itself
 * (/vendor/webchat.js, from node_modules, no CDN), with security headers. Page sentences come from locales/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type restify from 'restify';
import type { Request, Response } from 'restify';
import type { AppConfig } from '../config';
import type { Lang } from '../domain/types';
import { t, MessageKey } from '../i18n/messages';
import { isLocalDirectLineEnabled } from './directline';
import { findProjectRoot } from '../shared';

/** The page's sentences, by the name chat.js and the template use. */
const PAGE_KEYS = {
  title: 'page.title',
  intro: 'page.intro',
  skipToChat: 'page.skipToChat',
  chatLabel: 'page.chatLabel',
  loading: 'page.loading',
  unavailable: 'page.unavailable',
  noscript: 'page.noscript',
  privacy: 'page.privacy',
  otherLanguage: 'page.otherLanguage',
  openChat: 'page.openChat',
  closeChat: 'page.closeChat',
  newConversation: 'page.newConversation',
  resumeExpired: 'page.resumeExpired',
  offline: 'page.offline',
  reconnecting: 'page.reconnecting',
  online: 'page.online',
} as const satisfies Record<string, MessageKey>;

type PageStrings = Record<keyof typeof PAGE_KEYS, string>;

function pageStrings(lang: Lang): PageStrings {
  const entries = Object.entries(PAGE_KEYS).map(([name, key]) => [name, t(lang, key)]);
  return Object.fromEntries(entries) as PageStrings;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** JSON that is safe inside a <script> element or a JS string. */
const inlineJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);
}

interface StaticFile {
  body: Buffer;
  gzipped?: Buffer;
  etag: string;
  type: string;
}

function staticFile(file: string, type: string, compress = false): StaticFile {
  const body = fs.readFileSync(file);
  return {
    body,
    gzipped: compress ? gzipSync(body, { level: 9 }) : undefined,
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
    type,
  };
}

const SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
};

/** Origins the page must reach for Direct Line: itself locally, the Direct Line service (https and wss) otherwise. */
function connectSources(config: AppConfig): string[] {
  if (isLocalDirectLineEnabled(config)) return ["'self'"];
  const service = new URL(config.directLineEndpoint);
  const wsProtocol = service.protocol === 'https:' ? 'wss:' : 'ws:';
  return ["'self'", service.origin, `${wsProtocol}//${service.host}`];
}

/**
 * Hash of an empty <style>: the CSS-in-JS inside Web Chat creates empty style elements and fills them through
 * the CSSOM (insertRule, which CSP does not govern). Web Chat's own passes the nonce; the scroll container's
 * (react-scroll-to-bottom) does not, and is allowed by this hash. An empty style element can carry no CSS.
 */
const EMPTY_STYLE_HASH = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='";

/**
 * Web Chat needs: its script from here, the styles it injects (nonce, empty-style hash), data: images for its
 * icons, and Direct Line. Nothing else loads; framing is limited to this site and EMBED_ORIGINS.
 */
export function contentSecurityPolicy(config: AppConfig, nonce: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}' ${EMPTY_STYLE_HASH}`,
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ${connectSources(config).join(' ')}`,
    `frame-ancestors ${["'self'", ...config.embedOrigins].join(' ')}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

function sendStatic(req: Request, res: Response, file: StaticFile, cacheControl: string, extraHeaders: Record<string, string> = {}): void {
  const headers: Record<string, string> = { ...SECURITY_HEADERS, ...extraHeaders, 'Content-Type': file.type, 'Cache-Control': cacheControl, ETag: file.etag, Vary: 'Accept-Encoding' };
  if (req.header('if-none-match') === file.etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  const acceptsGzip = /\bgzip\b/.test(String(req.header('accept-encoding') ?? ''));
  const body = file.gzipped && acceptsGzip ? file.gzipped : file.body;
  if (body === file.gzipped) headers['Content-Encoding'] = 'gzip';
  headers['Content-Length'] = String(body.length);
  res.writeHead(200, headers);
  res.end(body);
}

export interface WebPageDeps {
  config: AppConfig;
}

export function registerWebPage(server: restify.Server, { config }: WebPageDeps): void {
  const root = findProjectRoot();
  const publicDir = path.join(root, 'public');
  const webChatDir = path.join(root, 'node_modules', 'botframework-webchat');
  const webChatVersion = String(JSON.parse(fs.readFileSync(path.join(webChatDir, 'package.json'), 'utf8')).version);
  const template = fs.readFileSync(path.join(publicDir, 'index.html'), 'utf8');
  const strings = { fr: pageStrings('fr'), en: pageStrings('en') };
  const script = staticFile(path.join(publicDir, 'chat.js'), 'text/javascript; charset=utf-8', true);
  const style = staticFile(path.join(publicDir, 'chat.css'), 'text/css; charset=utf-8', true);
  const embedSource = fs.readFileSync(path.join(publicDir, 'embed.js'), 'utf8');
  const embedTexts = { fr: { title: strings.fr.title, open: strings.fr.openChat, close: strings.fr.closeChat }, en: { title: strings.en.title, open: strings.en.openChat, close: strings.en.closeChat } };
  const embedFile: StaticFile = (() => {
    const body = Buffer.from(embedSource.replace('"{{texts}}"', inlineJson(embedTexts)));
    return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`, type: 'text/javascript; charset=utf-8' };
  })();
  // Read and compressed on first use: 4 MB that tests of other parts never need.
  let webChat: StaticFile | undefined;

  server.get('/', (_req, res, next) => {
    const nonce = randomBytes(16).toString('base64');
    const fr = strings.fr;
    const body = fill(template, {
      nonce,
      title: escapeHtml(fr.title),
      intro: escapeHtml(fr.intro),
      skipToChat: escapeHtml(fr.skipToChat),
      chatLabel: escapeHtml(fr.chatLabel),
      loading: escapeHtml(fr.loading),
      noscript: escapeHtml(fr.noscript),
      privacy: escapeHtml(fr.privacy),
      otherLanguage: escapeHtml(fr.otherLanguage),
      newConversation: escapeHtml(fr.newConversation),
      strings: inlineJson(strings),
      webChatVersion: encodeURIComponent(webChatVersion),
      assetVersion: encodeURIComponent(script.etag.slice(1, 9) + style.etag.slice(1, 9)),
    });
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': contentSecurityPolicy(config, nonce),
      'Cache-Control': 'no-store',
    });
    res.end(body);
    return next();
  });

  server.get('/chat.js', (req, res, next) => {
    sendStatic(req, res, script, 'public, max-age=300');
    return next();
  });

  server.get('/chat.css', (req, res, next) => {
    sendStatic(req, res, style, 'public, max-age=300');
    return next();
  });

  server.get('/embed.js', (req, res, next) => {
    sendStatic(req, res, embedFile, 'public, max-age=3600', { 'Cross-Origin-Resource-Policy': 'cross-origin' });
    return next();
  });

  // The URL carries the version (?v=), so a year of caching is safe.
  server.get('/vendor/webchat.js', (req, res, next) => {
    webChat ??= staticFile(path.join(webChatDir, 'dist', 'webchat.js'), 'text/javascript; charset=utf-8', true);
    sendStatic(req, res, webChat, 'public, max-age=31536000, immutable');
    return next();
  });
}
