import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import AdmZip from 'adm-zip';
import { z } from 'zod';
import { environmentWithDotEnv, type RawEnv } from '../config.js';

/**
 * Builds the Teams app package (appPackage.zip): manifest.json with the real bot id and
 * the developer's details, the language files it names, color.png and outline.png, all at
 * the zip root.
 *
 * `npm run package` needs only the bot id (MicrosoftAppId): it reads its own few settings,
 * not the bot's configuration, so no client secret is asked for. @microsoft/app-manifest is
 * a dev dependency, only imported inside `validate`: the bot runtime never loads it.
 */

export const ICONS = ['color.png', 'outline.png'] as const;

const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;

type Json = Record<string, unknown>;
type Manifest = Json & {
  bots?: Json[];
  developer?: Json;
  localizationInfo?: { defaultLanguageTag?: string; defaultLanguageFile?: string; additionalLanguages?: { languageTag: string; file: string }[] };
};

/** Who publishes the app in this organisation (Teams shows it in the app's details). */
export interface Developer {
  name?: string;
  websiteUrl?: string;
  privacyUrl?: string;
  termsOfUseUrl?: string;
}

export interface PackageSettings {
  botId: string;
  developer: Developer;
  /** Developer settings that could not be filled in: manifest.json's placeholder is used. */
  unset: string[];
}

const httpsUrl = (name: string) =>
  z
    .string()
    .url(`${name} must be a URL`)
    .refine((u) => /^https:\/\//i.test(u), `${name} must start with https://`)
    .optional();

const PackageEnv = z.object({
  MicrosoftAppId: z
    .string({ message: 'MicrosoftAppId is empty: set it (in .env or the environment) to the Azure Bot app (client) id' })
    .regex(GUID, "MicrosoftAppId must be the Azure Bot's app (client) id, a GUID"),
  TEAMS_APP_DEVELOPER_NAME: z.string().max(32, 'TEAMS_APP_DEVELOPER_NAME may be at most 32 characters').optional(),
  TEAMS_APP_WEBSITE_URL: httpsUrl('TEAMS_APP_WEBSITE_URL'),
  TEAMS_APP_PRIVACY_URL: httpsUrl('TEAMS_APP_PRIVACY_URL'),
  TEAMS_APP_TERMS_URL: httpsUrl('TEAMS_APP_TERMS_URL'),
  PUBLIC_BASE_URL: httpsUrl('PUBLIC_BASE_URL'),
});

/** Pages the bot serves itself (src/about): the default links when PUBLIC_BASE_URL is set. */
export const ABOUT_PATHS = { websiteUrl: '/om', privacyUrl: '/privatliv', termsOfUseUrl: '/vilkaar' } as const;

const DEVELOPER_VARS = {
  name: 'TEAMS_APP_DEVELOPER_NAME',
  websiteUrl: 'TEAMS_APP_WEBSITE_URL',
  privacyUrl: 'TEAMS_APP_PRIVACY_URL',
  termsOfUseUrl: 'TEAMS_APP_TERMS_URL',
} as const satisfies Record<keyof Developer, string>;

/** The package's settings from an environment. Pure; throws one message per bad variable. */
export function packageSettings(env: RawEnv): PackageSettings {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = PackageEnv.safeParse(cleaned);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join('\n'));
  const e = parsed.data;
  const developer: Developer = {};
  const unset: string[] = [];
  const base = e.PUBLIC_BASE_URL?.replace(/\/+$/, '');
  for (const [field, variable] of Object.entries(DEVELOPER_VARS) as [keyof Developer, string][]) {
    const value = e[variable as keyof typeof e] ?? (base && field !== 'name' ? `${base}${ABOUT_PATHS[field]}` : undefined);
    if (value) developer[field] = value;
    else if (field !== 'name') unset.push(variable);
  }
  return { botId: e.MicrosoftAppId, developer, unset };
}

/** Reads manifest.json from `manifestDir` and fills in the bot id, the developer and the package version. */
export function renderManifest(manifestDir: string, botId: string, options: { developer?: Developer; version?: string } = {}): Manifest {
  if (!GUID.test(botId)) {
    throw new Error(`The bot id "${botId}" is not a GUID: MicrosoftAppId must be the Azure Bot's app (client) id`);
  }
  const manifest = JSON.parse(readFileSync(join(manifestDir, 'manifest.json'), 'utf8')) as Manifest;
  const bot = manifest.bots?.[0];
  if (!bot) throw new Error(`${join(manifestDir, 'manifest.json')} has no bots[0] entry`);
  manifest.id = botId;
  bot.botId = botId;
  manifest.developer = { ...manifest.developer, ...options.developer };
  if (options.version) manifest.version = options.version;
  return manifest;
}

/** The language files the manifest names (localizationInfo), by file name. */
export function languageFiles(manifestDir: string, manifest: Manifest): Map<string, Json> {
  const info = manifest.localizationInfo;
  const names = [...(info?.defaultLanguageFile ? [info.defaultLanguageFile] : []), ...(info?.additionalLanguages ?? []).map((l) => l.file)];
  return new Map(names.map((name) => [name, JSON.parse(readFileSync(join(manifestDir, name), 'utf8')) as Json]));
}

/** The zip as a Buffer: manifest (ids and developer filled in), its language files and both icons at the root. */
export function buildAppPackage(manifestDir: string, botId: string, options: { developer?: Developer; version?: string } = {}): Buffer {
  const manifest = renderManifest(manifestDir, botId, options);
  const zip = new AdmZip();
  zip.addFile('manifest.json', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8'));
  for (const [name, json] of languageFiles(manifestDir, manifest)) zip.addFile(name, Buffer.from(`${JSON.stringify(json, null, 2)}\n`, 'utf8'));
  for (const icon of ICONS) zip.addFile(icon, readFileSync(join(manifestDir, icon)));
  return zip.toBuffer();
}

const SCHEMA_URL = /^https:\/\/developer\.microsoft\.com\/json-schemas\/(teams\/[^/]+\/[^/]+\.json)$/;

/**
 * Schema problems of a Teams manifest or language file (empty when valid). Always offline:
 * the schema named by `$schema` must be one bundled with @microsoft/app-manifest, which is
 * passed in explicitly so the library never falls back to downloading it.
 */
export async function validateManifest(manifest: object): Promise<string[]> {
  const schemaUrl = (manifest as { $schema?: unknown }).$schema;
  const m = typeof schemaUrl === 'string' ? SCHEMA_URL.exec(schemaUrl) : null;
  if (!m) return [`$schema must be a https://developer.microsoft.com/json-schemas/teams/vX.Y/MicrosoftTeams.schema.json URL, got ${JSON.stringify(schemaUrl)}`];
  const require = createRequire(import.meta.url);
  const libRoot = dirname(require.resolve('@microsoft/app-manifest/package.json'));
  let schema: unknown;
  try {
    // The bundled Localization schemas have patterns with an unescaped "]" after a \b,
    // which the validator's unicode regular expressions reject; escaping it keeps the meaning.
    schema = JSON.parse(readFileSync(join(libRoot, 'build', 'json-schemas', m[1]!), 'utf8').replaceAll('\\\\b]', '\\\\b\\\\]'));
  } catch {
    return [`schema ${m[1]} is not bundled with @microsoft/app-manifest (offline validation only)`];
  }
  const { AppManifestUtils } = await import('@microsoft/app-manifest');
  type Args = Parameters<typeof AppManifestUtils.validateAgainstSchema>;
  return AppManifestUtils.validateAgainstSchema(manifest as Args[0], schema as Args[1]);
}

/**
 * Everything Teams checks offline: the manifest against its schema, each language file
 * against the Localization schema of the same manifest version, and that the manifest's
 * language tags are consistent.
 */
export async function validatePackage(manifestDir: string, manifest: Manifest): Promise<string[]> {
  const problems = await validateManifest(manifest);
  const info = manifest.localizationInfo;
  const tags = [info?.defaultLanguageTag, ...(info?.additionalLanguages ?? []).map((l) => l.languageTag)].filter(Boolean);
  if (new Set(tags).size !== tags.length) problems.push(`localizationInfo names a language twice: ${tags.join(', ')}`);
  const expected = `https://developer.microsoft.com/json-schemas/teams/v${String(manifest.manifestVersion)}/MicrosoftTeams.Localization.schema.json`;
  let files: Map<string, Json>;
  try {
    files = languageFiles(manifestDir, manifest);
  } catch (e) {
    return [...problems, `a language file named in localizationInfo cannot be read: ${String(e)}`];
  }
  for (const [name, json] of files) {
    if (json.$schema !== expected) problems.push(`${name}: $schema must be ${expected}`);
    else problems.push(...(await validateManifest(json)).map((p) => `${name}: ${p}`));
  }
  return problems;
}

/** Renders, validates and writes the package; returns the written path. */
export async function writeAppPackage(manifestDir: string, botId: string, outFile: string, options: { developer?: Developer; version?: string } = {}): Promise<string> {
  const problems = await validatePackage(manifestDir, renderManifest(manifestDir, botId, options));
  if (problems.length) {
    throw new Error(`manifest.json does not match its schema, no package written:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  writeFileSync(outFile, buildAppPackage(manifestDir, botId, options));
  return outFile;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string', default: 'appPackage.zip' }, manifest: { type: 'string', default: 'manifest' } } });
  const settings = packageSettings(environmentWithDotEnv(process.env));
  const manifestDir = resolve(values.manifest);
  const pkg = join(manifestDir, '..', 'package.json');
  const version = existsSync(pkg) ? (JSON.parse(readFileSync(pkg, 'utf8')) as { version?: string }).version : undefined;
  const path = await writeAppPackage(manifestDir, settings.botId, resolve(values.out), { developer: settings.developer, ...(version ? { version } : {}) });
  console.log(`Wrote ${path} (bot ${settings.botId}${version ? `, version ${version}` : ''})`);
  if (settings.unset.length) {
    console.log(
      `Warning: the app's links are placeholders (https://trio-bot.invalid/...). Set PUBLIC_BASE_URL (the bot serves /om, /privatliv and /vilkaar) or ${settings.unset.join(', ')} (see README, "Teams app package").`,
    );
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  });
}
