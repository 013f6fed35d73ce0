/**
 * Offline checks of storage settings, so a typo stops the start with a message that names the setting and the
 * problem, never the secret itself.
 */
import { ConfigError } from '../config';

/** `Key=Value;Key=Value` → a map; keys compared case-insensitively as Azure does. */
export function parseConnectionString(raw: string, setting: string): Map<string, string> {
  const parts = new Map<string, string>();
  const segments = raw.split(';').map((segment) => segment.trim()).filter(Boolean);
  if (segments.length === 0) throw new ConfigError(`${setting} is empty.`);
  segments.forEach((segment, index) => {
    const equals = segment.indexOf('=');
    if (equals <= 0) throw new ConfigError(`${setting} is not a connection string: part ${index + 1} is not of the form Name=Value.`);
    const name = segment.slice(0, equals).trim().toLowerCase();
    if (parts.has(name)) throw new ConfigError(`${setting} sets ${segment.slice(0, equals).trim()} twice.`);
    parts.set(name, segment.slice(equals + 1).trim());
  });
  return parts;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export function isBase64(value: string): boolean {
  return value.length > 0 && value.length % 4 === 0 && BASE64.test(value);
}

function httpUrl(value: string): URL | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Accepts `UseDevelopmentStorage=true`, account name + key (with a protocol, and a suffix or a blob endpoint),
 * or a SAS with a blob endpoint: the shapes @azure/storage-blob understands.
 */
export function validateBlobConnectionString(raw: string, setting = 'BLOB_CONNECTION_STRING'): void {
  const parts = parseConnectionString(raw, setting);
  if (parts.get('usedevelopmentstorage')?.toLowerCase() === 'true') return;
  const protocol = parts.get('defaultendpointsprotocol');
  if (protocol !== undefined && protocol !== 'https' && protocol !== 'http') {
    throw new ConfigError(`${setting}: DefaultEndpointsProtocol must be https or http.`);
  }
  const endpoint = parts.get('blobendpoint');
  if (endpoint !== undefined && !httpUrl(endpoint)) throw new ConfigError(`${setting}: BlobEndpoint must be an http(s) URL.`);
  const sas = parts.get('sharedaccesssignature');
  if (sas !== undefined) {
    if (!endpoint) throw new ConfigError(`${setting}: a SharedAccessSignature needs a BlobEndpoint.`);
    return;
  }
  const account = parts.get('accountname');
  const key = parts.get('accountkey');
  if (!account) throw new ConfigError(`${setting} has no AccountName (nor UseDevelopmentStorage=true or SharedAccessSignature).`);
  if (!/^[a-z0-9]{3,24}$/.test(account) && !endpoint) {
    throw new ConfigError(`${setting}: AccountName must be 3 to 24 lowercase letters or digits.`);
  }
  if (!key) throw new ConfigError(`${setting} has no AccountKey.`);
  if (!isBase64(key)) throw new ConfigError(`${setting}: AccountKey is not valid base64 (was it copied whole?).`);
  if (!endpoint && !protocol) throw new ConfigError(`${setting} needs DefaultEndpointsProtocol (or a BlobEndpoint).`);
}

/** Azure container names: 3–63 characters, lowercase letters, digits and single hyphens, not at either end. */
export function validateContainerName(name: string, setting = 'BLOB_CONTAINER'): void {
  if (!/^(?=.{3,63}$)[a-z0-9]+(?:-[a-z0-9]+)*$/.test(name)) {
    throw new ConfigError(`${setting} must be 3 to 63 lowercase letters, digits or single hyphens, starting and ending with a letter or digit (got "${name}").`);
  }
}

/** Cosmos DB: an https endpoint (http only for a local emulator), a base64 key, and usable ids. */
export function validateCosmosSettings(settings: { endpoint: string; key: string; database: string; container: string }): void {
  const url = httpUrl(settings.endpoint);
  if (!url) throw new ConfigError('COSMOS_ENDPOINT must be an https URL such as https://<account>.documents.azure.com:443/.');
  const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1';
  if (url.protocol !== 'https:' && !local) throw new ConfigError('COSMOS_ENDPOINT must use https (http is only accepted for a local emulator).');
  if (!isBase64(settings.key)) throw new ConfigError('COSMOS_KEY is not valid base64 (was it copied whole?).');
  for (const [setting, id] of [
    ['COSMOS_DATABASE', settings.database],
    ['COSMOS_CONTAINER', settings.container],
  ] as const) {
    if (id.length > 255 || /[/\\#?]/.test(id) || id !== id.trim()) {
      throw new ConfigError(`${setting} must be at most 255 characters without / \\ # ? or surrounding spaces (got "${id}").`);
    }
  }
}
