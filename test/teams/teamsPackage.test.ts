/** The Teams app package: the zip's files, the manifest filled from configuration, and the two icons. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { buildTeamsPackage, writeTeamsPackage, TeamsPackageError } from '../../scripts/teamsPackage';
import { PNG } from 'pngjs';

const BOT_ID = '6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const APP_ID = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const ENV = { MicrosoftAppId: BOT_ID };

interface Png {
  width: number;
  height: number;
  colorType: number;
  /** RGBA, 4 bytes a pixel, whatever the colour type. */
  rgba: Uint8Array;
}

/** Reads a PNG with pngjs (an independent decoder: it checks the signature and every chunk's CRC). */
function decodePng(png: Buffer): Png {
  const image = PNG.sync.read(png, { checkCRC: true });
  expect(image.depth).toBe(8);
  return { width: image.width, height: image.height, colorType: image.colorType, rgba: image.data };
}

async function unzip(zip: Buffer): Promise<JSZip> {
  return JSZip.loadAsync(zip);
}

interface Command {
  title: string;
  description: string;
}

/** The parts of the manifest the tests read. */
interface Manifest {
  $schema: string;
  manifestVersion: string;
  version: string;
  id: string;
  developer: Record<string, string>;
  name: { short: string; full: string };
  description: { short: string; full: string };
  icons: { color: string; outline: string };
  accentColor: string;
  localizationInfo: { defaultLanguageTag: string; additionalLanguages: { languageTag: string; file: string }[] };
  bots: { botId: string; scopes: string[]; commandLists: { scopes: string[]; commands: Command[] }[] }[];
  validDomains: string[];
}

async function manifestOf(zip: JSZip): Promise<Manifest> {
  const text = await zip.file('manifest.json')!.async('string');
  return JSON.parse(text) as Manifest;
}

/** The value at a localization key such as "bots[0].commandLists[0].commands[1].title". */
function valueAt(root: unknown, key: string): unknown {
  return key
    .split(/\.|\[(\d+)\]\.?/)
    .filter(Boolean)
    .reduce<unknown>((node, part) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined), root);
}

describe('the Teams package', () => {
  let zip: JSZip;
  beforeAll(async () => {
    zip = await unzip(await buildTeamsPackage({ env: ENV }));
  });

  test('holds manifest.json, the localization and the two icons at the root, nothing else', () => {
    expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'en.json', 'manifest.json', 'outline.png']);
  });

  test('the manifest is valid JSON with the required fields, schema 1.17 and the bot id substituted', async () => {
    const manifest = await manifestOf(zip);
    expect(manifest.$schema).toBe('https://developer.microsoft.com/en-us/json-schemas/teams/v1.17/MicrosoftTeams.schema.json');
    expect(manifest.manifestVersion).toBe('1.17');
    expect(manifest.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(manifest.id).toBe(BOT_ID);
    for (const field of ['name', 'websiteUrl', 'privacyUrl', 'termsOfUseUrl']) expect(manifest.developer[field]).toBeTruthy();
    for (const field of ['websiteUrl', 'privacyUrl', 'termsOfUseUrl']) expect(manifest.developer[field]).toMatch(/^https:\/\//);
    expect(manifest.name.short.length).toBeLessThanOrEqual(30);
    expect(manifest.name.full.length).toBeLessThanOrEqual(100);
    expect(manifest.description.short.length).toBeLessThanOrEqual(80);
    expect(manifest.description.full.length).toBeLessThanOrEqual(4000);
    expect(manifest.icons).toEqual({ color: 'color.png', outline: 'outline.png' });
    expect(manifest.accentColor).toMatch(/^#[0-9A-Fa-f]{6}$/);
    expect(manifest.bots).toHaveLength(1);
    const [bot] = manifest.bots;
    expect(bot.botId).toBe(BOT_ID);
    expect(bot.scopes).toEqual(['personal', 'groupChat']);
    expect(bot.commandLists[0].scopes).toEqual(['personal', 'groupChat']);
    expect(bot.commandLists[0].commands.length).toBeGreaterThan(0);
    expect(bot.commandLists[0].commands.length).toBeLessThanOrEqual(10);
    for (const command of bot.commandLists[0].commands) {
      expect(command.title.length).toBeLessThanOrEqual(32);
      expect(command.description.length).toBeLessThanOrEqual(128);
    }
    expect(Array.isArray(manifest.validDomains)).toBe(true);
    expect(JSON.stringify(manifest)).not.toContain('{{');
  });

  test('the English localization file is in the zip and only names fields the manifest has', async () => {
    const manifest = await manifestOf(zip);
    const [language] = manifest.localizationInfo.additionalLanguages;
    expect(manifest.localizationInfo.defaultLanguageTag).toBe('fr-fr');
    const localization = JSON.parse(await zip.file(language.file)!.async('string')) as Record<string, string>;
    for (const key of Object.keys(localization).filter((name) => name !== '$schema')) {
      expect({ key, exists: typeof valueAt(manifest, key) === 'string' }).toEqual({ key, exists: true });
    }
  });

  test('TEAMS_APP_ID and BOT_DOMAIN are used when set', async () => {
    const manifest = await manifestOf(await unzip(await buildTeamsPackage({ env: { ...ENV, TEAMS_APP_ID: APP_ID, BOT_DOMAIN: 'guide.example.org' } })));
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.bots[0].botId).toBe(BOT_ID);
    expect(manifest.validDomains).toContain('guide.example.org');
  });

  test.each<[string, Record<string, string>, RegExp]>([
    ['missing bot id', {}, /MicrosoftAppId is required/],
    ['empty bot id', { MicrosoftAppId: '  ' }, /MicrosoftAppId is required/],
    ['bot id not a GUID', { MicrosoftAppId: 'my-bot' }, /MicrosoftAppId must be a GUID/],
    ['app id not a GUID', { ...ENV, TEAMS_APP_ID: '123' }, /TEAMS_APP_ID must be a GUID/],
    ['privacy URL not https', { ...ENV, TEAMS_PRIVACY_URL: 'http://example.org' }, /TEAMS_PRIVACY_URL must be an https URL/],
  ])('fails clearly: %s', async (_name, env, message) => {
    await expect(buildTeamsPackage({ env })).rejects.toThrow(TeamsPackageError);
    await expect(buildTeamsPackage({ env })).rejects.toThrow(message);
  });

  test('the colour icon is a 192×192 full-colour PNG', async () => {
    const icon = decodePng(await zip.file('color.png')!.async('nodebuffer'));
    expect([icon.width, icon.height]).toEqual([192, 192]);
    let coloured = 0;
    let notOpaque = 0;
    for (let i = 0; i < icon.rgba.length; i += 4) {
      if (icon.rgba[i + 3] !== 255) notOpaque += 1;
      if (icon.rgba[i] !== icon.rgba[i + 1] || icon.rgba[i + 1] !== icon.rgba[i + 2]) coloured += 1;
    }
    expect(notOpaque).toBe(0);
    expect(coloured).toBeGreaterThan(192 * 192 * 0.5);
  });

  test('the outline icon is a 32×32 PNG, only white and transparent', async () => {
    const icon = decodePng(await zip.file('outline.png')!.async('nodebuffer'));
    expect([icon.width, icon.height]).toEqual([32, 32]);
    expect(icon.colorType).toBe(6);
    let white = 0;
    let transparent = 0;
    for (let i = 0; i < icon.rgba.length; i += 4) {
      const [r, g, b, a] = icon.rgba.subarray(i, i + 4);
      if (a === 0) transparent += 1;
      else {
        expect([r, g, b, a]).toEqual([255, 255, 255, 255]);
        white += 1;
      }
    }
    expect(white).toBeGreaterThan(50);
    expect(transparent).toBeGreaterThan(white);
  });

  test.each([
    ['color.png', 192, 255],
    ['outline.png', 32, 0],
  ])('the zip carries the committed teams/%s as it is (%p px, corner alpha %p)', async (file, size, cornerAlpha) => {
    const committed = readFileSync(path.join(__dirname, '..', '..', 'teams', file));
    expect((await zip.file(file)!.async('nodebuffer')).equals(committed)).toBe(true);
    const icon = decodePng(committed);
    expect([icon.width, icon.height, icon.rgba[3]]).toEqual([size, size, cornerAlpha]);
  });

  test('writeTeamsPackage writes the zip to the given path', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'teams-package-'));
    try {
      const file = await writeTeamsPackage(path.join(dir, 'dist', 'teams', 'cned-guide-teams.zip'), { env: ENV });
      const manifest = await manifestOf(await unzip(readFileSync(file)));
      expect(manifest.bots[0].botId).toBe(BOT_ID);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
