/**
 * `planlæg MUS`: the leader's planning card → a proposal (draft) from the pure slot
 * planner → changes → invitations sent through the reminder engine.
 */
import { randomBytes } from 'node:crypto';
import { onceHex, type Once } from '../core/once.js';
import { z } from 'zod';
import type { FeaturePart } from '../core/feature.js';
import { access, type Principal } from '../core/access.js';
import { explained, UserError } from '../core/errors.js';
import { defineCommand } from '../core/registry.js';
import { defineVerb } from '../core/router.js';
import { formatIssues } from '../core/validation.js';
import { musText as t } from '../i18n/mus.js';
import { CHANGED_MEANWHILE } from './context.js';
import { addDays, addWorkingDays, zonedInstant } from '../shared/calendar.js';
import { chooseLeaderWorkplace, requireLeaderOf } from './access.js';
import { draftCard, noticeCard, planCard } from './cards.js';
import { employeesById, overviewOf, plannedTalksOf, requireEmployees, settingsOf, today, type MusContext } from './context.js';
import { scheduleTalk } from './jobs.js';
import type { Draft, DraftSlot, Invite, PlanParams, Talk } from './model.js';
import { MUS_VERBS } from './model.js';
import { planSlots, validatePlannerInput, validateSlotChange, type PlannerInput } from './planner.js';
import { dateSchema, draftSchema, groupNameSchema, proposeLabels, proposeSchema, timeSchema } from './schemas.js';
import { isSenior } from './settings.js';
import { MAX_PEOPLE_PER_DRAFT } from './store.js';

/** A new draft or talk id: under a one-time key the same on every replay, so a replay finds what it created. */
const newId = (once?: Once, label = '') => (once ? onceHex(once, `mus|${label}`, 10) : randomBytes(5).toString('hex'));

const plannerInput = (params: PlanParams, busy: { start: Date; end: Date }[]): PlannerInput => ({
  period: { from: params.from, to: params.to },
  durationMinutes: params.durationMinutes,
  dailyWindow: { start: params.windowStart, end: params.windowEnd },
  participants: [],
  mode: params.mode,
  busy,
});

/** The leader's other planned talks (not those of this draft): never overlapped. */
async function busyOf(ctx: MusContext, workplaceId: string, leaderId: string, exceptDraft?: string) {
  return (await plannedTalksOf(ctx, workplaceId, leaderId)).filter((x) => x.draftId !== exceptDraft).map((x) => ({ start: x.start, end: x.end }));
}

/** Applies the dates and times typed on the draft card; every change is checked, nothing is kept if one fails. */
function applyEdits(draft: Draft, data: Record<string, unknown>, busy: { start: Date; end: Date }[], now: Date): DraftSlot[] {
  const slots = draft.slots.map((s) => ({ ...s }));
  const errors: string[] = [];
  const input = plannerInput(draft.params, busy);
  slots.forEach((slot, i) => {
    const date = data[`d_${i}`];
    const time = data[`t_${i}`];
    if (date === undefined && time === undefined) return;
    const parsedDate = dateSchema.safeParse(date);
    if (!parsedDate.success) return void errors.push(t.slotInvalid(slot.label, t.slotDateMissing));
    const parsedTime = timeSchema.safeParse(time);
    if (!parsedTime.success) return void errors.push(t.slotInvalid(slot.label, t.slotTimeMissing));
    const start = zonedInstant(parsedDate.data, parsedTime.data);
    if (start.getTime() === slot.start.getTime()) return;
    if (start <= now) return void errors.push(t.slotInvalid(slot.label, t.slotInPast));
    const why = validateSlotChange(slots, i, start, input);
    if (why) return void errors.push(t.slotInvalid(slot.label, why));
    slots[i] = { ...slot, start, end: new Date(start.getTime() + (slot.end.getTime() - slot.start.getTime())) };
  });
  // Every slot, changed or not, against the leader's talks planned since the proposal was made.
  if (errors.length === 0) {
    slots.forEach((slot, i) => {
      const why = validateSlotChange(slots, i, slot.start, input);
      if (why) errors.push(t.slotInvalid(slot.label, why));
    });
  }
  if (errors.length) throw new UserError('INVALID_INPUT', formatIssues(errors));
  return slots;
}

/** Nobody gets two planned talks (e.g. when an older proposal is sent after a newer one). */
async function refuseDoubleBooking(ctx: MusContext, draft: Draft): Promise<void> {
  const planned = new Set((await ctx.store.talks(draft.workplaceId)).filter((x) => x.status === 'planned').flatMap((x) => x.participantIds));
  const twice = draft.slots.flatMap((s) => s.participantIds).filter((id) => planned.has(id));
  if (twice.length) throw new UserError('CONFLICT', t.alreadyPlanned(twice.map((id) => draft.names[id] ?? id)));
}

async function loadDraft(ctx: MusContext, principal: Principal, workplaceId: string, draftId: string) {
  requireLeaderOf(principal, workplaceId);
  const draft = await ctx.store.draft(workplaceId, draftId);
  if (!draft) throw new UserError('NOT_FOUND', t.draftGone);
  if (draft.leaderId !== principal.userId) throw new UserError('FORBIDDEN', t.notLeader);
  return draft;
}

export function planningFeature(ctx: MusContext): FeaturePart {
  const command = defineCommand({
    id: 'mus.plan',
    name: 'planlæg MUS',
    aliases: ['planlaeg mus', 'plan mus'],
    usage: 'planlæg MUS',
    description: t.cmd.plan,
    scopes: ['personal'],
    allowed: access.role('leder'),
    args: z.string().max(80),
    async run(turn, principal, arg) {
      const wp = chooseLeaderWorkplace(principal, arg);
      const employees = await requireEmployees(ctx, wp.workplaceId);
      const day = today(ctx);
      const { statuses } = await overviewOf(ctx, wp.workplaceId, day);
      const from = addWorkingDays(day, 1);
      await turn.reply({
        card: planCard({
          workplaceId: wp.workplaceId,
          workplaceName: wp.workplaceName,
          people: employees.map((e) => ({ id: e.aadObjectId, name: e.name })),
          selected: statuses.filter((s) => s.state === 'due' || s.state === 'overdue').map((s) => s.id),
          defaults: { from, to: addDays(from, 27), durationMinutes: 60, windowStart: '09:00', windowEnd: '15:00', place: '', mode: 'individual' },
        }),
      });
    },
  });

  const propose = defineVerb({
    verb: MUS_VERBS.propose,
    scopes: ['personal'],
    wrongPlace: t.onlyPersonal,
    schema: proposeSchema,
    labels: proposeLabels,
    allowed: access.role('leder'),
    writes: true,
    async run(turn, principal, data, { once }) {
      requireLeaderOf(principal, data.workplaceId);
      const employees = await employeesById(ctx, data.workplaceId);
      const ids = [...new Set(data.participants)];
      if (ids.some((id) => !employees.has(id))) throw new UserError('INVALID_INPUT', t.unknownParticipant);
      if (ids.length > MAX_PEOPLE_PER_DRAFT) throw new UserError('INVALID_INPUT', t.tooMany(MAX_PEOPLE_PER_DRAFT));
      const params: PlanParams = { from: data.from, to: data.to, durationMinutes: data.duration, windowStart: data.windowStart, windowEnd: data.windowEnd, place: data.place, mode: data.mode };
      const day = today(ctx);
      if (params.from < day) throw new UserError('INVALID_INPUT', formatIssues([`${t.from}: ${t.slotInPast}`]));
      const groups = data.mode === 'group' ? groupsOf(data, ids, (id) => employees.get(id)?.name ?? id) : [];
      const busy = await busyOf(ctx, data.workplaceId, principal.userId);
      const people = ids.map((id) => ({ id, name: employees.get(id)?.name ?? id }));
      const absent = (await Promise.all(ids.map(async (id) => ((await ctx.absence.isAbsent(data.workplaceId, id, day)) ? id : '')))).filter(Boolean);
      const input: PlannerInput = { ...plannerInput(params, busy), participants: people, groups, excludedIds: absent };
      const problem = validatePlannerInput(input);
      if (problem) throw new UserError('INVALID_INPUT', problem);
      const result = planSlots(input);
      if (result.slots.length === 0) throw new UserError('INVALID_INPUT', t.nobodyToPlan);
      const labelOf = new Map([...people.map((p) => [p.id, p.name] as const), ...groups.map((g) => [g.id, g.name] as const)]);
      const draft: Draft = {
        workplaceId: data.workplaceId,
        id: newId(once, 'draft'),
        leaderId: principal.userId,
        leaderName: principal.name,
        params,
        slots: result.slots.map((s) => ({ label: s.label, participantIds: s.participantIds, start: s.start, end: s.end })),
        unplannedNames: result.unplanned.map((id) => labelOf.get(id) ?? id),
        names: Object.fromEntries(people.filter((p) => !absent.includes(p.id)).map((p) => [p.id, p.name])),
        status: 'draft',
        createdAt: turn.now.toISOString(),
      };
      await ctx.store.saveDraft(draft);
      await ctx.events.append({ workplaceId: data.workplaceId, actorId: principal.userId, type: 'mus.drafted', subject: draft.id, data: { slots: draft.slots.length } }, once);
      return { card: draftCard(draft) };
    },
  });

  const save = defineVerb({
    verb: MUS_VERBS.draftSave,
    scopes: ['personal'],
    wrongPlace: t.onlyPersonal,
    schema: draftSchema,
    allowed: access.role('leder'),
    writes: true,
    async run(turn, principal, data) {
      const draft = await loadDraft(ctx, principal, data.workplaceId, data.draftId);
      if (draft.status === 'sent') return { card: noticeCard(t.alreadySent, 'good') };
      const slots = applyEdits(draft, data, await busyOf(ctx, draft.workplaceId, principal.userId), turn.now);
      const updated = { ...draft, slots };
      await ctx.store.saveDraft(updated, draft.etag);
      return { card: draftCard(updated, t.draftSaved) };
    },
  });

  const send = defineVerb({
    verb: MUS_VERBS.send,
    scopes: ['personal'],
    wrongPlace: t.onlyPersonal,
    schema: draftSchema,
    allowed: access.role('leder'),
    writes: { again: () => t.alreadySent },
    async run(turn, principal, data, { once }) {
      const draft = await loadDraft(ctx, principal, data.workplaceId, data.draftId);
      if (draft.status === 'sent') {
        // Sent before: make sure every job exists (scheduling is idempotent by key). A
        // replay of the send that died half-way also writes its event (keyed: never twice).
        const talks = (await ctx.store.talks(draft.workplaceId)).filter((x) => x.draftId === draft.id && x.status === 'planned');
        for (const talk of talks) await scheduleTalk(ctx, talk, talk.participantIds, turn.now);
        if (once?.replay) {
          const invites = talks.reduce((n, x) => n + x.participantIds.length, 0);
          await ctx.events.append({ workplaceId: draft.workplaceId, actorId: principal.userId, type: 'mus.sent', subject: draft.id, data: { talks: talks.length, invites } }, once);
        }
        return { card: noticeCard(t.alreadySent, 'good') };
      }
      const slots = applyEdits(draft, data, await busyOf(ctx, draft.workplaceId, principal.userId), turn.now);
      await refuseDoubleBooking(ctx, draft);
      const { talks, invites } = await talksOf(ctx, { ...draft, slots }, once);
      await explained(ctx.store.sendDraft({ ...draft, slots }, draft.etag, talks, invites), CHANGED_MEANWHILE);
      for (const talk of talks) await scheduleTalk(ctx, talk, talk.participantIds, turn.now);
      await ctx.events.append({ workplaceId: draft.workplaceId, actorId: principal.userId, type: 'mus.sent', subject: draft.id, data: { talks: talks.length, invites: invites.length } }, once);
      return { card: noticeCard(t.sent(invites.length), 'good') };
    },
  });

  return { commands: [command], verbs: [propose, save, send] };
}

/** GRUS: people with the same group name (ignoring case) talk together; no name means an individual talk. */
function groupsOf(data: Record<string, unknown>, ids: string[], nameOf: (id: string) => string) {
  const errors: string[] = [];
  const groups = new Map<string, { id: string; name: string; memberIds: string[] }>();
  for (const id of ids) {
    const parsed = groupNameSchema.safeParse(data[`g_${id}`]);
    if (!parsed.success) {
      errors.push(t.groupTooLong(nameOf(id)));
      continue;
    }
    const name = parsed.data;
    if (!name) continue;
    const key = name.toLocaleLowerCase('da');
    const group = groups.get(key) ?? { id: `g-${key}`, name, memberIds: [] };
    group.memberIds.push(id);
    groups.set(key, group);
  }
  if (errors.length) throw new UserError('INVALID_INPUT', formatIssues(errors));
  return [...groups.values()];
}

async function talksOf(ctx: MusContext, draft: Draft, once?: Once): Promise<{ talks: Talk[]; invites: Invite[] }> {
  const [members, settings] = await Promise.all([ctx.workplaces.members(draft.workplaceId), settingsOf(ctx, draft.workplaceId)]);
  const byId = new Map(members.map((m) => [m.aadObjectId, m]));
  const talks: Talk[] = [];
  const invites: Invite[] = [];
  for (const [index, slot] of draft.slots.entries()) {
    const talk: Talk = {
      workplaceId: draft.workplaceId,
      id: newId(once, `talk|${index}`),
      draftId: draft.id,
      leaderId: draft.leaderId,
      leaderName: draft.leaderName,
      label: slot.participantIds.length === 1 ? (draft.names[slot.participantIds[0]!] ?? slot.label) : slot.label,
      mode: slot.participantIds.length > 1 ? 'group' : 'individual',
      participantIds: slot.participantIds,
      start: slot.start,
      end: slot.end,
      place: draft.params.place,
      status: 'planned',
      version: 1,
    };
    talks.push(talk);
    const year = Number(slot.start.toISOString().slice(0, 4));
    for (const id of slot.participantIds) {
      const m = byId.get(id);
      const seniorOffered = isSenior(m?.birthYear, year, settings.seniorAge);
      invites.push({ workplaceId: draft.workplaceId, talkId: talk.id, aadObjectId: id, name: m?.name ?? draft.names[id] ?? id, response: 'pending', seniorOffered, seniorWanted: false });
    }
  }
  return { talks, invites };
}
