import { createHash } from 'node:crypto';
import type { FeaturePart } from '../core/feature.js';
import type { Logger } from '../core/log.js';
import { actionsText as t } from '../i18n/actions.js';
import type { JobHandler, RecurringJob, ScheduleRequest, Scheduler } from '../outbox/types.js';
import { addDays, addWorkingDays, daysBetween, formatDanishDate, isWorkingDay, localDateOf, zonedInstant } from '../shared/calendar.js';
import type { WorkplaceStore } from '../workplaces/store.js';
import { digestCard } from './cards.js';
import { displayNumber, isOpen, type ActionItem } from './model.js';
import { daysOverdue, digestFingerprint, digestOf, isEmptyDigest, isOverdue } from './rules.js';
import type { ActionStore } from './store.js';
import type { ActionView } from './view.js';
import { isOngoingLabel } from './when.js';

/**
 * Reminders go through the engine as stored rows (never timers): the owner gets a
 * personal card 7 days and 1 day before the end date, then weekly while overdue; the
 * TRIO channel gets a Monday digest when something changed. Rows are keyed per action,
 * so a change cancels and re-plans exactly that action's rows.
 */
export const JOB_DUE = 'actions.due';
export const JOB_OVERDUE = 'actions.overdue';
export const JOB_DIGEST = 'actions.digest';
const SEND_AT = '09:00';

export const actionKeyPrefix = (a: Pick<ActionItem, 'workplaceId' | 'number'>) => `actions:${a.workplaceId}:${displayNumber(a.number)}:`;

/**
 * Who gets an action's reminders: its person (also when a group names one), or, for a
 * group that names nobody, each of the workplace's leaders.
 */
export function reminderTargets(a: Pick<ActionItem, 'owner'>, leaders: readonly string[]): string[] {
  return a.owner.id ? [a.owner.id] : [...new Set(leaders)];
}

/** The rows an action should have now (pure). `leaders` are the workplace's leaders (AAD ids). */
export function reminderPlan(a: ActionItem, now: Date, leaders: readonly string[] = []): ScheduleRequest[] {
  if (!isOpen(a.status)) return [];
  const plan: ScheduleRequest[] = [];
  for (const to of reminderTargets(a, leaders)) {
    const prefix = keyFor(a, to);
    for (const days of [7, 1]) {
      // A reminder that would fall on a weekend or holiday comes on the working day before, not after.
      const dueAt = zonedInstant(onOrBeforeWorkingDay(addDays(a.end, -days)), SEND_AT);
      if (dueAt > now) {
        plan.push({ workplaceId: a.workplaceId, target: { kind: 'user', aadObjectId: to }, key: `${prefix}due-${days}d`, kind: JOB_DUE, dueAt, payload: { workplaceId: a.workplaceId, number: a.number, end: a.end, days } });
      }
    }
    plan.push(overdueRequest(a, to, new Date(Math.max(zonedInstant(addDays(a.end, 1), SEND_AT).getTime(), now.getTime()))));
  }
  return plan;
}

/** The owner's rows keep the keys they always had; a leader's (for a group) carry the leader. */
function keyFor(a: ActionItem, to: string): string {
  return a.owner.id ? actionKeyPrefix(a) : `${actionKeyPrefix(a)}leader-${to}:`;
}

function onOrBeforeWorkingDay(date: string): string {
  return isWorkingDay(date) ? date : addWorkingDays(date, -1);
}

function overdueRequest(a: ActionItem, to: string, dueAt: Date): ScheduleRequest {
  return {
    key: `${keyFor(a, to)}overdue-${localDateOf(dueAt)}`,
    kind: JOB_OVERDUE,
    workplaceId: a.workplaceId,
    target: { kind: 'user', aadObjectId: to },
    dueAt,
    payload: { workplaceId: a.workplaceId, number: a.number, end: a.end },
  };
}

/** Cancels the action's pending rows and plans them again from its current state. */
export async function syncReminders(scheduler: Scheduler, a: ActionItem, now: Date, leaders: readonly string[] = []): Promise<void> {
  await scheduler.cancelPrefix(actionKeyPrefix(a));
  for (const req of reminderPlan(a, now, leaders)) await scheduler.schedule(req);
}

export interface ReminderDeps {
  store: ActionStore;
  workplaces: WorkplaceStore;
  view: ActionView;
  log: Logger;
  scheduler: Scheduler;
}

const payloadRef = (p: Readonly<Record<string, unknown>>) => ({ workplaceId: String(p.workplaceId ?? ''), number: Number(p.number) });

/** The owners' reminders and the TRIO channel's Monday digest. */
export function actionJobs(deps: ReminderDeps): FeaturePart {
  return { jobs: reminderHandlers(deps), recurring: [digestJob(deps)] };
}

function reminderHandlers(deps: ReminderDeps): JobHandler[] {
  /**
   * The action as it is now, if the reminder is still about it and still goes to this
   * person (its owner, or a current leader for a group that names nobody); otherwise
   * null (the row is cancelled).
   */
  const current = async (payload: Readonly<Record<string, unknown>>, to: string) => {
    const ref = payloadRef(payload);
    const a = await deps.store.get(ref.workplaceId, ref.number);
    if (!a || !isOpen(a.status) || a.end !== payload.end) return null;
    const targets = reminderTargets(a, a.owner.id ? [] : await deps.view.leaderIds(a.workplaceId));
    return targets.includes(to) ? a : null;
  };
  const n = (a: ActionItem) => displayNumber(a.number);
  const ownerOf = (target: { kind: string; aadObjectId?: string }) => (target.kind === 'user' ? (target.aadObjectId ?? '') : '');
  return [
    {
      kind: JOB_DUE,
      label: t.reminders.labels.due,
      async render(job, now) {
        const a = await current(job.payload, ownerOf(job.target));
        if (!a || a.end < localDateOf(now)) return null;
        const days = daysBetween(localDateOf(now), a.end);
        const end = formatDanishDate(a.end);
        const text = !a.owner.id ? t.reminders.groupDueSoon(n(a), a.owner.name, days, end) : isOngoingLabel(a.endLabel) ? t.reminders.reviewSoon(n(a), days, end) : t.reminders.dueSoon(n(a), days, end);
        return { text, card: await deps.view.detailFor(a) };
      },
    },
    {
      kind: JOB_OVERDUE,
      label: t.reminders.labels.overdue,
      async render(job, now) {
        const a = await current(job.payload, ownerOf(job.target));
        const today = localDateOf(now);
        if (!a || !isOverdue(a, today)) return null;
        // Weekly while overdue: plan next week's row (idempotent key) before this one is sent.
        await deps.scheduler.schedule(overdueRequest(a, ownerOf(job.target), zonedInstant(addDays(today, 7), SEND_AT)));
        const late = daysOverdue(a, today);
        const text = !a.owner.id ? t.reminders.groupOverdue(n(a), a.owner.name, late) : isOngoingLabel(a.endLabel) ? t.reminders.reviewOverdue(n(a), late) : t.reminders.overdue(n(a), late);
        return { text, card: await deps.view.detailFor(a) };
      },
    },
    {
      kind: JOB_DIGEST,
      label: t.reminders.labels.digest,
      async render(job, now) {
        const workplaceId = String(job.payload.workplaceId ?? '');
        const wp = await deps.workplaces.get(workplaceId);
        if (!wp) return null;
        const digest = digestOf(await deps.store.listForDigest(workplaceId, digestWindowStart(now)), now);
        return isEmptyDigest(digest) ? null : { card: digestCard(wp.name, digest, now) };
      },
    },
  ];
}

/** Closed actions older than this cannot be "completed last week"; digestOf picks the exact week. */
function digestWindowStart(now: Date): Date {
  return new Date(now.getTime() - 8 * 86_400_000);
}

/** Monday 08:00: one digest row per workplace with a TRIO channel whose plan changed since the last digest. */
function digestJob(deps: ReminderDeps): RecurringJob {
  return {
    name: 'actions.mondayDigest',
    cron: '0 8 * * 1',
    async run(now) {
      for (const wp of await deps.workplaces.list()) {
        if (!wp.trio) continue;
        const actions = await deps.store.listForDigest(wp.id, digestWindowStart(now));
        const digest = digestOf(actions, now);
        if (isEmptyDigest(digest)) continue;
        const fingerprint = createHash('sha256').update(digestFingerprint(digest, actions)).digest('hex');
        if ((await deps.store.digestState(wp.id)) === fingerprint) continue;
        await deps.scheduler.schedule({
          key: `actions:${wp.id}:digest:${localDateOf(now)}`,
          kind: JOB_DIGEST,
          workplaceId: wp.id,
          target: { kind: 'channel', conversationId: wp.trio.conversationId },
          dueAt: now,
          payload: { workplaceId: wp.id },
        });
        await deps.store.saveDigestState(wp.id, fingerprint);
        deps.log.info({ event: 'actions.digestPlanned', workplaceId: wp.id }, 'action digest planned');
      }
    },
  };
}
