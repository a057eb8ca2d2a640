import type { Clock } from '../core/clock.js';
import { UserError } from '../core/errors.js';
import type { EventLog } from '../events/event-log.js';
import { musText as t } from '../i18n/mus.js';
import type { Scheduler } from '../outbox/types.js';
import { localDateOf, type LocalDate } from '../shared/calendar.js';
import type { Storage } from '../storage/tables.js';
import type { Member } from '../workplaces/model.js';
import type { WorkplaceStore } from '../workplaces/store.js';
import type { AbsenceLookup } from './absence.js';
import { musCounts, musOverview, type EmployeeMusStatus, type MusCounts } from './due.js';
import type { MusSettings, Talk } from './model.js';
import { musSettingsOf } from './settings.js';
import type { MusStore } from './store.js';

/** What the MUS feature needs from the app (a subset of AppContext). */
export interface MusDeps {
  workplaces: WorkplaceStore;
  events: EventLog;
  clock: Clock;
  storage: Storage;
  scheduler: Scheduler;
}

export interface MusContext extends MusDeps {
  store: MusStore;
  absence: AbsenceLookup;
}

/**
 * The people who have a MUS with the workplace's leader: every member who is not a
 * leader (medarbejdere, and TR and AMR, who are employees too). A leader's own MUS is
 * with their own leader, outside this workplace.
 */
export async function employeesOf(ctx: MusContext, workplaceId: string): Promise<Member[]> {
  return (await ctx.workplaces.members(workplaceId)).filter((m) => !m.roles.includes('leder') && m.roles.length > 0);
}

/** The employees, or the Danish refusal when there are none (a planning or stamdata card needs someone on it). */
export async function requireEmployees(ctx: MusContext, workplaceId: string): Promise<Member[]> {
  const employees = await employeesOf(ctx, workplaceId);
  if (employees.length === 0) throw new UserError('NOT_FOUND', t.noEmployees);
  return employees;
}

/** The employees by AAD id: ids in card data are checked against it. */
export async function employeesById(ctx: MusContext, workplaceId: string): Promise<Map<string, Member>> {
  return new Map((await employeesOf(ctx, workplaceId)).map((e) => [e.aadObjectId, e]));
}

export async function settingsOf(ctx: MusContext, workplaceId: string): Promise<MusSettings> {
  return musSettingsOf(await ctx.workplaces.get(workplaceId));
}

export interface Overview {
  statuses: EmployeeMusStatus[];
  counts: MusCounts;
}

/** Who is due, planned, held and overdue at a workplace today. */
export async function overviewOf(ctx: MusContext, workplaceId: string, today: LocalDate): Promise<Overview> {
  const [employees, talks, plans] = await Promise.all([
    employeesOf(ctx, workplaceId),
    ctx.store.talks(workplaceId),
    ctx.store.plans(workplaceId),
  ]);
  const planFor = new Map<string, string[]>();
  for (const p of plans) planFor.set(p.talkId, [...(planFor.get(p.talkId) ?? []), p.aadObjectId]);
  const statuses = musOverview(
    employees.map((e) => ({ id: e.aadObjectId, name: e.name, ...(e.startDate ? { startDate: e.startDate } : {}) })),
    talks.map((x) => ({ participantIds: x.participantIds, date: localDateOf(x.start), status: x.status, planFor: planFor.get(x.id) ?? [] })),
    today,
  );
  return { statuses, counts: musCounts(statuses) };
}

/** The leader's planned talks at a workplace: the busy time new talks must not overlap. */
export async function plannedTalksOf(ctx: MusContext, workplaceId: string, leaderId: string): Promise<Talk[]> {
  return (await ctx.store.talks(workplaceId)).filter((x) => x.status === 'planned' && x.leaderId === leaderId);
}

export const today = (ctx: MusContext): LocalDate => localDateOf(ctx.clock.now());

/** A talk's transaction lost to another writer (double click, two leaders): nothing was written. */
export const CHANGED_MEANWHILE = { CONFLICT: t.changedMeanwhile } as const;
