import { UserError } from './errors.js';
import { normalizeText } from './registry.js';
import type { Role, Where } from './types.js';

export type Forum = 'trio' | 'med';

export interface Membership {
  workplaceId: string;
  workplaceName: string;
  roles: readonly Role[];
}

/**
 * Who is acting, resolved once per turn from storage: the user's memberships and,
 * in a registered channel, the workplace and forum (TRIO or MED) of that channel.
 */
export interface Principal {
  userId: string;
  name: string;
  memberships: readonly Membership[];
  channel?: { workplaceId: string; workplaceName: string; forum: Forum };
  /** Listed in BOOTSTRAP_LEADERS: may set up a first workplace. */
  bootstrapLeader: boolean;
}

/** Decides whether a principal may use a command or verb at a place. */
export type AccessRule = (p: Principal, where: Where) => boolean;

export function rolesIn(p: Principal, workplaceId: string): readonly Role[] {
  return p.memberships.find((m) => m.workplaceId === workplaceId)?.roles ?? [];
}

/** Workplaces in which the principal holds any of the roles. */
export function workplacesWithRole(p: Principal, ...roles: Role[]): Membership[] {
  return p.memberships.filter((m) => m.roles.some((r) => roles.includes(r)));
}

export const access = {
  anyone: ((): boolean => true) as AccessRule,

  /** In a registered channel: anyone there. Elsewhere: any workplace member. */
  member: ((p, where) =>
    where.scope === 'channel' ? p.channel !== undefined : p.memberships.length > 0) as AccessRule,

  /**
   * Holds one of the roles: in a registered channel, in that channel's workplace;
   * elsewhere, in any workplace.
   */
  role:
    (...roles: Role[]): AccessRule =>
    (p, where) => {
      if (where.scope === 'channel' && p.channel) {
        return rolesIn(p, p.channel.workplaceId).some((r) => roles.includes(r));
      }
      return workplacesWithRole(p, ...roles).length > 0;
    },

  /** A leader anywhere, or a bootstrap leader (who may create the first workplace). */
  leaderOrBootstrap: ((p, where) =>
    p.bootstrapLeader || access.role('leder')(p, where)) as AccessRule,

  /** Only in a channel registered to a workplace (optionally a given forum). */
  inForum:
    (...forums: Forum[]): AccessRule =>
    (p) =>
      p.channel !== undefined && (forums.length === 0 || forums.includes(p.channel.forum)),

  all:
    (...rules: AccessRule[]): AccessRule =>
    (p, where) =>
      rules.every((r) => r(p, where)),

  any:
    (...rules: AccessRule[]): AccessRule =>
    (p, where) =>
      rules.some((r) => r(p, where)),
};

/** The Danish answers of `chooseLedWorkplace`, which name the command the user should write. */
export interface ChooseWorkplaceText {
  /** The name given is not one the principal leads. */
  unknown(arg: string): string;
  /** No name given and the principal leads several. */
  choose(names: string[]): string;
  /** The principal leads none. */
  none: string;
}

/**
 * The workplace a leader means in a personal chat: the only one they lead, or the one
 * named after the command (by name, in any case and spacing, or by id).
 */
export function chooseLedWorkplace(p: Principal, arg: string, text: ChooseWorkplaceText): Membership {
  const led = workplacesWithRole(p, 'leder');
  const wanted = arg.trim();
  if (wanted) {
    const hit = led.find((m) => normalizeText(m.workplaceName) === normalizeText(wanted) || m.workplaceId === wanted.toLowerCase());
    if (!hit) throw new UserError('NOT_FOUND', text.unknown(wanted));
    return hit;
  }
  if (led.length === 1) return led[0]!;
  if (led.length === 0) throw new UserError('FORBIDDEN', text.none);
  throw new UserError('INVALID_INPUT', text.choose(led.map((m) => m.workplaceName)));
}
