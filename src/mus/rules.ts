/**
 * Pure decisions of MUS that are not the planner's or due.ts's: when MED's change of the
 * frame takes effect, who is planned again soon after a MUS, and what the follow-up of a
 * plan changed. The clock is a parameter.
 */
import type { LocalDate } from '../shared/calendar.js';
import { addMonths, DUE_AFTER_MONTHS } from './due.js';
import type { Activity, ActivityStatus, Approval, PlanActivity } from './model.js';

export const REPRESENTATIVE_ROLES = ['TR', 'AMR'] as const;

/**
 * Lokal-MED sets the frame for MUS as a body (seed 001:103), so one member alone cannot
 * change it: a change takes effect when a leader and an employee representative (TR or
 * AMR) have approved it. A leader is never counted as the employees' representative,
 * so the two are always two people.
 */
export function missingApprovals(approvals: readonly Pick<Approval, 'roles'>[]): ('leader' | 'representative')[] {
  const isLeader = (a: Pick<Approval, 'roles'>) => a.roles.includes('leder');
  const isRepresentative = (a: Pick<Approval, 'roles'>) => !isLeader(a) && a.roles.some((r) => (REPRESENTATIVE_ROLES as readonly string[]).includes(r));
  return [...(approvals.some(isLeader) ? [] : ['leader' as const]), ...(approvals.some(isRepresentative) ? [] : ['representative' as const])];
}

export const settingsApproved = (approvals: readonly Pick<Approval, 'roles'>[]): boolean => missingApprovals(approvals).length === 0;

/**
 * A MUS held less than DUE_AFTER_MONTHS before `day`: planning one more is allowed (a
 * talk that went wrong, a new job), but the leader is told, never silently.
 */
export function heldRecently(lastHeldOn: LocalDate | undefined, day: LocalDate): boolean {
  return lastHeldOn !== undefined && addMonths(lastHeldOn, DUE_AFTER_MONTHS) > day;
}

/** One activity as the follow-up card sent it: the index on the plan, the new status and note. */
export interface ActivityUpdate {
  index: number;
  status: ActivityStatus;
  note: string;
}

/**
 * The plan's activities after a follow-up: statuses and notes updated, new activities
 * added as planned. Returns which activities changed status (index, from, to).
 */
export function applyFollowUp(
  activities: readonly PlanActivity[],
  updates: readonly ActivityUpdate[],
  added: readonly { kind: Activity; text: string }[],
): { activities: PlanActivity[]; changed: { index: number; from: ActivityStatus; to: ActivityStatus }[] } {
  const next = activities.map((a) => ({ ...a }));
  const changed: { index: number; from: ActivityStatus; to: ActivityStatus }[] = [];
  for (const u of updates) {
    const a = next[u.index];
    if (!a) continue;
    if (a.status !== u.status) changed.push({ index: u.index, from: a.status, to: u.status });
    next[u.index] = { ...a, status: u.status, note: u.note };
  }
  for (const a of added) next.push({ kind: a.kind, text: a.text, status: 'planned', note: '' });
  return { activities: next, changed };
}
