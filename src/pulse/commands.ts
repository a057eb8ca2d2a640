/** Text commands: `trivsel` (latest results) and `indstillinger trivsel` (leaders). */
import { access } from '../core/access.js';
import type { FeaturePart } from '../core/feature.js';
import { defineCommand } from '../core/registry.js';
import { pulseText as t } from '../i18n/pulse.js';
import { resultsCard, settingsCard } from './cards.js';
import { isDeliberatelyOffHours } from './schedule.js';
import { ledWorkplace, settingsSummary, type PulseService } from './service.js';
import { SettingsArgsSchema } from './settings.js';

export function pulseCommands(svc: PulseService): FeaturePart {
  const results = defineCommand({
    id: 'pulse.results',
    name: 'trivsel',
    aliases: ['trivselspuls', 'pulse', 'trivsel resultater'],
    description: t.commands.results,
    scopes: ['channel'],
    allowed: access.inForum('trio', 'med'),
    async run(turn, principal) {
      const channel = principal.channel!; // inForum guarantees it
      const workplace = await svc.workplaces.get(channel.workplaceId);
      const latest = await svc.latestClosed(channel.workplaceId);
      if (!workplace || !latest) {
        await turn.reply({ text: t.results.none(channel.workplaceName) });
        return;
      }
      await turn.reply({ card: resultsCard(await svc.results(workplace, latest), workplace.name) });
    },
  });

  const settings = defineCommand({
    id: 'pulse.settings',
    name: 'indstillinger trivsel',
    aliases: ['trivsel indstillinger', 'indstillinger trivselspuls', 'pulse settings'],
    usage: t.commands.settingsUsage,
    description: t.commands.settings,
    scopes: ['channel'],
    allowed: access.all(access.inForum('trio', 'med'), access.role('leder')),
    args: SettingsArgsSchema,
    async run(turn, principal, args) {
      const { workplaceId, workplaceName } = ledWorkplace(principal);
      const workplace = await svc.workplaces.get(workplaceId);
      if (!workplace) return;
      if (args.weekday === undefined && args.time === undefined && args.enabled === undefined) {
        await turn.reply({ card: settingsCard({ id: workplaceId, name: workplaceName }, svc.settingsFor(workplace)) });
        return;
      }
      const saved = await svc.saveSettings(principal, workplaceId, {
        ...(args.weekday !== undefined ? { weekday: args.weekday } : {}),
        ...(args.time !== undefined ? { time: args.time } : {}),
        ...(args.enabled !== undefined ? { enabled: args.enabled } : {}),
      });
      const offHours = saved.enabled && isDeliberatelyOffHours(saved, svc.workingHours) ? ` ${t.settings.offHours}` : '';
      await turn.reply({ text: `${t.settings.saved(workplaceName, settingsSummary(saved))}${offHours}` });
    },
  });
  return { commands: [results, settings] };
}
