/**
 * The violence job handlers. Each renders its message at send time from the episode's
 * CURRENT state and returns null when it no longer applies (step done, episode deleted,
 * the recipient lost the role): the engine then cancels the row, so marking the
 * anmeldelse done silently stops its reminders.
 *
 * Recurring: on the 1st at 08:00 the previous month's counts are computed, stored (they
 * outlive the details) and posted to the TRIO and MED channels; nightly, episodes past
 * the retention period are deleted with their pending reminders.
 */
import { noticeCard } from '../core/cards.js';
import type { AppContext, FeaturePart } from '../core/feature.js';
import type { Role } from '../core/types.js';
import { JOB_LABELS, stepTitle, violenceText as t } from '../i18n/violence.js';
import { monthlyForumRows, type Job, type JobHandler, type RecurringJob } from '../outbox/types.js';
import { localDateOf } from '../shared/calendar.js';
import { amrCard, confirmCard, episodeCard, monthlyCard } from './cards.js';
import type { Episode } from './model.js';
import { JOB, writeRows } from './plan.js';
import { anmeldelseDeadline, retentionEndsOn, STEP_KEYS, type StepKey } from './rules.js';
import type { ViolenceService } from './service.js';
import { monthlyCounts, previousMonth, sameMonthLastYear } from './stats.js';
import type { ViolenceStore } from './store.js';

export const MONTHLY_CRON = '0 8 1 * *';
export const RETENTION_CRON = '45 2 * * *';

export type ViolenceJobDeps = Pick<AppContext, 'workplaces' | 'scheduler'> & { svc: ViolenceService; store: ViolenceStore };

export function violenceJobs(deps: ViolenceJobDeps): FeaturePart {
  return { jobs: handlers(deps).map((h) => ({ ...h, label: JOB_LABELS[h.kind] ?? h.kind })), recurring: recurring(deps) };
}

function handlers({ svc, store, workplaces }: ViolenceJobDeps): JobHandler[] {
  const recipient = (job: Job): string | undefined => (job.target.kind === 'user' ? job.target.aadObjectId : undefined);
  const load = async (job: Job): Promise<Episode | undefined> => {
    const id = job.payload.episodeId;
    return typeof id === 'string' ? store.get(job.workplaceId, id) : undefined;
  };
  const hasRole = async (workplaceId: string, aad: string, role: Role): Promise<boolean> => (await workplaces.member(workplaceId, aad))?.roles.includes(role) ?? false;
  /** The episode and the recipient, when the recipient still holds the role and is not the employee. */
  const forRole = async (job: Job, role: Role): Promise<{ e: Episode; to: string } | null> => {
    const [e, to] = [await load(job), recipient(job)];
    if (!e || !to || to === e.employeeId) return null;
    return (await hasRole(e.workplaceId, to, role)) ? { e, to } : null;
  };

  const notice: JobHandler = {
    kind: JOB.notice,
    async render(job, now) {
      const to = recipient(job);
      if (job.payload.rejected === 'true') return to && (await hasRole(job.workplaceId, to, 'leder')) ? { card: noticeCard(t.rejectedNotice) } : null;
      const found = await forRole(job, 'leder');
      if (!found) return null;
      const { policy, items } = await svc.timeline(found.e, localDateOf(now));
      return { card: episodeCard(found.e, items, policy, { as: 'leader' }) };
    },
  };

  /** The AMR's reduced notice: never a description, the name only with consent. */
  const amr: JobHandler = {
    kind: JOB.amr,
    async render(job) {
      const found = await forRole(job, 'AMR');
      if (!found || found.e.status !== 'aktiv') return null;
      const reported = job.payload.reported === 'true';
      if (reported && !found.e.anmeldtOn) return null;
      return { card: amrCard(found.e, await svc.policy(found.e.workplaceId), reported) };
    },
  };

  const confirm: JobHandler = {
    kind: JOB.confirm,
    async render(job) {
      const e = await load(job);
      if (!e || e.status !== 'afventer' || recipient(job) !== e.employeeId) return null;
      return { card: confirmCard(e) };
    },
  };

  const reminder: JobHandler = {
    kind: JOB.reminder,
    async render(job, now) {
      const step = String(job.payload.step ?? '') as StepKey;
      if (!(STEP_KEYS as readonly string[]).includes(step)) return null;
      const e = await load(job);
      const to = recipient(job);
      if (!e || !to || e.status !== 'aktiv') return null;
      const { policy, items } = await svc.timeline(e, localDateOf(now));
      const item = items.find((i) => i.key === step);
      if (!item || item.status === 'done' || item.status === 'not-applicable') return null;
      if (item.who === 'employee') {
        if (to !== e.employeeId) return null;
        return { card: episodeCard(e, items, policy, { as: 'employee', lead: t.reminder.police }) };
      }
      if (to === e.employeeId || !(await hasRole(e.workplaceId, to, 'leder'))) return null;
      const deadline = anmeldelseDeadline(policy, e);
      const lead =
        step === 'anmeldelse'
          ? job.payload.when === 'deadline'
            ? t.reminder.anmeldelseDeadline(e.employeeName, item.deadline > deadline ? item.deadline : deadline)
            : t.reminder.anmeldelse(e.employeeName, item.deadline)
          : step === 'followup'
            ? t.reminder.followup(e.employeeName)
            : step === 'risk'
              ? t.reminder.risk(e.employeeName)
              : stepTitle(step, policy.talkDays);
      return { card: episodeCard(e, items, policy, { as: 'leader', lead }) };
    },
  };

  /** The channel post: counts only, small numbers hidden. */
  const monthly: JobHandler = {
    kind: JOB.monthly,
    async render(job) {
      const month = String(job.payload.month ?? '');
      const [wp, counts, lastYear] = await Promise.all([workplaces.get(job.workplaceId), store.counts(job.workplaceId, month), store.counts(job.workplaceId, sameMonthLastYear(month))]);
      if (!wp || !counts || job.target.kind !== 'channel') return null;
      if (![wp.trio?.conversationId, wp.med?.conversationId].includes(job.target.conversationId)) return null;
      return { card: monthlyCard(wp.id, wp.name, month, counts, lastYear) };
    },
  };

  return [notice, amr, confirm, reminder, monthly];
}

function recurring({ svc, store, workplaces, scheduler }: ViolenceJobDeps): RecurringJob[] {
  const monthly: RecurringJob = {
    name: 'violence.monthly',
    cron: MONTHLY_CRON,
    async run(now) {
      const today = localDateOf(now);
      const month = previousMonth(today);
      for (const wp of await workplaces.list()) {
        const policy = await svc.policy(wp.id);
        await store.putCounts(wp.id, month, monthlyCounts(await store.list(wp.id), month, policy, today));
        await writeRows(scheduler, monthlyForumRows('violence', JOB.monthly, wp, month, now));
      }
    },
  };

  const retention: RecurringJob = {
    name: 'violence.retention',
    cron: RETENTION_CRON,
    async run(now) {
      const today = localDateOf(now);
      for (const wp of await workplaces.list()) {
        const policy = await svc.policy(wp.id);
        for (const e of await store.list(wp.id)) {
          if (retentionEndsOn(policy, e) <= today) await svc.remove(e, 'system', 'deleted');
        }
      }
    },
  };

  return [monthly, retention];
}
