/** Reads and validates the configuration from the environment (and `.env` in the working directory). */

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
  /** How many proxies in front of the server append to X-Forwarded-For (0: the header is ignored). */
  trustedProxies: number;
  /** Address to listen on; undefined: every interface with authentication on, the loopback with it off. */
  host: string | undefined;
  /** Explicit consent to serve an unauthenticated bot on a non-loopback address. */
  allowPublicWithoutAuth: boolean;
  /** Open TCP connections at most (server.maxConnections). */
  maxConnections: number;
  /** Bound on each request to Blob / Cosmos during a turn; past it the turn apologises. */
  storageTimeoutMs: number;
  /** Local Direct Line limits. */
  localDirectLine: { maxConversations: number; conversationsPerClient: number; maxMemoryBytes: number };
  logLevel: string;
  appInsightsConnectionString: string | undefined;
  rateLimit: { messages: number; windowMs: number };
  /** Salt for hashing conversation ids in logs. */
  logHashSalt: string;
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
  // Empty means the default (.env.example ships `DIRECT_LINE_ENDPOINT=`).
  const raw = readString(env, name) || fallback;
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

/** Whether a listen address only reaches this machine. */
export function isLoopbackHost(host: string): boolean {
  const plain = host.replace(/^\[|\]$/g, '').toLowerCase();
  return plain === 'localhost' || plain === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(plain) || /^::ffff:127\./.test(plain);
}

/** The address the server listens on (see AppConfig.host). */
export function listenHost(config: Pick<AppConfig, 'host' | 'authEnabled'>): string | undefined {
  return config.host ?? (config.authEnabled ? undefined : '127.0.0.1');
}

function readTrustedProxies(env: Env): number {
  const raw = readString(env, 'TRUSTED_PROXIES');
  if (raw === '0') return 0;
  if (raw) return positiveInt(env, 'TRUSTED_PROXIES', 1, 10);
  return readString(env, 'TRUST_PROXY') === 'true' ? 1 : 0;
}

export function loadConfig(env: Env = process.env): AppConfig {
  const appId = readString(env, 'MicrosoftAppId');
  const appType = readString(env, 'MicrosoftAppType', 'MultiTenant');
  if (!['MultiTenant', 'SingleTenant', 'UserAssignedMSI'].includes(appType)) {
    throw new ConfigError(`MicrosoftAppType must be MultiTenant, SingleTenant or UserAssignedMSI (got "${appType}").`);
  }
  if (appId && appType !== 'UserAssignedMSI') required(env, 'MicrosoftAppPassword', 'when MicrosoftAppId is set');
  if (appId && appType !== 'MultiTenant') required(env, 'MicrosoftAppTenantId', `when MicrosoftAppType=${appType}`);
  const host = readString(env, 'HOST') || undefined;
  const allowPublicWithoutAuth = readString(env, 'ALLOW_PUBLIC_WITHOUT_AUTH') === 'true';
  if (host !== undefined && !appId && !isLoopbackHost(host) && !allowPublicWithoutAuth) {
    throw new ConfigError(
      `HOST=${host} with authentication off would serve an anonymous bot to the network: set MicrosoftAppId, ` +
        'or HOST=127.0.0.1, or ALLOW_PUBLIC_WITHOUT_AUTH=true if that is really wanted.',
    );
  }
  const trustedProxies = readTrustedProxies(env);
  return {
    port: positiveInt(env, 'PORT', 3978, 65535),
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
    trustProxy: trustedProxies > 0,
    trustedProxies,
    host,
    allowPublicWithoutAuth,
    maxConnections: positiveInt(env, 'MAX_CONNECTIONS', 2000, 1_000_000),
    storageTimeoutMs: positiveInt(env, 'STORAGE_TIMEOUT_MS', 8_000, 120_000),
    localDirectLine: {
      maxConversations: positiveInt(env, 'DIRECT_LINE_MAX_CONVERSATIONS', 1000, 1_000_000),
      conversationsPerClient: positiveInt(env, 'DIRECT_LINE_CONVERSATIONS_PER_CLIENT', 20, 1_000_000),
      maxMemoryBytes: positiveInt(env, 'DIRECT_LINE_MAX_MEMORY_MB', 32, 4096) * 1024 * 1024,
    },
    logLevel: readString(env, 'LOG_LEVEL', 'info'),
    appInsightsConnectionString: readString(env, 'APPLICATIONINSIGHTS_CONNECTION_STRING') || undefined,
    rateLimit: {
      messages: positiveInt(env, 'RATE_LIMIT_MESSAGES', 20),
      windowMs: positiveInt(env, 'RATE_LIMIT_WINDOW_MS', 10_000),
    },
    logHashSalt: readString(env, 'LOG_HASH_SALT', 'cned-guide'),
  };
}
