/**
 * The recurring sickness jobs:
 * - monthly, 1st at 08:00: the anonymous figures of the previous month are computed,
 *   stored (they outlive the case details, and MED's yearly report reads them) and
 *   posted to the TRIO and MED channels;
 * - nightly: closed cases whose retention period has passed are deleted with their
 *   pending reminders (the monthly figures stay); every open case is re-planned, so a
 *   holiday cover that starts, or a contact person who left, gets its rows; a case whose
 *   leader is gone is told to the remaining leaders once. All of it is safe to run twice.
 */
import { JOB_LABELS } from '../i18n/sickness.js';
import { monthlyForumRows, type JobHandler, type RecurringJob } from '../outbox/types.js';
import { localDateOf } from '../shared/calendar.js';
import { monthlyCard } from './cards-figures.js';
import type { SicknessJobDeps } from './jobs.js';
import { isOpenCase, stateOf } from './model.js';
import { JOB, orphanedRows, writeRows } from './plan.js';
import { policyFor } from './settings.js';
import type { SicknessService } from './service.js';
import { monthlyFigures, previousMonth, type FigureCase, type Measure } from './stats.js';
import type { SicknessStore } from './store.js';
import { retentionEndsOn } from './timeline.js';

export const MONTHLY_CRON = '0 8 1 * *';
export const RETENTION_CRON = '30 2 * * *';

/** The cases and the measure MED's figures are computed from (reported-only cases are not absences yet). */
export async function figureInputs(svc: SicknessService, store: SicknessStore, workplaceId: string): Promise<{ cases: FigureCase[]; measure: Measure }> {
  const settings = await svc.settings(workplaceId);
  const cases = (await store.list(workplaceId)).filter((c) => c.status !== 'meldt');
  const staff = settings.staffFte ?? (await svc.members(workplaceId)).length;
  return {
    cases: cases.map((c) => ({ personId: c.employeeId, policy: policyFor(settings, svc.catalog, c.model), state: stateOf(c) })),
    measure: { staff, longFromDays: settings.longFromDays },
  };
}

export function sicknessRecurring({ svc, store, workplaces, scheduler }: SicknessJobDeps): RecurringJob[] {
  const monthly: RecurringJob = {
    name: 'sickness.monthly',
    cron: MONTHLY_CRON,
    async run(now) {
      const today = localDateOf(now);
      const month = previousMonth(today);
      for (const wp of await workplaces.list()) {
        const { cases, measure } = await figureInputs(svc, store, wp.id);
        await store.putFigures(wp.id, month, monthlyFigures(cases, month, today, measure));
        await writeRows(scheduler, monthlyForumRows('sickness', JOB.monthly, wp, month, now));
      }
    },
  };

  const nightly: RecurringJob = {
    name: 'sickness.retention',
    cron: RETENTION_CRON,
    async run(now) {
      const today = localDateOf(now);
      for (const wp of await workplaces.list()) {
        const settings = await svc.settings(wp.id);
        const leaders = (await svc.leaders(wp.id)).map((m) => m.aadObjectId);
        for (const c of await store.list(wp.id)) {
          if (c.status === 'raskmeldt' && c.closedOn) {
            // The current setting decides, so shortening the period takes effect at once.
            if (retentionEndsOn(c.closedOn, policyFor(settings, svc.catalog, c.model)) <= today) await svc.remove(c, 'system', 'deleted');
            continue;
          }
          if (!isOpenCase(c) || c.status === 'meldt') continue;
          if (!leaders.includes(c.leaderId)) await writeRows(scheduler, orphanedRows(c, leaders.filter((id) => id !== c.employeeId), now));
          await svc.plan(c, now);
        }
      }
    },
  };

  return [monthly, nightly];
}

/** The channel post: counts only, small numbers masked. */
export function monthlyHandler({ store, workplaces }: SicknessJobDeps): JobHandler {
  return {
    kind: JOB.monthly,
    label: JOB_LABELS[JOB.monthly] ?? JOB.monthly,
    async render(job) {
      const month = String(job.payload.month ?? '');
      const [wp, figures] = await Promise.all([workplaces.get(job.workplaceId), store.figures(job.workplaceId, month)]);
      if (!wp || !figures || job.target.kind !== 'channel') return null;
      const linked = [wp.trio?.conversationId, wp.med?.conversationId].includes(job.target.conversationId);
      if (!linked) return null;
      return { card: monthlyCard(wp.name, month, figures) };
    },
  };
}
