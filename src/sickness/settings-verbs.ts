/**
 * `indstillinger sygefravær`: a leader chooses the workplace's fraværspolitik (a preset,
 * one of the deployment's, or the workplace's own, defined on the card), the HR contact
 * for escalations, the local rules and what MED's figures are measured against.
 */
import { access, chooseLedWorkplace, type Principal } from '../core/access.js';
import { noticeCard } from '../core/cards.js';
import { UserError } from '../core/errors.js';
import type { FeaturePart } from '../core/feature.js';
import { defineCommand } from '../core/registry.js';
import { defineVerb } from '../core/router.js';
import type { CardJson } from '../core/types.js';
import { formatIssues } from '../core/validation.js';
import { sicknessText as t } from '../i18n/sickness.js';
import { PRIVATE_VERB, requireLeader } from './access.js';
import { settingsCard } from './cards-figures.js';
import { settingsArgs, settingsInput } from './inputs.js';
import { SICKNESS_VERBS } from './model.js';
import { LocalPolicySchema, OWN_POLICY_ID, type LocalPolicy } from './policy.js';
import { refuse, type SicknessService } from './service.js';
import { currentModel, type SicknessSettings } from './settings.js';

/** The own model's card fields, named as the policy schema names them (for its messages). */
const OWN_FIELDS: Record<string, string> = {
  name: 'ownName',
  source: 'ownSource',
  summary: 'ownSummary',
  'contacts.days': 'ownDays',
  'contacts.counting': 'ownCounting',
  'contacts.remindAgainAfterWorkingDays': 'ownRemindAgain',
  'samtale.bookWithinDays': 'ownBookWithin',
  'samtale.holdWithinDays': 'ownHoldWithin',
  'samtale.remindFromDay': 'ownBookWithin',
  'escalation.daysBeforeDeadline': 'ownEscalation',
};

export function settingsPart(svc: SicknessService): FeaturePart {
  const card = async (workplaceId: string, workplaceName: string, s: SicknessSettings): Promise<CardJson> => {
    const members = await svc.members(workplaceId);
    return settingsCard({
      workplaceId,
      workplaceName,
      settings: s,
      models: svc.catalog.models,
      currentId: s.model === OWN_POLICY_ID && s.own ? OWN_POLICY_ID : currentModel(s, svc.catalog).id,
      people: members.map((m) => ({ title: m.name, value: m.aadObjectId })),
    });
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

  /** The own model from the card, validated by the same schema as a deployment's; a Danish message per field. */
  const ownModel = (data: typeof settingsInput._output): LocalPolicy => {
    if (!data.ownName || !data.ownSource || !data.ownDays) refuse(t.labels.model!, t.v.ownMissing);
    const parsed = LocalPolicySchema.safeParse({
      id: OWN_POLICY_ID,
      name: data.ownName,
      source: data.ownSource,
      ...(data.ownSummary ? { summary: data.ownSummary } : {}),
      contacts: { days: data.ownDays, counting: data.ownCounting, remindAgainAfterWorkingDays: data.ownRemindAgain },
      samtale: { bookWithinDays: data.ownBookWithin, holdWithinDays: data.ownHoldWithin, remindFromDay: Math.min(14, data.ownBookWithin + 1) },
      escalation: { daysBeforeDeadline: data.ownEscalation },
    });
    if (parsed.success) return parsed.data;
    const lines = parsed.error.issues.map((i) => `${t.labels[OWN_FIELDS[i.path.join('.')] ?? 'model'] ?? t.labels.model}: ${i.message}`);
    throw new UserError('INVALID_INPUT', formatIssues([...new Set(lines)]));
  };

  const verb = defineVerb({
    verb: SICKNESS_VERBS.settingsSave,
    schema: settingsInput,
    labels: t.labels,
    ...PRIVATE_VERB,
    async run(_turn, p, data) {
      requireLeader(p, data.workplaceId);
      if (data.hrContactId && !(await svc.member(data.workplaceId, data.hrContactId))) refuse(t.labels.hrContactId!, t.v.hr);
      const own = data.model === OWN_POLICY_ID ? ownModel(data) : (await svc.settings(data.workplaceId)).own;
      if (data.model !== OWN_POLICY_ID && !svc.catalog.get(data.model)) refuse(t.labels.model!, t.v.model);
      const settings: SicknessSettings = {
        model: data.model,
        ...(own ? { own } : {}),
        ...(data.hrContactId ? { hrContactId: data.hrContactId } : {}),
        repeatedCases: data.repeatedCases,
        repeatedMonths: data.repeatedMonths,
        retentionMonths: data.retentionMonths,
        returnFollowUp: data.returnFollowUp,
        targetPercent: data.targetPercent,
        ...(data.staffFte !== undefined ? { staffFte: data.staffFte } : {}),
        longFromDays: data.longFromDays,
      };
      await svc.saveSettings(p.userId, data.workplaceId, settings);
      const name = p.memberships.find((m) => m.workplaceId === data.workplaceId)?.workplaceName ?? data.workplaceId;
      return { card: noticeCard(t.settingsSaved(name, currentModel(settings, svc.catalog).name), 'good') };
    },
  });

  return { commands: [command], verbs: [verb] };
}
