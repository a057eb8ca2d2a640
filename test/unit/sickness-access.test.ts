/**
 * caseFor as a decision (issue 23): who gets which role on a sickness case, in every place,
 * from the case and the roles alone. The deps are what caseFor reads: the stored case (a
 * map here; test/integration/sickness-access.test.ts reads it from Azurite over HTTP) and
 * whether the case's leader is still a leader there.
 */
import { describe, expect, it } from 'vitest';
import type { Principal } from '../../src/core/access.js';
import { UserError } from '../../src/core/errors.js';
import type { Scope } from '../../src/core/types.js';
import { sicknessText as t } from '../../src/i18n/sickness.js';
import { caseFor, isLeaderOf, leaderWorkplaces, PRIVATE_VERB, requireActive, requireLeader, type CaseAccessDeps, type CaseRole } from '../../src/sickness/access.js';
import type { SicknessCase } from '../../src/sickness/model.js';
import { madsCase } from '../support/sickness-case.js';

const WP = 'solhoej';
const TODAY = '2026-11-25';
const who = (userId: string, roles: ('leder' | 'medarbejder' | 'TR' | 'AMR')[], workplaceId = WP): Principal => ({ userId, name: userId, memberships: [{ workplaceId, workplaceName: 'Solhøj', roles }], bootstrapLeader: false });
const lone = who('lone', ['leder']);
const lars = who('lars', ['leder']);
const mads = who('mads', ['medarbejder']);
const personal = { scope: 'personal' as Scope, conversationId: 'a:1' };
const ref = { workplaceId: WP, caseId: 'sf0000abcd' };

function deps(c: SicknessCase | undefined, leaders: string[] = ['lone', 'lars']): CaseAccessDeps {
  return { store: { get: async (workplaceId, caseId) => (c && workplaceId === c.workplaceId && caseId === c.id ? c : undefined) }, isLeader: async (_wp, id) => leaders.includes(id) };
}

async function role(c: SicknessCase | undefined, p: Principal, allowed: readonly CaseRole[], opts: { leaders?: string[]; point?: number; where?: typeof personal; today?: string } = {}): Promise<CaseRole | string> {
  try {
    const { as } = await caseFor(deps(c, opts.leaders), p, opts.where ?? personal, ref, { allowed, today: opts.today ?? TODAY, ...(opts.point !== undefined ? { point: opts.point } : {}) });
    return as;
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    expect((e as UserError).message).toBe(t.notFound);
    return (e as UserError).code;
  }
}

const ALL = ['leader', 'employee', 'contact'] as const;

describe('caseFor', () => {
  it('answers only in a personal chat, and a missing case like a forbidden one', async () => {
    for (const scope of ['channel', 'groupChat'] as const) expect(await role(madsCase(), lone, ALL, { where: { scope, conversationId: '19:x' } })).toBe('NOT_FOUND');
    expect(await role(undefined, lone, ALL)).toBe('NOT_FOUND');
    expect(await role(madsCase(), lone, ALL)).toBe('leader');
  });

  it('the employee is the employee on his own case, and nothing else', async () => {
    expect(await role(madsCase(), mads, ALL)).toBe('employee');
    expect(await role(madsCase(), mads, ['leader', 'contact'], { point: 1 })).toBe('NOT_FOUND');
  });

  it('a leader who is ill is the employee on her own case, even as its leader or with a handover', async () => {
    const own = madsCase({ employeeId: 'lone', leaderId: 'lone', contactHandovers: [{ point: 0, toId: 'lone', on: TODAY }] });
    expect(await role(own, lone, ALL, { point: 1 })).toBe('employee');
    expect(await role(own, lone, ['leader', 'contact'], { point: 1 })).toBe('NOT_FOUND');
    expect(await role(madsCase({ employeeId: 'lone', leaderId: 'lars' }), lone, ['leader'])).toBe('NOT_FOUND');
  });

  it("the case's leader follows it; another leader only while it is reported or when its leader is gone", async () => {
    expect(await role(madsCase(), lone, ['leader'])).toBe('leader');
    expect(await role(madsCase(), lone, ['leader'], { leaders: [] })).toBe('leader');
    expect(await role(madsCase(), lars, ['leader'])).toBe('NOT_FOUND');
    expect(await role(madsCase(), lars, ['leader'], { leaders: ['lars'] })).toBe('leader');
    expect(await role(madsCase({ status: 'meldt' }), lars, ['leader'])).toBe('leader');
    expect(await role(madsCase(), who('lone', ['leder'], 'andet'), ['leader'], { leaders: [] })).toBe('NOT_FOUND');
    expect(await role(madsCase(), lone, ['employee', 'contact'], { point: 1 })).toBe('NOT_FOUND');
  });

  it('a covering leader follows the case during the cover, not after', async () => {
    const covered = madsCase({ cover: { leaderId: 'lars', from: '2026-11-24', until: '2026-11-30' } });
    expect(await role(covered, lars, ['leader'])).toBe('leader');
    expect(await role(covered, lars, ['leader'], { today: '2026-12-01' })).toBe('NOT_FOUND');
  });

  it('a contact person acts on the contact handed to her, as a member of the workplace', async () => {
    const handed = madsCase({ contactHandovers: [{ point: 3, toId: 'tr', on: TODAY }] });
    const tr = who('tr', ['TR']);
    expect(await role(handed, tr, ['contact'], { point: 3 })).toBe('contact');
    expect(await role(handed, tr, ['contact'])).toBe('NOT_FOUND');
    expect(await role(handed, tr, ['contact'], { point: 10 })).toBe('NOT_FOUND');
    expect(await role(handed, tr, ['leader', 'employee'], { point: 3 })).toBe('NOT_FOUND');
    expect(await role(handed, who('tr', ['TR'], 'andet'), ['contact'], { point: 3 })).toBe('NOT_FOUND');
    expect(await role(madsCase({ ...handed, status: 'raskmeldt' }), tr, ['contact'], { point: 3 })).toBe('NOT_FOUND');
    // Member of two workplaces, one of them the case's: still the contact person.
    const both = { ...tr, memberships: [...tr.memberships, { workplaceId: 'andet', workplaceName: 'Andet', roles: ['TR' as const] }] };
    expect(await role(handed, both, ['contact'], { point: 3 })).toBe('contact');
    // Every contact handed over (point 0): still only with a point to act on.
    const all = madsCase({ contactHandovers: [{ point: 0, toId: 'tr', on: TODAY }] });
    expect(await role(all, tr, ['contact'], { point: 10 })).toBe('contact');
    expect(await role(all, tr, ['contact'])).toBe('NOT_FOUND');
  });
});

describe('the other sickness access rules', () => {
  it('changes need an active case', () => {
    expect(() => requireActive(madsCase())).not.toThrow();
    for (const status of ['meldt', 'raskmeldt'] as const) {
      const e = (() => { try { requireActive(madsCase({ status })); } catch (err) { return err; } return undefined; })();
      expect(e).toBeInstanceOf(UserError);
      expect(e).toMatchObject({ code: 'CONFLICT', message: t.notActive });
    }
  });

  it('a leader is a leader where she has the role', () => {
    expect(isLeaderOf(lone, WP)).toBe(true);
    expect(isLeaderOf(mads, WP)).toBe(false);
    expect(isLeaderOf(lone, 'andet')).toBe(false);
    expect(leaderWorkplaces({ ...lone, memberships: [...lone.memberships, ...mads.memberships.map((m) => ({ ...m, workplaceId: 'x' }))] }).map((m) => m.workplaceId)).toEqual([WP]);
    expect(() => requireLeader(lone, WP)).not.toThrow();
    expect(() => requireLeader(mads, WP)).toThrow(t.notLeader);
    expect(() => requireLeader(mads, WP)).toThrow(UserError);
    expect(() => requireLeader(mads, WP)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
  });

  it('every sickness verb works for members in the personal chat only', () => {
    expect(PRIVATE_VERB.scopes).toEqual(['personal']);
    expect(PRIVATE_VERB.allowed(mads, personal)).toBe(true);
    expect(PRIVATE_VERB.allowed({ ...mads, memberships: [] }, personal)).toBe(false);
  });
});
