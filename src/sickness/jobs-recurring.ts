/**
 * The two recurring sickness jobs:
 * - monthly, 1st at 08:00: the anonymous figures of the previous month are computed,
 *   stored (they outlive the case details) and posted to the TRIO and MED channels;
 * - nightly: closed cases whose retention period has passed are deleted with their
 *   pending reminders. The monthly figures stay.
 */
import { JOB_LABELS } from '../i18n/sickness.js';
import type { JobHandler, RecurringJob } from '../outbox/types.js';
import { localDateOf } from '../shared/calendar.js';
import { monthlyCard } from './cards.js';
import type { SicknessJobDeps } from './jobs.js';
import { stateOf } from './model.js';
import { JOB, monthlyRow, writeRows } from './plan.js';
import { policyFor } from './settings.js';
import { monthlyFigures, previousMonth } from './stats.js';
import { retentionEndsOn } from './timeline.js';

export const MONTHLY_CRON = '0 8 1 * *';
export const RETENTION_CRON = '30 2 * * *';

export function sicknessRecurring({ svc, store, workplaces, scheduler }: SicknessJobDeps): RecurringJob[] {
  const monthly: RecurringJob = {
    name: 'sickness.monthly',
    cron: MONTHLY_CRON,
    async run(now) {
      const today = localDateOf(now);
      const month = previousMonth(today);
      for (const wp of await workplaces.list()) {
        const settings = await svc.settings(wp.id);
        const cases = (await store.list(wp.id)).filter((c) => c.status !== 'meldt');
        const figures = monthlyFigures(cases.map((c) => ({ policy: policyFor(settings, c.model), state: stateOf(c) })), month, today);
        await store.putFigures(wp.id, month, figures);
        const channels = (['trio', 'med'] as const).flatMap((forum) => (wp[forum] ? [{ forum, conversationId: wp[forum].conversationId }] : []));
        await writeRows(scheduler, channels.map((ch) => monthlyRow(wp.id, month, ch.forum, ch.conversationId, now)));
      }
    },
  };

  const retention: RecurringJob = {
    name: 'sickness.retention',
    cron: RETENTION_CRON,
    async run(now) {
      const today = localDateOf(now);
      for (const wp of await workplaces.list()) {
        const settings = await svc.settings(wp.id);
        for (const c of await store.list(wp.id)) {
          if (c.status !== 'raskmeldt' || !c.closedOn) continue;
          // The current setting decides, so shortening the period takes effect at once.
          if (retentionEndsOn(c.closedOn, policyFor(settings, c.model)) <= today) await svc.remove(c, 'system', 'deleted');
        }
      }
    },
  };

  return [monthly, retention];
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
