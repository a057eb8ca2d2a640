/**
 * The planning card → a proposal (draft) from the pure slot planner → changes typed on
 * the draft card → invitations sent through the outbox.
 */
import { access, type Principal } from '../core/access.js';
import { UserError } from '../core/errors.js';
import type { FeaturePart } from '../core/feature.js';
import { defineVerb } from '../core/router.js';
import { formatIssues } from '../core/validation.js';
import { musText as t } from '../i18n/mus.js';
import { zonedInstant } from '../shared/calendar.js';
import { PRIVATE_VERB, requireLeaderOf } from './access.js';
import { draftCard, noticeCard } from './cards.js';
import { MUS_VERBS, newId, type Draft, type DraftSlot, type PlanParams } from './model.js';
import { planSlots, validatePlannerInput, validateSlotChange, type PlannerInput } from './planner.js';
import { dateSchema, draftSchema, groupNameSchema, proposeLabels, proposeSchema, timeSchema } from './schemas.js';
import type { MusService } from './service.js';
import { MAX_PEOPLE_PER_DRAFT, type MusStore } from './store.js';

type Busy = { start: Date; end: Date }[];

const plannerInput = (params: PlanParams, busy: Busy): PlannerInput => ({
  period: { from: params.from, to: params.to },
  durationMinutes: params.durationMinutes,
  dailyWindow: { start: params.windowStart, end: params.windowEnd },
  participants: [],
  mode: params.mode,
  busy,
});

/** Applies the dates and times typed on the draft card; every change is checked, nothing is kept if one fails. */
function applyEdits(draft: Draft, data: Record<string, unknown>, busy: Busy, now: Date): DraftSlot[] {
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

export function planningVerbs({ svc, store }: { svc: MusService; store: MusStore }): FeaturePart {
  /** The leader's other planned talks (not those of this draft): never overlapped. */
  const busyOf = async (workplaceId: string, leaderId: string, exceptDraft?: string): Promise<Busy> =>
    (await svc.plannedTalksOf(workplaceId, leaderId)).filter((x) => x.draftId !== exceptDraft).map((x) => ({ start: x.start, end: x.end }));

  /** The leader's own draft at a workplace they lead. */
  const loadDraft = async (principal: Principal, workplaceId: string, draftId: string) => {
    requireLeaderOf(principal, workplaceId);
    const draft = await store.draft(workplaceId, draftId);
    if (!draft) throw new UserError('NOT_FOUND', t.draftGone);
    if (draft.leaderId !== principal.userId) throw new UserError('FORBIDDEN', t.notLeader);
    return draft;
  };

  const propose = defineVerb({
    verb: MUS_VERBS.propose,
    ...PRIVATE_VERB,
    schema: proposeSchema,
    labels: proposeLabels,
    allowed: access.role('leder'),
    writes: true,
    async run(turn, principal, data, { once }) {
      requireLeaderOf(principal, data.workplaceId);
      const employees = await svc.employeesById(data.workplaceId);
      const ids = [...new Set(data.participants)];
      if (ids.some((id) => !employees.has(id))) throw new UserError('INVALID_INPUT', t.unknownParticipant);
      if (ids.length > MAX_PEOPLE_PER_DRAFT) throw new UserError('INVALID_INPUT', t.tooMany(MAX_PEOPLE_PER_DRAFT));
      const params: PlanParams = { from: data.from, to: data.to, durationMinutes: data.duration, windowStart: data.windowStart, windowEnd: data.windowEnd, place: data.place, mode: data.mode };
      const day = svc.today();
      if (params.from < day) throw new UserError('INVALID_INPUT', formatIssues([`${t.from}: ${t.slotInPast}`]));
      const groups = data.mode === 'group' ? groupsOf(data, ids, (id) => employees.get(id)?.name ?? id) : [];
      const busy = await busyOf(data.workplaceId, principal.userId);
      const people = ids.map((id) => ({ id, name: employees.get(id)?.name ?? id }));
      const absent = await svc.absentAmong(data.workplaceId, ids, day);
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
      await store.saveDraft(draft);
      await svc.record({ workplaceId: data.workplaceId, actorId: principal.userId, type: 'mus.drafted', subject: draft.id, data: { slots: draft.slots.length } }, once);
      return { card: draftCard(draft) };
    },
  });

  const save = defineVerb({
    verb: MUS_VERBS.draftSave,
    ...PRIVATE_VERB,
    schema: draftSchema,
    allowed: access.role('leder'),
    writes: true,
    async run(turn, principal, data) {
      const draft = await loadDraft(principal, data.workplaceId, data.draftId);
      if (draft.status === 'sent') return { card: noticeCard(t.alreadySent, 'good') };
      const slots = applyEdits(draft, data, await busyOf(draft.workplaceId, principal.userId), turn.now);
      const updated = { ...draft, slots };
      await store.saveDraft(updated, draft.etag);
      return { card: draftCard(updated, t.draftSaved) };
    },
  });

  const send = defineVerb({
    verb: MUS_VERBS.send,
    ...PRIVATE_VERB,
    schema: draftSchema,
    allowed: access.role('leder'),
    writes: { again: () => t.alreadySent },
    async run(turn, principal, data, { once }) {
      const draft = await loadDraft(principal, data.workplaceId, data.draftId);
      if (draft.status === 'sent') {
        await svc.resendDraft(draft, principal.userId, turn.now, once);
        return { card: noticeCard(t.alreadySent, 'good') };
      }
      const slots = applyEdits(draft, data, await busyOf(draft.workplaceId, principal.userId), turn.now);
      const { invites } = await svc.sendDraft({ ...draft, slots }, principal.userId, turn.now, once);
      return { card: noticeCard(t.sent(invites), 'good') };
    },
  });

  return { verbs: [propose, save, send] };
}
