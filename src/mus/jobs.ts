/**
 * Everything MUS sends later goes through the reminder engine as stored jobs (durable,
 * rate-limited, delivered in working hours). Payloads hold ids only; each handler
 * renders from current state at send time and returns null when the job no longer
 * applies (talk moved, registered or cancelled), which cancels it.
 *
 * Keys: `mus:<workplace>:<talk>:v<version>:<what>` for everything tied to a talk's
 * time, so a move cancels the old version's jobs with one prefix; plan, follow-up and
 * next-due jobs are keyed by talk without a version; MED summaries by quarter.
 */
import type { AppContext, FeaturePart } from '../core/feature.js';
import type { Job, JobHandler, JobTarget, RecurringJob, ScheduleRequest, Scheduler } from '../outbox/types.js';
import { addDays, addWorkingDays, localDateOf, localTimeOf, zonedInstant, type LocalDate } from '../shared/calendar.js';
import { musText as t } from '../i18n/mus.js';
import { changeCard, inviteCard } from './cards.js';
import { countsCard, registerCard, talkCard } from './cards-leader.js';
import { devPlanCard, followUpCard } from './cards-plan.js';
import { addMonths, DUE_AFTER_MONTHS } from './due.js';
import type { DevPlan, Talk } from './model.js';
import type { MusService } from './service.js';
import type { MusStore } from './store.js';

/** What the jobs read: talks, invitations and plans directly (they only render), the service for the overview and the frame. */
export type MusJobDeps = Pick<AppContext, 'workplaces' | 'scheduler'> & { svc: MusService; store: MusStore };

export const MUS_JOBS = {
  invite: 'mus.invite',
  reminder: 'mus.reminder',
  register: 'mus.register',
  change: 'mus.change',
  plan: 'mus.plan',
  followUp: 'mus.followUp',
  nextDue: 'mus.nextDue',
  medSummary: 'mus.medSummary',
} as const;

/** Default follow-up of a plan: six months after the talk. */
export const FOLLOW_UP_MONTHS = 6;
/** Quarterly MED summary: 08:00 on the first day of January, April, July and October. */
export const QUARTERLY_CRON = '0 8 1 1,4,7,10 *';

const user = (aadObjectId: string): JobTarget => ({ kind: 'user', aadObjectId });
export const talkPrefix = (talk: Pick<Talk, 'workplaceId' | 'id'>, version: number) => `mus:${talk.workplaceId}:${talk.id}:v${version}:`;

/** "7 days before" (same time of day) and "the working day before" (same time of day). */
export function reminderTimes(start: Date): { days: number; at: Date }[] {
  const date = localDateOf(start);
  const time = localTimeOf(start);
  return [
    { days: 7, at: zonedInstant(addDays(date, -7), time) },
    { days: 1, at: zonedInstant(addWorkingDays(date, -1), time) },
  ];
}

/**
 * When the engine delivers what a person's own action sends (due at once): undefined
 * when it goes out now, or the later moment (outside the working hours, the engine
 * waits for them), so the confirmation can say the truth.
 */
export const DELIVERED_AT_ONCE_MS = 5_000;
export function laterThanNow(jobs: readonly Job[], now: Date): Date | undefined {
  const latest = Math.max(...jobs.map((j) => j.deliverAt.getTime()));
  return jobs.length && latest > now.getTime() + DELIVERED_AT_ONCE_MS ? new Date(latest) : undefined;
}

export interface TalkScheduled {
  /** The invitations just scheduled (due now). */
  invites: Job[];
  /** How many of the two reminders (7 days, 1 day before) are still ahead. */
  reminders: number;
}

/** Invitations (to `inviteIds`), reminders for everyone and the registration prompt for a talk's current version. */
export async function scheduleTalk(scheduler: Scheduler, talk: Talk, inviteIds: readonly string[], now: Date, flags: { moved?: boolean; kept?: boolean } = {}): Promise<TalkScheduled> {
  const prefix = talkPrefix(talk, talk.version);
  const base = { workplaceId: talk.workplaceId };
  const payload = { talkId: talk.id, version: talk.version };
  const invites: Job[] = [];
  for (const id of inviteIds) {
    const key = flags.kept ? `${prefix}invite:${id}:kept:${now.getTime()}` : `${prefix}invite:${id}`;
    invites.push(await scheduler.schedule({ ...base, key, kind: MUS_JOBS.invite, target: user(id), dueAt: now, payload: { ...payload, aadObjectId: id, moved: !!flags.moved, kept: !!flags.kept } }));
  }
  if (flags.kept) return { invites, reminders: 0 };
  let reminders = 0;
  for (const { days, at } of reminderTimes(talk.start)) {
    if (at <= now) continue;
    reminders++;
    for (const id of [...talk.participantIds, talk.leaderId]) {
      const role = id === talk.leaderId ? 'leader' : 'employee';
      await scheduler.schedule({ ...base, key: `${prefix}remind${days}:${role === 'leader' ? 'leader' : id}`, kind: MUS_JOBS.reminder, target: user(id), dueAt: at, payload: { ...payload, role } });
    }
  }
  await scheduler.schedule({ ...base, key: `${prefix}register`, kind: MUS_JOBS.register, target: user(talk.leaderId), dueAt: talk.end, payload });
  return { invites, reminders };
}

/** The follow-up reminders of one plan, to the employee and the leader, on its follow-up day (keyed by the day: a new date is a new pair). */
export async function scheduleFollowUp(scheduler: Scheduler, talk: Pick<Talk, 'workplaceId' | 'id' | 'leaderId'>, plan: Pick<DevPlan, 'aadObjectId' | 'followUpOn'>, first: boolean): Promise<void> {
  const base = { workplaceId: talk.workplaceId, payload: { talkId: talk.id, aadObjectId: plan.aadObjectId } };
  // The first pair keeps its original keys (plans registered before follow-ups could be moved).
  const key = `mus:${talk.workplaceId}:${talk.id}:followup${first ? '' : `@${plan.followUpOn}`}`;
  const dueAt = zonedInstant(plan.followUpOn, '09:00');
  await scheduler.schedule({ ...base, key: `${key}:${plan.aadObjectId}`, kind: MUS_JOBS.followUp, target: user(plan.aadObjectId), dueAt });
  await scheduler.schedule({ ...base, key: `${key}-leader:${plan.aadObjectId}`, kind: MUS_JOBS.followUp, target: user(talk.leaderId), dueAt });
}

/** After registration: the plan to each employee, follow-up reminders to both, and the leader's "due again" note. The plan jobs are returned. */
export async function schedulePlans(scheduler: Scheduler, talk: Talk, plans: DevPlan[], now: Date): Promise<Job[]> {
  const sent: Job[] = [];
  for (const p of plans) {
    const base = { workplaceId: talk.workplaceId, payload: { talkId: talk.id, aadObjectId: p.aadObjectId } };
    const key = `mus:${talk.workplaceId}:${talk.id}:`;
    sent.push(await scheduler.schedule({ ...base, key: `${key}plan:${p.aadObjectId}`, kind: MUS_JOBS.plan, target: user(p.aadObjectId), dueAt: now }));
    await scheduleFollowUp(scheduler, talk, p, true);
    await scheduler.schedule({
      ...base,
      key: `${key}nextdue:${p.aadObjectId}`,
      kind: MUS_JOBS.nextDue,
      target: user(talk.leaderId),
      dueAt: zonedInstant(addMonths(p.heldOn, DUE_AFTER_MONTHS), '09:00'),
    });
  }
  return sent;
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** The leader hears of an employee's request for another time (one job per request). */
export function changeRequest(talk: Talk, aadObjectId: string, now: Date): ScheduleRequest {
  return {
    key: `${talkPrefix(talk, talk.version)}change:${aadObjectId}:${now.getTime()}`,
    kind: MUS_JOBS.change,
    workplaceId: talk.workplaceId,
    target: user(talk.leaderId),
    dueAt: now,
    payload: { talkId: talk.id, version: talk.version, aadObjectId },
  };
}

/** The talks' jobs and MED's quarterly counts. */
export function musJobs(deps: MusJobDeps): FeaturePart {
  return { jobs: musJobHandlers(deps), recurring: musRecurring(deps) };
}

/** The talk of a job if it is still planned at the job's version. */
async function currentTalk(store: MusStore, workplaceId: string, payload: Record<string, unknown>): Promise<Talk | undefined> {
  const talk = await store.talk(workplaceId, str(payload.talkId));
  if (!talk || talk.status !== 'planned' || talk.version !== payload.version) return undefined;
  return talk;
}

function musJobHandlers({ svc, store, workplaces }: MusJobDeps): JobHandler[] {
  return withLabels([
    {
      kind: MUS_JOBS.invite,
      async render(job) {
        const talk = await currentTalk(store, job.workplaceId, job.payload);
        const invite = talk && (await store.invite(job.workplaceId, talk.id, str(job.payload.aadObjectId)));
        if (!talk || !invite) return null;
        const [notes, settings] = await Promise.all([store.notes(job.workplaceId, talk.id, invite.aadObjectId), svc.settings(job.workplaceId)]);
        return { card: inviteCard({ talk, invite, notes, settings, moved: job.payload.moved === true, kept: job.payload.kept === true }) };
      },
    },
    {
      kind: MUS_JOBS.reminder,
      async render(job) {
        const talk = await currentTalk(store, job.workplaceId, job.payload);
        if (!talk) return null;
        if (job.payload.role === 'leader') {
          // The leader's own chat: the talk's card, with the answers and the preparation (only the leader sees it).
          const lead = t.reminderLeader(talk.label, talk.start, talk.end, talk.place);
          return { text: lead, card: talkCard(talk, await svc.prepared(talk), lead) };
        }
        return { text: t.reminderEmployee(talk.leaderName, talk.start, talk.end, talk.place) };
      },
    },
    {
      kind: MUS_JOBS.register,
      async render(job, now) {
        const talk = await currentTalk(store, job.workplaceId, job.payload);
        if (!talk) return null;
        return { text: t.registerPrompt(talk.label), card: await registrationCardFor(svc, talk, localDateOf(now)) };
      },
    },
    {
      kind: MUS_JOBS.change,
      async render(job) {
        const talk = await currentTalk(store, job.workplaceId, job.payload);
        const invite = talk && (await store.invite(job.workplaceId, talk.id, str(job.payload.aadObjectId)));
        if (!talk || invite?.response !== 'changeRequested') return null;
        return { card: changeCard(talk, invite) };
      },
    },
    {
      kind: MUS_JOBS.plan,
      async render(job) {
        const found = await planAndTalk(store, job.workplaceId, job.payload);
        return found ? { card: devPlanCard(found.plan, found.talk.leaderName, 'employee') } : null;
      },
    },
    {
      kind: MUS_JOBS.followUp,
      async render(job) {
        // Both get the form on the agreed day; either of them records the follow-up.
        const found = await planAndTalk(store, job.workplaceId, job.payload);
        return found ? { card: followUpCard(found.plan) } : null;
      },
    },
    {
      kind: MUS_JOBS.nextDue,
      async render(job) {
        const found = await planAndTalk(store, job.workplaceId, job.payload);
        if (!found) return null;
        const talks = await store.talks(job.workplaceId);
        const newer = talks.some((x) => x.id !== found.talk.id && x.participantIds.includes(found.plan.aadObjectId) && x.start > found.talk.start && x.status !== 'cancelled' && x.status !== 'notHeld');
        const stillHere = await svc.isMember(job.workplaceId, found.plan.aadObjectId);
        return newer || !stillHere ? null : { text: t.nextDue(found.plan.name) };
      },
    },
    {
      kind: MUS_JOBS.medSummary,
      async render(job, now) {
        const wp = await workplaces.get(job.workplaceId);
        if (!wp) return null;
        const { counts } = await svc.overview(wp.id, localDateOf(now));
        return { card: countsCard(t.quarterTitle(wp.name, str(job.payload.quarter)), counts) };
      },
    },
  ]);
}

const withLabels = (handlers: JobHandler[]): JobHandler[] => handlers.map((h) => ({ ...h, label: t.jobLabels[h.kind] ?? h.kind }));

async function planAndTalk(store: MusStore, workplaceId: string, payload: Record<string, unknown>): Promise<{ plan: DevPlan; talk: Talk } | undefined> {
  const talkId = str(payload.talkId);
  const [plan, talk] = await Promise.all([store.plan(workplaceId, talkId, str(payload.aadObjectId)), store.talk(workplaceId, talkId)]);
  return plan && talk ? { plan, talk } : undefined;
}

/** The follow-up date a registration card proposes: six months after the talk. */
export const defaultFollowUp = (talk: Talk, today: LocalDate): LocalDate => addMonths(localDateOf(talk.start) < today ? localDateOf(talk.start) : today, FOLLOW_UP_MONTHS);

/** The registration card of a talk, with each participant's preparation in view. */
export async function registrationCardFor(svc: MusService, talk: Talk, today: LocalDate) {
  return registerCard(talk, await svc.prepared(talk), defaultFollowUp(talk, today));
}

/** Quarterly: each workplace with a MED channel gets its counts (never names). */
function musRecurring({ workplaces, scheduler }: MusJobDeps): RecurringJob[] {
  return [
    {
      name: 'mus.quarterly',
      cron: QUARTERLY_CRON,
      async run(now) {
        const date = localDateOf(now);
        const year = Number(date.slice(0, 4));
        const q = Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1;
        for (const wp of await workplaces.list()) {
          if (!wp.med) continue;
          await scheduler.schedule({
            key: `mus:${wp.id}:med:${year}-q${q}`,
            kind: MUS_JOBS.medSummary,
            workplaceId: wp.id,
            target: { kind: 'channel', conversationId: wp.med.conversationId },
            dueAt: now,
            payload: { quarter: t.quarterLabel(year, q) },
          });
        }
      },
    },
  ];
}
