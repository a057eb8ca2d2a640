/**
 * The sickness job handlers. Each renders its message at send time from the case's
 * CURRENT state and returns null when it is no longer relevant (contact logged, samtale
 * booked, case closed or deleted, the case or the contact handed to someone else, the
 * recipient lost the role): the engine then cancels the row. So a logged contact
 * silently stops its re-reminder, and a row for the leader on holiday stays quiet while
 * the covering leader's row is sent.
 */
import type { AppContext, FeaturePart } from '../core/feature.js';
import type { OutMessage } from '../core/types.js';
import { JOB_LABELS, sicknessText as t } from '../i18n/sickness.js';
import type { Job, JobHandler } from '../outbox/types.js';
import { localDateOf } from '../shared/calendar.js';
import { caseNotice, confirmCard, contactReminder, invitationCard, milestoneCard } from './cards.js';
import { monthlyHandler, sicknessRecurring } from './jobs-recurring.js';
import type { SicknessCase } from './model.js';
import { JOB } from './plan.js';
import { contactPersonFor, followingLeader, leaderMayFollow } from './rules.js';
import type { SicknessService } from './service.js';
import type { SicknessStore } from './store.js';
import type { TimelineItem } from './timeline.js';

const ACTIONABLE = new Set(['due', 'overdue']);

/** What the jobs read: the cases and members directly (they only render), the service for timelines and settings. */
export type SicknessJobDeps = Pick<AppContext, 'workplaces' | 'scheduler'> & { svc: SicknessService; store: SicknessStore };

/** Reminders and escalations rendered at send time, the monthly figures and the nightly jobs. */
export function sicknessJobs(deps: SicknessJobDeps): FeaturePart {
  return { jobs: [...handlers(deps), monthlyHandler(deps)], recurring: sicknessRecurring(deps) };
}

function handlers({ svc, store, workplaces }: SicknessJobDeps): JobHandler[] {
  const recipient = (job: Job): string | undefined => (job.target.kind === 'user' ? job.target.aadObjectId : undefined);
  const load = async (job: Job): Promise<SicknessCase | undefined> => {
    const id = job.payload.caseId;
    return typeof id === 'string' ? store.get(job.workplaceId, id) : undefined;
  };
  const member = (workplaceId: string, aad: string) => workplaces.member(workplaceId, aad);
  const hasRole = async (workplaceId: string, aad: string, role: 'leder' | 'TR'): Promise<boolean> => (await member(workplaceId, aad))?.roles.includes(role) ?? false;
  const nameOf = async (workplaceId: string, aad: string) => (await member(workplaceId, aad))?.name ?? '';
  /** The case, when it is in one of the statuses and the recipient is the leader who follows it today. */
  const forLeader = async (job: Job, statuses: readonly SicknessCase['status'][], now: Date): Promise<{ c: SicknessCase; to: string } | null> => {
    const [c, to] = [await load(job), recipient(job)];
    if (!c || !to || !statuses.includes(c.status) || to === c.employeeId) return null;
    if (!(await hasRole(c.workplaceId, to, 'leder'))) return null;
    if (c.status === 'meldt') return leaderMayFollow(c, to, localDateOf(now), true) ? { c, to } : null;
    return followingLeader(c, localDateOf(now)) === to ? { c, to } : null;
  };
  const itemOf = (items: readonly TimelineItem[], key: string) => items.find((i) => i.key === key);

  /** A contact reminder goes to whoever makes that contact today: the leader, or the person it was handed to. */
  const contact: JobHandler = {
    kind: JOB.contact,
    async render(job, now) {
      const [c, to] = [await load(job), recipient(job)];
      const point = Number(job.payload.point);
      if (!c || !to || c.status !== 'aktiv' || to === c.employeeId || contactPersonFor(c, point, localDateOf(now)) !== to) return null;
      const forLeader = followingLeader(c, localDateOf(now)) === to;
      if (forLeader ? !(await hasRole(c.workplaceId, to, 'leder')) : !(await member(c.workplaceId, to))) return null;
      const { policy, items } = await svc.timeline(c, localDateOf(now));
      const item = itemOf(items, `contact:${point}`);
      if (!item || !ACTIONABLE.has(item.status)) return null;
      return { card: contactReminder(c, point, policy, items, { forLeader, ...(job.payload.again === true ? { lead: t.againLead } : {}) }) };
    },
  };

  const agreed: JobHandler = {
    kind: JOB.agreed,
    async render(job, now) {
      const [c, to] = [await load(job), recipient(job)];
      const day = String(job.payload.day ?? '');
      if (!c || !to || c.status !== 'aktiv' || c.restRequestedOn || c.contacts.some((x) => x.on >= day)) return null;
      if (contactPersonFor(c, 0, localDateOf(now)) !== to) return null;
      const forLeader = followingLeader(c, localDateOf(now)) === to;
      if (forLeader && !(await hasRole(c.workplaceId, to, 'leder'))) return null;
      const { policy, items } = await svc.timeline(c, localDateOf(now));
      const o = c.samtale?.outcome;
      const lead = forLeader && o && o.nextFollowUp === day && c.samtale?.heldOn ? t.agreedAtSamtale(c.samtale.heldOn, agreedItems(o)) : t.agreedLead;
      return { card: contactReminder(c, 0, policy, items, { forLeader, lead }) };
    },
  };

  const milestone: JobHandler = {
    kind: JOB.milestone,
    async render(job, now) {
      const step = String(job.payload.step ?? '');
      const afterReturn = step === 'return-followup' || step === 'municipality';
      const found = await forLeader(job, afterReturn ? ['aktiv', 'raskmeldt'] : ['aktiv'], now);
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
      const leader = (await hasRole(c.workplaceId, to, 'leder')) && (to === c.leaderId || to === followingLeader(c, localDateOf(now)));
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
    async render(job, now) {
      const found = await forLeader(job, ['meldt'], now);
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
    async render(job, now) {
      const found = await forLeader(job, ['raskmeldt'], now);
      return found?.c.returnDay ? { text: t.closedNotice(found.c.employeeName, found.c.returnDay) } : null;
    },
  };

  /** A contact person logged a contact: the leader hears who and sees the rest on the case. */
  const contactLogged: JobHandler = {
    kind: JOB.contactLogged,
    async render(job, now) {
      const found = await forLeader(job, ['aktiv'], now);
      if (!found) return null;
      const last = found.c.contacts.at(-1);
      if (!last) return null;
      return { card: caseNotice(found.c, t.contactLoggedLead(await nameOf(found.c.workplaceId, last.byId), found.c.employeeName)) };
    },
  };

  /** The employee asked for a fastholdelsesplan: the leader hears at once. */
  const planAsked: JobHandler = {
    kind: JOB.planAsked,
    async render(job, now) {
      const found = await forLeader(job, ['aktiv'], now);
      if (!found) return null;
      const item = itemOf((await svc.timeline(found.c, localDateOf(now))).items, 'fastholdelsesplan');
      if (!item || !ACTIONABLE.has(item.status)) return null;
      return { card: milestoneCard(found.c, item, { step: 'fastholdelsesplan', urgent: false, forLeader: true, lead: t.planAskedLead(found.c.employeeName) }) };
    },
  };

  /** The case's leader is gone: each leader hears once, and the first to take over follows it. */
  const orphaned: JobHandler = {
    kind: JOB.orphaned,
    async render(job) {
      const [c, to] = [await load(job), recipient(job)];
      if (!c || !to || c.status !== 'aktiv' || to === c.employeeId || !(await hasRole(c.workplaceId, to, 'leder'))) return null;
      if (await hasRole(c.workplaceId, c.leaderId, 'leder')) return null;
      return { card: caseNotice(c, t.orphanedLead(c.employeeName)) };
    },
  };

  /** A case, a cover or a contact handed over: the new person hears it (a contact person no details). */
  const handedOver: JobHandler = {
    kind: JOB.handedOver,
    async render(job, now) {
      const [c, to] = [await load(job), recipient(job)];
      if (!c || !to || c.status !== 'aktiv' || to === c.employeeId) return null;
      const today = localDateOf(now);
      if (job.payload.point !== undefined) {
        const point = Number(job.payload.point);
        if (!c.contactHandovers.some((h) => h.toId === to && h.point === point)) return null;
        const { policy, items } = await svc.timeline(c, today);
        const by = await nameOf(c.workplaceId, c.leaderId);
        return { card: contactReminder(c, point, policy, items, { forLeader: false, lead: t.contactHandedLead(c.employeeName, by) }) };
      }
      if (to !== c.leaderId && to !== c.cover?.leaderId) return null;
      const by = c.cover?.leaderId === to ? await nameOf(c.workplaceId, c.leaderId) : '';
      const lead = c.cover?.leaderId === to ? t.coverLead(c.employeeName, by, c.cover.until) : t.handedOverLead(c.employeeName, by || t.anotherLeader);
      return { card: caseNotice(c, lead) };
    },
  };

  return [contact, agreed, milestone, escalation, reported, invitation, trInvite, closedNotice, contactLogged, planAsked, orphaned, handedOver].map((h) => ({
    ...h,
    label: JOB_LABELS[h.kind] ?? h.kind,
  }));
}

/** What was agreed at the samtale, in words, for the follow-up reminder. */
function agreedItems(o: NonNullable<NonNullable<SicknessCase['samtale']>['outcome']>): string[] {
  const a = t.agreedItems;
  return [
    ...(o.partialReturn ? [a.partialReturn] : []),
    ...(o.mulighedserklaering !== 'nej' ? [a.mulighedserklaering[o.mulighedserklaering] ?? ''] : []),
    ...(o.paragraf56 ? [a.paragraf56] : []),
    ...(o.plan ? [a.plan] : []),
  ].filter(Boolean);
}
