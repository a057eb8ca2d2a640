/**
 * The host config of the Microsoft 365 Agents Playground: how it (like Teams' light
 * theme) draws cards: colours per container style, fonts, spacing. Read from the pinned
 * Playground package (a dev dependency), so the card tests and the preview gallery draw
 * cards with the colours people see. Dev tooling only.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type HostConfigJson = {
  containerStyles: Record<string, { backgroundColor: string; foregroundColors: Record<string, { default: string; subtle: string }> }>;
} & Record<string, unknown>;

let cached: HostConfigJson | undefined;

export function teamsHostConfig(): HostConfigJson {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const dir = join(dirname(require.resolve('@microsoft/m365agentsplayground/package.json')), 'dist', 'client', 'static', 'js');
  const main = readdirSync(dir).find((f) => /^main\..*\.js$/.test(f));
  if (!main) throw new Error(`No main bundle in ${dir}`);
  const m = /=JSON\.parse\('(\{"choiceSetInputValueSeparator".*?)'\)/s.exec(readFileSync(join(dir, main), 'utf8'));
  if (!m?.[1]) throw new Error('Could not find the host config in the Agents Playground bundle');
  cached = JSON.parse(m[1].replace(/\\'/g, "'")) as HostConfigJson;
  return cached;
}
