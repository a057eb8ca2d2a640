import { access, chooseLedWorkplace, rolesIn, type Membership, type Principal } from '../core/access.js';
import { UserError } from '../core/errors.js';
import { musText as t } from '../i18n/mus.js';
import type { Talk } from './model.js';

/**
 * Who may see what in MUS. Preparation notes, plans and invitations belong to the
 * employee and the workplace's leaders; everyone else (TR, AMR, colleagues) is refused,
 * whatever command or card data they send. Private content is only ever rendered in a
 * personal chat, never in a channel or group chat: the verbs declare scopes ['personal'].
 */

export const isLeaderOf = (p: Principal, workplaceId: string): boolean => rolesIn(p, workplaceId).includes('leder');

export const isParticipant = (p: Principal, talk: Talk): boolean => talk.participantIds.includes(p.userId);

export function requireLeaderOf(p: Principal, workplaceId: string): void {
  if (!isLeaderOf(p, workplaceId)) throw new UserError('FORBIDDEN', t.notLeader);
}

/** The employee of the talk, or a leader of its workplace. */
export function requireEmployeeOrLeader(p: Principal, talk: Talk, aadObjectId: string): void {
  const self = p.userId === aadObjectId && isParticipant(p, talk);
  if (!self && !isLeaderOf(p, talk.workplaceId)) throw new UserError('FORBIDDEN', t.notYours);
}

/** Only the participant themself (accepting, writing notes, asking for another time). */
export function requireParticipant(p: Principal, talk: Talk): void {
  if (!isParticipant(p, talk)) throw new UserError('FORBIDDEN', t.notYours);
}

/** The workplace a leader means in `planlæg MUS` and `MUS stamdata`. */
export function chooseLeaderWorkplace(p: Principal, arg: string): Membership {
  return chooseLedWorkplace(p, arg, { unknown: t.unknownWorkplace, choose: t.whichWorkplace, none: t.notLeader });
}

/** MED's frame for MUS is set in the MED channel by its members (leder, TR, AMR). */
export const MED_MEMBERS = access.all(access.inForum('med'), access.role('leder', 'TR', 'AMR'));

/** The card's workplace is the MED channel's own. */
export function requireMedOf(principal: Principal, workplaceId: string): void {
  if (principal.channel?.forum !== 'med' || principal.channel.workplaceId !== workplaceId) throw new UserError('FORBIDDEN', t.notLeader);
}

/** Where the private MUS verbs work (the personal chat), and what they answer elsewhere. */
export const PRIVATE_VERB = { scopes: ['personal'], wrongPlace: t.onlyPersonal } as const;
