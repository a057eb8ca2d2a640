/** Text commands: `trivsel` (latest results in the channel, the open card again in a personal chat) and `indstillinger trivsel` (leaders). */
import { access } from '../core/access.js';
import type { FeaturePart } from '../core/feature.js';
import { defineCommand } from '../core/registry.js';
import { pulseText as t } from '../i18n/pulse.js';
import type { Principal } from '../core/access.js';
import type { Turn } from '../core/types.js';
import { formatDateTime } from '../i18n/da.js';
import { questionCard, resultsCard, settingsCard } from './cards.js';
import { isDeliberatelyOffHours, nextOpening } from './schedule.js';
import { ledWorkplace, settingsSummary, type PulseService } from './service.js';
import { SettingsArgsSchema } from './settings.js';

export function pulseCommands(svc: PulseService): FeaturePart {
  const results = defineCommand({
    id: 'pulse.results',
    name: 'trivsel',
    aliases: ['trivselspuls', 'pulse', 'trivsel resultater'],
    description: t.commands.results,
    scopes: ['channel', 'personal'],
    // In a channel: TRIO's and MED's. In a personal chat: any member, for their own card.
    allowed: (p, where) => (where.scope === 'personal' ? p.memberships.length > 0 : access.inForum('trio', 'med')(p, where)),
    async run(turn, principal) {
      if (turn.where.scope === 'personal') {
        await cardAgain(svc, turn, principal.memberships);
        return;
      }
      const channel = principal.channel!; // inForum guarantees it
      const workplace = await svc.workplaces.get(channel.workplaceId);
      const open = await svc.openRound(channel.workplaceId, turn.now);
      if (open) await turn.reply({ text: t.openNow(open.weekLabel, formatDateTime(open.closesAt)) });
      const latest = await svc.latestClosed(channel.workplaceId);
      if (!workplace || !latest) {
        if (!open) await turn.reply({ text: t.results.none(channel.workplaceName) });
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

/**
 * `trivsel` in a personal chat: for each of the person's workplaces, the open round's
 * card again when they were invited and have not answered, else a line saying why not
 * (answered, not invited, no round open and when the next one comes, pulse off).
 * Nothing is written and nothing about the outcome is logged.
 */
async function cardAgain(svc: PulseService, turn: Turn, memberships: Principal['memberships']): Promise<void> {
  for (const m of memberships) {
    const workplace = await svc.workplaces.get(m.workplaceId);
    if (!workplace) continue;
    const settings = svc.settingsFor(workplace);
    const open = await svc.openRound(m.workplaceId, turn.now);
    if (!open) {
      await turn.reply({ text: settings.enabled ? t.again.none(workplace.name, formatDateTime(nextOpening(settings, turn.now).opensAt)) : t.again.off(workplace.name) });
      continue;
    }
    const standing = await svc.standing(open, turn.actor.aadObjectId);
    if (standing === 'notInvited') await turn.reply({ text: t.again.notInvited(workplace.name, open.weekLabel) });
    else if (standing === 'answered') await turn.reply({ text: t.again.answered(workplace.name, open.weekLabel) });
    else await turn.reply({ card: questionCard(open, { thresholds: svc.thresholdsFor(workplace) }) });
  }
}
