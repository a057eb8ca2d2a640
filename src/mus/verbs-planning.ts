/**
 * The planning card → a proposal (draft) from the pure slot planner → changes typed on
 * the draft card → invitations sent through the outbox. Nothing is proposed or sent
 * before now; a refused card comes back with everything typed and the error at its field.
 */
import { access, type Principal } from '../core/access.js';
import { UserError } from '../core/errors.js';
import type { FeaturePart } from '../core/feature.js';
import { defineVerb } from '../core/router.js';
import type { Turn } from '../core/types.js';
import { musText as t } from '../i18n/mus.js';
import { zonedInstant } from '../shared/calendar.js';
import { PRIVATE_VERB, requireLeaderOf } from './access.js';
import { draftCard, noticeCard, planCard } from './cards.js';
import { addError, checkForm, typedOf, type FieldErrors } from './forms.js';
import { MUS_VERBS, newId, type Draft, type DraftSlot, type PlanParams } from './model.js';
import { plannerInputIssue, planSlots, validateSlotChange, type PlannerInput } from './planner.js';
import { heldRecently } from './rules.js';
import { dateSchema, draftRef, groupNameSchema, proposeForm, timeSchema, workplaceRef } from './schemas.js';
import type { MusService } from './service.js';
import { MAX_PEOPLE_PER_DRAFT, type MusStore } from './store.js';

type Busy = { start: Date; end: Date }[];

/** A proposal never starts sooner than this after the leader asks for it. */
export const PLANNING_LEAD_MINUTES = 60;

const plannerInput = (params: PlanParams, busy: Busy): PlannerInput => ({
  period: { from: params.from, to: params.to },
  durationMinutes: params.durationMinutes,
  bufferMinutes: params.bufferMinutes,
  dailyWindow: { start: params.windowStart, end: params.windowEnd },
  participants: [],
  mode: params.mode,
  busy,
});

/**
 * Applies the dates and times typed on the draft card. Every slot is checked, changed or
 * not: none may lie in the past (a proposal made yesterday is sent today), none may clash.
 * The errors are by field (`d_<i>`, `t_<i>`); with any, nothing is kept and the card comes back as typed.
 */
function applyEdits(draft: Draft, data: Record<string, unknown>, busy: Busy, now: Date): { slots: DraftSlot[]; errors: FieldErrors } {
  const slots = draft.slots.map((s) => ({ ...s }));
  const errors: FieldErrors = {};
  const input = plannerInput(draft.params, busy);
  slots.forEach((slot, i) => {
    const date = data[`d_${i}`];
    const time = data[`t_${i}`];
    if (date === undefined && time === undefined) return;
    const parsedDate = dateSchema.safeParse(date);
    if (!parsedDate.success) return addError(errors, `d_${i}`, t.slotDateMissing);
    const parsedTime = timeSchema.safeParse(time);
    if (!parsedTime.success) return addError(errors, `t_${i}`, t.slotTimeMissing);
    const start = zonedInstant(parsedDate.data, parsedTime.data);
    if (start.getTime() === slot.start.getTime()) return;
    const why = validateSlotChange(slots, i, start, input);
    if (why) return addError(errors, `d_${i}`, why);
    slots[i] = { ...slot, start, end: new Date(start.getTime() + (slot.end.getTime() - slot.start.getTime())) };
  });
  slots.forEach((slot, i) => {
    if (slot.start <= now) return addError(errors, `d_${i}`, t.slotInPast);
    // Against the leader's talks planned since the proposal was made, too.
    const why = validateSlotChange(slots, i, slot.start, input);
    if (why) addError(errors, `d_${i}`, why);
  });
  return { slots, errors };
}

/** GRUS: people with the same group name (ignoring case) talk together; no name means an individual talk. */
function groupsOf(data: Record<string, unknown>, ids: string[], errors: FieldErrors) {
  const groups = new Map<string, { id: string; name: string; memberIds: string[] }>();
  for (const id of ids) {
    const parsed = groupNameSchema.safeParse(data[`g_${id}`]);
    if (!parsed.success) {
      addError(errors, `g_${id}`, t.groupTooLong);
      continue;
    }
    const name = parsed.data;
    if (!name) continue;
    const key = name.toLocaleLowerCase('da');
    const group = groups.get(key) ?? { id: `g-${key}`, name, memberIds: [] };
    group.memberIds.push(id);
    groups.set(key, group);
  }
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
    schema: workplaceRef,
    allowed: access.role('leder'),
    writes: true,
    async run(turn, principal, data, { once }) {
      requireLeaderOf(principal, data.workplaceId);
      const workplace = principal.memberships.find((m) => m.workplaceId === data.workplaceId);
      const employees = await svc.employeesById(data.workplaceId);
      const day = svc.today();
      /** The planning card again, as typed, with the errors at their fields. */
      const refused = (errors: FieldErrors) => ({
        refused: true as const,
        card: planCard({
          workplaceId: data.workplaceId,
          workplaceName: workplace?.workplaceName ?? '',
          people: [...employees.values()].map((e) => ({ id: e.aadObjectId, name: e.name })),
          selected: [],
          defaults: { from: day, to: day, durationMinutes: 60, bufferMinutes: 15, windowStart: '09:00', windowEnd: '15:00', place: '', mode: 'individual' },
          typed: typedOf(data),
          errors,
        }),
      });
      const form = checkForm(proposeForm, data);
      if (!form.ok) return refused(form.errors);
      const f = form.data;
      const errors: FieldErrors = {};
      const ids = [...new Set(f.participants)];
      if (ids.some((id) => !employees.has(id))) addError(errors, 'participants', t.unknownParticipant);
      if (ids.length > MAX_PEOPLE_PER_DRAFT) addError(errors, 'participants', t.tooMany(MAX_PEOPLE_PER_DRAFT));
      if (f.from < day) addError(errors, 'from', t.slotInPast);
      const groups = f.mode === 'group' ? groupsOf(data, ids, errors) : [];
      const params: PlanParams = { from: f.from, to: f.to, durationMinutes: f.duration, bufferMinutes: f.buffer, windowStart: f.windowStart, windowEnd: f.windowEnd, place: f.place, mode: f.mode };
      const busy = await busyOf(data.workplaceId, principal.userId);
      const people = ids.map((id) => ({ id, name: employees.get(id)?.name ?? id }));
      const absent = await svc.absentAmong(data.workplaceId, ids, day);
      const input: PlannerInput = { ...plannerInput(params, busy), participants: people, groups, excludedIds: absent, notBefore: new Date(turn.now.getTime() + PLANNING_LEAD_MINUTES * 60_000) };
      const problem = Object.keys(errors).length ? null : plannerInputIssue(input);
      if (problem) addError(errors, problem.field, problem.message);
      if (Object.keys(errors).length) return refused(errors);
      const result = planSlots(input);
      if (result.slots.length === 0) return refused({ from: t.nobodyToPlan });
      const labelOf = new Map([...people.map((p) => [p.id, p.name] as const), ...groups.map((g) => [g.id, g.name] as const)]);
      const { statuses } = await svc.overview(data.workplaceId, day);
      const planned = new Set(result.slots.flatMap((s) => s.participantIds));
      const draft: Draft = {
        workplaceId: data.workplaceId,
        id: newId(once, 'draft'),
        leaderId: principal.userId,
        leaderName: principal.name,
        params,
        slots: result.slots.map((s) => ({ label: s.label, participantIds: s.participantIds, start: s.start, end: s.end })),
        unplannedNames: result.unplanned.map((id) => labelOf.get(id) ?? id),
        capacity: result.capacity,
        recentlyHeld: statuses.filter((s) => planned.has(s.id) && heldRecently(s.lastHeldOn, day)).map((s) => ({ name: s.name, on: s.lastHeldOn! })),
        names: Object.fromEntries(people.filter((p) => !absent.includes(p.id)).map((p) => [p.id, p.name])),
        status: 'draft',
        createdAt: turn.now.toISOString(),
      };
      await store.saveDraft(draft);
      await svc.record({ workplaceId: data.workplaceId, actorId: principal.userId, type: 'mus.drafted', subject: draft.id, data: { slots: draft.slots.length } }, once);
      return { card: draftCard(draft) };
    },
  });

  /** The draft's edits checked; the card as typed with the errors when any is refused. */
  const edited = async (turn: Turn, principal: Principal, data: Record<string, unknown>, draft: Draft) => {
    const { slots, errors } = applyEdits(draft, data, await busyOf(draft.workplaceId, principal.userId, draft.id), turn.now);
    return Object.keys(errors).length ? { refused: { refused: true as const, card: draftCard(draft, { typed: typedOf(data), errors }) } } : { slots };
  };

  const save = defineVerb({
    verb: MUS_VERBS.draftSave,
    ...PRIVATE_VERB,
    schema: draftRef,
    allowed: access.role('leder'),
    writes: true,
    async run(turn, principal, data) {
      const draft = await loadDraft(principal, data.workplaceId, data.draftId);
      if (draft.status === 'sent') return { card: noticeCard(t.alreadySent, 'good') };
      const r = await edited(turn, principal, data, draft);
      if (r.refused) return r.refused;
      const updated = { ...draft, slots: r.slots };
      await store.saveDraft(updated, draft.etag);
      return { card: draftCard(updated, { status: t.draftSaved }) };
    },
  });

  const send = defineVerb({
    verb: MUS_VERBS.send,
    ...PRIVATE_VERB,
    schema: draftRef,
    allowed: access.role('leder'),
    writes: { again: () => t.alreadySent },
    async run(turn, principal, data, { once }) {
      const draft = await loadDraft(principal, data.workplaceId, data.draftId);
      if (draft.status === 'sent') {
        await svc.resendDraft(draft, principal.userId, turn.now, once);
        return { card: noticeCard(t.alreadySent, 'good') };
      }
      const r = await edited(turn, principal, data, draft);
      if (r.refused) return r.refused;
      const sent = await svc.sendDraft({ ...draft, slots: r.slots }, principal.userId, turn.now, once);
      return { card: noticeCard(t.sent(sent.invites, sent.later, sent.reminders), 'good') };
    },
  });

  return { verbs: [propose, save, send] };
}
