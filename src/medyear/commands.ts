import { z } from 'zod';
import { access } from '../core/access.js';
import { UserError } from '../core/errors.js';
import type { FeaturePart } from '../core/feature.js';
import { defineCommand } from '../core/registry.js';
import { medyearText as t } from '../i18n/medyear.js';
import type { WorkplaceStore } from '../workplaces/store.js';
import { changerPlace, CHANGER, IN_FORUM, placeOf } from './access.js';
import { agendaCard, apvCard, kupCard, referatCard, talkCard, wheelCard } from './cards.js';
import { lastMeeting, nextMeeting } from './rules.js';
import type { MedYearService } from './service.js';
import { membersOf } from './verbs-meeting.js';

const yearArg = z
  .string()
  .trim()
  .refine((s) => s === '' || /^(20\d\d|2100)$/.test(s), t.commands.badYear)
  .transform((s) => (s === '' ? undefined : Number(s)));

/** The MED year's text commands: all in the MED or TRIO channel (the kompetenceudviklingsplan and the drøftelse in MED). */
export function medyearCommands(svc: MedYearService, workplaces: WorkplaceStore): FeaturePart {
  const thisYear = () => Number(svc.today().slice(0, 4));

  const wheel = defineCommand({
    id: 'medyear.wheel',
    name: 'årshjul',
    aliases: ['aarshjul', 'arshjul', 'med-år', 'mødeplan'],
    usage: t.commands.wheelUsage,
    description: t.commands.wheel,
    ...IN_FORUM,
    args: yearArg,
    argLabel: t.commands.yearLabel,
    async run(turn, principal, year) {
      const place = placeOf(principal);
      const y = year ?? thisYear();
      await turn.reply({ card: wheelCard({ ...place, year: y, wheel: await svc.wheel(place.workplaceId, y) }) });
    },
  });

  const agenda = defineCommand({
    id: 'medyear.agenda',
    name: 'dagsorden',
    aliases: ['næste møde'],
    description: t.commands.agenda,
    ...IN_FORUM,
    async run(turn, principal) {
      const place = placeOf(principal);
      const w = await svc.wheel(place.workplaceId, thisYear());
      const meeting = nextMeeting(w, place.forum, svc.today());
      if (!meeting) throw new UserError('NOT_FOUND', t.wheel.none(thisYear()));
      await turn.reply({ card: agendaCard({ workplaceName: place.workplaceName, data: await svc.agenda(place.workplaceId, meeting, w), today: svc.today() }) });
    },
  });

  const referat = defineCommand({
    id: 'medyear.referat',
    name: 'referat',
    aliases: ['skriv referat'],
    description: t.commands.referat,
    ...CHANGER,
    async run(turn, principal) {
      const place = changerPlace(principal);
      const w = await svc.wheel(place.workplaceId, thisYear());
      const meeting = lastMeeting(w, place.forum, svc.today());
      if (!meeting) throw new UserError('NOT_FOUND', t.wheel.none(thisYear()));
      const decisions = await svc.decisions(place.workplaceId, meeting.forum, meeting.date);
      await turn.reply({ card: referatCard({ workplaceName: place.workplaceName, meeting, decisions, members: await membersOf(workplaces, place.workplaceId) }) });
    },
  });

  const apv = defineCommand({
    id: 'medyear.apv',
    name: 'apv',
    aliases: ['arbejdspladsvurdering'],
    description: t.commands.apv,
    ...IN_FORUM,
    async run(turn, principal) {
      const place = placeOf(principal);
      await turn.reply({ card: apvCard({ workplaceName: place.workplaceName, apv: await svc.apv(place.workplaceId), actions: await svc.apvActions(place.workplaceId), today: svc.today(), members: await membersOf(workplaces, place.workplaceId) }) });
    },
  });

  const kup = defineCommand({
    id: 'medyear.kup',
    name: 'kompetenceplan',
    aliases: ['kompetenceudviklingsplan', 'kup'],
    description: t.commands.kup,
    scopes: ['channel'],
    allowed: access.inForum('med'),
    async run(turn, principal) {
      const place = placeOf(principal);
      await turn.reply({ card: kupCard({ workplaceName: place.workplaceName, plan: await svc.kup(place.workplaceId), needs: await svc.needs(place.workplaceId), today: svc.today() }) });
    },
  });

  const talk = defineCommand({
    id: 'medyear.talk',
    name: 'arbejdsmiljødrøftelse',
    aliases: ['arbejdsmiljoedroeftelse', 'amd'],
    usage: t.commands.wheelUsage.replace('årshjul', 'arbejdsmiljødrøftelse'),
    description: t.commands.talk,
    scopes: ['channel'],
    allowed: access.inForum('med'),
    args: yearArg,
    argLabel: t.commands.yearLabel,
    async run(turn, principal, year) {
      const place = placeOf(principal);
      const y = year ?? thisYear();
      await turn.reply({ card: talkCard({ workplaceName: place.workplaceName, year: y, ...(await svc.talk(place.workplaceId, y)) }) });
    },
  });

  return { commands: [wheel, agenda, referat, apv, kup, talk] };
}
