/** The Teams app package: the zip's files, the manifest filled from configuration, and the two icons. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import JSZip from 'jszip';
import { buildTeamsPackage, writeTeamsPackage, TeamsPackageError } from '../../scripts/teamsPackage';
import { colorIconPng, crc32, outlineIconPng, PNG_SIGNATURE } from '../../scripts/makeIcons';

const BOT_ID = '6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const APP_ID = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const ENV = { MicrosoftAppId: BOT_ID };

interface Png {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  /** RGBA, 4 bytes a pixel, whatever the colour type. */
  rgba: Uint8Array;
}

/** Reads a PNG: checks the signature and chunk CRCs, reads IHDR, inflates IDAT and undoes the filters. */
function decodePng(png: Buffer): Png {
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  let offset = 8;
  let ihdr: Buffer | undefined;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('ascii', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    expect(png.readUInt32BE(offset + 8 + length)).toBe(crc32(png.subarray(offset + 4, offset + 8 + length)));
    if (type === 'IHDR') ihdr = data;
    if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  if (!ihdr) throw new Error('no IHDR');
  const width = ihdr.readUInt32BE(0);
  const height = ihdr.readUInt32BE(4);
  const bitDepth = ihdr[8];
  const colorType = ihdr[9];
  expect(bitDepth).toBe(8);
  expect(ihdr[12]).toBe(0); // not interlaced
  const channels = ({ 2: 3, 6: 4 } as Record<number, number>)[colorType];
  if (!channels) throw new Error(`unexpected colour type ${colorType}`);
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  expect(raw.length).toBe((stride + 1) * height);
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y += 1) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x += 1) {
      const value = raw[y * (stride + 1) + 1 + x];
      const a = x >= channels ? out[y * stride + x - channels] : 0;
      const b = y > 0 ? out[(y - 1) * stride + x] : 0;
      const c = x >= channels && y > 0 ? out[(y - 1) * stride + x - channels] : 0;
      const paeth = () => {
        const p = a + b - c;
        const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      };
      const predictor = [0, a, b, (a + b) >> 1, paeth()][filter];
      out[y * stride + x] = (value + predictor) & 0xff;
    }
  }
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i += 1) {
    rgba.set(out.subarray(i * channels, i * channels + 3), i * 4);
    rgba[i * 4 + 3] = channels === 4 ? out[i * channels + 3] : 255;
  }
  return { width, height, bitDepth, colorType, rgba };
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
    for (let i = 0; i < icon.rgba.length; i += 4) {
      expect(icon.rgba[i + 3]).toBe(255);
      if (icon.rgba[i] !== icon.rgba[i + 1] || icon.rgba[i + 1] !== icon.rgba[i + 2]) coloured += 1;
    }
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

  test('the committed icons are the ones scripts/makeIcons.ts draws', () => {
    const teams = path.join(__dirname, '..', '..', 'teams');
    expect(readFileSync(path.join(teams, 'color.png')).equals(colorIconPng())).toBe(true);
    expect(readFileSync(path.join(teams, 'outline.png')).equals(outlineIconPng())).toBe(true);
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
