/**
 * `indstillinger vold` (also `vold indstillinger`): a leader edits the workplace's place
 * list and the deadlines of the follow-up (settings.ts) on a card; the save is validated
 * with zod (a Danish message per field, the card comes back as typed) and made once per
 * button press.
 */
import { access, chooseLedWorkplace, type Principal } from '../core/access.js';
import { noticeCard } from '../core/cards.js';
import { UserError } from '../core/errors.js';
import type { FeaturePart } from '../core/feature.js';
import { defineCommand } from '../core/registry.js';
import { defineVerb } from '../core/router.js';
import { violenceText as t } from '../i18n/violence.js';
import { isLeaderOf, PRIVATE_VERB } from './access.js';
import { settingsCard, settingsValuesOf, type SettingsValues } from './cards.js';
import { settingsInput, settingsLabels, workplaceArg } from './inputs.js';
import { VIOLENCE_VERBS } from './model.js';
import type { ViolenceService } from './service.js';

const FIELDS = ['places', 'talkDays', 'followUpTalkDays', 'anmeldelseDays', 'anmeldelseLeadDays', 'policeReminderDays', 'riskAssessmentDays'] as const;

const nameOf = (p: Principal, workplaceId: string) => p.memberships.find((m) => m.workplaceId === workplaceId)?.workplaceName ?? workplaceId;

export function violenceSettings(svc: ViolenceService): FeaturePart {
  const command = defineCommand({
    id: 'violence.settings',
    name: 'indstillinger vold',
    aliases: ['vold indstillinger', 'indstillinger vold og trusler', 'violence settings'],
    usage: 'indstillinger vold [arbejdssted]',
    description: t.commands.settings,
    scopes: ['personal'],
    allowed: access.role('leder'),
    args: workplaceArg,
    async run(turn, p, name) {
      const m = chooseLedWorkplace(p, name, { unknown: t.settings.unknownWorkplace, choose: t.settings.chooseWorkplace, none: t.settings.notLeader });
      await turn.reply({ card: settingsCard(m.workplaceId, m.workplaceName, settingsValuesOf(await svc.policy(m.workplaceId))) });
    },
  });

  const save = defineVerb({
    verb: VIOLENCE_VERBS.settingsSave,
    writes: true,
    ...PRIVATE_VERB,
    schema: settingsInput,
    labels: settingsLabels,
    async run(_turn, p, d, { once }) {
      if (!isLeaderOf(p, d.workplaceId)) throw new UserError('FORBIDDEN', t.settings.notLeader);
      const { workplaceId, ...change } = d;
      await svc.saveSettings(p.userId, workplaceId, change, once);
      return { card: noticeCard(t.settings.saved(nameOf(p, workplaceId)), 'good') };
    },
    invalid(raw, errors) {
      const values = Object.fromEntries(FIELDS.map((f) => [f, raw[f] === undefined || raw[f] === null ? '' : String(raw[f])])) as SettingsValues;
      const workplaceId = typeof raw.workplaceId === 'string' ? raw.workplaceId : '';
      const name = typeof raw.workplaceName === 'string' ? raw.workplaceName.slice(0, 80) : workplaceId;
      return settingsCard(workplaceId, name, values, errors);
    },
  });

  return { commands: [command], verbs: [save] };
}
