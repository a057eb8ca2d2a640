import { access, rolesIn, type Forum, type Principal } from '../core/access.js';
import { UserError } from '../core/errors.js';
import { medyearText as t } from '../i18n/medyear.js';
import { CHANGER_ROLES, mayChange } from './rules.js';

/**
 * Where and who for the MED year: everything happens in the workplace's MED or TRIO
 * channel, and the workplace is always the channel's (card data never names one, so a
 * forged card cannot reach another workplace). Reading: anyone in the channel who is a
 * member of the workplace; changing: its leaders, TR and AMR.
 */
export const IN_FORUM = { scopes: ['channel'], allowed: access.inForum('med', 'trio') } as const;
export const IN_MED = { scopes: ['channel'], allowed: access.inForum('med') } as const;
export const CHANGER = { scopes: ['channel'], allowed: access.all(access.inForum('med', 'trio'), access.role(...CHANGER_ROLES)) } as const;

export interface Place {
  workplaceId: string;
  workplaceName: string;
  forum: Forum;
}

/** The channel's workplace, for a member of it. */
export function placeOf(p: Principal): Place {
  if (!p.channel) throw new UserError('WRONG_PLACE', t.needForum);
  if (rolesIn(p, p.channel.workplaceId).length === 0) throw new UserError('FORBIDDEN', t.notMember);
  return { workplaceId: p.channel.workplaceId, workplaceName: p.channel.workplaceName, forum: p.channel.forum };
}

/** The channel's workplace, for its leaders, TR and AMR. */
export function changerPlace(p: Principal): Place {
  const place = placeOf(p);
  if (!mayChange(p, place.workplaceId)) throw new UserError('FORBIDDEN', t.mayNotChange);
  return place;
}

export const actorOf = (p: Principal, fallbackName: string) => ({ id: p.userId, name: p.name || fallbackName });
