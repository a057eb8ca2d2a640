import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { access, type Principal } from '../../src/core/access.js';
import { Dispatcher } from '../../src/core/dispatcher.js';
import { UserError } from '../../src/core/errors.js';
import { helpCommand } from '../../src/core/help.js';
import { createLogger } from '../../src/core/log.js';
import { CommandRegistry } from '../../src/core/registry.js';
import { VerbRouter } from '../../src/core/router.js';
import { fakeTurn, textOf } from '../support/fake-turn.js';

function setup(principal: Partial<Principal> = {}) {
  const logs: Record<string, unknown>[] = [];
  const log = createLogger(
    'debug',
    new Writable({
      write(c: Buffer, _e, done) {
        c.toString().split('\n').filter(Boolean).forEach((l) => logs.push(JSON.parse(l) as Record<string, unknown>));
        done();
      },
    }),
  );
  const stored: unknown[] = [];
  const registry = new CommandRegistry();
  const router = new VerbRouter();
  registry.add(helpCommand(registry));
  registry.add({
    id: 'test.leaderOnly',
    name: 'kun ledere',
    aliases: ['leaders only'],
    description: 'Noget kun ledere må.',
    scopes: ['personal'],
    allowed: access.role('leder'),
    run: async (turn) => void (await turn.reply({ text: 'ok' })),
  });
  registry.add({
    id: 'test.channelOnly',
    name: 'kanal ting',
    aliases: [],
    description: 'Kun i kanaler.',
    scopes: ['channel'],
    allowed: access.anyone,
    run: async () => {},
  });
  registry.add({
    id: 'test.args',
    name: 'handling',
    aliases: [],
    description: 'Viser en handling.',
    usage: 'handling H-<nummer>',
    scopes: ['personal'],
    allowed: access.anyone,
    args: z.string().regex(/^H-\d+$/i, 'Skriv fx handling H-12'),
    run: async (turn, _p, args) => void (await turn.reply({ text: `viser ${args}` })),
  });
  registry.add({
    id: 'test.boom',
    name: 'fejl',
    aliases: [],
    description: 'Går galt.',
    scopes: ['personal'],
    allowed: access.anyone,
    run: async () => {
      throw new Error('database on fire: secret details');
    },
  });
  registry.add({
    id: 'test.userError',
    name: 'brugerfejl',
    aliases: [],
    description: 'Forventet fejl.',
    scopes: ['personal'],
    allowed: access.anyone,
    run: async () => {
      throw new UserError('CONFLICT', 'Handlingen er allerede afsluttet.');
    },
  });
  router.add({
    verb: 'test.save',
    scopes: ['personal', 'channel', 'groupChat'],
    schema: z.object({ emne: z.string().trim().min(1), antal: z.coerce.number().int().min(1) }),
    labels: { emne: 'Emne', antal: 'Antal' },
    allowed: access.anyone,
    run: async (_t, _p, data) => {
      stored.push(data);
      return { card: { type: 'AdaptiveCard', body: [] } };
    },
    invalid: (raw, errors) => ({ type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: errors.join('; ') }], raw }),
  });
  router.add({
    verb: 'test.leaderVerb',
    scopes: ['personal', 'channel', 'groupChat'],
    schema: z.object({}),
    allowed: access.role('leder'),
    run: async () => {
      stored.push('leader verb ran');
      return {};
    },
  });
  const p: Principal = { userId: 'user-1', name: 'Lone', memberships: [], bootstrapLeader: false, ...principal };
  const dispatcher = new Dispatcher({ registry, router, log, resolvePrincipal: async () => p });
  return { dispatcher, logs, stored };
}

const staff = { memberships: [{ workplaceId: 'w', workplaceName: 'W', roles: ['medarbejder' as const] }] };
const leader = { memberships: [{ workplaceId: 'w', workplaceName: 'W', roles: ['leder' as const] }] };

describe('Dispatcher: text commands', () => {
  it('help lists only what this user may do here', async () => {
    const { dispatcher } = setup(staff);
    const turn = fakeTurn();
    await dispatcher.handleText(turn, 'hjælp');
    const text = textOf(turn.replies[0]);
    expect(text).toContain('handling H-<nummer>');
    expect(text).not.toContain('kun ledere');
    expect(text).not.toContain('kanal ting');
    const leaderTurn = fakeTurn();
    await setup(leader).dispatcher.handleText(leaderTurn, 'help');
    expect(textOf(leaderTurn.replies[0])).toContain('kun ledere');
    expect(textOf(leaderTurn.replies[0])).not.toContain('Du er ikke tilknyttet');
  });

  it('help tells someone without a workplace what to do next', async () => {
    const nobody = fakeTurn();
    await setup().dispatcher.handleText(nobody, 'hjælp');
    expect(textOf(nobody.replies[0])).toContain('Du er ikke tilknyttet et arbejdssted endnu');
    const bootstrap = fakeTurn();
    await setup({ bootstrapLeader: true }).dispatcher.handleText(bootstrap, 'hjælp');
    expect(textOf(bootstrap.replies[0])).toContain('Kom i gang');
  });

  it('answers unknown text with the closest commands, never silence', async () => {
    const { dispatcher } = setup();
    const turn = fakeTurn();
    await dispatcher.handleText(turn, 'hjlp mig');
    expect(turn.replies).toHaveLength(1);
    expect(turn.replies[0]?.text).toMatch(/Jeg forstod ikke "hjlp mig"\. Mente du \*\*hjælp\*\*/);
  });

  it('answers an empty message', async () => {
    const turn = fakeTurn();
    await setup().dispatcher.handleText(turn, '   ');
    expect(turn.replies[0]?.text).toContain('hjælp');
  });

  it('refuses politely when the role is missing, and runs it for a leader', async () => {
    const turn = fakeTurn();
    await setup(staff).dispatcher.handleText(turn, 'kun ledere');
    expect(turn.replies[0]?.text).toMatch(/ikke adgang/);
    const ok = fakeTurn();
    await setup(leader).dispatcher.handleText(ok, 'kun ledere');
    expect(ok.replies[0]?.text).toBe('ok');
  });

  it('says where a command works when used in the wrong place', async () => {
    const turn = fakeTurn();
    await setup().dispatcher.handleText(turn, 'kanal ting');
    expect(turn.replies[0]?.text).toBe('**kanal ting** virker kun i en kanal.');
  });

  it('validates arguments with the schema message', async () => {
    const turn = fakeTurn();
    const { dispatcher } = setup();
    await dispatcher.handleText(turn, 'handling tolv');
    expect(turn.replies[0]?.text).toBe('Ret venligst: Skriv fx handling H-12.');
    await dispatcher.handleText(turn, 'handling h-12');
    expect(turn.replies[1]?.text).toBe('viser h-12');
  });

  it('shows a user error as is, and a fault as an apology with a reference; details only in the log', async () => {
    const { dispatcher, logs } = setup();
    const turn = fakeTurn();
    await dispatcher.handleText(turn, 'brugerfejl');
    expect(turn.replies[0]?.text).toBe('Handlingen er allerede afsluttet.');
    await dispatcher.handleText(turn, 'fejl');
    const apology = textOf(turn.replies[1]);
    expect(apology).toContain('ref12345');
    expect(apology).not.toContain('database');
    const errorLog = logs.find((l) => l.msg === 'turn failed');
    expect(errorLog?.ref).toBe('ref12345');
    expect(JSON.stringify(errorLog)).toContain('database on fire');
  });
});

describe('Dispatcher: card actions', () => {
  it('validates data, re-renders the form with errors, and stores nothing', async () => {
    const { dispatcher, stored } = setup();
    const outcome = await dispatcher.handleAction(fakeTurn(), 'test.save', { emne: ' ', antal: 'x', verb: 'test.save' }, { source: 'execute' });
    expect(outcome.rejected).toBe(true);
    // The errors are on the re-rendered form, once; no message that would stay in the thread as well.
    expect(outcome.message).toBeUndefined();
    expect(JSON.stringify(outcome.card)).toContain('Emne: skal udfyldes; Antal: skal udfyldes');
    expect(JSON.stringify(outcome.card)).toContain('"emne":" "');
    expect(stored).toEqual([]);
  });

  it('runs a valid action with the transport keys removed', async () => {
    const { dispatcher, stored } = setup();
    const outcome = await dispatcher.handleAction(fakeTurn(), 'test.save', { verb: 'test.save', msteams: { x: 1 }, emne: 'Støj', antal: '2' }, { source: 'submit' });
    expect(outcome.rejected).toBeUndefined();
    expect(stored).toEqual([{ emne: 'Støj', antal: 2 }]);
  });

  it('refuses a verb the user may not use, and an unknown verb', async () => {
    const { dispatcher, stored } = setup(staff);
    expect((await dispatcher.handleAction(fakeTurn(), 'test.leaderVerb', {}, { source: 'execute' })).message?.text).toMatch(/ikke adgang/);
    expect((await dispatcher.handleAction(fakeTurn(), 'nope', {}, { source: 'execute' })).message?.text).toMatch(/virker ikke længere/);
    expect(stored).toEqual([]);
  });
});
