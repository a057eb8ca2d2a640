import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import AdmZip from 'adm-zip';
import { afterAll, describe, expect, it } from 'vitest';
import { ABOUT_PATHS, validatePackage } from '../../src/tools/package.js';
import { startTestApp } from '../support/app.js';

/** `npm run package` (node dist/tools/package.js) with nothing but the bot id, and the pages its links point at. */
const dir = mkdtempSync(join(tmpdir(), 'trio-package-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const manifestDir = resolve('manifest');
const BOT_ID = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';

function runPackage(env: Record<string, string>, out: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  // cwd is an empty folder: no .env of a developer can leak in.
  const child = spawn(process.execPath, [resolve('dist/tools/package.js'), '--manifest', manifestDir, '--out', out], { cwd: dir, env: { PATH: process.env.PATH ?? '', ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((r) => child.once('exit', (code) => r({ code, stdout, stderr })));
}

describe('npm run package', () => {
  it('writes a valid package from the bot id alone: no secret, no tenant, no storage', async () => {
    const out = join(dir, 'only-id.zip');
    const { code, stdout, stderr } = await runPackage({ MicrosoftAppId: BOT_ID }, out);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain(`bot ${BOT_ID}`);
    expect(stdout).toMatch(/Warning: the app's links are placeholders.*PUBLIC_BASE_URL/);
    const zip = new AdmZip(out);
    const manifest = JSON.parse(zip.readAsText('manifest.json')) as Record<string, any>;
    expect(manifest.id).toBe(BOT_ID);
    expect(manifest.bots[0].botId).toBe(BOT_ID);
    expect(manifest.localizationInfo.defaultLanguageTag).toBe('da-dk');
    expect(zip.readAsText('en-us.json')).toContain('speaks Danish');
    expect(await validatePackage(manifestDir, manifest)).toEqual([]);
  });

  it('uses the bot\'s own pages for the links when PUBLIC_BASE_URL is set, and .env is read', async () => {
    const out = join(dir, 'with-base.zip');
    writeFileSync(join(dir, '.env'), `MicrosoftAppId=${BOT_ID}\nPUBLIC_BASE_URL=https://trio.kommune.example\n`);
    try {
      const { code, stdout } = await runPackage({}, out);
      expect(code).toBe(0);
      expect(stdout).not.toContain('Warning');
      const manifest = JSON.parse(new AdmZip(out).readAsText('manifest.json')) as { developer: Record<string, string> };
      expect(manifest.developer.privacyUrl).toBe(`https://trio.kommune.example${ABOUT_PATHS.privacyUrl}`);
    } finally {
      rmSync(join(dir, '.env'));
    }
  });

  it('stops with the reason when the bot id is missing', async () => {
    const { code, stderr } = await runPackage({ MicrosoftAppPassword: 'secret' }, join(dir, 'none.zip'));
    expect(code).toBe(1);
    expect(stderr).toContain('MicrosoftAppId is empty');
  });

  it('the linked pages exist: the bot serves /om, /privatliv and /vilkaar in Danish', async () => {
    const t = await startTestApp();
    try {
      for (const [path, title] of [[ABOUT_PATHS.websiteUrl, 'Om TRIO-bot'], [ABOUT_PATHS.privacyUrl, 'Privatliv i TRIO-bot'], [ABOUT_PATHS.termsOfUseUrl, 'Vilkår for TRIO-bot']] as const) {
        const res = await fetch(`${t.url}${path}`);
        expect(res.status, path).toBe(200);
        expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
        expect(await res.text()).toContain(`<h1>${title}</h1>`);
      }
    } finally {
      await t.stop();
    }
  });
});
