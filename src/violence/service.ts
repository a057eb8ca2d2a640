/**
 * The operations on episodes that commands, card verbs and jobs share: register, confirm
 * or reject a colleague's registration, mark a step, record the police decision, list,
 * delete; plan the reminders and log an event. Access to the verb has been checked by
 * the dispatcher; access to the episode (episodeFor) is checked here.
 */
import type { ActionPlanPort } from '../actions/plan.js';
import type { Principal } from '../core/access.js';
import { explained, UserError } from '../core/errors.js';
import type { Once } from '../core/once.js';
import type { AppContext } from '../core/feature.js';
import type { Where } from '../core/types.js';
import { KIND_LABELS, violenceText as t } from '../i18n/violence.js';
import { addDays, formatDanishDate, localDateOf, type LocalDate } from '../shared/calendar.js';
import type { Member } from '../workplaces/model.js';
import { episodeFor, isLeaderOf, type EpisodeRef, type EpisodeRole } from './access.js';
import { episodeIdOf, STEP_FIELD, timeOfDayOf, type Episode, type LeaderStep, type PoliceDecision } from './model.js';
import { episodePrefix, followUpRows, registrationRows, rejectedRows, reportedRows, writeRows, type Recipients } from './plan.js';
import { followUpTimeline, type TimelineItem } from './rules.js';
import { loadPolicy, type ViolencePolicy } from './settings.js';
import type { ViolenceStore } from './store.js';

export type ViolenceDeps = Pick<AppContext, 'workplaces' | 'events' | 'scheduler'> & { store: ViolenceStore; actions: ActionPlanPort };

/** What the form gives, checked (model.ts registerInput and the checks in verbs.ts). */
export interface Registration {
  workplaceId: string;
  formKey: string;
  employee: Member;
  reporterId: string;
  occurredOn: LocalDate;
  occurredAt: string;
  place: string;
  kind: Episode['kind'];
  source: Episode['source'];
  injured: boolean;
  absenceFrom?: LocalDate;
  needsTalkNow: boolean;
  amrMayKnowName: boolean;
  description?: string;
}

const refOf = (e: Episode): EpisodeRef => ({ workplaceId: e.workplaceId, episodeId: e.id });

export class ViolenceService {
  constructor(private readonly deps: ViolenceDeps) {}

  policy(workplaceId: string): Promise<ViolencePolicy> {
    return loadPolicy(this.deps.workplaces, workplaceId);
  }

  async timeline(e: Episode, today: LocalDate): Promise<{ policy: ViolencePolicy; items: TimelineItem[] }> {
    const policy = await this.policy(e.workplaceId);
    return { policy, items: followUpTimeline(policy, e, today) };
  }

  episodeFor(p: Principal, where: Where, ref: EpisodeRef, allowed: readonly EpisodeRole[]): Promise<{ e: Episode; as: EpisodeRole }> {
    return episodeFor(this.deps.store, p, where, ref, allowed);
  }

  members(workplaceId: string): Promise<Member[]> {
    return this.deps.workplaces.members(workplaceId);
  }

  member(workplaceId: string, aadObjectId: string): Promise<Member | undefined> {
    return this.deps.workplaces.member(workplaceId, aadObjectId);
  }

  /** Leaders and AMRs of the workplace, never the employee the episode is about. */
  async recipients(workplaceId: string, employeeId: string): Promise<Recipients> {
    const members = await this.deps.workplaces.members(workplaceId);
    const ids = (role: Member['roles'][number]) => members.filter((m) => m.roles.includes(role) && m.aadObjectId !== employeeId).map((m) => m.aadObjectId);
    return { leaders: ids('leder'), amrs: ids('AMR') };
  }

  /** Episodes of the principal (own) and, as a leader, of the workplaces they lead. */
  async visibleTo(p: Principal): Promise<{ e: Episode; as: EpisodeRole }[]> {
    const out: { e: Episode; as: EpisodeRole }[] = [];
    for (const m of p.memberships) {
      const all = isLeaderOf(p, m.workplaceId) ? await this.deps.store.list(m.workplaceId) : await this.deps.store.listForEmployee(m.workplaceId, p.userId);
      for (const e of all) out.push({ e, as: e.employeeId === p.userId ? 'employee' : 'leader' });
    }
    return out;
  }

  private update(ref: EpisodeRef, change: (e: Episode) => Episode): Promise<Episode> {
    return explained(this.deps.store.update(ref.workplaceId, ref.episodeId, change), { NOT_FOUND: t.notFound, CONFLICT: t.conflict });
  }

  /**
   * Events carry the episode id and the step; the employee acting is not named. Under a
   * write's one-time key the event's id comes from the key, so a replay appends it once.
   */
  private async record(e: Episode, step: string, actorId: string, data?: Record<string, string>, once?: Once): Promise<void> {
    await this.deps.events.append(
      {
        workplaceId: e.workplaceId,
        actorId: actorId === e.employeeId || actorId === e.reportedById ? 'medarbejder' : actorId,
        type: `violence.${step}`,
        subject: e.id,
        ...(data ? { data } : {}),
      },
      once,
    );
  }

  /** Writes the rows the episode needs now (existing keys are left alone). */
  async plan(e: Episode, now: Date): Promise<void> {
    const [to, policy] = await Promise.all([this.recipients(e.workplaceId, e.employeeId), this.policy(e.workplaceId)]);
    await writeRows(this.deps.scheduler, [...registrationRows(e, to, now), ...followUpRows(e, to, policy, now)]);
  }

  /**
   * Registers the episode once per form: a second submit of the same form returns the
   * episode the first one made (`created: false`) and plans nothing new.
   */
  async register(r: Registration, now: Date, once?: Once): Promise<{ e: Episode; created: boolean; leaders: number }> {
    const self = r.employee.aadObjectId === r.reporterId;
    const { episode, created } = await this.deps.store.create(r.workplaceId, {
      id: episodeIdOf(r.formKey),
      employeeId: r.employee.aadObjectId,
      employeeName: r.employee.name,
      reportedById: r.reporterId,
      status: self ? 'aktiv' : 'afventer',
      occurredOn: r.occurredOn,
      occurredAt: r.occurredAt,
      place: r.place,
      kind: r.kind,
      source: r.source,
      injured: r.injured,
      ...(r.absenceFrom ? { absenceFrom: r.absenceFrom } : {}),
      needsTalkNow: r.needsTalkNow,
      amrMayKnowName: self && r.amrMayKnowName,
      ...(r.description ? { description: r.description } : {}),
      registeredOn: localDateOf(now),
      registeredAt: now.toISOString(),
    });
    const { leaders } = await this.recipients(r.workplaceId, episode.employeeId);
    // A replay of the same press (the first run died after the create) finishes the event.
    if (created || once?.replay) await this.record(episode, 'registered', r.reporterId, { kind: episode.kind, timeOfDay: timeOfDayOf(episode.occurredAt) }, once);
    // The same form again (a double tap, another instance): the rows are written again,
    // idempotently by key, so a first run that died after the create is finished here.
    await this.plan(episode, now);
    return { e: episode, created, leaders: leaders.length };
  }

  /** The employee confirms a colleague's registration: the follow-up starts. */
  async confirm(ref: EpisodeRef, employeeId: string, amrMayKnowName: boolean, now: Date, once?: Once): Promise<Episode> {
    const next = await this.update(ref, (e) => {
      if (e.employeeId !== employeeId) throw new UserError('NOT_FOUND', t.notFound);
      return e.status === 'afventer' ? { ...e, status: 'aktiv', amrMayKnowName } : e;
    });
    await this.record(next, 'confirmed', employeeId, undefined, once);
    await this.plan(next, now);
    return next;
  }

  /** The employee says a colleague's registration is wrong: it is deleted, the leaders are told. */
  async reject(e: Episode, now: Date, once?: Once): Promise<void> {
    if (e.status !== 'afventer') throw new UserError('CONFLICT', t.alreadyRegistered);
    const { leaders } = await this.recipients(e.workplaceId, e.employeeId);
    // The leaders' notice first (its keys are outside the episode's prefix): a replay after
    // a crash finds the episode until it is deleted, last, and does the rest again.
    await writeRows(this.deps.scheduler, rejectedRows(e, leaders, now));
    await this.remove(e, e.employeeId, 'rejected', once);
  }

  /** A leader marks a step as done today (a step done before keeps its first date). */
  async markStep(ref: EpisodeRef, step: LeaderStep, actorId: string, now: Date, once?: Once): Promise<Episode> {
    const today = localDateOf(now);
    const field = STEP_FIELD[step];
    const before = await this.deps.store.get(ref.workplaceId, ref.episodeId);
    const next = await this.update(ref, (e) => {
      if (e.status !== 'aktiv') throw new UserError('CONFLICT', t.confirmFirst);
      return e[field] ? e : { ...e, [field]: today };
    });
    if (before?.[field] === undefined || once?.replay) await this.record(next, `done.${step}`, actorId, undefined, once);
    if (step === 'anmeldelse') {
      const { amrs } = await this.recipients(next.workplaceId, next.employeeId);
      await writeRows(this.deps.scheduler, reportedRows(next, amrs, now));
    }
    return next;
  }

  /** The employee's own decision about politianmeldelse (only theirs to make). */
  async decidePolice(ref: EpisodeRef, employeeId: string, decision: PoliceDecision, now: Date, once?: Once): Promise<Episode> {
    const today = localDateOf(now);
    const next = await this.update(ref, (e) => {
      if (e.employeeId !== employeeId) throw new UserError('NOT_FOUND', t.notFound);
      return { ...e, police: decision, policeDecidedOn: e.police === decision ? (e.policeDecidedOn ?? today) : today };
    });
    await this.record(next, 'police', employeeId, undefined, once);
    return next;
  }

  /** Deletes an episode's details and its pending reminders (retention, or a rejection); the row goes last. */
  async remove(e: Episode, actorId: string, step: 'deleted' | 'rejected', once?: Once): Promise<void> {
    await this.deps.scheduler.cancelPrefix(episodePrefix(e));
    await this.record(e, step, actorId, undefined, once);
    await this.deps.store.remove(e.workplaceId, e.id);
  }

  /**
   * The risk assessment becomes an action in the handleplan (kilde vold og trusler), once
   * per episode however often it is asked for: the plan's one-time key is the episode's.
   * The action names neither the employee nor the description: the plan is the workplace's.
   */
  async riskAction(e: Episode, by: { id: string; name: string }, now: Date): Promise<number> {
    if (e.status !== 'aktiv') throw new UserError('CONFLICT', t.confirmFirst);
    const today = localDateOf(now);
    const { policy, items } = await this.timeline(e, today);
    const deadline = items.find((i) => i.key === 'risk')?.deadline ?? addDays(e.registeredOn, policy.riskAssessmentDays);
    const end = deadline > today ? deadline : addDays(today, 7);
    const r = t.riskAction;
    const action = await this.deps.actions.createOnce(`violence-risk-${e.workplaceId}-${e.id}`, e.workplaceId, {
      tema: r.tema,
      emne: r.emne(KIND_LABELS[e.kind], e.place),
      maal: r.maal,
      hvad: r.hvad,
      start: today,
      end,
      startLabel: formatDanishDate(today),
      endLabel: formatDanishDate(end),
      dokumentation: r.dokumentation,
      owner: { id: by.id, name: by.name },
      effekt: r.effekt,
      source: 'vold',
    }, by);
    return action.number;
  }

  refOf(e: Episode): EpisodeRef {
    return refOf(e);
  }
}
