import { z } from 'zod';
import { access, rolesIn, type Principal } from '../core/access.js';
import { renderCard } from '../core/cards.js';
import { UserError } from '../core/errors.js';
import type { FeaturePart } from '../core/feature.js';
import { defineCommand } from '../core/registry.js';
import { defineVerb } from '../core/router.js';
import { ROLES, type CardJson, type Role, type RosterMember, type Turn } from '../core/types.js';
import type { EventLog } from '../events/event-log.js';
import { setupText as t } from '../i18n/setup.js';
import type { WorkplaceStore } from './store.js';
import { SETUP_VERBS } from './model.js';

const PAGE_SIZE = 10;

export interface RolesDeps {
  workplaces: WorkplaceStore;
  events: EventLog;
}

/** The leader of the channel's workplace, or a refusal. */
function channelWorkplaceForLeader(principal: Principal): { workplaceId: string; workplaceName: string } {
  if (!principal.channel) throw new UserError('WRONG_PLACE', t.rolesNeedChannel);
  if (!rolesIn(principal, principal.channel.workplaceId).includes('leder')) {
    throw new UserError('FORBIDDEN', t.notLeaderOf(principal.channel.workplaceName));
  }
  return principal.channel;
}

async function rosterOf(turn: Turn): Promise<RosterMember[]> {
  const members: RosterMember[] = [];
  for await (const m of turn.roster()) members.push(m);
  return members.sort((a, b) => a.name.localeCompare(b.name, 'da'));
}

async function rolesCard(deps: RolesDeps, turn: Turn, workplace: { workplaceId: string; workplaceName: string }, page: number): Promise<CardJson> {
  const roster = await rosterOf(turn);
  if (roster.length === 0) throw new UserError('NOT_FOUND', t.rolesNoRoster);
  const pages = Math.max(1, Math.ceil(roster.length / PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pages);
  const known = new Map((await deps.workplaces.members(workplace.workplaceId)).map((m) => [m.aadObjectId, m.roles]));
  const slice = roster.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE);
  return renderCard('roles', {
    title: t.rolesTitle(workplace.workplaceName),
    intro: t.rolesIntro,
    pageLabel: t.rolesPage(current, pages),
    placeholder: t.rolesPlaceholder,
    choices: t.roleChoices,
    people: slice.map((m) => ({ inputId: `r_${m.aadObjectId}`, name: m.name, value: (known.get(m.aadObjectId) ?? []).join(',') })),
    saveTitle: t.rolesSave,
    saveData: {
      verb: SETUP_VERBS.rolesSave,
      workplaceId: workplace.workplaceId,
      page: current,
      people: slice.map((m) => ({ aadObjectId: m.aadObjectId, teamsUserId: m.teamsUserId, name: m.name })),
    },
    hasPrev: current > 1,
    hasNext: current < pages,
    prevTitle: t.rolesPrev,
    nextTitle: t.rolesNext,
    prevData: { verb: SETUP_VERBS.rolesPage, page: current - 1 },
    nextData: { verb: SETUP_VERBS.rolesPage, page: current + 1 },
  });
}

const rolesValue = z
  .string()
  .optional()
  .transform((v) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean))
  .pipe(z.array(z.enum(ROLES, { message: 'vælg leder, TR, AMR eller medarbejder' })));

const saveSchema = z
  .object({
    workplaceId: z.string().min(1),
    page: z.coerce.number().int().min(1),
    people: z
      .array(z.object({ aadObjectId: z.string().min(1), teamsUserId: z.string().min(1), name: z.string() }))
      .max(PAGE_SIZE),
  })
  .catchall(z.unknown());

export function rolesFeature(deps: RolesDeps): FeaturePart {
  const command = defineCommand({
    id: 'setup.roles',
    name: 'roller',
    aliases: ['roles'],
    description: 'Giv kollegerne i teamet roller: leder, TR, AMR eller medarbejder (kun ledere).',
    scopes: ['channel'],
    allowed: access.all(access.inForum(), access.role('leder')),
    async run(turn, principal) {
      await turn.reply({ card: await rolesCard(deps, turn, channelWorkplaceForLeader(principal), 1) });
    },
  });
  const page = defineVerb({
    verb: SETUP_VERBS.rolesPage,
    scopes: ['channel'],
    schema: z.object({ page: z.coerce.number().int().min(1) }),
    allowed: access.all(access.inForum(), access.role('leder')),
    async run(turn, principal, data) {
      return { card: await rolesCard(deps, turn, channelWorkplaceForLeader(principal), data.page) };
    },
  });
  const save = defineVerb({
    verb: SETUP_VERBS.rolesSave,
    scopes: ['channel'],
    schema: saveSchema,
    allowed: access.all(access.inForum(), access.role('leder')),
    async run(turn, principal, data) {
      const workplace = channelWorkplaceForLeader(principal);
      if (workplace.workplaceId !== data.workplaceId) throw new UserError('FORBIDDEN', t.notLeaderOf(workplace.workplaceName));
      // Validate every choice before writing anything.
      const changes: { person: (typeof data.people)[number]; roles: Role[] }[] = [];
      for (const person of data.people) {
        const parsed = rolesValue.safeParse(data[`r_${person.aadObjectId}`]);
        if (!parsed.success) throw new UserError('INVALID_INPUT', `Ret venligst: ${person.name}: vælg leder, TR, AMR eller medarbejder.`);
        changes.push({ person, roles: parsed.data });
      }
      const current = await deps.workplaces.members(workplace.workplaceId);
      const leadersAfter = new Set(current.filter((m) => m.roles.includes('leder')).map((m) => m.aadObjectId));
      for (const c of changes) {
        if (c.roles.includes('leder')) leadersAfter.add(c.person.aadObjectId);
        else leadersAfter.delete(c.person.aadObjectId);
      }
      if (leadersAfter.size === 0) throw new UserError('CONFLICT', t.lastLeader);
      const before = new Map(current.map((m) => [m.aadObjectId, m.roles.join(',')]));
      let changed = 0;
      for (const c of changes) {
        const old = before.get(c.person.aadObjectId) ?? '';
        const now = c.roles.join(',');
        if (old === now) continue;
        changed++;
        if (c.roles.length === 0) {
          await deps.workplaces.removeMember(workplace.workplaceId, c.person.aadObjectId);
        } else {
          const existing = current.find((m) => m.aadObjectId === c.person.aadObjectId);
          await deps.workplaces.upsertMember({
            ...(existing ?? {}),
            workplaceId: workplace.workplaceId,
            workplaceName: workplace.workplaceName,
            aadObjectId: c.person.aadObjectId,
            teamsUserId: c.person.teamsUserId,
            name: c.person.name,
            roles: c.roles,
          });
        }
        await deps.events.append({
          workplaceId: workplace.workplaceId,
          actorId: principal.userId,
          type: 'setup.rolesChanged',
          subject: c.person.aadObjectId,
          data: { field: 'roles', old, new: now },
        });
      }
      return {
        card: await rolesCard(deps, turn, workplace, data.page),
        message: { text: t.rolesSaved(changed, workplace.workplaceName) },
      };
    },
  });
  return { commands: [command], verbs: [page, save] };
}
