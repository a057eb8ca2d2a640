/**
 * Who may see and change a sickness case: the leaders of the employee's workplace and
 * the employee, in a personal chat. Nobody else: not TR, AMR, colleagues or channels.
 *
 * Every verb calls `caseFor` with the ids from the card data and the principal of the
 * turn; the coarse rule on the verb is not enough, because card data can be forged.
 * "Not found" and "not yours" give the same answer, so a forged id reveals nothing.
 */
import { access, rolesIn, workplacesWithRole, type AccessRule, type Membership, type Principal } from '../core/access.js';
import { UserError } from '../core/errors.js';
import type { Scope, Where } from '../core/types.js';
import { sicknessText as t } from '../i18n/sickness.js';
import type { CaseRef } from './inputs.js';
import type { SicknessCase } from './model.js';
import type { SicknessStore } from './store.js';

export type CaseRole = 'leader' | 'employee';

/**
 * Where every sickness verb works and who may try it: a workplace member in a personal
 * chat. Anywhere else the answer is the plain "no access" (the default `wrongPlace`),
 * which says nothing about the case. The case itself is checked by `caseFor`.
 */
export const PRIVATE_VERB = { scopes: ['personal'], allowed: access.member } as const satisfies { scopes: readonly Scope[]; allowed: AccessRule };

export function isLeaderOf(p: Principal, workplaceId: string): boolean {
  return rolesIn(p, workplaceId).includes('leder');
}

/** The case and the role the principal has on it, or a UserError that reveals nothing. */
export async function caseFor(
  store: SicknessStore,
  p: Principal,
  where: Where,
  ref: CaseRef,
  allowed: readonly CaseRole[],
): Promise<{ c: SicknessCase; as: CaseRole }> {
  if (where.scope !== 'personal') throw new UserError('NOT_FOUND', t.notFound);
  const c = await store.get(ref.workplaceId, ref.caseId);
  if (!c) throw new UserError('NOT_FOUND', t.notFound);
  const own = c.employeeId === p.userId;
  // A leader who is ill is an employee on their own case: another leader follows up.
  if (allowed.includes('leader') && !own && isLeaderOf(p, c.workplaceId)) return { c, as: 'leader' };
  if (allowed.includes('employee') && own) return { c, as: 'employee' };
  throw new UserError('NOT_FOUND', t.notFound);
}

/** Changes need an active case: not one that is only reported, nor one that is closed. */
export function requireActive(c: SicknessCase): void {
  if (c.status !== 'aktiv') throw new UserError('CONFLICT', t.notActive);
}

export function leaderWorkplaces(p: Principal): Membership[] {
  return workplacesWithRole(p, 'leder');
}

/** The principal is the leader of the workplace, or a refusal. */
export function requireLeader(p: Principal, workplaceId: string): void {
  if (!isLeaderOf(p, workplaceId)) throw new UserError('FORBIDDEN', t.notLeader);
}
