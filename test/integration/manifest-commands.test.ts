import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Scope } from '../../src/core/types.js';
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
