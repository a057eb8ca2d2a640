/**
 * The operations of a sickness case shared by commands, card verbs and jobs: open,
 * confirm, close, delete, re-plan the reminders, log an event. Access has been checked
 * by the caller (access.ts); relative date rules are checked here.
 */
import type { Clock } from '../core/clock.js';
import { explained, UserError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import { formatIssues } from '../core/validation.js';
import type { EventLog } from '../events/event-log.js';
import { sicknessText as t } from '../i18n/sickness.js';
import type { Scheduler } from '../outbox/types.js';
import { addDays, localDateOf, type LocalDate } from '../shared/calendar.js';
import type { Member } from '../workplaces/model.js';
import type { WorkplaceStore } from '../workplaces/store.js';
import { isOpenCase, stateOf, type SicknessCase } from './model.js';
import {
  afterClosePlan,
  casePrefix,
  closedNoticeRow,
  followUpPlan,
  reportedRows,
  writeRows,
} from './plan.js';
import type { FollowUpPolicy } from './policy.js';
import { loadSettings, policyFor, type SicknessSettings } from './settings.js';
import type { SicknessStore } from './store.js';
import { computeTimeline, countRecentAbsences, needsRepeatedAbsenceTalk, retentionEndsOn, type ExpectedDuration, type TimelineItem } from './timeline.js';

export interface SicknessDeps {
  store: SicknessStore;
  workplaces: WorkplaceStore;
  events: EventLog;
  /** The outbox: every reminder of a case is a row there. */
  scheduler: Scheduler;
  clock: Clock;
  log: Logger;
}

export interface CaseDetails {
  firstDay: LocalDate;
  partial: boolean;
  expectedDuration: ExpectedDuration;
}

/** Throws the Danish "Ret venligst: ..." for one field. */
export function refuse(label: string, message: string): never {
  throw new UserError('INVALID_INPUT', formatIssues([`${label}: ${message}`]));
}

export function checkFirstDay(firstDay: LocalDate, today: LocalDate): void {
  if (firstDay > addDays(today, 1)) refuse(t.labels.firstDay!, t.v.firstDayFuture);
  if (firstDay < addDays(today, -90)) refuse(t.labels.firstDay!, t.v.firstDayOld);
}

export class SicknessService {
  constructor(readonly deps: SicknessDeps) {}

  get store(): SicknessStore {
    return this.deps.store;
  }

  /** Changes a case (store.update) with the feature's Danish text for a missing case and a lost race. */
  update(ref: { workplaceId: string; caseId: string }, change: (c: SicknessCase) => SicknessCase): Promise<SicknessCase> {
    return explained(this.deps.store.update(ref.workplaceId, ref.caseId, change), { NOT_FOUND: t.notFound, CONFLICT: t.conflict });
  }

  settings(workplaceId: string): Promise<SicknessSettings> {
    return loadSettings(this.deps.workplaces, workplaceId);
  }

  async policy(c: Pick<SicknessCase, 'workplaceId' | 'model'>): Promise<FollowUpPolicy> {
    return policyFor(await this.settings(c.workplaceId), c.model);
  }

  async timeline(c: SicknessCase, today: LocalDate): Promise<{ policy: FollowUpPolicy; items: TimelineItem[] }> {
    const policy = await this.policy(c);
    return { policy, items: computeTimeline(policy, stateOf(c), today) };
  }

  async leaders(workplaceId: string, except?: string): Promise<Member[]> {
    return (await this.deps.workplaces.membersWithRole(workplaceId, 'leder')).filter((m) => m.aadObjectId !== except);
  }

  /** The case's leader plus the HR contact; without an HR contact, all the leaders. */
  async escalateTo(c: SicknessCase, settings: SicknessSettings): Promise<string[]> {
    const hr = settings.hrContactId && (await this.deps.workplaces.member(c.workplaceId, settings.hrContactId));
    const others = hr ? [hr.aadObjectId] : (await this.leaders(c.workplaceId, c.employeeId)).map((m) => m.aadObjectId);
    return [...new Set([c.leaderId, ...others])].filter((id) => id !== c.employeeId);
  }

  /** Writes the reminder rows the case needs now (existing keys are left alone). */
  async plan(c: SicknessCase, now: Date): Promise<void> {
    const settings = await this.settings(c.workplaceId);
    const ctx = { policy: policyFor(settings, c.model), now, escalateTo: await this.escalateTo(c, settings) };
    await writeRows(this.deps.scheduler, c.status === 'raskmeldt' ? afterClosePlan(c, ctx) : followUpPlan(c, ctx));
  }

  /** Sickness events carry the case id and the step, nothing else; an employee acting is not named. */
  async record(c: SicknessCase, step: string, actorId: string): Promise<void> {
    await this.deps.events.append({
      workplaceId: c.workplaceId,
      actorId: actorId === c.employeeId ? 'medarbejder' : actorId,
      type: `sickness.${step}`,
      subject: c.id,
    });
  }

  async openCases(workplaceId: string, employeeId: string): Promise<SicknessCase[]> {
    return (await this.store.listForEmployee(workplaceId, employeeId)).filter(isOpenCase);
  }

  /** A leader opens a case (or confirms the employee's own report if there is one). */
  async open(leaderId: string, employee: Member, details: CaseDetails, now: Date): Promise<{ c: SicknessCase; repeated?: string }> {
    const today = localDateOf(now);
    checkFirstDay(details.firstDay, today);
    if (employee.aadObjectId === leaderId) throw new UserError('INVALID_INPUT', t.notYourself);
    const existing = await this.openCases(employee.workplaceId, employee.aadObjectId);
    const reported = existing.find((c) => c.status === 'meldt');
    if (reported) return this.confirm(reported, leaderId, details, now);
    if (existing[0]) throw new UserError('CONFLICT', t.alreadyOpen(employee.name, existing[0].firstDay));
    const settings = await this.settings(employee.workplaceId);
    const c = await this.store.create(employee.workplaceId, {
      employeeId: employee.aadObjectId,
      employeeName: employee.name,
      leaderId,
      status: 'aktiv',
      reportedBy: 'leder',
      model: settings.model,
      ...details,
    });
    await this.record(c, 'opened', leaderId);
    await this.plan(c, now);
    return { c, ...(await this.repeated(c, today)) };
  }

  async confirm(c: SicknessCase, leaderId: string, details: CaseDetails, now: Date): Promise<{ c: SicknessCase; repeated?: string }> {
    const today = localDateOf(now);
    checkFirstDay(details.firstDay, today);
    const next = await this.update({ workplaceId: c.workplaceId, caseId: c.id }, (x) => {
      if (x.status !== 'meldt') throw new UserError('CONFLICT', t.alreadyConfirmed);
      return { ...x, ...details, status: 'aktiv', leaderId };
    });
    await this.record(next, 'confirmed', leaderId);
    await this.plan(next, now);
    return { c: next, ...(await this.repeated(next, today)) };
  }

  /** The employee wrote `syg`: a reported case and a private note to each leader. */
  async report(employee: Member, now: Date): Promise<{ c?: SicknessCase; already?: SicknessCase; leaders: number }> {
    const existing = await this.openCases(employee.workplaceId, employee.aadObjectId);
    if (existing[0]) return { already: existing[0], leaders: 0 };
    const leaders = await this.leaders(employee.workplaceId, employee.aadObjectId);
    if (leaders.length === 0) return { leaders: 0 };
    const settings = await this.settings(employee.workplaceId);
    const c = await this.store.create(employee.workplaceId, {
      employeeId: employee.aadObjectId,
      employeeName: employee.name,
      leaderId: leaders[0]!.aadObjectId,
      status: 'meldt',
      reportedBy: 'medarbejder',
      model: settings.model,
      firstDay: localDateOf(now),
      partial: false,
      expectedDuration: 'ukendt',
    });
    await this.record(c, 'reported', employee.aadObjectId);
    await writeRows(this.deps.scheduler, reportedRows(c, leaders.map((l) => l.aadObjectId), now));
    return { c, leaders: leaders.length };
  }

  /** Raskmelding: closes the case, cancels everything pending, plans what is still owed. */
  async close(c: SicknessCase, actorId: string, returnDay: LocalDate, now: Date): Promise<SicknessCase> {
    if (returnDay <= c.firstDay) refuse(t.labels.returnDay!, t.v.returnBeforeFirst);
    const today = localDateOf(now);
    const policy = await this.policy(c);
    const next = await this.update({ workplaceId: c.workplaceId, caseId: c.id }, (x) => {
      if (!isOpenCase(x)) throw new UserError('CONFLICT', t.notActive);
      return { ...x, status: 'raskmeldt', returnDay, closedOn: today, deleteOn: retentionEndsOn(today, policy) };
    });
    await this.deps.scheduler.cancelPrefix(casePrefix(next));
    await this.record(next, 'closed', actorId);
    await this.plan(next, now);
    if (actorId === next.employeeId && c.status === 'aktiv') await writeRows(this.deps.scheduler, [closedNoticeRow(next, now)]);
    return next;
  }

  /** Deletes a case's details (retention, or a report that was not a sickness absence). */
  async remove(c: SicknessCase, actorId: string, step: 'deleted' | 'dismissed'): Promise<void> {
    await this.deps.scheduler.cancelPrefix(casePrefix(c));
    await this.store.remove(c.workplaceId, c.id);
    await this.record(c, step, actorId);
  }

  /** The repeated short absence rule, privately to the leader. */
  private async repeated(c: SicknessCase, today: LocalDate): Promise<{ repeated?: string }> {
    const policy = await this.policy(c);
    const cases = (await this.store.listForEmployee(c.workplaceId, c.employeeId)).filter((x) => x.status !== 'meldt' || x.id === c.id);
    const past = cases.map((x) => ({ firstDay: x.firstDay, ...(x.returnDay ? { returnDay: x.returnDay } : {}) }));
    if (!needsRepeatedAbsenceTalk(past, today, policy)) return {};
    return { repeated: t.repeated(c.employeeName, countRecentAbsences(past, today, policy), policy.repeatedAbsence.windowMonths) };
  }
}
