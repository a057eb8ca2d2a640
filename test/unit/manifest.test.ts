import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
import AdmZip from 'adm-zip';
import { afterAll, describe, expect, it } from 'vitest';
import { buildAppPackage, packageSettings, renderManifest, validateManifest, validatePackage, writeAppPackage } from '../../src/tools/package.js';

const manifestDir = fileURLToPath(new URL('../../manifest/', import.meta.url));
const SAMPLE_ID = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
const PLACEHOLDER = '00000000-0000-0000-0000-000000000000';

type Json = Record<string, any>;
const readManifest = (): Json => JSON.parse(readFileSync(join(manifestDir, 'manifest.json'), 'utf8')) as Json;

const tmp = mkdtempSync(join(tmpdir(), 'trio-manifest-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('manifest/manifest.json', () => {
  it('matches its bundled Teams schema', async () => {
    const manifest = readManifest();
    expect(manifest.$schema).toBe(
      `https://developer.microsoft.com/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`,
    );
    expect(await validateManifest(manifest)).toEqual([]);
  });

  it('the validation can fail: a missing botId, an unknown scope, a bad id', async () => {
    const noBotId = readManifest();
    delete noBotId.bots[0].botId;
    expect((await validateManifest(noBotId)).join('\n')).toMatch(/botId/);

    const badScope = readManifest();
    badScope.bots[0].scopes.push('channel');
    expect(await validateManifest(badScope)).not.toEqual([]);

    const badId = { ...readManifest(), id: '${{BOT_ID}}' };
    expect((await validateManifest(badId)).join('\n')).toMatch(/\/id/);
  });

  it('never downloads a schema: an unbundled $schema is reported, not fetched', async () => {
    const other = { ...readManifest(), $schema: 'https://example.dk/schema.json' };
    expect((await validateManifest(other))[0]).toMatch(/\$schema must be/);
    const future = { ...readManifest(), $schema: 'https://developer.microsoft.com/json-schemas/teams/v9.99/MicrosoftTeams.schema.json' };
    expect((await validateManifest(future))[0]).toMatch(/not bundled/);
  });

  it('is Danish by default, with an English language file that matches its schema', async () => {
    const manifest = readManifest();
    expect(manifest.localizationInfo).toEqual({ defaultLanguageTag: 'da-dk', additionalLanguages: [{ languageTag: 'en-us', file: 'en-us.json' }] });
    expect(await validatePackage(manifestDir, manifest)).toEqual([]);
    const english = JSON.parse(readFileSync(join(manifestDir, 'en-us.json'), 'utf8')) as Json;
    expect(english['name.short']).toBe(manifest.name.short);
    expect(english['description.full']).toMatch(/speaks Danish/);
  });

  it('the language check can fail: a bad language file, a missing one, a language named twice', async () => {
    const dir = join(tmp, 'lang');
    cpSync(manifestDir, dir, { recursive: true });
    writeFileSync(join(dir, 'en-us.json'), JSON.stringify({ ...JSON.parse(readFileSync(join(manifestDir, 'en-us.json'), 'utf8')), 'name.short': 'x'.repeat(40) }));
    expect((await validatePackage(dir, readManifest())).join('\n')).toMatch(/en-us.json: .*name.short/);
    const missing = readManifest();
    missing.localizationInfo.additionalLanguages[0].file = 'fr-fr.json';
    expect((await validatePackage(manifestDir, missing)).join('\n')).toMatch(/cannot be read/);
    const twice = readManifest();
    twice.localizationInfo.additionalLanguages[0].languageTag = 'da-dk';
    expect((await validatePackage(manifestDir, twice)).join('\n')).toMatch(/names a language twice/);
  });

  it('declares private and shared channels (TRIO channels are usually private)', () => {
    expect([...readManifest().supportedChannelTypes].sort()).toEqual(['privateChannels', 'sharedChannels']);
  });

  it('keeps the placeholder ids and the bot settings', () => {
    const m = readManifest();
    expect(m.id).toBe(PLACEHOLDER);
    expect(m.bots[0].botId).toBe(PLACEHOLDER);
    expect(m.bots[0].scopes).toEqual(['personal', 'team', 'groupChat']);
    expect(m.bots[0].supportsFiles).toBe(false);
    expect(m.name.short).toBe('TRIO-bot');
  });

  it('has at most 10 unique, described commands per scope', () => {
    const lists = readManifest().bots[0].commandLists as Array<{ scopes: string[]; commands: Json[] }>;
    expect(lists.map((l) => l.scopes).flat().sort()).toEqual(['groupChat', 'personal', 'team']);
    for (const { commands } of lists) {
      expect(commands.length).toBeLessThanOrEqual(10);
      const titles = commands.map((c) => c.title as string);
      expect(new Set(titles).size).toBe(titles.length);
      for (const c of commands) expect(c.description).toBeTruthy();
    }
  });
});

describe('icons', () => {
  it('color.png is 192x192 and outline.png is 32x32', () => {
    expect(readPng('color.png')).toMatchObject({ width: 192, height: 192 });
    expect(readPng('outline.png')).toMatchObject({ width: 32, height: 32 });
  });

  it('outline.png is white on a transparent background', () => {
    const { width, height, rgba } = readPng('outline.png');
    const pixels = Array.from({ length: width * height }, (_, i) => rgba.subarray(i * 4, i * 4 + 4));
    expect(pixels[0]![3]).toBe(0); // the corner is see-through
    expect(pixels.filter((p) => p[3] === 0).length).toBeGreaterThan(width * height * 0.3);
    expect(pixels.filter((p) => p[3] === 255).length).toBeGreaterThan(width * height * 0.1);
    expect(pixels.filter((p) => p[3]! > 0 && (p[0] !== 255 || p[1] !== 255 || p[2] !== 255))).toEqual([]);
  });
});

describe('package settings: only the bot id is needed', () => {
  it('takes the bot id alone, and leaves the developer links to manifest.json', () => {
    const s = packageSettings({ MicrosoftAppId: SAMPLE_ID });
    expect(s).toEqual({ botId: SAMPLE_ID, developer: {}, unset: ['TEAMS_APP_WEBSITE_URL', 'TEAMS_APP_PRIVACY_URL', 'TEAMS_APP_TERMS_URL'] });
  });

  it('points the links at the pages the bot serves when PUBLIC_BASE_URL is set; explicit links win', () => {
    const s = packageSettings({ MicrosoftAppId: SAMPLE_ID, PUBLIC_BASE_URL: 'https://trio.aarhus.dk/', TEAMS_APP_PRIVACY_URL: 'https://aarhus.dk/privatlivspolitik', TEAMS_APP_DEVELOPER_NAME: 'Aarhus Kommune' });
    expect(s.developer).toEqual({
      name: 'Aarhus Kommune',
      websiteUrl: 'https://trio.aarhus.dk/om',
      privacyUrl: 'https://aarhus.dk/privatlivspolitik',
      termsOfUseUrl: 'https://trio.aarhus.dk/vilkaar',
    });
    expect(s.unset).toEqual([]);
    const m = renderManifest(manifestDir, s.botId, { developer: s.developer, version: '1.2.3' });
    expect(m.developer).toEqual(s.developer);
    expect(m.version).toBe('1.2.3');
  });

  it('ignores the rest of the configuration (no client secret needed) and names bad values', () => {
    expect(packageSettings({ MicrosoftAppId: SAMPLE_ID, MicrosoftAppType: 'Forkert', PORT: 'tre' }).botId).toBe(SAMPLE_ID);
    expect(() => packageSettings({})).toThrow(/MicrosoftAppId is empty/);
    expect(() => packageSettings({ MicrosoftAppId: 'bot' })).toThrow(/MicrosoftAppId must be .* a GUID/);
    expect(() => packageSettings({ MicrosoftAppId: SAMPLE_ID, TEAMS_APP_TERMS_URL: 'http://aarhus.dk/vilkaar' })).toThrow(/TEAMS_APP_TERMS_URL must start with https/);
    expect(() => packageSettings({ MicrosoftAppId: SAMPLE_ID, TEAMS_APP_DEVELOPER_NAME: 'x'.repeat(33) })).toThrow(/at most 32/);
  });
});

describe('buildAppPackage', () => {
  it('zips manifest.json with the bot id substituted and both icons at the root', () => {
    const zip = new AdmZip(buildAppPackage(manifestDir, SAMPLE_ID));
    expect(zip.getEntries().map((e) => e.entryName).sort()).toEqual(['color.png', 'en-us.json', 'manifest.json', 'outline.png']);
    const packed = JSON.parse(zip.readAsText('manifest.json')) as Json;
    expect(packed.id).toBe(SAMPLE_ID);
    expect(packed.bots[0].botId).toBe(SAMPLE_ID);
    expect(JSON.stringify(packed)).not.toContain(PLACEHOLDER);
    expect(zip.readFile('color.png')).toEqual(readFileSync(join(manifestDir, 'color.png')));
    expect(zip.readFile('outline.png')).toEqual(readFileSync(join(manifestDir, 'outline.png')));
  });

  it('refuses a bot id that is not a GUID', () => {
    expect(() => buildAppPackage(manifestDir, 'not-a-guid')).toThrow(/not a GUID/);
  });

  it('writes a valid package, and refuses to write an invalid one', async () => {
    const out = join(tmp, 'appPackage.zip');
    await writeAppPackage(manifestDir, SAMPLE_ID, out);
    const packed = JSON.parse(new AdmZip(out).readAsText('manifest.json')) as Json;
    expect(await validateManifest(packed)).toEqual([]);

    const brokenDir = join(tmp, 'broken');
    cpSync(manifestDir, brokenDir, { recursive: true });
    const broken = readManifest();
    broken.bots[0].scopes = ['everywhere'];
    writeFileSync(join(brokenDir, 'manifest.json'), JSON.stringify(broken));
    const brokenOut = join(tmp, 'broken.zip');
    await expect(writeAppPackage(brokenDir, SAMPLE_ID, brokenOut)).rejects.toThrow(/does not match its schema/);
    expect(existsSync(brokenOut)).toBe(false);
  });
});

/** Reads an 8-bit RGBA, non-interlaced PNG (what src/tools/icons.ts writes). */
function readPng(name: string): { width: number; height: number; rgba: Uint8Array } {
  const png = readFileSync(join(manifestDir, name));
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(png.toString('latin1', 12, 16)).toBe('IHDR');
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  expect([png[24], png[25], png[28]]).toEqual([8, 6, 0]); // 8-bit, RGBA (has alpha), not interlaced
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    if (png.toString('latin1', at + 4, at + 8) === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  return { width, height, rgba: unfilter(inflateSync(Buffer.concat(idat)), width, height) };
}

/** Undoes the PNG row filters (0-4) for 4 bytes per pixel. */
function unfilter(raw: Buffer, width: number, height: number): Uint8Array {
  const stride = width * 4;
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x]!;
      const a = x >= 4 ? out[y * stride + x - 4]! : 0;
      const b = y > 0 ? out[(y - 1) * stride + x]! : 0;
      const c = x >= 4 && y > 0 ? out[(y - 1) * stride + x - 4]! : 0;
      const p = a + b - c;
      const pred = [0, a, b, (a + b) >> 1, Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c][filter];
      out[y * stride + x] = (v + pred!) & 0xff;
    }
  }
  return out;
}
