/**
 * `MUS status` (leader: names, in the personal chat; a TRIO or MED channel: counts
 * only) and `min MUS` (the employee's own next talk and plan).
 */
import type { FeaturePart } from '../core/feature.js';
import { access, workplacesWithRole, type Principal } from '../core/access.js';
import { defineCommand } from '../core/registry.js';
import type { Turn } from '../core/types.js';
import { musText as t } from '../i18n/mus.js';
import { countsCard, devPlanCard, inviteCard, statusCard } from './cards.js';
import { overviewOf, settingsOf, today, type MusContext } from './context.js';

async function showOwn(ctx: MusContext, turn: Turn, principal: Principal): Promise<void> {
  let shown = 0;
  for (const m of principal.memberships) {
    const talks = (await ctx.store.talks(m.workplaceId)).filter((x) => x.participantIds.includes(principal.userId));
    const next = talks.filter((x) => x.status === 'planned').sort((a, b) => a.start.getTime() - b.start.getTime())[0];
    if (next) {
      const [invite, notes, settings] = await Promise.all([
        ctx.store.invite(m.workplaceId, next.id, principal.userId),
        ctx.store.notes(m.workplaceId, next.id, principal.userId),
        settingsOf(ctx, m.workplaceId),
      ]);
      if (invite) {
        await turn.reply({ card: inviteCard({ talk: next, invite, notes, settings }) });
        shown++;
      }
    }
    const plans = (await ctx.store.plans(m.workplaceId)).filter((p) => p.aadObjectId === principal.userId);
    const latest = plans.sort((a, b) => (a.heldOn < b.heldOn ? 1 : -1))[0];
    if (latest) {
      const talk = talks.find((x) => x.id === latest.talkId);
      await turn.reply({ card: devPlanCard(latest, talk?.leaderName ?? '', 'employee') });
      shown++;
    }
  }
  if (shown === 0) await turn.reply({ text: `${t.mineNone} ${t.minePlanNone}` });
}

export function statusCommands(ctx: MusContext): FeaturePart {
  const status = defineCommand({
    id: 'mus.status',
    name: 'MUS status',
    aliases: ['mus', 'mus-status'],
    description: t.cmd.status,
    scopes: ['personal', 'channel'],
    allowed: access.member,
    async run(turn, principal) {
      const day = today(ctx);
      if (turn.where.scope === 'channel') {
        // A channel is never private: counts only, whoever asks (a leader too).
        if (!principal.channel) {
          await turn.reply({ text: t.countsNeedForum });
          return;
        }
        const { counts } = await overviewOf(ctx, principal.channel.workplaceId, day);
        await turn.reply({ card: countsCard(t.countsTitle(principal.channel.workplaceName), counts) });
        return;
      }
      const led = workplacesWithRole(principal, 'leder');
      if (led.length === 0) {
        await showOwn(ctx, turn, principal);
        return;
      }
      for (const wp of led) {
        const { statuses, counts } = await overviewOf(ctx, wp.workplaceId, day);
        await turn.reply({ card: statusCard(wp.workplaceName, statuses, counts) });
      }
    },
  });

  const mine = defineCommand({
    id: 'mus.mine',
    name: 'min MUS',
    aliases: ['mine mus', 'my mus'],
    description: t.cmd.mine,
    scopes: ['personal'],
    allowed: access.member,
    async run(turn, principal) {
      await showOwn(ctx, turn, principal);
    },
  });

  return { commands: [status, mine] };
}
