/**
 * Builds the Teams app package: dist/teams/cned-guide-teams.zip with manifest.json (from
 * teams/manifest.template.json), the English localization (teams/en.json) and the two icons at the zip root.
 * The icons are committed files: teams/color.png (192×192, full colour) and teams/outline.png (32×32, white on
 * transparent), as Teams asks; test/teams/teamsPackage.test.ts checks both with an independent PNG decoder.
 *
 * Configuration (environment, or .env in the working directory):
 * - MicrosoftAppId (required): the bot's Microsoft App ID (a GUID), written as bots[0].botId;
 * - TEAMS_APP_ID (optional): the Teams app's own id (a GUID); defaults to MicrosoftAppId;
 * - BOT_DOMAIN (optional): the bot's host name, added to validDomains;
 * - TEAMS_DEVELOPER_NAME, TEAMS_WEBSITE_URL, TEAMS_PRIVACY_URL, TEAMS_TERMS_URL (optional): developer info,
 *   https URLs; the defaults point at www.cned.fr and must be replaced by the publisher's own pages.
 *
 * Run: npm run teams:package
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { config as loadDotenv } from 'dotenv';
import { findProjectRoot } from '../src/shared';

export class TeamsPackageError extends Error {}

export type Env = Record<string, string | undefined>;

export interface TeamsPackageOptions {
  env?: Env;
  /** Folder with manifest.template.json, en.json, color.png and outline.png. */
  teamsDir?: string;
  /** The app version (semver); defaults to package.json's. */
  version?: string;
}

export const PACKAGE_FILE = path.join('dist', 'teams', 'cned-guide-teams.zip');
const LOCALIZATION_FILES = ['en.json'];
const ICON_FILES = ['color.png', 'outline.png'];

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SEMVER = /^\d+\.\d+\.\d+$/;

function read(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function guid(env: Env, name: string, value: string | undefined): string {
  if (!value) {
    throw new TeamsPackageError(
      `${name} is required to build the Teams package: set it to the bot's Microsoft App ID (Azure Bot resource → Configuration), in the environment or in .env.`,
    );
  }
  if (!GUID.test(value)) throw new TeamsPackageError(`${name} must be a GUID like 00000000-0000-0000-0000-000000000000 (got "${value}").`);
  return value.toLowerCase();
}

function httpsUrl(name: string, value: string): string {
  if (!/^https:\/\/[^\s/]+/.test(value)) throw new TeamsPackageError(`${name} must be an https URL (got "${value}").`);
  return value;
}

/** The values the template's {{PLACEHOLDERS}} take. */
export function manifestValues(env: Env, version: string): Record<string, string> {
  const botId = guid(env, 'MicrosoftAppId', read(env, 'MicrosoftAppId'));
  const appId = read(env, 'TEAMS_APP_ID') ? guid(env, 'TEAMS_APP_ID', read(env, 'TEAMS_APP_ID')) : botId;
  if (!SEMVER.test(version)) throw new TeamsPackageError(`The app version must be major.minor.patch (got "${version}").`);
  return {
    VERSION: version,
    TEAMS_APP_ID: appId,
    BOT_ID: botId,
    DEVELOPER_NAME: read(env, 'TEAMS_DEVELOPER_NAME') ?? 'Guide réclamations CNED',
    WEBSITE_URL: httpsUrl('TEAMS_WEBSITE_URL', read(env, 'TEAMS_WEBSITE_URL') ?? 'https://www.cned.fr'),
    PRIVACY_URL: httpsUrl('TEAMS_PRIVACY_URL', read(env, 'TEAMS_PRIVACY_URL') ?? 'https://www.cned.fr'),
    TERMS_URL: httpsUrl('TEAMS_TERMS_URL', read(env, 'TEAMS_TERMS_URL') ?? 'https://www.cned.fr'),
  };
}

/** Replaces {{NAME}} in every string of a JSON value (never in the raw text, so values cannot break the JSON). */
function substitute(value: unknown, values: Record<string, string>): unknown {
  if (typeof value === 'string') {
    return value.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => {
      if (!(name in values)) throw new TeamsPackageError(`Unknown placeholder ${whole} in the manifest template.`);
      return values[name];
    });
  }
  if (Array.isArray(value)) return value.map((item) => substitute(item, values));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substitute(item, values)]));
  }
  return value;
}

/** The manifest for this configuration: placeholders filled, the bot's domain added to validDomains. */
export function buildManifest(template: unknown, env: Env, version: string): Record<string, unknown> {
  const manifest = substitute(template, manifestValues(env, version)) as Record<string, unknown>;
  const domain = read(env, 'BOT_DOMAIN');
  if (domain) {
    if (!/^[a-z0-9.-]+$/i.test(domain)) throw new TeamsPackageError(`BOT_DOMAIN must be a host name such as guide.example.org (got "${domain}").`);
    const domains = (manifest.validDomains as string[] | undefined) ?? [];
    manifest.validDomains = domains.includes(domain) ? domains : [...domains, domain];
  }
  return manifest;
}

function packageVersion(root: string): string {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}

/** The zip, in memory: manifest.json, the localization files and the icons, all at the root. */
export async function buildTeamsPackage(options: TeamsPackageOptions = {}): Promise<Buffer> {
  const root = findProjectRoot();
  const teamsDir = options.teamsDir ?? path.join(root, 'teams');
  const template: unknown = JSON.parse(readFileSync(path.join(teamsDir, 'manifest.template.json'), 'utf8'));
  const manifest = buildManifest(template, options.env ?? process.env, options.version ?? packageVersion(root));
  const zip = new JSZip();
  // A fixed date keeps the archive identical from one build to the next.
  const date = new Date(Date.UTC(2020, 0, 1));
  zip.file('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`, { date });
  for (const file of [...LOCALIZATION_FILES, ...ICON_FILES]) zip.file(file, readFileSync(path.join(teamsDir, file)), { date });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

/** Writes the package and returns its path. */
export async function writeTeamsPackage(outFile: string = path.join(findProjectRoot(), PACKAGE_FILE), options: TeamsPackageOptions = {}): Promise<string> {
  const zip = await buildTeamsPackage(options);
  mkdirSync(path.dirname(outFile), { recursive: true });
  writeFileSync(outFile, zip);
  return outFile;
}

if (require.main === module) {
  loadDotenv();
  writeTeamsPackage()
    .then((file) => console.log(`wrote ${path.relative(process.cwd(), file)}`))
    .catch((error: unknown) => {
      console.error(error instanceof TeamsPackageError ? error.message : error);
      process.exitCode = 1;
    });
}
