/**
 * The data MUS needs besides talks: each employee's start date and birth year (the
 * leader's stamdata card) and the workplace's MUS frame (MED's settings card).
 */
import { access, type Principal } from '../core/access.js';
import { UserError } from '../core/errors.js';
import type { FeaturePart } from '../core/feature.js';
import { defineVerb } from '../core/router.js';
import { formatIssues } from '../core/validation.js';
import { musText as t } from '../i18n/mus.js';
import { MED_MEMBERS, PRIVATE_VERB, requireLeaderOf, requireMedOf } from './access.js';
import { noticeCard, settingsCard } from './cards.js';
import { MUS_VERBS, type MusSettings } from './model.js';
import { peopleSchema, personSchema, resetSchema, settingsLabels, settingsSchema } from './schemas.js';
import type { MusService } from './service.js';
import type { Member } from '../workplaces/model.js';

const OLDEST_BIRTH_YEAR = 1940;
const YOUNGEST_AGE = 15;

export function adminVerbs({ svc }: { svc: MusService }): FeaturePart {
  /** The settings card as saved, and what was saved. */
  const settingsSaved = (principal: Principal, workplaceId: string, current: MusSettings) => ({
    card: settingsCard(workplaceId, principal.channel!.workplaceName, current),
    message: { text: t.settingsSaved(current.questions.length, current.seniorAge) },
  });

  const savePeople = defineVerb({
    verb: MUS_VERBS.peopleSave,
    ...PRIVATE_VERB,
    schema: peopleSchema,
    allowed: access.role('leder'),
    writes: true,
    async run(_turn, principal, data, { once }) {
      requireLeaderOf(principal, data.workplaceId);
      const day = svc.today();
      const youngest = Number(day.slice(0, 4)) - YOUNGEST_AGE;
      const employees = await svc.employeesById(data.workplaceId);
      const errors: string[] = [];
      const changes: { member: Member; start: string; birth: number | undefined }[] = [];
      for (const id of data.ids) {
        const member = employees.get(id);
        if (!member) continue; // left the workplace since the card was sent
        const row = personSchema(day, OLDEST_BIRTH_YEAR, youngest).safeParse({ start: String(data[`s_${id}`] ?? '').trim(), birth: String(data[`b_${id}`] ?? '').trim() });
        if (!row.success) {
          for (const path of new Set(row.error.issues.map((i) => i.path[0]))) {
            errors.push(path === 'start' ? t.badStartDate(member.name) : t.badBirthYear(member.name, OLDEST_BIRTH_YEAR, youngest));
          }
          continue;
        }
        const { start, birth } = row.data;
        if ((member.startDate ?? '') !== start || member.birthYear !== birth) changes.push({ member, start, birth });
      }
      if (errors.length) throw new UserError('INVALID_INPUT', formatIssues(errors));
      await svc.savePeople(data.workplaceId, changes, principal.userId, once);
      return { card: noticeCard(t.peopleSaved(changes.length), 'good') };
    },
  });

  const saveSettings = defineVerb({
    verb: MUS_VERBS.settingsSave,
    scopes: ['channel'],
    schema: settingsSchema,
    labels: settingsLabels,
    allowed: MED_MEMBERS,
    writes: true,
    async run(_turn, principal, data, { once }) {
      requireMedOf(principal, data.workplaceId);
      return settingsSaved(principal, data.workplaceId, await svc.saveSettings(data.workplaceId, { questions: data.questions, seniorAge: data.seniorAge }, principal.userId, once));
    },
  });

  const reset = defineVerb({
    verb: MUS_VERBS.settingsReset,
    scopes: ['channel'],
    schema: resetSchema,
    allowed: MED_MEMBERS,
    writes: true,
    async run(_turn, principal, data, { once }) {
      requireMedOf(principal, data.workplaceId);
      const { seniorAge } = await svc.settings(data.workplaceId);
      return settingsSaved(principal, data.workplaceId, await svc.saveSettings(data.workplaceId, { seniorAge }, principal.userId, once));
    },
  });

  return { verbs: [savePeople, saveSettings, reset] };
}
