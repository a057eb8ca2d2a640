/**
 * The MUS commands: `MUS status` (leader: names, in the personal chat; a TRIO or MED
 * channel: counts only), `min MUS` (the employee's own next talk and plan), `planlæg
 * MUS`, `registrér MUS`, `MUS stamdata` (the leader) and `MUS indstillinger` (MED).
 */
import { z } from 'zod';
import { access, workplacesWithRole, type Principal } from '../core/access.js';
import type { FeaturePart } from '../core/feature.js';
import { defineCommand } from '../core/registry.js';
import type { Turn } from '../core/types.js';
import { musText as t } from '../i18n/mus.js';
import { addDays, addWorkingDays } from '../shared/calendar.js';
import { DEFAULT_MUS_BUFFER_MINUTES } from './planner.js';
import { chooseLeaderWorkplace, MED_MEMBERS } from './access.js';
import { inviteCard, planCard } from './cards.js';
import { peopleCard, settingsCard } from './cards-admin.js';
import { countsCard, statusCard } from './cards-leader.js';
import { devPlanCard } from './cards-plan.js';
import type { MusFrame } from './frame.js';
import { registrationCardFor } from './jobs.js';
import type { MusService } from './service.js';
import type { MusStore } from './store.js';
import { personLimits, personRow } from './verbs-admin.js';

/** How many registration cards one command answers with; the rest come with the next call. */
const MAX_REGISTRATION_CARDS = 5;

export function musCommands({ svc, store, frame }: { svc: MusService; store: MusStore; frame: MusFrame }): FeaturePart {
  const showOwn = async (turn: Turn, principal: Principal): Promise<void> => {
    let shown = 0;
    for (const m of principal.memberships) {
      const talks = (await store.talks(m.workplaceId)).filter((x) => x.participantIds.includes(principal.userId));
      const next = talks.filter((x) => x.status === 'planned').sort((a, b) => a.start.getTime() - b.start.getTime())[0];
      if (next) {
        const [invite, notes, settings] = await Promise.all([
          store.invite(m.workplaceId, next.id, principal.userId),
          store.notes(m.workplaceId, next.id, principal.userId),
          svc.settings(m.workplaceId),
        ]);
        if (invite) {
          await turn.reply({ card: inviteCard({ talk: next, invite, notes, settings }) });
          shown++;
        }
      }
      const plans = (await store.plans(m.workplaceId)).filter((p) => p.aadObjectId === principal.userId);
      const latest = plans.sort((a, b) => (a.heldOn < b.heldOn ? 1 : -1))[0];
      if (latest) {
        const talk = talks.find((x) => x.id === latest.talkId);
        await turn.reply({ card: devPlanCard(latest, talk?.leaderName ?? '', 'employee') });
        shown++;
      }
    }
    if (shown === 0) await turn.reply({ text: `${t.mineNone} ${t.minePlanNone}` });
  };

  const status = defineCommand({
    id: 'mus.status',
    name: 'MUS status',
    aliases: ['mus', 'mus-status'],
    description: t.cmd.status,
    scopes: ['personal', 'channel'],
    allowed: access.member,
    async run(turn, principal) {
      const day = svc.today();
      if (turn.where.scope === 'channel') {
        // A channel is never private: counts only, whoever asks (a leader too).
        if (!principal.channel) {
          await turn.reply({ text: t.countsNeedForum });
          return;
        }
        const { counts } = await svc.overview(principal.channel.workplaceId, day);
        await turn.reply({ card: countsCard(t.countsTitle(principal.channel.workplaceName), counts) });
        return;
      }
      const led = workplacesWithRole(principal, 'leder');
      if (led.length === 0) {
        await showOwn(turn, principal);
        return;
      }
      for (const wp of led) {
        const { rows, counts } = await svc.statusRows(wp.workplaceId, day);
        await turn.reply({ card: statusCard(wp.workplaceName, rows, counts) });
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
      await showOwn(turn, principal);
    },
  });

  /** The leader's cards about their employees: in the personal chat, for the workplace named (or the only one). */
  const forLeader = { scopes: ['personal'], allowed: access.role('leder'), args: z.string().max(80) } as const;
  const employeesOfChosen = async (principal: Principal, arg: string) => {
    const wp = chooseLeaderWorkplace(principal, arg);
    return { wp, employees: await svc.requireEmployees(wp.workplaceId) };
  };

  const plan = defineCommand({
    id: 'mus.plan',
    name: 'planlæg MUS',
    aliases: ['planlaeg mus', 'plan mus'],
    usage: 'planlæg MUS',
    description: t.cmd.plan,
    ...forLeader,
    async run(turn, principal, arg) {
      const { wp, employees } = await employeesOfChosen(principal, arg);
      const day = svc.today();
      const { statuses } = await svc.overview(wp.workplaceId, day);
      const from = addWorkingDays(day, 1);
      await turn.reply({
        card: planCard({
          workplaceId: wp.workplaceId,
          workplaceName: wp.workplaceName,
          people: employees.map((e) => ({ id: e.aadObjectId, name: e.name })),
          selected: statuses.filter((s) => s.state === 'due' || s.state === 'overdue').map((s) => s.id),
          defaults: { from, to: addDays(from, 27), durationMinutes: 60, bufferMinutes: DEFAULT_MUS_BUFFER_MINUTES, windowStart: '09:00', windowEnd: '15:00', place: '', mode: 'individual' },
        }),
      });
    },
  });

  const register = defineCommand({
    id: 'mus.register',
    name: 'registrér MUS',
    aliases: ['registrer mus', 'register mus'],
    description: t.cmd.register,
    scopes: ['personal'],
    allowed: access.role('leder'),
    async run(turn, principal) {
      const waiting = [];
      for (const wp of workplacesWithRole(principal, 'leder')) {
        const talks = await store.talks(wp.workplaceId);
        waiting.push(...talks.filter((x) => x.status === 'planned' && x.start <= turn.now));
      }
      if (waiting.length === 0) {
        await turn.reply({ text: t.nothingToRegister });
        return;
      }
      waiting.sort((a, b) => a.start.getTime() - b.start.getTime());
      for (const talk of waiting.slice(0, MAX_REGISTRATION_CARDS)) await turn.reply({ card: await registrationCardFor(svc, talk, svc.today()) });
    },
  });

  const people = defineCommand({
    id: 'mus.people',
    name: 'MUS stamdata',
    aliases: ['mus people'],
    usage: 'MUS stamdata',
    description: t.cmd.people,
    ...forLeader,
    async run(turn, principal, arg) {
      const { wp, employees } = await employeesOfChosen(principal, arg);
      const before = await svc.lastMusBefore(wp.workplaceId);
      await turn.reply({ card: peopleCard(wp.workplaceId, wp.workplaceName, employees.map((e) => personRow(e, before)), personLimits(svc.today())) });
    },
  });

  const settings = defineCommand({
    id: 'mus.settings',
    name: 'MUS indstillinger',
    aliases: ['mus settings', 'mus rammer'],
    description: t.cmd.settings,
    scopes: ['channel'],
    allowed: MED_MEMBERS,
    async run(turn, principal) {
      const channel = principal.channel!; // MED_MEMBERS requires the MED channel
      await turn.reply({ card: settingsCard(channel.workplaceId, channel.workplaceName, await svc.settings(channel.workplaceId), await frame.current(channel.workplaceId)) });
    },
  });

  // Help order: what everyone sees first, then the leader's, then MED's.
  return { commands: [status, mine, plan, register, people, settings] };
}
