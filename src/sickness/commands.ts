/**
 * The sickness commands. All of them work only in the personal chat: a channel never
 * sees anything about one person's absence.
 */
import { access } from '../core/access.js';
import type { FeaturePart } from '../core/feature.js';
import { defineCommand } from '../core/registry.js';
import type { Turn } from '../core/types.js';
import { sicknessText as t } from '../i18n/sickness.js';
import { addDays, localDateOf } from '../shared/calendar.js';
import { leaderWorkplaces } from './access.js';
import { listCard, openForm } from './cards.js';
import { SICKNESS_VERBS, type SicknessCase } from './model.js';
import type { SicknessService } from './service.js';
import type { SicknessView } from './view.js';

const personal = ['personal'] as const;

export function sicknessCommands(svc: SicknessService, view: SicknessView): FeaturePart {
  const nextStep = async (c: SicknessCase, turn: Turn): Promise<string> => {
    if (c.status === 'meldt') return t.confirmTitle(c.employeeName);
    const { items } = await svc.timeline(c, localDateOf(turn.now));
    const next = items.find((i) => i.status === 'overdue' || i.status === 'due') ?? items.find((i) => i.status === 'upcoming');
    return next ? next.title : t.nothingNext;
  };
  const rows = (cases: SicknessCase[], turn: Turn) =>
    Promise.all(cases.map(async (c) => ({ c, line: t.listLine(c.firstDay, await nextStep(c, turn)) })));
  const showOwn = async (turn: Turn, own: SicknessCase[]) => {
    for (const c of own) await turn.reply({ card: await view.employeeCard(c, turn.now) });
  };

  const open = defineCommand({
    id: 'sickness.open',
    name: 'sygemelding',
    aliases: ['sygemeld', 'ny sygemelding', 'sick leave'],
    description: t.commands.open,
    scopes: personal,
    allowed: access.role('leder'),
    async run(turn, p) {
      const places = leaderWorkplaces(p);
      const choices: { title: string; value: string }[] = [];
      for (const m of places) {
        for (const member of await svc.members(m.workplaceId)) {
          if (member.aadObjectId === p.userId) continue;
          choices.push({ title: places.length > 1 ? `${member.name} (${m.workplaceName})` : member.name, value: `${m.workplaceId}|${member.aadObjectId}` });
        }
      }
      if (choices.length === 0) {
        await turn.reply({ text: t.noMembers });
        return;
      }
      await turn.reply({ card: openForm(choices, localDateOf(turn.now)) });
    },
  });

  const syg = defineCommand({
    id: 'sickness.report',
    name: 'syg',
    aliases: ['jeg er syg', 'sick'],
    description: t.commands.report,
    scopes: personal,
    allowed: access.member,
    // Whatever follows "syg" is ignored and never stored: it could describe the illness.
    async run(turn, p) {
      let reported = 0;
      let already: SicknessCase | undefined;
      for (const m of p.memberships) {
        const member = await svc.member(m.workplaceId, p.userId);
        if (!member) continue;
        const r = await svc.report(member, turn.now);
        if (r.c) reported++;
        already ??= r.already;
      }
      const first = turn.actor.name.split(' ')[0] ?? '';
      if (reported > 0) await turn.reply({ text: t.sygReply(first) });
      else if (already) await turn.reply({ text: t.sygAlready(already.firstDay) });
      else await turn.reply({ text: t.sygNoLeader });
    },
  });

  const close = defineCommand({
    id: 'sickness.close',
    name: 'raskmeld',
    aliases: ['raskmelding', 'jeg er rask', 'raskmeld mig'],
    description: t.commands.close,
    scopes: personal,
    allowed: access.member,
    async run(turn, p) {
      const own = await svc.ownCases(p);
      if (own.length > 0) {
        const today = localDateOf(turn.now);
        for (const c of own) {
          const back = today > c.firstDay ? today : addDays(c.firstDay, 1);
          await svc.close(c, p.userId, back, turn.now);
        }
        await turn.reply({ text: t.welcomeBack });
        return;
      }
      if (leaderWorkplaces(p).length === 0) {
        await turn.reply({ text: t.noOwnCase });
        return;
      }
      const cases = await svc.casesLedBy(p, turn.now);
      await turn.reply({ card: listCard(t.closeListTitle, await rows(cases, turn), { title: t.chooseButton, verb: SICKNESS_VERBS.show }) });
    },
  });

  const overview = defineCommand({
    id: 'sickness.overview',
    name: 'sygefravær',
    aliases: ['sygefravaer', 'sygefraværsforløb', 'mit sygefravær'],
    description: t.commands.overview,
    scopes: personal,
    allowed: access.member,
    async run(turn, p) {
      const own = await svc.ownCases(p);
      if (leaderWorkplaces(p).length > 0) {
        const cases = await svc.casesLedBy(p, turn.now);
        await turn.reply({ card: listCard(t.listTitle, await rows(cases, turn), { title: t.showButton, verb: SICKNESS_VERBS.show }) });
      } else if (own.length === 0) {
        await turn.reply({ text: t.noOwnCase });
      }
      await showOwn(turn, own);
    },
  });

  return { commands: [open, syg, close, overview] };
}
