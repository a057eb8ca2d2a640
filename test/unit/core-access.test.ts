import { describe, expect, it } from 'vitest';
import { access, chooseLedWorkplace, rolesIn, workplacesWithRole, type Membership, type Principal } from '../../src/core/access.js';
import type { Where } from '../../src/core/types.js';

/**
 * The access rules every command and verb is declared with (src/core/access.ts), one by
 * one, for each place and each kind of person: in a channel only the channel's workplace
 * counts; elsewhere any workplace does.
 */

const SOLHOJ: Membership = { workplaceId: 'solhoj', workplaceName: 'Bostedet Solhøj', roles: ['leder', 'TR'] };
const FJORD: Membership = { workplaceId: 'fjord', workplaceName: 'Fjordhuset', roles: ['medarbejder'] };
const ENGEN: Membership = { workplaceId: 'engen', workplaceName: 'Engen', roles: ['leder'] };

const personal: Where = { scope: 'personal', conversationId: 'a:1' };
const channel: Where = { scope: 'channel', conversationId: '19:trio' };
const groupChat: Where = { scope: 'groupChat', conversationId: '19:group' };

function person(memberships: Membership[], extra: Partial<Principal> = {}): Principal {
  return { userId: 'u', name: 'U', memberships, bootstrapLeader: false, ...extra };
}
const inChannel = (p: Principal, workplaceId: string, forum: 'trio' | 'med' = 'trio'): Principal => ({
  ...p,
  channel: { workplaceId, workplaceName: workplaceId, forum },
});

const TEXT = { unknown: (arg: string) => `ukendt ${arg}`, choose: (names: string[]) => `vælg ${names.join('|')}`, none: 'ingen' };

describe('access rules', () => {
  it('rolesIn and workplacesWithRole read one workplace, or every workplace with any of the roles', () => {
    const p = person([SOLHOJ, FJORD]);
    expect(rolesIn(p, 'solhoj')).toEqual(['leder', 'TR']);
    expect(rolesIn(p, 'fjord')).toEqual(['medarbejder']);
    expect(rolesIn(p, 'engen')).toEqual([]);
    expect(workplacesWithRole(p, 'leder')).toEqual([SOLHOJ]);
    expect(workplacesWithRole(p, 'AMR', 'medarbejder')).toEqual([FJORD]);
    expect(workplacesWithRole(p, 'TR', 'medarbejder')).toEqual([SOLHOJ, FJORD]);
    expect(workplacesWithRole(p, 'AMR')).toEqual([]);
    expect(workplacesWithRole(p)).toEqual([]);
  });

  it('anyone: everybody everywhere, members of nothing too', () => {
    expect(access.anyone(person([]), personal)).toBe(true);
    expect(access.anyone(person([]), channel)).toBe(true);
  });

  it('member: in a channel, being in a registered channel; elsewhere, belonging to a workplace', () => {
    const stranger = person([]);
    const member = person([FJORD]);
    expect(access.member(member, personal)).toBe(true);
    expect(access.member(member, groupChat)).toBe(true);
    expect(access.member(stranger, personal)).toBe(false);
    expect(access.member(stranger, groupChat)).toBe(false);
    // A channel that is not registered lets nobody in; a registered one lets everyone there.
    expect(access.member(member, channel)).toBe(false);
    expect(access.member(inChannel(stranger, 'solhoj'), channel)).toBe(true);
    // Outside a channel, a registered channel on the principal does not stand in for a membership.
    expect(access.member(inChannel(stranger, 'solhoj'), personal)).toBe(false);
  });

  it("role: in a channel only the channel's workplace counts; elsewhere any workplace", () => {
    const p = person([SOLHOJ, FJORD]); // leder in Solhøj, medarbejder in Fjord
    const leder = access.role('leder');
    expect(leder(p, personal)).toBe(true);
    expect(leder(p, groupChat)).toBe(true);
    expect(leder(inChannel(p, 'solhoj'), channel)).toBe(true);
    expect(leder(inChannel(p, 'fjord'), channel)).toBe(false); // a leader elsewhere is not one here
    expect(leder(inChannel(p, 'engen'), channel)).toBe(false);
    expect(access.role('medarbejder')(inChannel(p, 'fjord'), channel)).toBe(true);
    expect(access.role('AMR', 'TR')(inChannel(p, 'solhoj'), channel)).toBe(true);
    expect(access.role('AMR', 'TR')(inChannel(p, 'fjord'), channel)).toBe(false);
    expect(access.role('AMR')(p, personal)).toBe(false);
    // In an unregistered channel the rule falls back to any workplace.
    expect(leder(p, channel)).toBe(true);
    expect(access.role('AMR')(p, channel)).toBe(false);
    // Outside a channel, a channel on the principal does not narrow anything.
    expect(leder(inChannel(p, 'fjord'), personal)).toBe(true);
  });

  it('leaderOrBootstrap: a leader, or a bootstrap leader who leads nothing yet', () => {
    expect(access.leaderOrBootstrap(person([ENGEN]), personal)).toBe(true);
    expect(access.leaderOrBootstrap(person([], { bootstrapLeader: true }), personal)).toBe(true);
    expect(access.leaderOrBootstrap(person([FJORD]), personal)).toBe(false);
    expect(access.leaderOrBootstrap(person([]), channel)).toBe(false);
  });

  it('inForum: only in a registered channel, of the given forums (any forum when none is given)', () => {
    const p = person([FJORD]);
    expect(access.inForum()(inChannel(p, 'fjord', 'med'), channel)).toBe(true);
    expect(access.inForum()(p, channel)).toBe(false);
    expect(access.inForum('med')(inChannel(p, 'fjord', 'med'), channel)).toBe(true);
    expect(access.inForum('med')(inChannel(p, 'fjord', 'trio'), channel)).toBe(false);
    expect(access.inForum('trio', 'med')(inChannel(p, 'fjord', 'trio'), channel)).toBe(true);
    expect(access.inForum('trio')(p, personal)).toBe(false);
  });

  it('all and any combine rules', () => {
    const yes = () => true;
    const no = () => false;
    const p = person([]);
    expect(access.all(yes, yes)(p, personal)).toBe(true);
    expect(access.all(yes, no)(p, personal)).toBe(false);
    expect(access.all()(p, personal)).toBe(true);
    expect(access.any(no, yes)(p, personal)).toBe(true);
    expect(access.any(no, no)(p, personal)).toBe(false);
    expect(access.any()(p, personal)).toBe(false);
    const seen: Where[] = [];
    const spy = (_: Principal, where: Where) => (seen.push(where), true);
    access.all(spy)(p, channel);
    access.any(spy)(p, groupChat);
    expect(seen).toEqual([channel, groupChat]);
  });
});

describe('chooseLedWorkplace', () => {
  const expectError = (f: () => unknown, code: string, message: string) => {
    expect(f).toThrow(expect.objectContaining({ name: 'UserError', code, userMessage: message }));
  };

  it('takes the only workplace a leader leads, ignoring those where she is not leader', () => {
    expect(chooseLedWorkplace(person([SOLHOJ, FJORD]), '', TEXT)).toBe(SOLHOJ);
    expect(chooseLedWorkplace(person([SOLHOJ, FJORD]), '   ', TEXT)).toBe(SOLHOJ);
  });

  it('takes the named one (any case and spacing, or the id) and refuses a name she does not lead', () => {
    const p = person([SOLHOJ, FJORD, ENGEN]);
    expect(chooseLedWorkplace(p, '  bostedet   SOLHØJ ', TEXT)).toBe(SOLHOJ);
    expect(chooseLedWorkplace(p, 'Engen', TEXT)).toBe(ENGEN);
    expect(chooseLedWorkplace(p, 'ENGEN', TEXT)).toBe(ENGEN);
    expect(chooseLedWorkplace(p, 'solhoj', TEXT)).toBe(SOLHOJ);
    expect(chooseLedWorkplace(p, 'SOLHOJ', TEXT)).toBe(SOLHOJ);
    expectError(() => chooseLedWorkplace(p, 'Fjordhuset', TEXT), 'NOT_FOUND', 'ukendt Fjordhuset'); // not a leader there
    expectError(() => chooseLedWorkplace(p, ' Andet sted ', TEXT), 'NOT_FOUND', 'ukendt Andet sted');
  });

  it('asks which one when she leads several, and refuses someone who leads none', () => {
    expectError(() => chooseLedWorkplace(person([SOLHOJ, ENGEN]), '', TEXT), 'INVALID_INPUT', 'vælg Bostedet Solhøj|Engen');
    expectError(() => chooseLedWorkplace(person([FJORD]), '', TEXT), 'FORBIDDEN', 'ingen');
    expectError(() => chooseLedWorkplace(person([]), '', TEXT), 'FORBIDDEN', 'ingen');
  });
});
