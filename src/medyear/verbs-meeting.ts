import { z } from 'zod';
import { ownerOf } from '../actions/model.js';
import { parseWhen } from '../actions/when.js';
import { UserError, explained } from '../core/errors.js';
import type { FeaturePart } from '../core/feature.js';
import { defineVerb } from '../core/router.js';
import { actionsText } from '../i18n/actions.js';
import { medyearText as t } from '../i18n/medyear.js';
import { onceText } from '../i18n/once.js';
import { isLocalDate, isLocalTime } from '../shared/calendar.js';
import type { WorkplaceStore } from '../workplaces/store.js';
import { actorOf, changerPlace, CHANGER, IN_FORUM, placeOf, type Place } from './access.js';
import { agendaCard, referatCard, wheelCard, wheelForm } from './cards.js';
import { MAX_MEETINGS, meetingRef, MEDYEAR_VERBS as V, STANDING_ITEMS, text, type Meeting, type StandingItem, type Wheel } from './model.js';
import { findMeeting } from './rules.js';
import type { MedYearService } from './service.js';

const year = z.coerce.number().int().min(2000).max(2100);
const ref = z.object(meetingRef);

/** The meeting a card names, checked against the stored årshjul of the channel's workplace. */
async function meetingOf(svc: MedYearService, place: Place, r: z.infer<typeof ref>): Promise<{ meeting: Meeting; wheel: Wheel }> {
  const wheel = await svc.wheel(place.workplaceId, Number(r.date.slice(0, 4)));
  const meeting = findMeeting(wheel, r.forum, r.date);
  if (!meeting || meeting.forum !== place.forum) throw new UserError('NOT_FOUND', t.noMeeting(r.date));
  return { meeting, wheel };
}

export async function membersOf(workplaces: WorkplaceStore, workplaceId: string) {
  return (await workplaces.members(workplaceId)).map((m) => ({ id: m.aadObjectId, name: m.name })).sort((a, b) => a.name.localeCompare(b.name, 'da'));
}

/** The edit form as submitted: up to eight meetings of the channel's forum, and (in MED) each item's place. */
export function parseWheelForm(raw: Record<string, unknown>, forum: Meeting['forum']): { ok: true; meetings: Meeting[]; placements?: Wheel['placements'] } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const meetings: Meeting[] = [];
  const str = (k: string) => (typeof raw[k] === 'string' ? (raw[k] as string).trim() : '');
  for (let i = 0; i < MAX_MEETINGS; i++) {
    const date = str(`date${i}`);
    const time = str(`time${i}`) || (date ? '13:00' : '');
    const label = t.wheel.meetingLabel(i + 1);
    if (!date && !str(`time${i}`)) continue;
    if (!date) errors.push(`${label}: ${t.wheel.timeWithoutDate}`);
    else if (!isLocalDate(date)) errors.push(`${label}: ${t.badDate}`);
    else if (!isLocalTime(time)) errors.push(`${t.wheel.timeLabel(i + 1)}: ${t.wheel.badTime}`);
    else if (meetings.some((m) => m.date === date)) errors.push(`${label}: ${t.wheel.duplicate}`);
    else meetings.push({ forum, date, time });
  }
  if (forum !== 'med') return errors.length ? { ok: false, errors } : { ok: true, meetings };
  const placements = {} as Record<StandingItem, number>;
  for (const item of STANDING_ITEMS) {
    const p = z.coerce.number().int().min(-1).max(12).safeParse(str(`p_${item}`));
    if (p.success && str(`p_${item}`) !== '') placements[item] = p.data;
    else errors.push(`${t.wheel.placementLabel(t.items[item].title)}: ${t.wheel.month(1)}`);
  }
  return errors.length ? { ok: false, errors } : { ok: true, meetings, placements };
}

/** Hvem and Hvornår of an action made from a MED text. */
export function ownerAndEnd(svc: MedYearService, members: { id: string; name: string }[], owner: string, group: string, end: string): { owner: ReturnType<typeof ownerOf>; end: { date: string; label: string } } {
  const person = owner ? members.find((m) => m.id === owner) : undefined;
  if (owner && !person) throw new UserError('INVALID_INPUT', `${t.referat.ownerLabel}: ${t.referat.ownerRequired}.`);
  if (!person && !group) throw new UserError('INVALID_INPUT', `${t.referat.ownerLabel}: ${t.referat.ownerRequired}.`);
  const when = parseWhen(end || 'løbende', 'end', svc.today());
  if (!when.ok) throw new UserError('INVALID_INPUT', `${t.referat.endLabel}: ${when.message}`);
  return { owner: ownerOf(person, group), end: { date: when.date, label: when.label } };
}

export function meetingVerbs(svc: MedYearService, workplaces: WorkplaceStore): FeaturePart {
  const wheelShow = defineVerb({
    verb: V.wheelShow,
    ...IN_FORUM,
    schema: z.object({ year }),
    async run(_turn, principal, d) {
      const place = placeOf(principal);
      return { card: wheelCard({ ...place, year: d.year, wheel: await svc.wheel(place.workplaceId, d.year) }) };
    },
  });

  const wheelEdit = defineVerb({
    verb: V.wheelEdit,
    ...CHANGER,
    schema: z.object({ year }),
    async run(_turn, principal, d) {
      const place = changerPlace(principal);
      return { message: { card: wheelForm({ ...place, year: d.year, wheel: await svc.wheel(place.workplaceId, d.year) }) } };
    },
  });

  const wheelSave = defineVerb({
    verb: V.wheelSave,
    writes: true,
    ...CHANGER,
    schema: z.object({ year }).catchall(z.unknown()),
    async run(turn, principal, d) {
      const place = changerPlace(principal);
      const parsed = parseWheelForm(d, place.forum);
      const wheel = await svc.wheel(place.workplaceId, d.year);
      if (!parsed.ok) return { card: wheelForm({ ...place, year: d.year, wheel, values: stringsOf(d), errors: parsed.errors }) };
      const keep = wheel.meetings.filter((m) => m.forum === place.forum && m.date < `${d.year}-01-01`);
      const saved = await explained(svc.saveWheel(place.workplaceId, d.year, place.forum, [...keep, ...parsed.meetings], parsed.placements, actorOf(principal, turn.actor.name)), { CONFLICT: t.conflict });
      return { card: wheelCard({ ...place, year: d.year, wheel: saved }), message: { text: t.wheel.saved } };
    },
  });

  const agendaShow = defineVerb({
    verb: V.agendaShow,
    ...IN_FORUM,
    schema: ref,
    async run(_turn, principal, r) {
      const place = placeOf(principal);
      const { meeting, wheel } = await meetingOf(svc, place, r);
      return { card: agendaCard({ workplaceName: place.workplaceName, data: await svc.agenda(place.workplaceId, meeting, wheel), today: svc.today() }) };
    },
  });

  const agendaAdd = defineVerb({
    verb: V.agendaAdd,
    writes: true,
    ...IN_FORUM,
    schema: ref.extend({ text: text(300, t.agenda.required) }),
    labels: { text: t.agenda.addLabel },
    async run(turn, principal, r) {
      const place = placeOf(principal);
      const { meeting, wheel } = await meetingOf(svc, place, r);
      await svc.addAgendaItem(place.workplaceId, meeting, r.text, actorOf(principal, turn.actor.name));
      return { card: agendaCard({ workplaceName: place.workplaceName, data: await svc.agenda(place.workplaceId, meeting, wheel), today: svc.today() }) };
    },
  });

  const referat = async (place: Place, meeting: Meeting, errors?: string[]) =>
    referatCard({ workplaceName: place.workplaceName, meeting, decisions: await svc.decisions(place.workplaceId, meeting.forum, meeting.date), members: await membersOf(workplaces, place.workplaceId), ...(errors ? { errors } : {}) });

  const referatShow = defineVerb({
    verb: V.referatShow,
    ...CHANGER,
    schema: ref,
    async run(_turn, principal, r) {
      const place = changerPlace(principal);
      const { meeting } = await meetingOf(svc, place, r);
      return { message: { card: await referat(place, meeting) } };
    },
  });

  const referatAdd = defineVerb({
    verb: V.referatAdd,
    writes: true,
    ...CHANGER,
    schema: ref.extend({ text: text(1000, t.referat.required) }),
    labels: { text: t.referat.addLabel },
    async run(turn, principal, r) {
      const place = changerPlace(principal);
      const { meeting } = await meetingOf(svc, place, r);
      await svc.addDecision(place.workplaceId, meeting, r.text, actorOf(principal, turn.actor.name));
      return { card: await referat(place, meeting) };
    },
  });

  const toAction = defineVerb({
    verb: V.decisionToAction,
    writes: { again: (ref) => (ref ? actionsText.alreadyCreated(ref) : onceText.again) },
    ...CHANGER,
    schema: ref.extend({ id: z.string().regex(/^[0-9a-f]{16}$/) }).catchall(z.unknown()),
    async run(turn, principal, r) {
      const place = changerPlace(principal);
      const { meeting } = await meetingOf(svc, place, r);
      const s = (k: string) => (typeof r[k] === 'string' ? (r[k] as string).trim().slice(0, 100) : '');
      const members = await membersOf(workplaces, place.workplaceId);
      let chosen;
      try {
        chosen = ownerAndEnd(svc, members, s(`owner_${r.id}`), s(`group_${r.id}`), s(`end_${r.id}`));
      } catch (e) {
        if (e instanceof UserError) return { card: await referat(place, meeting, [e.message]) };
        throw e;
      }
      const made = await explained(svc.decisionToAction(place.workplaceId, meeting, r.id, chosen.owner, chosen.end, actorOf(principal, turn.actor.name)), { NOT_FOUND: t.referat.unknownDecision, CONFLICT: t.conflict });
      return { card: await referat(place, meeting), ...(made.decision.actionNumber !== undefined ? { ref: `H-${made.decision.actionNumber}` } : {}) };
    },
  });

  return { verbs: [wheelShow, wheelEdit, wheelSave, agendaShow, agendaAdd, referatShow, referatAdd, toAction] };
}

const stringsOf = (raw: Record<string, unknown>): Record<string, string> => Object.fromEntries(Object.entries(raw).filter((e): e is [string, string] => typeof e[1] === 'string'));

