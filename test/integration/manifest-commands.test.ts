import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Scope } from '../../src/core/types.js';
import { manifestCommandLists, TEAMS_MENU } from '../../src/menu.js';
import { offlineRegistry } from '../../src/tools/manifest.js';
import { startTestApp, type TestApp } from '../support/app.js';

/** The command menus Teams shows come from the manifest; each must be a real command there. */
const manifest = JSON.parse(readFileSync('manifest/manifest.json', 'utf8')) as {
  bots: { commandLists: { scopes: string[]; commands: { title: string; description: string }[] }[] }[];
};
const SCOPE: Record<string, Scope> = { personal: 'personal', team: 'channel', groupChat: 'groupChat' };

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.stop());

describe('manifest command lists match the command registry', () => {
  it('are generated from the registry: titles, descriptions, scopes and order (npm run manifest writes them)', () => {
    const expected = manifestCommandLists(t.app.registry);
    expect(manifest.bots[0]!.commandLists, 'manifest.json differs from the registry: run npm run manifest').toEqual(expected);
    // The tool mounts the same commands as the running app.
    expect(manifestCommandLists(offlineRegistry())).toEqual(expected);
  });

  it('refuses a menu that names no command, a command that does not work in the scope, or too many commands', () => {
    const registry = t.app.registry;
    expect(() => manifestCommandLists(registry, { ...TEAMS_MENU, team: [{ id: 'nothing.here' }] })).toThrow(/no command/);
    expect(() => manifestCommandLists(registry, { ...TEAMS_MENU, groupChat: [{ id: 'sickness.open' }] })).toThrow(/does not work there/);
    expect(() => manifestCommandLists(registry, { ...TEAMS_MENU, team: [{ id: 'setup.channel', title: 'roller' }] })).toThrow(/is not the command/);
    expect(() => manifestCommandLists(registry, { ...TEAMS_MENU, personal: Array.from({ length: 11 }, () => ({ id: 'core.help' })) })).toThrow(/at most 10/);
  });

  for (const list of manifest.bots[0]!.commandLists) {
    for (const scope of list.scopes) {
      for (const command of list.commands) {
        it(`${scope}: "${command.title}" is a command that works there`, () => {
          const match = t.app.registry.match(command.title);
          expect(match, `no command for "${command.title}"`).toBeDefined();
          expect(match!.command.scopes).toContain(SCOPE[scope]);
          expect(command.description.length).toBeLessThanOrEqual(128);
        });
      }
    }
  }
});
