import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { access, type Principal } from '../../src/core/access.js';
import { CommandRegistry, normalizeText, type CommandDef } from '../../src/core/registry.js';
import type { Where } from '../../src/core/types.js';
import { mountedApp } from '../support/app-mount.js';

const personal: Where = { scope: 'personal', conversationId: 'a:1' };
const channel: Where = { scope: 'channel', conversationId: '19:c@thread.tacv2' };

function principal(over: Partial<Principal> = {}): Principal {
  return { userId: 'u1', name: 'Lone', memberships: [], bootstrapLeader: false, ...over };
}

function cmd(id: string, name: string, aliases: string[], extra: Partial<CommandDef> = {}): CommandDef {
  return { id, name, aliases, description: id, scopes: ['personal', 'channel'], allowed: access.anyone, run: async () => {}, ...extra };
}

describe('CommandRegistry', () => {
  const registry = new CommandRegistry()
    .add(cmd('help', 'hjælp', ['help']))
    .add(cmd('actions.new', 'ny handling', ['new action']))
    .add(cmd('actions.show', 'handling', ['action']))
    .add(cmd('actions.open', 'åbne handlinger', ['open actions'], { allowed: access.member }))
    .add(cmd('setup', 'opsætning', ['setup'], { scopes: ['channel'], allowed: access.leaderOrBootstrap }));

  it('matches Danish names and English aliases, case-insensitively, with punctuation', () => {
    expect(registry.match('Hjælp!')?.command.id).toBe('help');
    expect(registry.match('HELP')?.command.id).toBe('help');
    expect(registry.match('open actions')?.command.id).toBe('actions.open');
  });

  it('prefers the longest name and passes the rest as arguments, case preserved', () => {
    expect(registry.match('ny handling')?.command.id).toBe('actions.new');
    const m = registry.match('handling H-12');
    expect(m?.command.id).toBe('actions.show');
    expect(m?.rest).toBe('H-12');
    expect(registry.match('opsætning trio Bostedet Solhøj')?.rest).toBe('trio Bostedet Solhøj');
  });

  it('needs a word boundary: "handlingerne" is not "handling"', () => {
    expect(registry.match('handlingerne')).toBeUndefined();
  });

  it('lets punctuation end a command name', () => {
    const m = registry.match('hjælp, tak');
    expect(m?.command.id).toBe('help');
    expect(m?.rest).toBe('tak');
  });

  it('strips Teams mentions and non-breaking spaces', () => {
    expect(normalizeText('<at>TRIO-bot</at>\u00a0åbne  handlinger')).toBe('åbne handlinger');
    expect(registry.match('<at>TRIO-bot</at> åbne handlinger')?.command.id).toBe('actions.open');
  });

  it('refuses a second command with a name that is taken', () => {
    expect(() => new CommandRegistry().add(cmd('a', 'hjælp', [])).add(cmd('b', 'x', ['Hjælp']))).toThrow(/used by both/);
  });

  it('lists only what the principal may use at this place', () => {
    const staff = principal({ memberships: [{ workplaceId: 'w', workplaceName: 'W', roles: ['medarbejder'] }] });
    const leader = principal({ memberships: [{ workplaceId: 'w', workplaceName: 'W', roles: ['leder'] }] });
    const ids = (p: Principal, w: Where) => registry.available(p, w).map((c) => c.id);
    expect(ids(principal(), personal)).toEqual(['help', 'actions.new', 'actions.show']);
    expect(ids(staff, personal)).toContain('actions.open');
    expect(ids(staff, channel)).not.toContain('setup');
    expect(ids({ ...leader, channel: { workplaceId: 'w', workplaceName: 'W', forum: 'trio' } }, channel)).toContain('setup');
  });

  it('suggests the closest commands for a typo', () => {
    const staff = principal({ memberships: [{ workplaceId: 'w', workplaceName: 'W', roles: ['medarbejder'] }] });
    expect(registry.suggest('åbne handlingr', staff, personal)[0]?.id).toBe('actions.open');
    expect(registry.suggest('hjlp', staff, personal)[0]?.id).toBe('help');
  });

  it('lets a command parse its arguments with zod', () => {
    const schema = z.string().regex(/^H-\d+$/i);
    expect(schema.safeParse(registry.match('handling H-12')?.rest).success).toBe(true);
    expect(schema.safeParse(registry.match('handling tolv')?.rest).success).toBe(false);
  });
});

describe('access rules', () => {
  const inTrio = (roles: Principal['memberships'][number]['roles']) =>
    principal({
      memberships: [{ workplaceId: 'w', workplaceName: 'W', roles }],
      channel: { workplaceId: 'w', workplaceName: 'W', forum: 'trio' },
    });

  it('checks roles in the channel workplace, not elsewhere', () => {
    const leaderElsewhere = principal({
      memberships: [
        { workplaceId: 'other', workplaceName: 'O', roles: ['leder'] },
        { workplaceId: 'w', workplaceName: 'W', roles: ['medarbejder'] },
      ],
      channel: { workplaceId: 'w', workplaceName: 'W', forum: 'trio' },
    });
    expect(access.role('leder')(leaderElsewhere, channel)).toBe(false);
    expect(access.role('leder')(leaderElsewhere, personal)).toBe(true);
    expect(access.role('leder', 'TR', 'AMR')(inTrio(['TR']), channel)).toBe(true);
    expect(access.role('leder', 'TR', 'AMR')(inTrio(['medarbejder']), channel)).toBe(false);
  });

  it('member: anyone in a registered channel, members elsewhere', () => {
    expect(access.member(principal({ channel: { workplaceId: 'w', workplaceName: 'W', forum: 'med' } }), channel)).toBe(true);
    expect(access.member(principal(), channel)).toBe(false);
    expect(access.member(principal(), personal)).toBe(false);
  });

  it('inForum restricts to TRIO or MED channels', () => {
    const p = inTrio(['leder']);
    expect(access.inForum('trio')(p, channel)).toBe(true);
    expect(access.inForum('med')(p, channel)).toBe(false);
  });
});

describe('suggestions with the app\'s own commands (issue 12)', () => {
  const { registry } = mountedApp();
  const lone = principal({ userId: 'lone', memberships: [{ workplaceId: 'w', workplaceName: 'W', roles: ['leder'] }] });
  const inTrio: Where = { scope: 'channel', conversationId: 'c', teamId: 't' };
  const trio = { ...lone, channel: { workplaceId: 'w', workplaceName: 'W', forum: 'trio' as const } };
  const first = (text: string, p: Principal, where: Where) => registry.suggest(text, p, where)[0]?.name;

  it('puts the closest match first: "åben handlinger" is "åbne handlinger", not "hjælp"', () => {
    expect(first('åben handlinger', trio, inTrio)).toBe('åbne handlinger');
    expect(first('åben handlinger', lone, personal)).toBe('åbne handlinger');
    expect(first('åbne handlingr', trio, inTrio)).toBe('åbne handlinger');
    expect(first('hjlp', lone, personal)).toBe('hjælp');
    expect(first('sygemeldng', lone, personal)).toBe('sygemelding');
  });

  it('never ranks a command by a name that is only punctuation', () => {
    expect(registry.suggest('xyz handlinger', trio, inTrio).map((c) => c.name)).not.toEqual(expect.arrayContaining(['hjælp']));
  });
});
