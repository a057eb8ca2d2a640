/**
 * The operations on sickness cases that commands and card verbs share: find a case the
 * principal may see, open, confirm, report, change, rest and resume, mark a milestone,
 * close, delete; re-plan the reminders and log an event. The contacts and the samtale
 * are in followup.ts, handing a case or a contact to someone else in handover.ts.
 * Access to the verb has been checked by the dispatcher; access to the case (caseFor)
 * and the rules that need "today" are checked here.
 */
import type { Principal } from '../core/access.js';
import type { AppContext } from '../core/feature.js';
import { explained, UserError } from '../core/errors.js';
import type { Once } from '../core/once.js';
import { wasApplied } from '../storage/once.js';
import type { Where } from '../core/types.js';
import { formatIssues } from '../core/validation.js';
import { sicknessText as t } from '../i18n/sickness.js';
import { addDays, localDateOf, type LocalDate } from '../shared/calendar.js';
import type { Member } from '../workplaces/model.js';
import { caseFor, leaderWorkplaces, requireActive, type CaseRole } from './access.js';
import type { CaseRef } from './inputs.js';
import type { PayKind } from './law.js';
import { isOpenCase, stateOf, STEP_FIELD, type ManualStep, type SicknessCase } from './model.js';
import { afterClosePlan, casePrefix, closedNoticeRow, followUpPlan, reportedRows, writeRows } from './plan.js';
import type { FollowUpPolicy, PolicyCatalog } from './policy.js';
import { followingLeader, leaderMayFollow } from './rules.js';
import { currentModel, loadSettings, policyFor, SETTINGS_KEY, type SicknessSettings } from './settings.js';
import { caseIdOf, OpenCaseExistsError, type NewCase, type SicknessStore } from './store.js';
import { computeTimeline, countRecentAbsences, needsRepeatedAbsenceTalk, retentionEndsOn, type ExpectedDuration, type TimelineItem } from './timeline.js';

export type SicknessDeps = Pick<AppContext, 'workplaces' | 'events' | 'scheduler'> & { store: SicknessStore; catalog: PolicyCatalog };

export interface CaseDetails {
  firstDay: LocalDate;
  partial: boolean;
  expectedDuration: ExpectedDuration;
  pay: PayKind;
}

/** Throws the Danish "Ret venligst: ..." for one field. */
export function refuse(label: string, message: string): never {
  throw new UserError('INVALID_INPUT', formatIssues([`${label}: ${message}`]));
}

export function checkFirstDay(firstDay: LocalDate, today: LocalDate): void {
  if (firstDay > addDays(today, 1)) refuse(t.labels.firstDay!, t.v.firstDayFuture);
  if (firstDay < addDays(today, -90)) refuse(t.labels.firstDay!, t.v.firstDayOld);
}

export const refOf = (c: SicknessCase): CaseRef => ({ workplaceId: c.workplaceId, caseId: c.id });

export class SicknessService {
  constructor(private readonly deps: SicknessDeps) {}

  get catalog(): PolicyCatalog {
    return this.deps.catalog;
  }

  // ------------------------------------------------------------------ reading

  settings(workplaceId: string): Promise<SicknessSettings> {
    return loadSettings(this.deps.workplaces, workplaceId);
  }

  async policy(c: Pick<SicknessCase, 'workplaceId' | 'model'>): Promise<FollowUpPolicy> {
    return policyFor(await this.settings(c.workplaceId), this.deps.catalog, c.model);
  }

  async timeline(c: SicknessCase, today: LocalDate): Promise<{ policy: FollowUpPolicy; items: TimelineItem[] }> {
    const policy = await this.policy(c);
    return { policy, items: computeTimeline(policy, stateOf(c), today) };
  }

  /** Whether someone is (still) a leader of the workplace. */
  async isLeader(workplaceId: string, aadObjectId: string): Promise<boolean> {
    return (await this.deps.workplaces.member(workplaceId, aadObjectId))?.roles.includes('leder') ?? false;
  }

  /** The case and the principal's role on it, or a refusal that reveals nothing (access.ts). */
  caseFor(p: Principal, where: Where, ref: CaseRef, allowed: readonly CaseRole[], now: Date, point?: number): Promise<{ c: SicknessCase; as: CaseRole }> {
    const deps = { store: this.deps.store, isLeader: (wp: string, id: string) => this.isLeader(wp, id) };
    return caseFor(deps, p, where, ref, { allowed, today: localDateOf(now), ...(point === undefined ? {} : { point }) });
  }

  /**
   * caseFor for a write: a replay (after a crash) of a change this principal already made
   * on the case may finish it even when the change took the case out of their hands (a
   * case handed to another leader). Anything else is caseFor's answer.
   */
  async caseForWrite(p: Principal, where: Where, ref: CaseRef, allowed: readonly CaseRole[], now: Date, once?: Once): Promise<{ c: SicknessCase; as: CaseRole }> {
    try {
      return await this.caseFor(p, where, ref, allowed, now);
    } catch (e) {
      if (!once?.replay || where.scope !== 'personal') throw e;
      const c = await this.deps.store.get(ref.workplaceId, ref.caseId);
      if (!c || !wasApplied(c.applied, once) || !leaderWorkplaces(p).some((m) => m.workplaceId === c.workplaceId)) throw e;
      return { c, as: 'leader' };
    }
  }

  /** The case its leader follows up on (contacts, the samtale): it must be active. */
  async activeCaseForLeader(p: Principal, where: Where, ref: CaseRef, now: Date): Promise<SicknessCase> {
    const { c } = await this.caseFor(p, where, ref, ['leader'], now);
    requireActive(c);
    return c;
  }

  async openCases(workplaceId: string, employeeId: string): Promise<SicknessCase[]> {
    return (await this.deps.store.listForEmployee(workplaceId, employeeId)).filter(isOpenCase);
  }

  /** Open cases the principal follows as a leader (their own, covered, reported, or left without a leader). */
  async casesLedBy(p: Principal, now: Date): Promise<SicknessCase[]> {
    const today = localDateOf(now);
    const out: SicknessCase[] = [];
    for (const m of leaderWorkplaces(p)) {
      for (const c of (await this.deps.store.list(m.workplaceId)).filter(isOpenCase)) {
        const present = c.leaderId === p.userId || (await this.isLeader(c.workplaceId, c.leaderId));
        if (leaderMayFollow(c, p.userId, today, present)) out.push(c);
      }
    }
    return out;
  }

  /**
   * The principal's own open cases, in every workplace; in a replay also those this very
   * write closed (src/core/writes.ts), so that it finishes what followed.
   */
  async ownCases(p: Principal, once?: Once): Promise<SicknessCase[]> {
    const all = (await Promise.all(p.memberships.map((m) => this.deps.store.listForEmployee(m.workplaceId, p.userId)))).flat();
    return all.filter((c) => isOpenCase(c) || (once?.replay && wasApplied(c.applied, once)));
  }

  members(workplaceId: string): Promise<Member[]> {
    return this.deps.workplaces.members(workplaceId);
  }

  member(workplaceId: string, aadObjectId: string): Promise<Member | undefined> {
    return this.deps.workplaces.member(workplaceId, aadObjectId);
  }

  /** The TRs of the case's workplace the employee may invite (never the employee). */
  async trsFor(c: Pick<SicknessCase, 'workplaceId' | 'employeeId'>): Promise<Member[]> {
    return (await this.deps.workplaces.membersWithRole(c.workplaceId, 'TR')).filter((m) => m.aadObjectId !== c.employeeId);
  }

  async leaders(workplaceId: string, except?: string): Promise<Member[]> {
    return (await this.deps.workplaces.membersWithRole(workplaceId, 'leder')).filter((m) => m.aadObjectId !== except);
  }

  /** The case's following leader plus the HR contact; without an HR contact, the case's leaders (never all of them). */
  async escalateTo(c: SicknessCase, settings: SicknessSettings, today: LocalDate): Promise<string[]> {
    const hr = settings.hrContactId && (await this.deps.workplaces.member(c.workplaceId, settings.hrContactId));
    const leaders = [c.leaderId, followingLeader(c, today), ...(c.cover ? [c.cover.leaderId] : [])];
    return [...new Set([...leaders, ...(hr ? [hr.aadObjectId] : [])])].filter((id) => id !== c.employeeId);
  }

  // ------------------------------------------------------------------ writing
  //
  // Every operation takes the write's one-time key (`once`, src/core/once.ts) and is safe
  // to run again with it (a replay after a crash): a new case's id comes from the key, a
  // change is recorded on the case row and not made twice, events are keyed, reminder
  // rows have keys. So what a crash cut off is finished, never doubled.

  /** Changes a case with the feature's Danish text for a missing case and a lost race. */
  update(ref: CaseRef, change: (c: SicknessCase) => SicknessCase, once?: Once): Promise<SicknessCase> {
    return explained(this.deps.store.update(ref.workplaceId, ref.caseId, change, once), { NOT_FOUND: t.notFound, CONFLICT: t.conflict });
  }

  /** Writes the reminder rows the case needs now (existing keys are left alone, so it is safe to run again). */
  async plan(c: SicknessCase, now: Date): Promise<void> {
    const settings = await this.settings(c.workplaceId);
    const ctx = { policy: policyFor(settings, this.deps.catalog, c.model), now, escalateTo: await this.escalateTo(c, settings, localDateOf(now)) };
    await writeRows(this.deps.scheduler, c.status === 'raskmeldt' ? afterClosePlan(c, ctx) : followUpPlan(c, ctx));
  }

  /** Sickness events carry the case id and the step, nothing else; an employee acting is not named. */
  async record(c: SicknessCase, step: string, actorId: string, once?: Once): Promise<void> {
    await this.deps.events.append(
      {
        workplaceId: c.workplaceId,
        actorId: actorId === c.employeeId ? 'medarbejder' : actorId,
        type: `sickness.${step}`,
        subject: c.id,
      },
      once,
    );
  }

  /**
   * The employee's open cases other than the one this write creates or changed (a replay
   * sees its own work, which is not "another open case").
   */
  private async otherOpenCases(employee: Member, once?: Once): Promise<{ others: SicknessCase[]; changed?: SicknessCase }> {
    const open = await this.openCases(employee.workplaceId, employee.aadObjectId);
    const mine = (c: SicknessCase) => once !== undefined && (c.id === caseIdOf(once) || wasApplied(c.applied, once));
    return { others: open.filter((c) => !mine(c)), changed: open.find((c) => mine(c) && c.id !== (once && caseIdOf(once))) };
  }

  /**
   * A leader opens a case (or confirms the employee's own report if there is one). One
   * open case per employee and workplace: storage refuses a second (store.ts, the pointer row).
   */
  async open(leaderId: string, employee: Member, details: CaseDetails, now: Date, once?: Once): Promise<{ c: SicknessCase; repeated?: string }> {
    const today = localDateOf(now);
    checkFirstDay(details.firstDay, today);
    if (employee.aadObjectId === leaderId) throw new UserError('INVALID_INPUT', t.notYourself);
    const { others, changed } = await this.otherOpenCases(employee, once);
    if (changed) return this.confirm(changed, leaderId, details, now, once); // a replay of a confirmation
    const reported = others.find((c) => c.status === 'meldt');
    if (reported) return this.confirm(reported, leaderId, details, now, once);
    const alreadyOpen = (c: SicknessCase) => new UserError('CONFLICT', c.leaderId === leaderId ? t.alreadyOpen(employee.name, c.firstDay) : t.alreadyOpenElsewhere(employee.name));
    if (others[0]) throw alreadyOpen(others[0]);
    const settings = await this.settings(employee.workplaceId);
    const created = await this.createOpen(
      employee,
      { employeeId: employee.aadObjectId, employeeName: employee.name, leaderId, status: 'aktiv', reportedBy: 'leder', model: currentModel(settings, this.deps.catalog).id, ...details },
      once,
    );
    if ('existing' in created) {
      // Another instance opened one at the same moment.
      if (created.existing.status === 'meldt') return this.confirm(created.existing, leaderId, details, now, once);
      throw alreadyOpen(created.existing);
    }
    const c = created.c;
    await this.record(c, 'opened', leaderId, once);
    await this.plan(c, now);
    return { c, ...(await this.repeated(c, today)) };
  }

  /** The leader who confirms a reported case becomes its leader. */
  async confirm(c: SicknessCase, leaderId: string, details: CaseDetails, now: Date, once?: Once): Promise<{ c: SicknessCase; repeated?: string }> {
    const today = localDateOf(now);
    checkFirstDay(details.firstDay, today);
    const next = await this.update(refOf(c), (x) => {
      if (x.status !== 'meldt') throw new UserError('CONFLICT', t.alreadyConfirmed);
      return { ...x, ...details, status: 'aktiv', leaderId };
    }, once);
    await this.record(next, 'confirmed', leaderId, once);
    await this.plan(next, now);
    return { c: next, ...(await this.repeated(next, today)) };
  }

  /**
   * The employee wrote `syg`: a reported case and a private note to each leader (the first
   * to confirm follows it). Twenty `syg` at once make one case: storage allows one open case
   * per employee (store.ts).
   */
  async report(employee: Member, now: Date, once?: Once): Promise<{ c?: SicknessCase; already?: SicknessCase; leaders: number }> {
    const { others } = await this.otherOpenCases(employee, once);
    if (others[0]) return { already: others[0], leaders: 0 };
    const leaders = await this.leaders(employee.workplaceId, employee.aadObjectId);
    if (leaders.length === 0) return { leaders: 0 };
    const settings = await this.settings(employee.workplaceId);
    const created = await this.createOpen(
      employee,
      {
        employeeId: employee.aadObjectId,
        employeeName: employee.name,
        leaderId: leaders[0]!.aadObjectId,
        status: 'meldt',
        reportedBy: 'medarbejder',
        model: currentModel(settings, this.deps.catalog).id,
        firstDay: localDateOf(now),
        partial: false,
        expectedDuration: 'ukendt',
        pay: 'loen',
      },
      once,
    );
    if ('existing' in created) return { already: created.existing, leaders: 0 };
    const c = created.c;
    await this.record(c, 'reported', employee.aadObjectId, once);
    await writeRows(this.deps.scheduler, reportedRows(c, leaders.map((l) => l.aadObjectId), now));
    return { c, leaders: leaders.length };
  }

  private async createOpen(employee: Member, draft: NewCase, once?: Once): Promise<{ c: SicknessCase } | { existing: SicknessCase }> {
    try {
      return { c: await this.deps.store.create(employee.workplaceId, draft, once) };
    } catch (e) {
      if (e instanceof OpenCaseExistsError) return { existing: e.existing };
      throw e;
    }
  }

  /** Partial sick leave, the expected duration or the pay changed: the plan follows. */
  async changeDetails(ref: CaseRef, actorId: string, details: Pick<CaseDetails, 'partial' | 'expectedDuration' | 'pay'>, now: Date, once?: Once): Promise<SicknessCase> {
    const next = await this.update(ref, (c) => {
      requireActive(c);
      return { ...c, partial: details.partial, expectedDuration: details.expectedDuration, pay: details.pay };
    }, once);
    await this.record(next, 'updated', actorId, once);
    await this.plan(next, now);
    return next;
  }

  /** A manual milestone (municipality, fast track, ...) is done today; the title of the step. */
  async markDone(ref: CaseRef, actorId: string, step: ManualStep, now: Date, once?: Once): Promise<{ c: SicknessCase; title: string }> {
    const today = localDateOf(now);
    const afterReturn = step === 'municipality' || step === 'return-followup';
    const next = await this.update(ref, (c) => {
      if (c.status === 'meldt' || (c.status === 'raskmeldt' && !afterReturn)) throw new UserError('CONFLICT', t.notActive);
      // After the employee's own request, "done" means the plan was made (or declined).
      const field = step === 'fastholdelsesplan' && c.fastholdelsesplanRequestedOn ? 'fastholdelsesplanPlannedOn' : STEP_FIELD[step];
      return { ...c, [field]: today };
    }, once);
    await this.record(next, `done.${step}`, actorId, once);
    const title = (await this.timeline(next, today)).items.find((i) => i.key === step)?.title ?? step;
    return { c: next, title };
  }

  /** Raskmelding: closes the case, cancels everything pending, plans what is still owed. */
  async close(c: SicknessCase, actorId: string, returnDay: LocalDate, now: Date, once?: Once): Promise<SicknessCase> {
    if (returnDay <= c.firstDay) refuse(t.labels.returnDay!, t.v.returnBeforeFirst);
    const today = localDateOf(now);
    const policy = await this.policy(c);
    // A replay of this raskmelding finds the case closed by it: the rest is finished.
    const replayed = once?.replay === true && wasApplied(c.applied, once);
    const next = await this.update(refOf(c), (x) => {
      if (!isOpenCase(x)) throw new UserError('CONFLICT', t.notActive);
      return { ...x, status: 'raskmeldt', returnDay, closedOn: today, deleteOn: retentionEndsOn(today, policy) };
    }, once);
    await this.deps.scheduler.cancelPrefix(casePrefix(next));
    await this.record(next, 'closed', actorId, once);
    await this.plan(next, now);
    if (actorId === next.employeeId && (c.status === 'aktiv' || replayed)) await writeRows(this.deps.scheduler, [closedNoticeRow(next, now)]);
    return next;
  }

  /**
   * Deletes a case's details (retention, or a report that was not a sickness absence). The
   * event and the cancelled reminders come first: a replay after a crash finds the case
   * gone, and nothing is left half done.
   */
  async remove(c: SicknessCase, actorId: string, step: 'deleted' | 'dismissed', once?: Once): Promise<void> {
    await this.record(c, step, actorId, once);
    await this.deps.scheduler.cancelPrefix(casePrefix(c));
    await this.deps.store.remove(c.workplaceId, c.id);
  }

  /** A leader's choice of model, HR contact and local rules for a workplace. */
  async saveSettings(actorId: string, workplaceId: string, settings: SicknessSettings, once?: Once): Promise<void> {
    await this.deps.workplaces.updateSettings(workplaceId, SETTINGS_KEY, settings);
    await this.deps.events.append({ workplaceId, actorId, type: 'sickness.settingsChanged', data: { model: settings.model ?? '' } }, once);
  }

  /** The repeated short absence rule, privately to the leader. */
  private async repeated(c: SicknessCase, today: LocalDate): Promise<{ repeated?: string }> {
    const policy = await this.policy(c);
    const cases = (await this.deps.store.listForEmployee(c.workplaceId, c.employeeId)).filter((x) => x.status !== 'meldt' || x.id === c.id);
    const past = cases.map((x) => ({ firstDay: x.firstDay, ...(x.returnDay ? { returnDay: x.returnDay } : {}) }));
    if (!needsRepeatedAbsenceTalk(past, today, policy)) return {};
    return { repeated: t.repeated(c.employeeName, countRecentAbsences(past, today, policy), policy.repeatedAbsence.windowMonths) };
  }
}
