import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import AdmZip from 'adm-zip';

/**
 * `npm run bundle` writes trio-bot.zip: what a server needs to run the bot, built once.
 * Unpack it (Azure App Service zip deploy does), run `npm ci --omit=dev` (App Service:
 * SCM_DO_BUILD_DURING_DEPLOYMENT=true) and `npm start`. No sources, tests or dev tools: with
 * no src/ folder, `npm start` runs dist/ as it is and `npm run build` has nothing to do.
 */

/** Paths relative to the repository root, in the zip under the same names. */
export const BUNDLE_PATHS = [
  'dist', // the compiled bot
  'cards', // Adaptive Card templates, read at run time
  'manifest', // the Teams app manifest and icons (npm run package needs a full install)
  'vendor', // packages the lock file points at (the spdy stand-in)
  'scripts/dist.mjs', // npm start / npm run build
  'package.json',
  'package-lock.json',
  'README.md',
] as const;

export interface BundleInfo {
  name: string;
  version: string;
  commit?: string;
  builtAt: string;
  node: string;
  files: number;
}

/** The zip as a Buffer, with bundle.json describing it. Throws when dist/ is not built. */
export function buildBundle(root: string, now = new Date()): { zip: Buffer; info: BundleInfo } {
  if (!existsSync(join(root, 'dist', 'main.js'))) throw new Error('dist/main.js is missing: run npm run build first (npm run bundle does)');
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string; engines?: { node?: string } };
  const zip = new AdmZip();
  let files = 0;
  for (const path of BUNDLE_PATHS) {
    for (const file of filesUnder(join(root, path))) {
      const name = relative(root, file).split(sep).join('/');
      if (name.endsWith('.DS_Store')) continue;
      zip.addFile(name, readFileSync(file), '', (statSync(file).mode & 0o777) << 16);
      files++;
    }
  }
  const commit = gitCommit(root);
  const info: BundleInfo = { name: pkg.name, version: pkg.version, ...(commit ? { commit } : {}), builtAt: now.toISOString(), node: pkg.engines?.node ?? '', files };
  zip.addFile('bundle.json', Buffer.from(`${JSON.stringify(info, null, 2)}\n`, 'utf8'));
  return { zip: zip.toBuffer(), info };
}

export function writeBundle(root: string, outFile: string): BundleInfo {
  const { zip, info } = buildBundle(root);
  writeFileSync(outFile, zip);
  return info;
}

function filesUnder(path: string): string[] {
  if (!existsSync(path)) throw new Error(`${path} is missing: the bundle needs it`);
  if (statSync(path).isFile()) return [path];
  return readdirSync(path, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(path, e.name)) : e.isFile() ? [join(path, e.name)] : []));
}

function gitCommit(root: string): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim() || undefined;
  } catch {
    return undefined;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const out = resolve(process.argv[2] ?? 'trio-bot.zip');
    const info = writeBundle(resolve('.'), out);
    const mb = (statSync(out).size / 1_048_576).toFixed(1);
    console.log(`Wrote ${out} (${info.files} files, ${mb} MB, ${info.name} ${info.version}${info.commit ? ` ${info.commit.slice(0, 7)}` : ''}).`);
    console.log('Deploy: unpack, npm ci --omit=dev, npm start (App Service zip deploy: set SCM_DO_BUILD_DURING_DEPLOYMENT=true). See README, "Deployment".');
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  }
}
