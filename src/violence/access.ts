/**
 * Who may see and change an episode: the employee it happened to and the leaders of the
 * workplace, in a personal chat. The AMR gets a reduced notice and nothing else; the
 * colleague who registered it, TR, other staff and channels get nothing.
 *
 * Every verb calls `episodeFor` with the ids from the card data and the principal of the
 * turn; the coarse rule on the verb is not enough, because card data can be forged.
 * "Not found" and "not yours" give the same answer, so a forged id reveals nothing.
 */
import { access, rolesIn, type AccessRule, type Principal } from '../core/access.js';
import { UserError } from '../core/errors.js';
import type { Scope, Where } from '../core/types.js';
import { violenceText as t } from '../i18n/violence.js';
import type { Episode } from './model.js';
import type { ViolenceStore } from './store.js';

export type EpisodeRole = 'leader' | 'employee';

/** Where every violence verb works and who may try it: a workplace member in a personal chat. */
export const PRIVATE_VERB = { scopes: ['personal'], allowed: access.member } as const satisfies { scopes: readonly Scope[]; allowed: AccessRule };

export const isLeaderOf = (p: Principal, workplaceId: string): boolean => rolesIn(p, workplaceId).includes('leder');

export interface EpisodeRef {
  workplaceId: string;
  episodeId: string;
}

/** The episode and the principal's role on it, or a refusal that reveals nothing. */
export async function episodeFor(store: ViolenceStore, p: Principal, where: Where, ref: EpisodeRef, allowed: readonly EpisodeRole[]): Promise<{ e: Episode; as: EpisodeRole }> {
  if (where.scope !== 'personal') throw new UserError('NOT_FOUND', t.notFound);
  const e = await store.get(ref.workplaceId, ref.episodeId);
  if (!e) throw new UserError('NOT_FOUND', t.notFound);
  const own = e.employeeId === p.userId;
  // A leader it happened to is the employee on their own episode: another leader follows up.
  if (allowed.includes('leader') && !own && isLeaderOf(p, e.workplaceId)) return { e, as: 'leader' };
  if (allowed.includes('employee') && own) return { e, as: 'employee' };
  throw new UserError('NOT_FOUND', t.notFound);
}
