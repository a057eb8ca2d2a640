import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build, distState, sourceHash } from '../../scripts/dist.mjs';

/** `npm start` decides from scripts/dist.mjs whether dist/ can run as it is. */
const root = mkdtempSync(join(tmpdir(), 'trio-dist-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const write = (path: string, text: string) => {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), text);
};

describe('dist state', () => {
  it('is current only when dist/ was stamped with the hash of the present sources and lock file', () => {
    write('tsconfig.json', '{}');
    write('package-lock.json', '{"lockfileVersion":3}');
    write('src/main.ts', 'export const a = 1;\n');
    write('src/core/x.ts', 'export const x = 1;\n');
    expect(distState(root)).toMatchObject({ built: false, current: false, bundle: false });

    write('dist/main.js', 'export {};\n');
    expect(distState(root)).toMatchObject({ built: true, current: false }); // no stamp: built by something else
    write('dist/.source-hash', `${sourceHash(root)}\n`);
    expect(distState(root)).toMatchObject({ built: true, current: true });

    // A touch changes nothing; an edit, a new file or a dependency update does.
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(root, 'src/main.ts'), later, later);
    expect(distState(root).current).toBe(true);
    write('src/core/x.ts', 'export const x = 2;\n');
    expect(distState(root).current).toBe(false);
    write('src/core/x.ts', 'export const x = 1;\n');
    expect(distState(root).current).toBe(true);
    write('src/core/y.ts', 'export const y = 1;\n');
    expect(distState(root).current).toBe(false);
    rmSync(join(root, 'src/core/y.ts'));
    write('package-lock.json', '{"lockfileVersion":3,"packages":{}}');
    expect(distState(root).current).toBe(false);
  });

  it('cannot build without TypeScript (a production install) and says what to do instead', () => {
    expect(distState(root).canBuild).toBe(false); // no node_modules anywhere above a temp folder
    expect(() => build(root)).toThrow(/TypeScript is not installed \(a production install with --omit=dev\).*npm run bundle/);
  });

  it('treats an unpacked bundle (dist/ without src/) as current, and refuses an empty folder', () => {
    rmSync(join(root, 'src'), { recursive: true });
    expect(distState(root)).toMatchObject({ bundle: true, built: true, current: true });
    expect(build(root)).toEqual({ built: false, bundle: true });
    rmSync(join(root, 'dist'), { recursive: true });
    expect(() => build(root)).toThrow(/neither src\/ nor dist\/main.js/);
  });
});
