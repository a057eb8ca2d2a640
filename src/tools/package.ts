import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import AdmZip from 'adm-zip';
import { ConfigError, environmentWithDotEnv, loadConfig } from '../config.js';

/**
 * Builds the Teams app package (appPackage.zip): manifest.json with the real bot id,
 * color.png and outline.png at the zip root.
 *
 * `npm run package` runs this file after a build. @microsoft/app-manifest is a dev
 * dependency, so it is only imported inside `validateManifest`: the bot runtime never
 * loads it.
 */

export const PACKAGE_FILES = ['manifest.json', 'color.png', 'outline.png'] as const;

const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;

type Manifest = Record<string, unknown> & { bots?: Array<Record<string, unknown>> };

/** Reads manifest.json from `manifestDir` and puts `botId` into `id` and `bots[0].botId`. */
export function renderManifest(manifestDir: string, botId: string): Manifest {
  if (!GUID.test(botId)) {
    throw new Error(`The bot id "${botId}" is not a GUID: MicrosoftAppId must be the Azure Bot's app (client) id`);
  }
  const manifest = JSON.parse(readFileSync(join(manifestDir, 'manifest.json'), 'utf8')) as Manifest;
  const bot = manifest.bots?.[0];
  if (!bot) throw new Error(`${join(manifestDir, 'manifest.json')} has no bots[0] entry`);
  manifest.id = botId;
  bot.botId = botId;
  return manifest;
}

/** The zip as a Buffer: manifest (ids substituted) and both icons at the root. Pure apart from reading `manifestDir`. */
export function buildAppPackage(manifestDir: string, botId: string): Buffer {
  const zip = new AdmZip();
  zip.addFile('manifest.json', Buffer.from(`${JSON.stringify(renderManifest(manifestDir, botId), null, 2)}\n`, 'utf8'));
  for (const icon of PACKAGE_FILES.slice(1)) zip.addFile(icon, readFileSync(join(manifestDir, icon)));
  return zip.toBuffer();
}

/**
 * Schema problems of a Teams manifest (empty when valid). Always offline: the schema named
 * by `$schema` must be one bundled with @microsoft/app-manifest, which is passed in
 * explicitly so the library never falls back to downloading it.
 */
export async function validateManifest(manifest: object): Promise<string[]> {
  const schemaUrl = (manifest as { $schema?: unknown }).$schema;
  const m = typeof schemaUrl === 'string' ? /^https:\/\/developer\.microsoft\.com\/json-schemas\/(teams\/[^/]+\/[^/]+\.json)$/.exec(schemaUrl) : null;
  if (!m) return [`$schema must be a https://developer.microsoft.com/json-schemas/teams/vX.Y/MicrosoftTeams.schema.json URL, got ${JSON.stringify(schemaUrl)}`];
  const require = createRequire(import.meta.url);
  const libRoot = dirname(require.resolve('@microsoft/app-manifest/package.json'));
  let schema: unknown;
  try {
    schema = JSON.parse(readFileSync(join(libRoot, 'build', 'json-schemas', m[1]!), 'utf8'));
  } catch {
    return [`schema ${m[1]} is not bundled with @microsoft/app-manifest (offline validation only)`];
  }
  const { AppManifestUtils } = await import('@microsoft/app-manifest');
  type Args = Parameters<typeof AppManifestUtils.validateAgainstSchema>;
  return AppManifestUtils.validateAgainstSchema(manifest as Args[0], schema as Args[1]);
}

/** Renders, validates and writes the package; returns the written path. */
export async function writeAppPackage(manifestDir: string, botId: string, outFile: string): Promise<string> {
  const problems = await validateManifest(renderManifest(manifestDir, botId));
  if (problems.length) {
    throw new Error(`manifest.json does not match its schema, no package written:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  writeFileSync(outFile, buildAppPackage(manifestDir, botId));
  return outFile;
}

async function main(): Promise<void> {
  const botId = loadConfig(environmentWithDotEnv(process.env)).bot.appId;
  if (!botId) {
    throw new Error(
      'MicrosoftAppId is empty: set it in .env or in the environment to the Azure Bot app (client) id, then run `npm run package` again',
    );
  }
  const path = await writeAppPackage(resolve('manifest'), botId, resolve('appPackage.zip'));
  console.log(`Wrote ${path}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    console.error(err instanceof ConfigError || err instanceof Error ? err.message : err);
    process.exitCode = 1;
  });
}
