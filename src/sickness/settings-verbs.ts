/**
 * `indstillinger sygefravær`: a leader chooses the follow-up model (1-3-10, 1-5-14,
 * 2-6-14), the HR contact for escalations and the local rules of the fraværspolitik.
 */
import { access, chooseLedWorkplace, type Principal } from '../core/access.js';
import { noticeCard } from '../core/cards.js';
import { settingsCard } from './cards.js';
import type { FeaturePart } from '../core/feature.js';
import { defineCommand } from '../core/registry.js';
import { defineVerb } from '../core/router.js';
import type { CardJson } from '../core/types.js';
import { sicknessText as t } from '../i18n/sickness.js';
import { PRIVATE_VERB, requireLeader } from './access.js';
import { settingsArgs, settingsInput } from './inputs.js';
import { refuse, type SicknessService } from './service.js';
import type { SicknessSettings } from './settings.js';
import { SICKNESS_VERBS } from './model.js';

export function settingsPart(svc: SicknessService): FeaturePart {

  const card = async (workplaceId: string, workplaceName: string, s: SicknessSettings): Promise<CardJson> => {
    const members = await svc.members(workplaceId);
    return settingsCard(workplaceId, workplaceName, s, members.map((m) => ({ title: m.name, value: m.aadObjectId })));
  };

  const pick = (p: Principal, name: string) =>
    chooseLedWorkplace(p, name, { unknown: () => t.unknownWorkplace, choose: t.chooseWorkplace, none: t.notLeader });

  const command = defineCommand({
    id: 'sickness.settings',
    name: 'indstillinger sygefravær',
    aliases: ['indstillinger sygefravaer', 'sickness settings'],
    usage: 'indstillinger sygefravær [arbejdssted]',
    description: t.commands.settings,
    scopes: ['personal'],
    allowed: access.role('leder'),
    args: settingsArgs,
    async run(turn, p, name) {
      const m = pick(p, name);
      await turn.reply({ card: await card(m.workplaceId, m.workplaceName, await svc.settings(m.workplaceId)) });
    },
  });

  const verb = defineVerb({
    verb: SICKNESS_VERBS.settingsSave,
    writes: true,
    schema: settingsInput,
    labels: t.labels,
    ...PRIVATE_VERB,
    async run(_turn, p, data, { once }) {
      requireLeader(p, data.workplaceId);
      if (data.hrContactId && !(await svc.member(data.workplaceId, data.hrContactId))) {
        refuse(t.labels.hrContactId!, t.v.hr);
      }
      const { workplaceId, ...settings } = data;
      await svc.saveSettings(p.userId, workplaceId, settings, once);
      const name = p.memberships.find((m) => m.workplaceId === workplaceId)?.workplaceName ?? workplaceId;
      return { card: noticeCard(t.settingsSaved(name, data.model), 'good') };
    },
  });

  return { commands: [command], verbs: [verb] };
}
