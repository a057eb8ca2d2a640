/**
 * The MUS access rules as functions of the principal (issue 23): who is a leader of which
 * workplace, who takes part in a talk, the MED channel's own workplace, and the refusals
 * with their codes and Danish texts. The HTTP tests (mus-access) prove the verbs use them.
 */
import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../src/core/access.js';
import { UserError } from '../../../src/core/errors.js';
import { musText as t } from '../../../src/i18n/mus.js';
import { chooseLeaderWorkplace, isLeaderOf, isParticipant, MED_MEMBERS, PRIVATE_VERB, requireEmployeeOrLeader, requireLeaderOf, requireMedOf, requireParticipant } from '../../../src/mus/access.js';
import type { Talk } from '../../../src/mus/model.js';

const person = (userId: string, memberships: Principal['memberships'], channel?: Principal['channel']): Principal => ({ userId, name: userId, memberships, bootstrapLeader: false, ...(channel ? { channel } : {}) });
const lone = person('lone', [{ workplaceId: 'solhj', workplaceName: 'Solhjem', roles: ['leder'] }, { workplaceId: 'birk', workplaceName: 'Birkely', roles: ['medarbejder'] }]);
const mads = person('mads', [{ workplaceId: 'solhj', workplaceName: 'Solhjem', roles: ['medarbejder'] }]);
const talk = { workplaceId: 'solhj', participantIds: ['mads', 'sofie'] } as Pick<Talk, 'workplaceId' | 'participantIds'> as Talk;

function refusal(f: () => unknown): { code: string; message: string } | undefined {
  try {
    f();
    return undefined;
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return { code: (e as UserError).code, message: (e as UserError).message };
  }
}

describe('MUS access', () => {
  it('a leader is a leader only where she holds the role', () => {
    expect(isLeaderOf(lone, 'solhj')).toBe(true);
    expect(isLeaderOf(lone, 'birk')).toBe(false);
    expect(isLeaderOf(mads, 'solhj')).toBe(false);
    expect(refusal(() => requireLeaderOf(lone, 'solhj'))).toBeUndefined();
    expect(refusal(() => requireLeaderOf(lone, 'birk'))).toEqual({ code: 'FORBIDDEN', message: t.notLeader });
  });

  it('only a participant of the talk is one, not its leader', () => {
    expect(isParticipant(mads, talk)).toBe(true);
    expect(isParticipant(lone, talk)).toBe(false);
    expect(refusal(() => requireParticipant(mads, talk))).toBeUndefined();
    expect(refusal(() => requireParticipant(lone, talk))).toEqual({ code: 'FORBIDDEN', message: t.notYours });
  });

  it("an employee's plan: the employee himself (a participant) or a leader of the workplace", () => {
    expect(refusal(() => requireEmployeeOrLeader(mads, talk, 'mads'))).toBeUndefined();
    expect(refusal(() => requireEmployeeOrLeader(lone, talk, 'mads'))).toBeUndefined();
    // Sofie took part (GRUS) but the plan is Mads's; Mads's own id on a talk he was not in is no plan of his.
    const sofie = person('sofie', mads.memberships);
    expect(refusal(() => requireEmployeeOrLeader(sofie, talk, 'mads'))).toEqual({ code: 'FORBIDDEN', message: t.notYours });
    const other = { ...talk, participantIds: ['sofie'] };
    expect(refusal(() => requireEmployeeOrLeader(mads, other, 'mads'))).toEqual({ code: 'FORBIDDEN', message: t.notYours });
  });

  it('MED cards belong to the MED channel of their own workplace', () => {
    const med = (workplaceId: string, forum: 'med' | 'trio') => person('tr', [{ workplaceId: 'solhj', workplaceName: 'Solhjem', roles: ['TR'] }], { workplaceId, workplaceName: 'Solhjem', forum });
    expect(refusal(() => requireMedOf(med('solhj', 'med'), 'solhj'))).toBeUndefined();
    expect(refusal(() => requireMedOf(med('solhj', 'trio'), 'solhj'))).toEqual({ code: 'FORBIDDEN', message: t.notLeader });
    expect(refusal(() => requireMedOf(med('birk', 'med'), 'solhj'))).toEqual({ code: 'FORBIDDEN', message: t.notLeader });
    expect(refusal(() => requireMedOf(mads, 'solhj'))).toEqual({ code: 'FORBIDDEN', message: t.notLeader });
    const channel = { scope: 'channel', conversationId: '19:med' } as const;
    expect(MED_MEMBERS(med('solhj', 'med'), channel)).toBe(true);
    expect(MED_MEMBERS(med('solhj', 'trio'), channel)).toBe(false);
    const employeeInMed = person('mads', mads.memberships, { workplaceId: 'solhj', workplaceName: 'Solhjem', forum: 'med' });
    expect(MED_MEMBERS(employeeInMed, channel)).toBe(false);
  });

  it('picks the workplace a leader means, or says why not in MUS words', () => {
    expect(chooseLeaderWorkplace(lone, '').workplaceId).toBe('solhj');
    expect(refusal(() => chooseLeaderWorkplace(lone, 'Birkely'))).toEqual({ code: 'NOT_FOUND', message: t.unknownWorkplace('Birkely') });
    expect(refusal(() => chooseLeaderWorkplace(mads, ''))).toEqual({ code: 'FORBIDDEN', message: t.notLeader });
    const two = person('lars', [{ workplaceId: 'a', workplaceName: 'A', roles: ['leder'] }, { workplaceId: 'b', workplaceName: 'B', roles: ['leder'] }]);
    expect(refusal(() => chooseLeaderWorkplace(two, ''))).toEqual({ code: 'INVALID_INPUT', message: t.whichWorkplace(['A', 'B']) });
  });

  it('private MUS verbs work in the personal chat only, and say so elsewhere', () => {
    expect(PRIVATE_VERB).toEqual({ scopes: ['personal'], wrongPlace: t.onlyPersonal });
  });
});
