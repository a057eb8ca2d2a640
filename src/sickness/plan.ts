/**
 * Which reminder rows a case needs (pure), and how they are written.
 *
 * Keys are `sickness:<workplace>:<case>:<step>@<recipient>`, so raskmelding and deletion
 * cancel everything of one case with one cancelPrefix, and a case handed to another
 * leader (or a contact handed to a TR) gets rows of its own for the new recipient. Rows
 * are written once per key: a key that exists is left alone (its render decides at send
 * time whether it is still relevant, and still for that recipient, from the case's
 * current state), so re-planning never sends twice and can run every night.
 * Payloads carry the case id and the step, nothing else.
 */
import { scheduleMissing, type JobPayload, type ScheduleRequest } from '../outbox/types.js';
import { localDateOf, zonedInstant, type LocalDate } from '../shared/calendar.js';
import type { SicknessCase } from './model.js';
import type { FollowUpPolicy } from './policy.js';
import { contactPersonFor, followingLeader } from './rules.js';
import { computeTimeline, contactPoint, PENDING_STATUSES, reRemindAt, type TimelineItem } from './timeline.js';
import { stateOf } from './model.js';

export const JOB = {
  contact: 'sickness.contact',
  milestone: 'sickness.milestone',
  escalation: 'sickness.escalation',
  reported: 'sickness.reported',
  invitation: 'sickness.invitation',
  trInvite: 'sickness.trInvite',
  agreed: 'sickness.agreedContact',
  closedNotice: 'sickness.closedNotice',
  monthly: 'sickness.monthly',
  contactLogged: 'sickness.contactLogged',
  planAsked: 'sickness.planAsked',
  orphaned: 'sickness.orphaned',
  handedOver: 'sickness.handedOver',
} as const;

/** Reminders go out from this local time on their day (the engine keeps them in working hours). */
export const SEND_AT = '08:00';

export const casePrefix = (c: Pick<SicknessCase, 'workplaceId' | 'id'>): string => `sickness:${c.workplaceId}:${c.id}:`;

const reRemindStep = (point: number) => `contact:${point}:again`;
/** The key of a contact's re-reminder to `to` (sent when the contact is still not logged). */
export const reRemindKey = (c: Pick<SicknessCase, 'workplaceId' | 'id'>, point: number, to: string): string => `${casePrefix(c)}${reRemindStep(point)}@${to}`;

/** The send moment for a day: SEND_AT that day, or now when that has passed. */
export function sendAt(day: LocalDate, now: Date): Date {
  const at = zonedInstant(day, SEND_AT);
  return at > now ? at : now;
}

const PENDING = new Set(['upcoming', 'due', 'overdue', 'booked']);

export interface PlanContext {
  policy: FollowUpPolicy;
  now: Date;
  /** Who gets statutory escalations (the case's leader plus HR, or all leaders). */
  escalateTo: readonly string[];
}

/** One row; `step` names what it is for, the key adds the recipient. */
function request(c: SicknessCase, step: string, kind: string, to: string, dueAt: Date, payload: JobPayload, urgent = false): ScheduleRequest {
  return {
    key: `${casePrefix(c)}${step}@${to}`,
    kind,
    workplaceId: c.workplaceId,
    target: { kind: 'user', aadObjectId: to },
    dueAt,
    payload: { caseId: c.id, ...payload },
    ...(urgent ? { urgent } : {}),
  };
}

/** The rows of an open, confirmed case. */
export function followUpPlan(c: SicknessCase, ctx: PlanContext): ScheduleRequest[] {
  if (c.status !== 'aktiv') return [];
  const today = localDateOf(ctx.now);
  const items = computeTimeline(ctx.policy, stateOf(c), today);
  const out: ScheduleRequest[] = [];
  // Of the contacts already due, only the latest is chased: one call covers the earlier ones.
  const contacts = items.filter((i) => i.kind === 'contact' && PENDING.has(i.status));
  const lastPast = contacts.filter((i) => i.due <= today).at(-1);
  for (const item of contacts) {
    if (item.due <= today && item !== lastPast) continue;
    const point = contactPoint(item);
    const base = item.due > today ? item.due : today;
    const to = contactPersonFor(c, point, base);
    out.push(request(c, `contact:${point}`, JOB.contact, to, sendAt(item.due, ctx.now), { point }));
    const again = reRemindAt(undefined, base, ctx.policy) ?? base;
    out.push(request(c, reRemindStep(point), JOB.contact, to, sendAt(again, ctx.now), { point, again: true }));
  }
  for (const item of items) out.push(...milestoneRows(c, item, ctx, ''));
  return out;
}

function milestoneRows(c: SicknessCase, item: TimelineItem, ctx: PlanContext, prefix: string): ScheduleRequest[] {
  if (item.kind !== 'milestone' || item.status === 'done' || item.status === 'cancelled') return [];
  // Municipality applicability can change with the expected duration: render decides.
  if (item.status === 'not-applicable' && item.key !== 'municipality') return [];
  const out: ScheduleRequest[] = [];
  // The notification's deadline depends on the pay (§ 40): a changed answer gets rows on the new dates.
  const step = item.key === 'municipality' ? `municipality:${c.pay}` : item.key;
  if (item.key !== 'samtale') {
    const to = followingLeader(c, item.due > localDateOf(ctx.now) ? item.due : localDateOf(ctx.now));
    out.push(request(c, `${prefix}${step}`, JOB.milestone, to, sendAt(item.due, ctx.now), { step: item.key }));
  }
  if (item.statutory && item.escalateOn !== undefined) {
    for (const to of ctx.escalateTo) {
      out.push(request(c, `${prefix}${step}:escalate`, JOB.escalation, to, sendAt(item.escalateOn, ctx.now), { step: item.key }, true));
    }
  }
  return out;
}

/** After raskmelding: the return follow-up and a municipality notification that is still owed. */
export function afterClosePlan(c: SicknessCase, ctx: PlanContext): ScheduleRequest[] {
  if (c.status !== 'raskmeldt') return [];
  const items = computeTimeline(ctx.policy, stateOf(c), localDateOf(ctx.now));
  return items
    .filter((i) => (i.key === 'return-followup' || i.key === 'municipality') && PENDING_STATUSES.has(i.status))
    .flatMap((i) => milestoneRows(c, i, ctx, 'after:'));
}

/** A reminder on a day agreed with the employee (or the next follow-up), to whoever makes that contact. */
export function agreedContactRow(c: SicknessCase, day: LocalDate, now: Date): ScheduleRequest {
  return request(c, `agreed:${day}`, JOB.agreed, contactPersonFor(c, 0, day), sendAt(day, now), { day });
}

export function postponedRow(c: SicknessCase, point: number, day: LocalDate, now: Date): ScheduleRequest {
  return request(c, `contact:${point}:postponed:${day}`, JOB.contact, contactPersonFor(c, point, day), sendAt(day, now), { point });
}

/** After a pause: contacts that fell due meanwhile were dropped, so the latest of them is reminded today. */
export function resumedContactRows(c: SicknessCase, items: readonly TimelineItem[], now: Date): ScheduleRequest[] {
  const due = items.filter((i) => i.kind === 'contact' && (i.status === 'due' || i.status === 'overdue')).at(-1);
  return due ? [postponedRow(c, contactPoint(due), localDateOf(now), now)] : [];
}

export function reportedRows(c: SicknessCase, leaders: readonly string[], now: Date): ScheduleRequest[] {
  return leaders.map((to) => request(c, 'reported', JOB.reported, to, now, {}));
}

export function invitationRow(c: SicknessCase, rev: number, now: Date): ScheduleRequest {
  return request(c, `samtale:${rev}:invitation`, JOB.invitation, c.employeeId, now, { rev });
}

export function outcomeRow(c: SicknessCase, rev: number, day: LocalDate, time: string, now: Date): ScheduleRequest {
  const after = new Date(zonedInstant(day, time).getTime() + 2 * 3_600_000);
  return request(c, `samtale:${rev}:outcome`, JOB.milestone, followingLeader(c, day), after > now ? after : now, { step: 'samtale:outcome', rev });
}

export function trInviteRow(c: SicknessCase, rev: number, trId: string, now: Date): ScheduleRequest {
  return request(c, `samtale:${rev}:tr`, JOB.trInvite, trId, now, { rev });
}

export function closedNoticeRow(c: SicknessCase, now: Date): ScheduleRequest {
  return request(c, 'after:closed-notice', JOB.closedNotice, followingLeader(c, localDateOf(now)), now, {});
}

/** A contact person logged a contact: the leader hears that it happened (and sees it on the case). */
export function contactLoggedRow(c: SicknessCase, point: number, at: number, now: Date): ScheduleRequest {
  return request(c, `contact:${point}:logged:${at}`, JOB.contactLogged, followingLeader(c, localDateOf(now)), now, { point });
}

/** The employee asked for a fastholdelsesplan from their card (§ 7 b). */
export function planAskedRow(c: SicknessCase, now: Date): ScheduleRequest {
  return request(c, `fastholdelsesplan:asked:${localDateOf(now)}`, JOB.planAsked, followingLeader(c, localDateOf(now)), now, {});
}

/** The case's leader is gone: every leader of the workplace hears once, so someone takes it over. */
export function orphanedRows(c: SicknessCase, leaders: readonly string[], now: Date): ScheduleRequest[] {
  return leaders.map((to) => request(c, `orphaned:${c.leaderId}`, JOB.orphaned, to, now, {}));
}

/**
 * A leader handed the case (or a cover) to another leader, or a contact (`point`, 0 = all)
 * to a TR, AMR or colleague: they hear it at once (a contact person hears no details).
 */
export function handedOverRow(c: SicknessCase, to: string, now: Date, point?: number): ScheduleRequest {
  const step = point === undefined ? `handed:${localDateOf(now)}` : `contact:${point}:handed:${localDateOf(now)}`;
  return request(c, step, JOB.handedOver, to, now, point === undefined ? {} : { point });
}

/** Writes the rows whose key does not exist yet (a key is never sent twice). */
export const writeRows = scheduleMissing;
