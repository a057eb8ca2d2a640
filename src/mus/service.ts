/**
 * What the MUS commands, verbs and jobs share: who has a MUS with the leader, the
 * workplace's MUS frame, who is due, and the operations that write talks together with
 * their jobs (send a proposal, move, keep, register). Access has been checked by the
 * caller (access.ts); job keys and rows come from jobs.ts.
 */
import { explained, UserError } from '../core/errors.js';
import type { Once } from '../core/once.js';
import type { AppContext } from '../core/feature.js';
import type { EventInput } from '../events/event-log.js';
import { musText as t } from '../i18n/mus.js';
import { localDateOf, type LocalDate } from '../shared/calendar.js';
import type { Member, Workplace } from '../workplaces/model.js';
import type { AbsenceLookup } from './absence.js';
import type { Prepared, StatusRow } from './cards-leader.js';
import { musCounts, musOverview, type EmployeeMusStatus, type MusCounts } from './due.js';
import { changeRequest, laterThanNow, scheduleFollowUp, schedulePlans, scheduleTalk, talkPrefix } from './jobs.js';
import { newId, type DevPlan, type Draft, type Invite, type MusSettings, type NotHeldReason, type Talk } from './model.js';
import { isSenior, musSettingsOf } from './settings.js';
import type { MusStore } from './store.js';

export type MusServiceDeps = Pick<AppContext, 'workplaces' | 'events' | 'clock' | 'scheduler'> & { store: MusStore; absence: AbsenceLookup };

export interface Overview {
  statuses: EmployeeMusStatus[];
  counts: MusCounts;
}

/** A talk's transaction lost to another writer (double click, two leaders): nothing was written. */
const CHANGED_MEANWHILE = { CONFLICT: t.changedMeanwhile } as const;

type Etagged<T> = T & { etag: string };

/** What sending a proposal did: invitations, when the engine delivers them (if not now), which reminders lie ahead. */
export interface SentDraft {
  invites: number;
  later: Date | undefined;
  reminders: 'all' | 'some' | 'none';
}

/** One row of the stamdata card that changed; `last` undefined: the last MUS is unchanged. */
export interface PersonChange {
  member: Member;
  start: string;
  birth: number | undefined;
  last?: string;
}

export class MusService {
  constructor(private readonly deps: MusServiceDeps) {}

  today(): LocalDate {
    return localDateOf(this.deps.clock.now());
  }

  // ------------------------------------------------------------------ reading

  workplace(workplaceId: string): Promise<Workplace | undefined> {
    return this.deps.workplaces.get(workplaceId);
  }

  /**
   * The people who have a MUS with the workplace's leader: every member who is not a
   * leader (medarbejdere, and TR and AMR, who are employees too). A leader's own MUS is
   * with their own leader, outside this workplace.
   */
  async employeesOf(workplaceId: string): Promise<Member[]> {
    return (await this.deps.workplaces.members(workplaceId)).filter((m) => !m.roles.includes('leder') && m.roles.length > 0);
  }

  /** The employees, or the Danish refusal when there are none (a planning or stamdata card needs someone on it). */
  async requireEmployees(workplaceId: string): Promise<Member[]> {
    const employees = await this.employeesOf(workplaceId);
    if (employees.length === 0) throw new UserError('NOT_FOUND', t.noEmployees);
    return employees;
  }

  /** The employees by AAD id: ids in card data are checked against it. */
  async employeesById(workplaceId: string): Promise<Map<string, Member>> {
    return new Map((await this.employeesOf(workplaceId)).map((e) => [e.aadObjectId, e]));
  }

  async isMember(workplaceId: string, aadObjectId: string): Promise<boolean> {
    return (await this.deps.workplaces.member(workplaceId, aadObjectId)) !== undefined;
  }

  async settings(workplaceId: string): Promise<MusSettings> {
    return musSettingsOf(await this.deps.workplaces.get(workplaceId));
  }

  /** Who is due, planned, held and overdue at a workplace today. */
  async overview(workplaceId: string, today: LocalDate): Promise<Overview> {
    return (await this.overviewWithTalks(workplaceId, today)).overview;
  }

  /** The leader's overview: each employee's state, the answer to a planned talk, and the talk of the latest plan. */
  async statusRows(workplaceId: string, today: LocalDate): Promise<{ rows: StatusRow[]; counts: MusCounts }> {
    const { overview, talks, plans } = await this.overviewWithTalks(workplaceId, today);
    const rows = await Promise.all(
      overview.statuses.map(async (s): Promise<StatusRow> => {
        const next = talks.filter((x) => x.status === 'planned' && x.participantIds.includes(s.id)).sort((a, b) => a.start.getTime() - b.start.getTime())[0];
        const latest = plans.filter((p) => p.aadObjectId === s.id).sort((a, b) => (a.heldOn < b.heldOn ? 1 : -1))[0];
        const row: StatusRow = { ...s, workplaceId, ...(latest ? { planTalkId: latest.talkId } : {}) };
        if (!next) return row;
        const [invite, notes] = await Promise.all([this.deps.store.invite(workplaceId, next.id, s.id), this.deps.store.notes(workplaceId, next.id, s.id)]);
        return { ...row, planned: { talkId: next.id, answer: invite?.response ?? 'pending', seniorWanted: invite?.seniorWanted ?? false, hasNotes: notes.trim() !== '' } };
      }),
    );
    return { rows, counts: overview.counts };
  }

  private async overviewWithTalks(workplaceId: string, today: LocalDate): Promise<{ overview: Overview; talks: Talk[]; plans: DevPlan[] }> {
    const [employees, talks, plans, before] = await Promise.all([
      this.employeesOf(workplaceId),
      this.deps.store.talks(workplaceId),
      this.deps.store.plans(workplaceId),
      this.deps.store.lastMusBefore(workplaceId),
    ]);
    const planFor = new Map<string, string[]>();
    for (const p of plans) planFor.set(p.talkId, [...(planFor.get(p.talkId) ?? []), p.aadObjectId]);
    const statuses = musOverview(
      employees.map((e) => {
        const last = before.get(e.aadObjectId);
        return { id: e.aadObjectId, name: e.name, ...(e.startDate ? { startDate: e.startDate } : {}), ...(last ? { lastMusOn: last } : {}) };
      }),
      talks.map((x) => ({ participantIds: x.participantIds, date: localDateOf(x.start), status: x.status, planFor: planFor.get(x.id) ?? [] })),
      today,
    );
    return { overview: { statuses, counts: musCounts(statuses) }, talks, plans };
  }

  /** Each participant's invitation and preparation notes: what the leader's cards of a talk show. */
  async prepared(talk: Pick<Talk, 'workplaceId' | 'id'>): Promise<Prepared[]> {
    const invites = await this.deps.store.invites(talk.workplaceId, talk.id);
    return Promise.all(invites.map(async (invite) => ({ invite, notes: await this.deps.store.notes(talk.workplaceId, talk.id, invite.aadObjectId) })));
  }

  /** Each employee's last MUS before the bot, by AAD id. */
  lastMusBefore(workplaceId: string): Promise<Map<string, string>> {
    return this.deps.store.lastMusBefore(workplaceId);
  }

  /** The leader's planned talks at a workplace: the busy time new talks must not overlap. */
  async plannedTalksOf(workplaceId: string, leaderId: string): Promise<Talk[]> {
    return (await this.deps.store.talks(workplaceId)).filter((x) => x.status === 'planned' && x.leaderId === leaderId);
  }

  /** Of these employees, the ones with an active sickness case today (left out of planning without saying why). */
  async absentAmong(workplaceId: string, ids: readonly string[], day: LocalDate): Promise<string[]> {
    const absent = await Promise.all(ids.map(async (id) => ((await this.deps.absence.isAbsent(workplaceId, id, day)) ? id : '')));
    return absent.filter(Boolean);
  }

  // ------------------------------------------------------------------ writing

  /** An event, under the write's one-time key (a replay never appends it twice). */
  async record(event: EventInput, once?: Once): Promise<void> {
    await this.deps.events.append(event, once);
  }

  /** Whether the write under `once` recorded this event already (a replay after a crash). */
  recorded(workplaceId: string, type: string, once: Once): Promise<boolean> {
    return this.deps.events.appended(workplaceId, { type }, once);
  }

  // Every operation below is safe to run again under the same one-time key (`once`, a
  // replay after a crash, src/core/writes.ts): ids come from the key, jobs have keys,
  // events are keyed, and a step that was made is recognised and skipped.

  /**
   * Sends a proposal: its talks and invitations in one transaction (nobody gets two
   * planned talks), then each talk's invitations, reminders and registration prompt.
   */
  async sendDraft(draft: Etagged<Draft>, actorId: string, now: Date, once?: Once): Promise<SentDraft> {
    await this.refuseDoubleBooking(draft);
    const { talks, invites } = await this.talksOf(draft, once);
    await explained(this.deps.store.sendDraft(draft, draft.etag, talks, invites), CHANGED_MEANWHILE);
    const scheduled = [];
    for (const talk of talks) scheduled.push(await scheduleTalk(this.deps.scheduler, talk, talk.participantIds, now));
    await this.record({ workplaceId: draft.workplaceId, actorId, type: 'mus.sent', subject: draft.id, data: { talks: talks.length, invites: invites.length } }, once);
    const reminders = scheduled.every((x) => x.reminders === 2) ? 'all' : scheduled.some((x) => x.reminders > 0) ? 'some' : 'none';
    return { invites: invites.length, later: laterThanNow(scheduled.flatMap((x) => x.invites), now), reminders };
  }

  /**
   * A proposal sent before: makes sure every job exists (scheduling is idempotent by key).
   * A replay of the send that died after its transaction also writes the send's event.
   */
  async resendDraft(draft: Draft, actorId: string, now: Date, once?: Once): Promise<void> {
    const talks = (await this.deps.store.talks(draft.workplaceId)).filter((x) => x.draftId === draft.id && x.status === 'planned');
    for (const talk of talks) await scheduleTalk(this.deps.scheduler, talk, talk.participantIds, now);
    if (once?.replay) {
      const invites = talks.reduce((n, x) => n + x.participantIds.length, 0);
      await this.record({ workplaceId: draft.workplaceId, actorId, type: 'mus.sent', subject: draft.id, data: { talks: talks.length, invites } }, once);
    }
  }

  /**
   * Moves a talk: a new version, every participant is asked again, the old version's jobs
   * are cancelled. A replay finds the talk moved already (one version on) and finishes the rest.
   */
  async moveTalk(talk: Etagged<Talk>, start: Date, actorId: string, now: Date, once?: Once, fromVersion = talk.version): Promise<{ moved: Talk; later?: Date }> {
    const end = new Date(start.getTime() + (talk.end.getTime() - talk.start.getTime()));
    const moved = talk.version === fromVersion ? await explained(this.deps.store.moveTalk(talk, start, end, await this.deps.store.invites(talk.workplaceId, talk.id)), CHANGED_MEANWHILE) : talk;
    await this.deps.scheduler.cancelPrefix(talkPrefix(talk, fromVersion));
    const { invites } = await scheduleTalk(this.deps.scheduler, moved, moved.participantIds, now, { moved: true });
    await this.record({ workplaceId: talk.workplaceId, actorId, type: 'mus.moved', subject: talk.id, data: { version: moved.version } }, once);
    const later = laterThanNow(invites, now);
    return { moved, ...(later ? { later } : {}) };
  }

  /** The leader keeps the time an employee asked to change: the employee is invited again. When the engine delivers it, if not now. */
  async keep(talk: Talk, invite: Invite, actorId: string, now: Date, once?: Once): Promise<Date | undefined> {
    // A replay finds the invite pending already and finishes the rest.
    if (invite.response === 'changeRequested') {
      const { changeReason: _reason, ...rest } = invite;
      await this.deps.store.saveInvite({ ...rest, response: 'pending' });
    }
    const { invites } = await scheduleTalk(this.deps.scheduler, talk, [invite.aadObjectId], now, { kept: true });
    await this.record({ workplaceId: talk.workplaceId, actorId, type: 'mus.kept', subject: talk.id }, once);
    return laterThanNow(invites, now);
  }

  /** The employee asked for another time: the leader hears it in their personal chat. When, if not now. */
  async requestChange(talk: Talk, aadObjectId: string, now: Date, once?: Once): Promise<Date | undefined> {
    const job = await this.deps.scheduler.schedule(changeRequest(talk, aadObjectId, now));
    await this.record({ workplaceId: talk.workplaceId, actorId: aadObjectId, type: 'mus.changeRequested', subject: talk.id }, once);
    return laterThanNow([job], now);
  }

  /**
   * One registration per talk: the talk row's ETag lets exactly one through. `made` says
   * that this registration (a replay: same leader, same moment) was already written.
   */
  async registerNotHeld(talk: Etagged<Talk>, reason: NotHeldReason, actorId: string, now: Date, once?: Once, made = false): Promise<void> {
    if (!made) await explained(this.deps.store.register(talk, 'notHeld', actorId, now.toISOString(), [], reason), CHANGED_MEANWHILE);
    await this.deps.scheduler.cancelPrefix(talkPrefix(talk, talk.version));
    await this.record({ workplaceId: talk.workplaceId, actorId, type: 'mus.registered', subject: talk.id, data: { held: false } }, once);
  }

  /** The talk was held: the plans (one per participant), then the plan, follow-up and next-due jobs. */
  async registerHeld(talk: Etagged<Talk>, plans: DevPlan[], actorId: string, now: Date, once?: Once, made = false): Promise<Date | undefined> {
    if (!made) await explained(this.deps.store.register(talk, 'held', actorId, now.toISOString(), plans), CHANGED_MEANWHILE);
    await this.deps.scheduler.cancelPrefix(talkPrefix(talk, talk.version));
    const sent = await schedulePlans(this.deps.scheduler, talk, plans, now);
    await this.record({ workplaceId: talk.workplaceId, actorId, type: 'mus.registered', subject: talk.id, data: { held: true, plans: plans.length } }, once);
    return laterThanNow(sent, now);
  }

  /** A follow-up was recorded on a plan: a new follow-up date gets its reminders to both. */
  async followedUp(talk: Talk, before: DevPlan, after: DevPlan, actorId: string, once?: Once): Promise<void> {
    if (after.followUpOn !== before.followUpOn) await scheduleFollowUp(this.deps.scheduler, talk, after, false);
    await this.record({ workplaceId: talk.workplaceId, actorId, type: 'mus.followedUp', subject: talk.id, data: { changed: after.followUps.at(-1)?.changed.length ?? 0 } }, once);
  }

  /**
   * The leader's stamdata: start date, birth year and last MUS before the bot of the
   * employees that changed. Each event is written before its rows: a replay sees only what
   * is still to change.
   */
  async savePeople(workplaceId: string, changes: PersonChange[], actorId: string, once?: Once): Promise<void> {
    for (const { member, start, birth, last } of changes) {
      await this.record({ workplaceId, actorId, type: 'mus.peopleChanged', subject: member.aadObjectId, data: { field: 'startDate,birthYear,lastMus' } }, once);
      const { startDate: _s, birthYear: _b, ...rest } = member;
      await this.deps.workplaces.upsertMember({ ...rest, ...(start ? { startDate: start } : {}), ...(birth ? { birthYear: birth } : {}) });
      if (last !== undefined) await this.deps.store.saveLastMusBefore(workplaceId, member.aadObjectId, last);
    }
  }

  /** MED's frame: the preparation questions (absent: the default set) and the seniorsamtale age. */
  async saveSettings(workplaceId: string, settings: { questions?: string[]; seniorAge: number }, actorId: string, once?: Once): Promise<MusSettings> {
    await this.deps.workplaces.updateSettings(workplaceId, 'mus', settings);
    const current = await this.settings(workplaceId);
    await this.record({ workplaceId, actorId, type: 'mus.settingsChanged', data: { questions: current.questions.length, seniorAge: current.seniorAge } }, once);
    return current;
  }

  /** Nobody gets two planned talks (e.g. when an older proposal is sent after a newer one). */
  private async refuseDoubleBooking(draft: Draft): Promise<void> {
    const planned = new Set((await this.deps.store.talks(draft.workplaceId)).filter((x) => x.status === 'planned').flatMap((x) => x.participantIds));
    const twice = draft.slots.flatMap((s) => s.participantIds).filter((id) => planned.has(id));
    if (twice.length) throw new UserError('CONFLICT', t.alreadyPlanned(twice.map((id) => draft.names[id] ?? id)));
  }

  /** The talks and invitations of a proposal; the senior offer follows MED's age. */
  private async talksOf(draft: Draft, once?: Once): Promise<{ talks: Talk[]; invites: Invite[] }> {
    const [members, settings] = await Promise.all([this.deps.workplaces.members(draft.workplaceId), this.settings(draft.workplaceId)]);
    const byId = new Map(members.map((m) => [m.aadObjectId, m]));
    const talks: Talk[] = [];
    const invites: Invite[] = [];
    for (const [index, slot] of draft.slots.entries()) {
      const talk: Talk = {
        workplaceId: draft.workplaceId,
        id: newId(once, `talk|${index}`),
        draftId: draft.id,
        leaderId: draft.leaderId,
        leaderName: draft.leaderName,
        label: slot.participantIds.length === 1 ? (draft.names[slot.participantIds[0]!] ?? slot.label) : slot.label,
        mode: slot.participantIds.length > 1 ? 'group' : 'individual',
        participantIds: slot.participantIds,
        start: slot.start,
        end: slot.end,
        place: draft.params.place,
        status: 'planned',
        version: 1,
      };
      talks.push(talk);
      const year = Number(slot.start.toISOString().slice(0, 4));
      for (const id of slot.participantIds) {
        const m = byId.get(id);
        const seniorOffered = isSenior(m?.birthYear, year, settings.seniorAge);
        invites.push({ workplaceId: draft.workplaceId, talkId: talk.id, aadObjectId: id, name: m?.name ?? draft.names[id] ?? id, response: 'pending', seniorOffered, seniorWanted: false });
      }
    }
    return { talks, invites };
  }
}
