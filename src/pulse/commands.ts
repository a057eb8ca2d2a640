/** Text commands: `trivsel` (latest results) and `indstillinger trivsel` (leaders). */
import { access } from '../core/access.js';
import { defineCommand, type Command } from '../core/registry.js';
import type { EventLog } from '../events/event-log.js';
import { pulseText as t } from '../i18n/pulse.js';
import { resultsCard, settingsCard } from './cards.js';
import { settingsFor, type PulseCore } from './lifecycle.js';
import { resultsOf } from './results.js';
import { isDeliberatelyOffHours } from './schedule.js';
import { SettingsArgsSchema, thresholdsOf, type SettingsArgs } from './settings.js';
import { ledWorkplace, saveSettings, settingsSummary } from './verbs.js';

export function pulseCommands(core: PulseCore, events: EventLog): Command[] {
  const results = defineCommand({
    id: 'pulse.results',
    name: 'trivsel',
    aliases: ['trivselspuls', 'pulse', 'trivsel resultater'],
    description: t.commands.results,
    scopes: ['channel'],
    allowed: access.inForum('trio', 'med'),
    async run(turn, principal) {
      const channel = principal.channel!; // inForum guarantees it
      const workplace = await core.workplaces.get(channel.workplaceId);
      const latest = (await core.store.rounds(channel.workplaceId)).filter((r) => r.status === 'closed').at(-1);
      if (!workplace || !latest) {
        await turn.reply({ text: t.results.none(channel.workplaceName) });
        return;
      }
      const view = await resultsOf(core.store, latest, thresholdsOf(settingsFor(core, workplace)));
      await turn.reply({ card: resultsCard(view, workplace.name) });
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
      const workplace = await core.workplaces.get(workplaceId);
      if (!workplace) return;
      if (args.weekday === undefined && args.time === undefined && args.enabled === undefined) {
        await turn.reply({ card: settingsCard({ id: workplaceId, name: workplaceName }, settingsFor(core, workplace)) });
        return;
      }
      const saved = await saveSettings(core, events, principal, workplaceId, {
        ...(args.weekday !== undefined ? { weekday: args.weekday } : {}),
        ...(args.time !== undefined ? { time: args.time } : {}),
        ...(args.enabled !== undefined ? { enabled: args.enabled } : {}),
      });
      const offHours = saved.enabled && isDeliberatelyOffHours(saved, core.workingHours) ? ` ${t.settings.offHours}` : '';
      await turn.reply({ text: `${t.settings.saved(workplaceName, settingsSummary(saved))}${offHours}` });
    },
  });
  return [results, settings];
}
