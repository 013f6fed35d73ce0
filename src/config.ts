/** Reads and validates the configuration from the environment (and `.env` in the working directory). */
import { randomBytes } from 'node:crypto';

export class ConfigError extends Error {}

export type StorageConfig =
  | { kind: 'memory' }
  | { kind: 'blob'; connectionString: string; container: string }
  | { kind: 'cosmos'; endpoint: string; key: string; database: string; container: string };

export interface AppConfig {
  port: number;
  /** Keys read by ConfigurationBotFrameworkAuthentication; an empty app id turns authentication off. */
  botAuth: {
    MicrosoftAppType: string;
    MicrosoftAppId: string;
    MicrosoftAppPassword: string;
    MicrosoftAppTenantId: string;
  };
  authEnabled: boolean;
  storage: StorageConfig;
  stateTtlDays: number;
  directLineSecret: string | undefined;
  /** Direct Line service base URL (…/v3/directline) used to exchange the secret; regional endpoints differ. */
  directLineEndpoint: string;
  /** Chat tokens minted per client IP and window by POST /api/directline/token. */
  tokenRateLimit: { tokens: number; windowMs: number };
  /** Origins allowed to embed the chat page in an iframe (CSP frame-ancestors), besides this site. */
  embedOrigins: string[];
  /** Behind a reverse proxy: take the client IP and scheme from X-Forwarded-For / X-Forwarded-Proto. */
  trustProxy: boolean;
  logLevel: string;
  appInsightsConnectionString: string | undefined;
  rateLimit: { messages: number; windowMs: number };
  /** Salt for hashing conversation ids in logs. */
  logHashSalt: string;
  documents: DocumentsConfig;
}

export interface DocumentsConfig {
  /** AES-256-GCM key of the document links (DOCUMENT_LINK_KEY); random per process when unset. */
  linkKey: Buffer;
  /** False when the key was drawn at random: links then work only on this process, until it stops. */
  linkKeyFromConfig: boolean;
  linkTtlHours: number;
  /** Base of the links the bot gives (PUBLIC_BASE_URL), without a trailing slash. */
  publicBaseUrl: string;
}

type Env = Record<string, string | undefined>;

function readString(env: Env, name: string, fallback = ''): string {
  return (env[name] ?? fallback).trim();
}

function required(env: Env, name: string, why: string): string {
  const value = readString(env, name);
  if (!value) throw new ConfigError(`${name} is required ${why}.`);
  return value;
}

function positiveInt(env: Env, name: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const raw = readString(env, name);
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0 || value > max) {
    throw new ConfigError(`${name} must be a whole number between 1 and ${max} (got "${raw}").`);
  }
  return value;
}

/** An http(s) URL without a trailing slash. */
function readUrl(env: Env, name: string, fallback: string): string {
  const raw = readString(env, name, fallback);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be an http(s) URL (got "${raw}").`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ConfigError(`${name} must be an http(s) URL (got "${raw}").`);
  return raw.replace(/\/+$/, '');
}

/** A space- or comma-separated list of origins such as https://www.cned.fr. */
function readOrigins(env: Env, name: string): string[] {
  return readString(env, name)
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((raw) => {
      let url: URL | undefined;
      try {
        url = new URL(raw);
      } catch {
        url = undefined;
      }
      if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin !== raw.replace(/\/$/, '')) {
        throw new ConfigError(`${name} must list origins such as https://www.example.fr (got "${raw}").`);
      }
      return url.origin;
    });
}

let processLinkKey: Buffer | undefined;

/** 32 bytes written as 64 hex digits or in base64; unset: one random key for the whole process. */
function readLinkKey(env: Env): { linkKey: Buffer; linkKeyFromConfig: boolean } {
  const raw = readString(env, 'DOCUMENT_LINK_KEY');
  if (!raw) {
    processLinkKey ??= randomBytes(32);
    return { linkKey: processLinkKey, linkKeyFromConfig: false };
  }
  const key = /^[0-9a-fA-F]{64}$/.test(raw) ? Buffer.from(raw, 'hex') : /^[A-Za-z0-9+/_-]{43}=?$/.test(raw) ? Buffer.from(raw, 'base64') : undefined;
  if (!key || key.length !== 32) {
    throw new ConfigError('DOCUMENT_LINK_KEY must be 32 bytes, as 64 hex digits or base64 (e.g. `openssl rand -base64 32`).');
  }
  return { linkKey: key, linkKeyFromConfig: true };
}

function readStorage(env: Env): StorageConfig {
  const kind = readString(env, 'STATE_STORAGE', 'memory').toLowerCase();
  switch (kind) {
    case 'memory':
      return { kind: 'memory' };
    case 'blob':
      return {
        kind: 'blob',
        connectionString: required(env, 'BLOB_CONNECTION_STRING', 'when STATE_STORAGE=blob'),
        container: required(env, 'BLOB_CONTAINER', 'when STATE_STORAGE=blob'),
      };
    case 'cosmos':
      return {
        kind: 'cosmos',
        endpoint: required(env, 'COSMOS_ENDPOINT', 'when STATE_STORAGE=cosmos'),
        key: required(env, 'COSMOS_KEY', 'when STATE_STORAGE=cosmos'),
        database: required(env, 'COSMOS_DATABASE', 'when STATE_STORAGE=cosmos'),
        container: required(env, 'COSMOS_CONTAINER', 'when STATE_STORAGE=cosmos'),
      };
    default:
      throw new ConfigError(`STATE_STORAGE must be memory, blob or cosmos (got "${kind}").`);
  }
}

export function loadConfig(env: Env = process.env): AppConfig {
  const appId = readString(env, 'MicrosoftAppId');
  const appType = readString(env, 'MicrosoftAppType', 'MultiTenant');
  if (!['MultiTenant', 'SingleTenant', 'UserAssignedMSI'].includes(appType)) {
    throw new ConfigError(`MicrosoftAppType must be MultiTenant, SingleTenant or UserAssignedMSI (got "${appType}").`);
  }
  if (appId && appType !== 'UserAssignedMSI') required(env, 'MicrosoftAppPassword', 'when MicrosoftAppId is set');
  if (appId && appType !== 'MultiTenant') required(env, 'MicrosoftAppTenantId', `when MicrosoftAppType=${appType}`);
  const port = positiveInt(env, 'PORT', 3978, 65535);
  return {
    port,
    botAuth: {
      MicrosoftAppType: appType,
      MicrosoftAppId: appId,
      MicrosoftAppPassword: readString(env, 'MicrosoftAppPassword'),
      MicrosoftAppTenantId: readString(env, 'MicrosoftAppTenantId'),
    },
    authEnabled: appId !== '',
    storage: readStorage(env),
    stateTtlDays: positiveInt(env, 'STATE_TTL_DAYS', 30, 3650),
    directLineSecret: readString(env, 'DIRECT_LINE_SECRET') || undefined,
    directLineEndpoint: readUrl(env, 'DIRECT_LINE_ENDPOINT', 'https://directline.botframework.com/v3/directline'),
    tokenRateLimit: {
      tokens: positiveInt(env, 'TOKEN_RATE_LIMIT', 10),
      windowMs: positiveInt(env, 'TOKEN_RATE_LIMIT_WINDOW_MS', 60_000),
    },
    embedOrigins: readOrigins(env, 'EMBED_ORIGINS'),
    trustProxy: readString(env, 'TRUST_PROXY') === 'true',
    logLevel: readString(env, 'LOG_LEVEL', 'info'),
    appInsightsConnectionString: readString(env, 'APPLICATIONINSIGHTS_CONNECTION_STRING') || undefined,
    rateLimit: {
      messages: positiveInt(env, 'RATE_LIMIT_MESSAGES', 20),
      windowMs: positiveInt(env, 'RATE_LIMIT_WINDOW_MS', 10_000),
    },
    logHashSalt: readString(env, 'LOG_HASH_SALT', 'cned-guide'),
    documents: {
      ...readLinkKey(env),
      linkTtlHours: positiveInt(env, 'DOCUMENT_LINK_TTL_HOURS', 24, 24 * 30),
      publicBaseUrl: readUrl(env, 'PUBLIC_BASE_URL', `http://localhost:${port}`),
    },
  };
}
