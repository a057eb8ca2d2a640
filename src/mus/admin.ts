/**
 * The data MUS needs besides talks: each employee's start date and birth year (the
 * leader sets them, `MUS stamdata`) and the workplace's MUS frame (MED sets it in its
 * channel, `MUS indstillinger`).
 */
import { z } from 'zod';
import type { FeaturePart } from '../core/feature.js';
import { access, type Principal } from '../core/access.js';
import { UserError } from '../core/errors.js';
import { defineCommand } from '../core/registry.js';
import { defineVerb } from '../core/router.js';
import { formatIssues } from '../core/validation.js';
import { DEFAULT_QUESTIONS, musText as t } from '../i18n/mus.js';
import { chooseLeaderWorkplace, requireLeaderOf } from './access.js';
import { noticeCard, peopleCard, settingsCard } from './cards.js';
import { employeesById, requireEmployees, settingsOf, today, type MusContext } from './context.js';
import { peopleSchema, personSchema, resetSchema, settingsLabels, settingsSchema } from './schemas.js';
import { MUS_VERBS } from './model.js';

const OLDEST_BIRTH_YEAR = 1940;
const YOUNGEST_AGE = 15;
const medMembers = access.all(access.inForum('med'), access.role('leder', 'TR', 'AMR'));

function requireMedOf(principal: Principal, workplaceId: string): void {
  if (principal.channel?.forum !== 'med' || principal.channel.workplaceId !== workplaceId) throw new UserError('FORBIDDEN', t.notLeader);
}

export function adminFeature(ctx: MusContext): FeaturePart {
  const people = defineCommand({
    id: 'mus.people',
    name: 'MUS stamdata',
    aliases: ['mus people'],
    usage: 'MUS stamdata',
    description: t.cmd.people,
    scopes: ['personal'],
    allowed: access.role('leder'),
    args: z.string().max(80),
    async run(turn, principal, arg) {
      const wp = chooseLeaderWorkplace(principal, arg);
      const employees = await requireEmployees(ctx, wp.workplaceId);
      await turn.reply({
        card: peopleCard(wp.workplaceId, wp.workplaceName, employees.map((e) => ({ id: e.aadObjectId, name: e.name, ...(e.startDate ? { startDate: e.startDate } : {}), ...(e.birthYear ? { birthYear: e.birthYear } : {}) }))),
      });
    },
  });

  const savePeople = defineVerb({
    verb: MUS_VERBS.peopleSave,
    scopes: ['personal'],
    wrongPlace: t.onlyPersonal,
    schema: peopleSchema,
    allowed: access.role('leder'),
    writes: true,
    async run(turn, principal, data, { once }) {
      requireLeaderOf(principal, data.workplaceId);
      const day = today(ctx);
      const year = Number(day.slice(0, 4));
      const employees = await employeesById(ctx, data.workplaceId);
      const errors: string[] = [];
      const changes = [];
      for (const id of data.ids) {
        const member = employees.get(id);
        if (!member) continue; // left the workplace since the card was sent
        const row = personSchema(day, OLDEST_BIRTH_YEAR, year - YOUNGEST_AGE).safeParse({ start: String(data[`s_${id}`] ?? '').trim(), birth: String(data[`b_${id}`] ?? '').trim() });
        if (!row.success) {
          for (const path of new Set(row.error.issues.map((i) => i.path[0]))) {
            errors.push(path === 'start' ? t.badStartDate(member.name) : t.badBirthYear(member.name, OLDEST_BIRTH_YEAR, year - YOUNGEST_AGE));
          }
          continue;
        }
        const { start, birth } = row.data;
        if ((member.startDate ?? '') !== start || member.birthYear !== birth) changes.push({ member, start, birth });
      }
      if (errors.length) throw new UserError('INVALID_INPUT', formatIssues(errors));
      for (const { member, start, birth } of changes) {
        // The event first (keyed): a replay sees only what is still to change, and every change keeps its event.
        await ctx.events.append({ workplaceId: data.workplaceId, actorId: principal.userId, type: 'mus.peopleChanged', subject: member.aadObjectId, data: { field: 'startDate,birthYear' } }, once);
        const { startDate: _s, birthYear: _b, ...rest } = member;
        await ctx.workplaces.upsertMember({ ...rest, ...(start ? { startDate: start } : {}), ...(birth ? { birthYear: birth } : {}) });
      }
      return { card: noticeCard(t.peopleSaved(changes.length), 'good') };
    },
  });

  const settings = defineCommand({
    id: 'mus.settings',
    name: 'MUS indstillinger',
    aliases: ['mus settings', 'mus rammer'],
    description: t.cmd.settings,
    scopes: ['channel'],
    allowed: medMembers,
    async run(turn, principal) {
      const channel = principal.channel!;
      await turn.reply({ card: settingsCard(channel.workplaceId, channel.workplaceName, await settingsOf(ctx, channel.workplaceId)) });
    },
  });

  const saveSettings = defineVerb({
    verb: MUS_VERBS.settingsSave,
    scopes: ['channel'],
    schema: settingsSchema,
    labels: settingsLabels,
    allowed: medMembers,
    writes: true,
    async run(_turn, principal, data, { once }) {
      requireMedOf(principal, data.workplaceId);
      await ctx.workplaces.updateSettings(data.workplaceId, 'mus', { questions: data.questions, seniorAge: data.seniorAge });
      await ctx.events.append({ workplaceId: data.workplaceId, actorId: principal.userId, type: 'mus.settingsChanged', data: { questions: data.questions.length, seniorAge: data.seniorAge } }, once);
      const current = await settingsOf(ctx, data.workplaceId);
      return { card: settingsCard(data.workplaceId, principal.channel!.workplaceName, current), message: { text: t.settingsSaved(current.questions.length, current.seniorAge) } };
    },
  });

  const reset = defineVerb({
    verb: MUS_VERBS.settingsReset,
    scopes: ['channel'],
    schema: resetSchema,
    allowed: medMembers,
    writes: true,
    async run(_turn, principal, data, { once }) {
      requireMedOf(principal, data.workplaceId);
      const { seniorAge } = await settingsOf(ctx, data.workplaceId);
      await ctx.workplaces.updateSettings(data.workplaceId, 'mus', { seniorAge });
      await ctx.events.append({ workplaceId: data.workplaceId, actorId: principal.userId, type: 'mus.settingsChanged', data: { questions: DEFAULT_QUESTIONS.length, seniorAge } }, once);
      const current = await settingsOf(ctx, data.workplaceId);
      return { card: settingsCard(data.workplaceId, principal.channel!.workplaceName, current), message: { text: t.settingsSaved(current.questions.length, current.seniorAge) } };
    },
  });

  return { commands: [people, settings], verbs: [savePeople, saveSettings, reset] };
}
