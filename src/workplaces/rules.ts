/** Pure decisions of the setup: who leads the channel's workplace, and what a roles change leaves behind. */
import { rolesIn, type Principal } from '../core/access.js';
import { UserError } from '../core/errors.js';
import type { Role } from '../core/types.js';
import { setupText as t } from '../i18n/setup.js';
import { ROLES_PAGE_SIZE } from './model.js';

/** The channel's workplace when the principal is one of its leaders, or a refusal. */
export function ledChannel(principal: Principal): { workplaceId: string; workplaceName: string } {
  if (!principal.channel) throw new UserError('WRONG_PLACE', t.rolesNeedChannel);
  if (!rolesIn(principal, principal.channel.workplaceId).includes('leder')) {
    throw new UserError('FORBIDDEN', t.notLeaderOf(principal.channel.workplaceName));
  }
  return principal.channel;
}

/** The page that exists nearest to the one asked for, and how many there are. */
export function pageOf(count: number, asked: number): { page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(count / ROLES_PAGE_SIZE));
  return { page: Math.min(Math.max(1, asked), pages), pages };
}

/** The leaders a workplace would have after the changes: never none. */
export function leadersAfter(current: readonly { aadObjectId: string; roles: readonly Role[] }[], changes: readonly { aadObjectId: string; roles: readonly Role[] }[]): Set<string> {
  const leaders = new Set(current.filter((m) => m.roles.includes('leder')).map((m) => m.aadObjectId));
  for (const c of changes) {
    if (c.roles.includes('leder')) leaders.add(c.aadObjectId);
    else leaders.delete(c.aadObjectId);
  }
  return leaders;
}
