import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import type { TokenCredential } from '@azure/identity';
import { ClientSecretCredential, ManagedIdentityCredential } from '@azure/identity';
import { reachText } from '../../src/i18n/reach.js';
import { botCredential, GraphInstaller } from '../../src/reach/graph.js';
import { entraToken } from '../support/entra.js';
import { startGraphDouble, type GraphDouble } from '../support/graph-double.js';
import { GENERAL, solhoejTeam, startHttpBot, type HttpBot } from '../support/http-bot.js';

/**
 * Proactive installation through Microsoft Graph (GRAPH_INSTALL_TEAMS_APP_ID): a leader's
 * `installér bot` installs TRIO-bot for the people outside the team, against a Graph
 * double; Teams' installationUpdate for them (posted as Teams would) makes them reachable.
 */
const clock = new ManualClock('2026-12-02T09:00:00Z');
const people = solhoejTeam('lone', 'mads', 'nadia', 'sofie');
const TEAMS_APP_ID = '7f1c2a44-0b6e-4d3a-9a55-2c8e1d9b0f11';
let graph: GraphDouble;
let bot: HttpBot<keyof typeof people, 'trio'>;
const scopes: string[] = [];

beforeAll(async () => {
  graph = await startGraphDouble(Object.values(people).map((p) => p.aad));
  const credential: TokenCredential = {
    getToken: async (scope) => {
      scopes.push(String(scope));
      return { token: entraToken(String(scope).replace(/\/\.default$/, ''), { roles: ['TeamsAppInstallation.ReadWriteSelfForUser.All'] }), expiresOnTimestamp: Date.now() + 3_600_000 };
    },
  };
  bot = await startHttpBot({ clock, people, env: { GRAPH_INSTALL_TEAMS_APP_ID: TEAMS_APP_ID, GRAPH_BASE_URL: graph.url }, start: { graphCredential: credential } });
  // Nadia and Sofie are not in the team.
  bot.connector.configure({ members: { [GENERAL]: (['lone', 'mads'] as const).map((k) => ({ id: `29:${k}`, name: people[k].name, aadObjectId: people[k].aad })) } });
  await bot.say('lone', 'personal', 'hjælp');
});
afterAll(async () => {
  await bot?.stop();
  await graph?.close();
});

const text = (answer: { sent: { activity: Record<string, unknown> }[] }) => answer.sent.map((r) => String(r.activity.text ?? '')).join('\n');

describe('installér bot (Graph)', () => {
  it('status offers the installation for the people outside the team', async () => {
    const status = text(await bot.say('lone', 'personal', 'status'));
    expect(status).toContain(reachText.line(people.nadia.name, reachText.why.notInTeam));
    expect(status).toContain(reachText.canInstall);
  });

  it('installs the app for them through Graph, once, and they become reachable when Teams reports it', async () => {
    const answer = text(await bot.say('lone', 'personal', 'installér bot'));
    expect(answer).toContain(`Installeret for ${people.nadia.name}, ${people.sofie.name}`);
    expect(graph.installs.map((i) => i.userId).sort()).toEqual([people.nadia.aad, people.sofie.aad].sort());
    for (const i of graph.installs) expect(i.app).toBe(`${graph.url}/v1.0/appCatalogs/teamsApps/${TEAMS_APP_ID}`);
    expect(scopes.every((s) => s === `${graph.url}/.default`)).toBe(true);

    // Teams tells the bot about each installation in the person's personal scope.
    for (const who of ['nadia', 'sofie'] as const) await bot.post(bot.activity(who, 'personal', { type: 'installationUpdate', action: 'add' }));
    const status = text(await bot.say('lone', 'personal', 'status'));
    expect(status).toContain(reachText.header(4, 4));
    expect(status).not.toContain(reachText.why.notInTeam);

    // Again: Graph answers 409 (already installed) and nothing is installed twice.
    await bot.say('lone', 'personal', 'installér bot');
    expect(graph.installs).toHaveLength(2);
  });

  it('reports a failed installation instead of hiding it', async () => {
    graph.requiredRole = 'Something.Else';
    bot.connector.configure({ members: { [GENERAL]: [{ id: '29:lone', name: people.lone.name, aadObjectId: people.lone.aad }] } });
    const answer = text(await bot.say('lone', 'personal', 'installér bot'));
    expect(answer).toContain(`Kunne ikke installere for ${people.mads.name}`);
    expect(answer).toContain('TeamsAppInstallation.ReadWriteSelfForUser.All');
  });

  it('is for leaders only', async () => {
    const before = graph.installs.length;
    const answer = text(await bot.say('mads', 'personal', 'installér bot'));
    expect(answer).not.toContain('Installeret');
    expect(graph.installs).toHaveLength(before);
  });
});

describe('GraphInstaller and its credential', () => {
  const credential: TokenCredential = { getToken: async (scope) => ({ token: entraToken(String(scope).replace(/\/\.default$/, ''), { roles: [graph.requiredRole] }), expiresOnTimestamp: Date.now() + 60_000 }) };

  it('installs, answers "already installed" the second time, and reports unknown users', async () => {
    const installer = new GraphInstaller({ baseUrl: graph.url, teamsAppId: TEAMS_APP_ID, credential });
    graph.users.add('0c2b6c55-5b7b-4f5e-9d0e-3b1f2f6a7c01');
    expect(await installer.installFor('0c2b6c55-5b7b-4f5e-9d0e-3b1f2f6a7c01')).toEqual({ outcome: 'installed', status: 201 });
    expect(await installer.installFor('0c2b6c55-5b7b-4f5e-9d0e-3b1f2f6a7c01')).toMatchObject({ outcome: 'alreadyInstalled', status: 409 });
    expect(await installer.installFor('99999999-0000-0000-0000-000000000000')).toMatchObject({ outcome: 'failed', status: 404 });
    const unreachable = new GraphInstaller({ baseUrl: 'http://127.0.0.1:9', teamsAppId: TEAMS_APP_ID, credential, timeoutMs: 2_000 });
    expect((await unreachable.installFor('0c2b6c55-5b7b-4f5e-9d0e-3b1f2f6a7c01')).outcome).toBe('failed');
  });

  it("uses the bot's own identity: the managed identity, or the app registration's secret", async () => {
    const bot = { appId: '11111111-2222-3333-4444-555555555555', appPassword: '', tenantId: '99999999-8888-7777-6666-555555555555', localMode: false };
    expect(await botCredential({ ...bot, appType: 'UserAssignedMSI' })).toBeInstanceOf(ManagedIdentityCredential);
    expect(await botCredential({ ...bot, appType: 'SingleTenant', appPassword: 'secret' })).toBeInstanceOf(ClientSecretCredential);
    expect(await botCredential({ ...bot, appType: 'MultiTenant', appPassword: 'secret', tenantId: '' })).toBeUndefined();
    expect(await botCredential({ ...bot, appType: 'SingleTenant', localMode: true, appId: '' })).toBeUndefined();
  });
});
