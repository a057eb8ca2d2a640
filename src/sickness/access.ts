/**
 * Who may see and change a sickness case, always in a personal chat:
 * - the employee, on their own case (the employee's view, also when they are a leader:
 *   a leader who is ill is an employee on her own case, and another leader follows up);
 * - the case's leader (the employee's nearest leader, who opened or confirmed it), the
 *   leader covering for them during a holiday cover, any leader of the workplace while
 *   the case is only reported or when the case's leader is no longer a leader there;
 * - a TR, AMR or colleague the leader handed a contact to: that contact only, never the
 *   case's details.
 * Nobody else: not other leaders, TR, AMR, colleagues or channels.
 *
 * Every verb calls `caseFor` with the ids from the card data and the principal of the
 * turn; the coarse rule on the verb is not enough, because card data can be forged.
 * "Not found" and "not yours" give the same answer, so a forged id reveals nothing.
 */
import { access, rolesIn, workplacesWithRole, type AccessRule, type Membership, type Principal } from '../core/access.js';
import { UserError } from '../core/errors.js';
import type { Scope, Where } from '../core/types.js';
import { sicknessText as t } from '../i18n/sickness.js';
import type { LocalDate } from '../shared/calendar.js';
import type { CaseRef } from './inputs.js';
import type { SicknessCase } from './model.js';
import { isContactPerson, leaderMayFollow } from './rules.js';
import type { SicknessStore } from './store.js';

export type CaseRole = 'leader' | 'employee' | 'contact';

/**
 * Where every sickness verb works and who may try it: a workplace member in a personal
 * chat. Anywhere else the answer is the plain "no access" (the default `wrongPlace`),
 * which says nothing about the case. The case itself is checked by `caseFor`.
 */
export const PRIVATE_VERB = { scopes: ['personal'], allowed: access.member } as const satisfies { scopes: readonly Scope[]; allowed: AccessRule };

export function isLeaderOf(p: Principal, workplaceId: string): boolean {
  return rolesIn(p, workplaceId).includes('leder');
}

/** What caseFor reads besides the principal: the case, and whether its leader is still a leader there. */
export interface CaseAccessDeps {
  store: Pick<SicknessStore, 'get'>;
  isLeader(workplaceId: string, aadObjectId: string): Promise<boolean>;
}

export interface CaseAsk {
  /** The roles the verb serves. */
  allowed: readonly CaseRole[];
  today: LocalDate;
  /** The contact a contact person acts on (only for 'contact'). */
  point?: number;
}

/** The case and the role the principal has on it, or a UserError that reveals nothing. */
export async function caseFor(deps: CaseAccessDeps, p: Principal, where: Where, ref: CaseRef, ask: CaseAsk): Promise<{ c: SicknessCase; as: CaseRole }> {
  if (where.scope !== 'personal') throw new UserError('NOT_FOUND', t.notFound);
  const c = await deps.store.get(ref.workplaceId, ref.caseId);
  if (!c) throw new UserError('NOT_FOUND', t.notFound);
  // An ill leader is an employee on her own case: never its leader.
  if (c.employeeId === p.userId) {
    if (ask.allowed.includes('employee')) return { c, as: 'employee' };
    throw new UserError('NOT_FOUND', t.notFound);
  }
  if (ask.allowed.includes('leader') && isLeaderOf(p, c.workplaceId)) {
    // Stryker disable next-line ConditionalExpression: equivalent, leaderMayFollow lets the case's own leader follow whatever \`present\` says (this only saves a read)
    const present = p.userId === c.leaderId || (await deps.isLeader(c.workplaceId, c.leaderId));
    if (leaderMayFollow(c, p.userId, ask.today, present)) return { c, as: 'leader' };
  }
  if (ask.allowed.includes('contact') && ask.point !== undefined && p.memberships.some((m) => m.workplaceId === c.workplaceId)) {
    if (isContactPerson(c, p.userId, ask.point, ask.today)) return { c, as: 'contact' };
  }
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
