/**
 * What the setup command and verbs share: registering a channel (the `opsætning`
 * command and the welcome card's buttons) and the roles card (the `roller` command,
 * its pages and its save). Access to the feature has been checked by the dispatcher;
 * the finer checks (leader of this workplace) are made here.
 */
import { rolesIn, type Forum, type Principal } from '../core/access.js';
import type { AppContext } from '../core/feature.js';
import { UserError } from '../core/errors.js';
import type { Once } from '../core/once.js';
import type { CardJson, OutMessage, Role, RosterMember, Turn, Where } from '../core/types.js';
import { setupText as t } from '../i18n/setup.js';
import { rolesCard, welcomeMessage, type WelcomeButton } from './cards.js';
import { rolesValue, ROLES_PAGE_SIZE, workplaceIdFromName, type RolesSave } from './model.js';
import { leadersAfter, pageOf } from './rules.js';

export type WorkplacesDeps = Pick<AppContext, 'workplaces' | 'events'>;

type Place = { workplaceId: string; workplaceName: string };

export class WorkplaceService {
  constructor(private readonly deps: WorkplacesDeps) {}

  /** The welcome for a conversation the bot was just added to: a registered channel is told what it is. */
  async welcome(where: Where, buttons: readonly WelcomeButton[] = []): Promise<OutMessage> {
    const registration = where.scope === 'channel' ? await this.deps.workplaces.channel(where.conversationId) : undefined;
    return welcomeMessage(where.scope, registration, '', where.scope === 'personal' ? buttons : []);
  }

  /**
   * Registers the current channel as a workplace's TRIO or MED channel; the Danish
   * confirmation, and whether anything changed (a second press of an old button changes
   * nothing). Every step is idempotent, and the event is written only by the registration
   * that made the change (or by a replay of it, under its one-time key).
   */
  async register(turn: Turn, principal: Principal, forum: Forum, name: string, once?: Once): Promise<{ text: string; changed: boolean }> {
    if (turn.where.scope !== 'channel' || !turn.where.teamId) throw new UserError('WRONG_PLACE', t.onlyInChannel);
    const { workplaces, events } = this.deps;
    const id = workplaceIdFromName(name);
    const registered = await workplaces.channel(turn.where.conversationId);
    // A replay goes on: the run it finishes may have linked the channel and died before its event.
    if (!once?.replay && registered && registered.workplaceId === id && registered.forum === forum) {
      return { text: t.alreadyRegistered(t.forumName[forum], registered.workplaceName), changed: false };
    }
    const existing = await workplaces.get(id);
    const isLeaderThere = existing ? rolesIn(principal, id).includes('leder') : false;
    // A bootstrap leader may create a workplace, or be the first leader of one that has
    // none; a workplace with leaders is theirs alone. The same holds for its channels.
    if (existing && !isLeaderThere && !(principal.bootstrapLeader && !(await this.hasLeaders(id)))) {
      throw new UserError('FORBIDDEN', t.notLeaderOf(existing.name));
    }
    const current = principal.channel;
    if (current && current.workplaceId !== id && !rolesIn(principal, current.workplaceId).includes('leder') && (await this.hasLeaders(current.workplaceId))) {
      throw new UserError('FORBIDDEN', t.notLeaderOf(current.workplaceName));
    }
    const workplaceName = existing?.name ?? name.trim();
    const created = existing ? false : await workplaces.create(id, workplaceName, principal.userId);
    // The creator leads the new workplace; a bootstrap leader of a workplace without leaders becomes its first.
    if (!isLeaderThere) {
      await workplaces.upsertMember({
        workplaceId: id,
        workplaceName,
        aadObjectId: turn.actor.aadObjectId,
        teamsUserId: turn.actor.teamsUserId,
        name: turn.actor.name,
        roles: ['leder'],
      });
    }
    const linked = await workplaces.linkChannel(id, forum, turn.where.conversationId, turn.where.teamId);
    // The channel's conversation reference was stored by the bot layer when this turn arrived.
    // The event belongs to the request that linked the channel: with several at once, the one
    // that created the workplace is not always the one that linked it, and two events would
    // say the same registration twice. `created` says the workplace was new to this request.
    if (linked || once?.replay) {
      await events.append({ workplaceId: id, actorId: principal.userId, type: 'setup.channelRegistered', subject: forum, data: { created: created || !existing, channel: turn.where.conversationId } }, once);
    }
    return { text: t.registered(t.forumName[forum], workplaceName, created), changed: true };
  }

  private async hasLeaders(workplaceId: string): Promise<boolean> {
    return (await this.deps.workplaces.membersWithRole(workplaceId, 'leder')).length > 0;
  }

  /** One page of the team's roster with everyone's roles at the workplace. */
  async rolesCard(turn: Turn, workplace: Place, asked: number): Promise<CardJson> {
    const roster = await rosterOf(turn);
    if (roster.length === 0) throw new UserError('NOT_FOUND', t.rolesNoRoster);
    const { page, pages } = pageOf(roster.length, asked);
    const known = new Map((await this.deps.workplaces.members(workplace.workplaceId)).map((m) => [m.aadObjectId, m.roles]));
    const slice = roster.slice((page - 1) * ROLES_PAGE_SIZE, page * ROLES_PAGE_SIZE);
    return rolesCard({ workplace, people: slice.map((member) => ({ member, roles: known.get(member.aadObjectId) ?? [] })), page, pages });
  }

  /**
   * Saves the roles of one page: every choice is validated before anything is written; the
   * number changed. Each person's event is written (under the press's one-time key) before
   * their row, so that a replay after a crash, which sees only what is still to change,
   * still leaves every change with its event.
   */
  async saveRoles(principal: Principal, workplace: Place, data: RolesSave, once?: Once): Promise<number> {
    const { workplaces, events } = this.deps;
    if (workplace.workplaceId !== data.workplaceId) throw new UserError('FORBIDDEN', t.notLeaderOf(workplace.workplaceName));
    const changes: { person: RolesSave['people'][number]; roles: Role[] }[] = [];
    for (const person of data.people) {
      const parsed = rolesValue.safeParse(data[`r_${person.aadObjectId}`]);
      if (!parsed.success) throw new UserError('INVALID_INPUT', t.rolesInvalid(person.name));
      changes.push({ person, roles: parsed.data });
    }
    const current = await workplaces.members(workplace.workplaceId);
    if (leadersAfter(current, changes.map((c) => ({ aadObjectId: c.person.aadObjectId, roles: c.roles }))).size === 0) throw new UserError('CONFLICT', t.lastLeader);
    const before = new Map(current.map((m) => [m.aadObjectId, m.roles.join(',')]));
    let changed = 0;
    for (const c of changes) {
      const old = before.get(c.person.aadObjectId) ?? '';
      const now = c.roles.join(',');
      if (old === now) continue;
      changed++;
      await events.append({ workplaceId: workplace.workplaceId, actorId: principal.userId, type: 'setup.rolesChanged', subject: c.person.aadObjectId, data: { field: 'roles', old, new: now } }, once);
      if (c.roles.length === 0) {
        await workplaces.removeMember(workplace.workplaceId, c.person.aadObjectId);
      } else {
        const existing = current.find((m) => m.aadObjectId === c.person.aadObjectId);
        await workplaces.upsertMember({
          ...(existing ?? {}),
          workplaceId: workplace.workplaceId,
          workplaceName: workplace.workplaceName,
          aadObjectId: c.person.aadObjectId,
          teamsUserId: c.person.teamsUserId,
          name: c.person.name,
          roles: c.roles,
        });
      }
    }
    return changed;
  }
}

async function rosterOf(turn: Turn): Promise<RosterMember[]> {
  const members: RosterMember[] = [];
  for await (const m of turn.roster()) members.push(m);
  return members.sort((a, b) => a.name.localeCompare(b.name, 'da'));
}
