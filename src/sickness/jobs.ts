/**
 * The sickness job handlers. Each renders its message at send time from the case's
 * CURRENT state and returns null when it is no longer relevant (contact logged, samtale
 * booked, case closed or deleted, the recipient lost the role): the engine then
 * cancels the row. So a logged contact silently stops its re-reminder.
 */
import type { AppContext, FeaturePart } from '../core/feature.js';
import type { OutMessage } from '../core/types.js';
import { JOB_LABELS, sicknessText as t } from '../i18n/sickness.js';
import type { Job, JobHandler } from '../outbox/types.js';
import { localDateOf } from '../shared/calendar.js';
import { confirmCard, contactReminder, invitationCard, milestoneCard } from './cards.js';
import type { SicknessCase } from './model.js';
import { JOB } from './plan.js';
import { monthlyHandler, sicknessRecurring } from './jobs-recurring.js';
import type { SicknessService } from './service.js';
import type { SicknessStore } from './store.js';
import type { TimelineItem } from './timeline.js';

const ACTIONABLE = new Set(['due', 'overdue']);

/** What the jobs read: the cases and members directly (they only render), the service for timelines and settings. */
export type SicknessJobDeps = Pick<AppContext, 'workplaces' | 'scheduler'> & { svc: SicknessService; store: SicknessStore };

/** Reminders and escalations rendered at send time, the monthly figures and the nightly retention. */
export function sicknessJobs(deps: SicknessJobDeps): FeaturePart {
  return { jobs: [...handlers(deps), monthlyHandler(deps)], recurring: sicknessRecurring(deps) };
}

function handlers({ svc, store, workplaces }: SicknessJobDeps): JobHandler[] {
  const recipient = (job: Job): string | undefined => (job.target.kind === 'user' ? job.target.aadObjectId : undefined);
  const load = async (job: Job): Promise<SicknessCase | undefined> => {
    const id = job.payload.caseId;
    return typeof id === 'string' ? store.get(job.workplaceId, id) : undefined;
  };
  const hasRole = async (workplaceId: string, aad: string, role: 'leder' | 'TR'): Promise<boolean> =>
    (await workplaces.member(workplaceId, aad))?.roles.includes(role) ?? false;
  /** The case, when it is open and the recipient is still one of its leaders. */
  const forLeader = async (job: Job, statuses: readonly SicknessCase['status'][]): Promise<{ c: SicknessCase; to: string } | null> => {
    const [c, to] = [await load(job), recipient(job)];
    if (!c || !to || !statuses.includes(c.status) || to === c.employeeId) return null;
    return (await hasRole(c.workplaceId, to, 'leder')) ? { c, to } : null;
  };
  const itemOf = (items: readonly TimelineItem[], key: string) => items.find((i) => i.key === key);

  const contact: JobHandler = {
    kind: JOB.contact,
    async render(job, now) {
      const found = await forLeader(job, ['aktiv']);
      if (!found) return null;
      const { policy, items } = await svc.timeline(found.c, localDateOf(now));
      const point = Number(job.payload.point);
      const item = itemOf(items, `contact:${point}`);
      if (!item || !ACTIONABLE.has(item.status)) return null;
      return { card: contactReminder(found.c, point, policy, items, job.payload.again === true ? t.againLead : '') };
    },
  };

  const agreed: JobHandler = {
    kind: JOB.agreed,
    async render(job, now) {
      const found = await forLeader(job, ['aktiv']);
      const day = String(job.payload.day ?? '');
      if (!found || found.c.restRequestedOn || found.c.contacts.some((x) => x.on >= day)) return null;
      const { policy, items } = await svc.timeline(found.c, localDateOf(now));
      return { card: contactReminder(found.c, 0, policy, items, t.agreedLead) };
    },
  };

  const milestone: JobHandler = {
    kind: JOB.milestone,
    async render(job, now) {
      const step = String(job.payload.step ?? '');
      const afterReturn = step === 'return-followup' || step === 'municipality';
      const found = await forLeader(job, afterReturn ? ['aktiv', 'raskmeldt'] : ['aktiv']);
      if (!found) return null;
      const { c } = found;
      const { items } = await svc.timeline(c, localDateOf(now));
      if (step === 'samtale:outcome') {
        const s = c.samtale;
        const item = itemOf(items, 'samtale');
        if (!s || !item || s.rev !== Number(job.payload.rev) || s.heldOn) return null;
        return { card: milestoneCard(c, item, { step, urgent: false, forLeader: true }) };
      }
      const item = itemOf(items, step);
      if (!item || !ACTIONABLE.has(item.status)) return null;
      return { card: milestoneCard(c, item, { step, urgent: false, forLeader: true }) };
    },
  };

  const escalation: JobHandler = {
    kind: JOB.escalation,
    async render(job, now) {
      const [c, to] = [await load(job), recipient(job)];
      if (!c || !to || c.status === 'meldt' || to === c.employeeId) return null;
      const leader = await hasRole(c.workplaceId, to, 'leder');
      const hr = (await svc.settings(c.workplaceId)).hrContactId === to;
      if (!leader && !hr) return null;
      const step = String(job.payload.step ?? '');
      const item = itemOf((await svc.timeline(c, localDateOf(now))).items, step);
      if (!item || !['due', 'overdue', 'upcoming'].includes(item.status)) return null;
      // A samtale booked before the deadline is on track: nothing to escalate.
      if (step === 'samtale' && c.samtale && item.deadline && c.samtale.date <= item.deadline) return null;
      return { card: milestoneCard(c, item, { step, urgent: true, forLeader: leader }) };
    },
  };

  const reported: JobHandler = {
    kind: JOB.reported,
    async render(job) {
      const found = await forLeader(job, ['meldt']);
      return found ? { card: confirmCard(found.c) } : null;
    },
  };

  const invitation: JobHandler = {
    kind: JOB.invitation,
    async render(job) {
      const c = await load(job);
      const s = c?.samtale;
      if (!c || !s || c.status !== 'aktiv' || recipient(job) !== c.employeeId || s.rev !== Number(job.payload.rev) || s.heldOn) return null;
      const trs = (await workplaces.membersWithRole(c.workplaceId, 'TR')).filter((m) => m.aadObjectId !== c.employeeId);
      return { card: invitationCard(c, { canInviteTr: trs.length > 0 && !s.trInvited, ...(trs.length ? {} : { trNote: t.noTr }) }) };
    },
  };

  /** The TR hears time and place, and who asked: nothing about the absence. */
  const trInvite: JobHandler = {
    kind: JOB.trInvite,
    async render(job): Promise<OutMessage | null> {
      const [c, to] = [await load(job), recipient(job)];
      const s = c?.samtale;
      if (!c || !s || !to || c.status !== 'aktiv' || !s.trInvited || s.rev !== Number(job.payload.rev) || s.heldOn) return null;
      if (!(await hasRole(c.workplaceId, to, 'TR'))) return null;
      return { text: t.trMessage(c.employeeName, s.date, s.time, s.place) };
    },
  };

  const closedNotice: JobHandler = {
    kind: JOB.closedNotice,
    async render(job) {
      const found = await forLeader(job, ['raskmeldt']);
      return found?.c.returnDay ? { text: t.closedNotice(found.c.employeeName, found.c.returnDay) } : null;
    },
  };

  return [contact, agreed, milestone, escalation, reported, invitation, trInvite, closedNotice].map((h) => ({ ...h, label: JOB_LABELS[h.kind] ?? h.kind }));
}
