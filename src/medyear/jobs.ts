import type { FeaturePart } from '../core/feature.js';
import type { JobHandler } from '../outbox/types.js';
import { medyearText as t } from '../i18n/medyear.js';
import { addDays } from '../shared/calendar.js';
import type { WorkplaceStore } from '../workplaces/store.js';
import { agendaCard, apvCard } from './cards.js';
import { apvRequest, JOB_AGENDA, JOB_APV } from './jobs-plan.js';
import { apvDeadline, APV_MAJOR_CHANGE_REMINDER_DAYS, findMeeting } from './rules.js';
import type { MedYearService } from './service.js';
import { membersOf } from './verbs-meeting.js';

/**
 * The agenda of each meeting and the APV reminder, as stored jobs (keys in jobs-plan.ts).
 * Payloads hold ids and dates only; each render reads the current state and returns
 * null when the job no longer applies (the meeting moved, the APV cycle changed).
 */
export function medyearJobs(svc: MedYearService, workplaces: WorkplaceStore): FeaturePart {
  const agenda: JobHandler = {
    kind: JOB_AGENDA,
    label: t.jobs.agenda,
    async render(job) {
      const { workplaceId, forum, date } = job.payload;
      if (typeof workplaceId !== 'string' || (forum !== 'med' && forum !== 'trio') || typeof date !== 'string') return null;
      const [wheel, wp] = await Promise.all([svc.storedWheel(workplaceId), workplaces.get(workplaceId)]);
      const meeting = wheel ? findMeeting(wheel, forum, date) : undefined;
      if (!wheel || !meeting || !wp) return null;
      const card = agendaCard({ workplaceName: wp.name, data: await svc.agenda(workplaceId, meeting, wheel), today: svc.today() });
      return { card, summary: t.agenda.summary(forum, date) };
    },
  };

  const apv: JobHandler = {
    kind: JOB_APV,
    label: t.jobs.apv,
    async render(job) {
      const { workplaceId, rev } = job.payload;
      if (typeof workplaceId !== 'string') return null;
      const [cycle, wp] = await Promise.all([svc.apv(workplaceId), workplaces.get(workplaceId)]);
      if (!wp || cycle.rev !== rev) return null;
      const text = cycle.majorChange ? t.apv.majorReminderText(wp.name, cycle.majorChange.on) : cycle.surveyedOn ? t.apv.reminderText(wp.name, apvDeadline(cycle.surveyedOn)) : undefined;
      if (!text) return null;
      const card = apvCard({ workplaceName: wp.name, apv: cycle, actions: await svc.apvActions(workplaceId), today: svc.today(), members: await membersOf(workplaces, workplaceId) });
      return { text, card };
    },
    /** After a major change the reminder comes again every 30 days until a new kortlægning is registered. */
    async onFinal(job, outcome) {
      if (outcome !== 'sent') return;
      const { workplaceId, rev, day } = job.payload;
      if (typeof workplaceId !== 'string' || typeof day !== 'string') return;
      const [cycle, wp] = await Promise.all([svc.apv(workplaceId), workplaces.get(workplaceId)]);
      if (!wp || cycle.rev !== rev || !cycle.majorChange) return;
      const next = apvRequest(wp, cycle, job.dueAt, addDays(day, APV_MAJOR_CHANGE_REMINDER_DAYS));
      if (next) await svc.schedule(next);
    },
  };

  return { jobs: [agenda, apv] };
}
