#!/usr/bin/env node
// Build once, start fast. Plain JavaScript on purpose: it runs before anything is compiled,
// and in a production install, where TypeScript is not installed.
//
//   node scripts/dist.mjs build   compile src/ into a clean dist/ and stamp it with the sources' hash
//                                 (nothing to do when dist/ is already current)
//   node scripts/dist.mjs start   run dist/main.js; build first only when dist/ is missing or stale
//   node scripts/dist.mjs state   print whether dist/ is current (JSON)
//
// "Current" means dist/.source-hash equals the hash of everything the output depends on
// (src/, tsconfig.json and package-lock.json, whose packages supply the types), so a
// checkout, a pull, an edit or a dependency update is noticed, and a mere touch is not.
// A bundle (npm run bundle) has dist/ but no src/: it is always current.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const STAMP = '.source-hash';

/** Hash of the files tsc compiles from, or undefined when there are no sources (a bundle). */
export function sourceHash(root) {
  const src = join(root, 'src');
  if (!existsSync(src)) return undefined;
  const files = [join(root, 'tsconfig.json'), join(root, 'package-lock.json'), ...walk(src)].filter((f) => existsSync(f)).sort();
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(relative(root, file).split(sep).join('/'));
    hash.update('\0');
    hash.update(readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}

function walk(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(path));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

/**
 * What `start` would do. `current`: dist/ matches the sources (or there are none).
 * `canBuild`: TypeScript is installed (not the case after `npm ci --omit=dev`).
 */
export function distState(root) {
  const main = join(root, 'dist', 'main.js');
  const hash = sourceHash(root);
  const built = existsSync(main);
  const stamp = existsSync(join(root, 'dist', STAMP)) ? readFileSync(join(root, 'dist', STAMP), 'utf8').trim() : undefined;
  const current = built && (hash === undefined || stamp === hash);
  return { root, built, bundle: hash === undefined, current, canBuild: tscPath(root) !== undefined, hash, stamp };
}

function tscPath(root) {
  try {
    return createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc');
  } catch {
    return undefined;
  }
}

/**
 * Builds unless dist/ is current. A clean build: files of deleted sources must not linger
 * in dist/. Throws on a compile error (and leaves no stamp, so the next start builds again).
 */
export function build(root) {
  const state = distState(root);
  if (state.bundle && !state.built) throw new Error('there is neither src/ nor dist/main.js here: nothing to build or run');
  if (state.current) return { built: false, bundle: state.bundle };
  const hash = state.hash;
  const tsc = tscPath(root);
  if (!tsc) {
    throw new Error(
      'dist/ is missing or older than src/, and TypeScript is not installed (a production install with --omit=dev). ' +
        'Build where the dev dependencies are installed (npm ci && npm run build), or deploy the zip from npm run bundle.',
    );
  }
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  const result = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.json')], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`tsc failed (exit ${result.status ?? result.signal})`);
  writeFileSync(join(root, 'dist', STAMP), `${hash}\n`);
  return { built: true, bundle: false };
}

async function cli(command, root) {
  switch (command) {
    case 'build': {
      const { built, bundle } = build(root);
      if (!built) process.stderr.write(bundle ? 'dist/ is prebuilt (a bundle without src/): nothing to build\n' : 'dist/ is current: nothing to build\n');
      return;
    }
    case 'state':
      process.stdout.write(`${JSON.stringify(distState(root))}\n`);
      return;
    case 'start': {
      const state = distState(root);
      if (!state.current) {
        process.stderr.write(state.built ? 'dist/ is older than src/: building first\n' : 'dist/ is missing: building first\n');
        build(root);
      }
      // In this process, so signals (SIGTERM from the platform, Ctrl+C) reach the bot directly.
      await import(pathToFileURL(join(root, 'dist', 'main.js')).href);
      return;
    }
    default:
      throw new Error(`usage: node scripts/dist.mjs build|start|state (got ${JSON.stringify(command)})`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const root = dirname(dirname(fileURLToPath(import.meta.url)));
  cli(process.argv[2], root).catch((err) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
