/**
 * Which reminder rows a case needs (pure), and how they are written.
 *
 * Keys are `sickness:<workplace>:<case>:<step>`, so raskmelding and deletion cancel
 * everything of one case with one cancelPrefix. Rows are written once per key: a key
 * that exists is left alone (its render decides at send time whether it is still
 * relevant, from the case's current state), so re-planning never sends twice.
 * Payloads carry the case id and the step, nothing else.
 */
import type { JobPayload, ScheduleRequest, Scheduler } from '../outbox/types.js';
import { localDateOf, zonedInstant, type LocalDate } from '../shared/calendar.js';
import type { SicknessCase } from './model.js';
import type { FollowUpPolicy } from './policy.js';
import { computeTimeline, contactPoint, reRemindAt, type TimelineItem } from './timeline.js';
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
} as const;

/** Reminders go out from this local time on their day (the engine keeps them in working hours). */
export const SEND_AT = '08:00';

export const casePrefix = (c: Pick<SicknessCase, 'workplaceId' | 'id'>): string => `sickness:${c.workplaceId}:${c.id}:`;

const reRemindStep = (point: number) => `contact:${point}:again`;
/** The key of a contact's re-reminder (sent when the contact is still not logged). */
export const reRemindKey = (c: Pick<SicknessCase, 'workplaceId' | 'id'>, point: number): string => `${casePrefix(c)}${reRemindStep(point)}`;

/** The send moment for a day: SEND_AT that day, or now when that has passed. */
export function sendAt(day: LocalDate, now: Date): Date {
  const at = zonedInstant(day, SEND_AT);
  return at > now ? at : now;
}

const PENDING = new Set(['upcoming', 'due', 'overdue']);

export interface PlanContext {
  policy: FollowUpPolicy;
  now: Date;
  /** Who gets statutory escalations (the case's leader plus HR, or all leaders). */
  escalateTo: readonly string[];
}

function request(c: SicknessCase, step: string, kind: string, to: string, dueAt: Date, payload: JobPayload, urgent = false): ScheduleRequest {
  return {
    key: `${casePrefix(c)}${step}`,
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
    out.push(request(c, `contact:${point}`, JOB.contact, c.leaderId, sendAt(item.due, ctx.now), { point }));
    const again = reRemindAt(undefined, base, ctx.policy) ?? base;
    out.push(request(c, reRemindStep(point), JOB.contact, c.leaderId, sendAt(again, ctx.now), { point, again: true }));
  }
  for (const item of items) out.push(...milestoneRows(c, item, ctx, ''));
  return out;
}

function milestoneRows(c: SicknessCase, item: TimelineItem, ctx: PlanContext, prefix: string): ScheduleRequest[] {
  if (item.kind !== 'milestone' || item.status === 'done' || item.status === 'cancelled') return [];
  // Municipality applicability can change with the expected duration: render decides.
  if (item.status === 'not-applicable' && item.key !== 'municipality') return [];
  const out: ScheduleRequest[] = [];
  if (item.key !== 'samtale') {
    out.push(request(c, `${prefix}${item.key}`, JOB.milestone, c.leaderId, sendAt(item.due, ctx.now), { step: item.key }));
  }
  if (item.statutory && item.escalateOn !== undefined) {
    for (const to of ctx.escalateTo) {
      out.push(request(c, `${prefix}${item.key}:escalate:${to}`, JOB.escalation, to, sendAt(item.escalateOn, ctx.now), { step: item.key }, true));
    }
  }
  return out;
}

/** After raskmelding: the return follow-up and a municipality notification that is still owed. */
export function afterClosePlan(c: SicknessCase, ctx: PlanContext): ScheduleRequest[] {
  if (c.status !== 'raskmeldt') return [];
  const items = computeTimeline(ctx.policy, stateOf(c), localDateOf(ctx.now));
  return items
    .filter((i) => (i.key === 'return-followup' || i.key === 'municipality') && PENDING.has(i.status))
    .flatMap((i) => milestoneRows(c, i, ctx, 'after:'));
}

/** A reminder on a day the leader agreed with the employee (or the next follow-up). */
export function agreedContactRow(c: SicknessCase, day: LocalDate, now: Date): ScheduleRequest {
  return request(c, `agreed:${day}`, JOB.agreed, c.leaderId, sendAt(day, now), { day });
}

export function postponedRow(c: SicknessCase, point: number, day: LocalDate, now: Date): ScheduleRequest {
  return request(c, `contact:${point}:postponed:${day}`, JOB.contact, c.leaderId, sendAt(day, now), { point });
}

/** After a pause: contacts that fell due meanwhile were dropped, so the latest of them is reminded today. */
export function resumedContactRows(c: SicknessCase, items: readonly TimelineItem[], now: Date): ScheduleRequest[] {
  const due = items.filter((i) => i.kind === 'contact' && (i.status === 'due' || i.status === 'overdue')).at(-1);
  return due ? [postponedRow(c, contactPoint(due), localDateOf(now), now)] : [];
}

export function reportedRows(c: SicknessCase, leaders: readonly string[], now: Date): ScheduleRequest[] {
  return leaders.map((to) => request(c, `reported:${to}`, JOB.reported, to, now, {}));
}

export function invitationRow(c: SicknessCase, rev: number, now: Date): ScheduleRequest {
  return request(c, `samtale:${rev}:invitation`, JOB.invitation, c.employeeId, now, { rev });
}

export function outcomeRow(c: SicknessCase, rev: number, day: LocalDate, time: string, now: Date): ScheduleRequest {
  const after = new Date(zonedInstant(day, time).getTime() + 2 * 3_600_000);
  return request(c, `samtale:${rev}:outcome`, JOB.milestone, c.leaderId, after > now ? after : now, { step: 'samtale:outcome', rev });
}

export function trInviteRow(c: SicknessCase, rev: number, trId: string, now: Date): ScheduleRequest {
  return request(c, `samtale:${rev}:tr:${trId}`, JOB.trInvite, trId, now, { rev });
}

export function closedNoticeRow(c: SicknessCase, now: Date): ScheduleRequest {
  return request(c, 'after:closed-notice', JOB.closedNotice, c.leaderId, now, {});
}

/** The month's anonymous figures, posted to one of the workplace's channels. */
export function monthlyRow(workplaceId: string, month: string, forum: 'trio' | 'med', conversationId: string, now: Date): ScheduleRequest {
  return {
    key: `sickness:${workplaceId}:monthly:${month}:${forum}`,
    kind: JOB.monthly,
    workplaceId,
    target: { kind: 'channel', conversationId },
    dueAt: now,
    payload: { month },
  };
}

/** Writes the rows whose key does not exist yet (a key is never sent twice). */
export async function writeRows(scheduler: Scheduler, rows: readonly ScheduleRequest[]): Promise<void> {
  for (const row of rows) {
    if (!(await scheduler.get(row.key))) await scheduler.schedule(row);
  }
}
