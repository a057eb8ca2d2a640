/**
 * The follow-up operations on an active case that the card verbs share with nothing but
 * each other, and that decide what is reminded next: logging a contact, postponing one,
 * rest and resuming contact, booking the sygefraværssamtale, recording its outcome,
 * inviting the employee's TR, the employee asking for a fastholdelsesplan.
 * Free text goes through the diagnosis firewall: on a hit nothing is stored and the
 * caller gets the terms to warn about. The job rows come from plan.ts.
 */
import type { AppContext } from '../core/feature.js';
import type { Once } from '../core/once.js';
import { UserError } from '../core/errors.js';
import { sicknessText as t } from '../i18n/sickness.js';
import { addWorkingDays, localDateOf, zonedInstant, type LocalDate } from '../shared/calendar.js';
import { requireActive } from './access.js';
import { checkFreeText } from './firewall.js';
import type { bookInput, contactInput, outcomeInput } from './inputs.js';
import type { SicknessCase } from './model.js';
import { agreedContactRow, contactLoggedRow, invitationRow, outcomeRow, planAskedRow, postponedRow, reRemindKey, resumedContactRows, SEND_AT, trInviteRow, writeRows } from './plan.js';
import { contactPersonFor } from './rules.js';
import { refuse, type SicknessService } from './service.js';
import type { CaseRef } from './inputs.js';
import { reRemindAt } from './timeline.js';

/** A case can hold this many contacts; a runaway form cannot grow the row without bound. */
const MAX_CONTACTS = 200;

/** Saved, or held back because the text names health terms the leader has not confirmed. */
export type Firewalled<T> = { saved: T } | { warn: string[] };

const refOf = (c: SicknessCase) => ({ workplaceId: c.workplaceId, caseId: c.id });

export class FollowUpService {
  constructor(
    private readonly cases: SicknessService,
    private readonly deps: Pick<AppContext, 'scheduler'>,
  ) {}

  /** By when to agree on a time and by when to hold the samtale (§ 7 a and the fraværspolitik). */
  async samtaleDeadlines(c: SicknessCase, now: Date): Promise<{ bookBy: LocalDate; holdBy: LocalDate }> {
    const items = (await this.cases.timeline(c, localDateOf(now))).items;
    const holdBy = items.find((i) => i.key === 'samtale')?.deadline ?? c.firstDay;
    return { bookBy: items.find((i) => i.key === 'samtale:book')?.deadline ?? holdBy, holdBy };
  }

  /**
   * "Kontakt gennemført": the contact goes into the case's log; an agreed next contact is
   * reminded. Logged by a contact person, the leader hears that it happened.
   */
  async logContact(c: SicknessCase, data: typeof contactInput._output, actorId: string, now: Date, once?: Once): Promise<Firewalled<SicknessCase>> {
    const labels = t.labels;
    const today = localDateOf(now);
    if (data.expectedReturn && data.expectedReturn <= c.firstDay) refuse(labels.expectedReturn!, t.v.returnBeforeFirst);
    if (data.nextContact && data.nextContact < today) refuse(labels.nextContact!, t.v.samtalePast);
    const firewall = checkFreeText([data.note], data.confirmedTerms);
    if (firewall.unconfirmed.length > 0) return { warn: firewall.terms };
    const next = await this.cases.update(refOf(c), (x) => {
      requireActive(x);
      if (x.contacts.length >= MAX_CONTACTS) throw new UserError('CONFLICT', t.conflict);
      x.contacts.push({
        point: data.point,
        on: today,
        how: data.how,
        adjustments: data.adjustments,
        ...(data.expectedReturn ? { expectedReturn: data.expectedReturn } : {}),
        ...(data.nextContact ? { nextContact: data.nextContact } : {}),
        ...(data.note ? { note: data.note } : {}),
        byId: actorId,
        at: now.toISOString(),
      });
      return data.expectedReturn ? { ...x, expectedReturn: data.expectedReturn } : x;
    }, once);
    await this.cases.record(next, 'contact', actorId, once);
    const rows = data.nextContact ? [agreedContactRow(next, data.nextContact, now)] : [];
    if (actorId !== next.leaderId && actorId !== next.cover?.leaderId) rows.push(contactLoggedRow(next, data.point, next.contacts.length, now));
    await writeRows(this.deps.scheduler, rows);
    return { saved: next };
  }

  /** "Udskyd til i morgen": the next working day (a Friday postponement comes back on Monday); the day. */
  async postpone(c: SicknessCase, point: number, actorId: string, now: Date, once?: Once): Promise<LocalDate> {
    const tomorrow = addWorkingDays(localDateOf(now), 1);
    await writeRows(this.deps.scheduler, [postponedRow(c, point, tomorrow, now)]);
    // The re-reminder moves along, so it does not arrive before the postponed reminder.
    const again = reRemindAt(undefined, tomorrow, await this.cases.policy(c));
    if (again) await this.deps.scheduler.reschedule(reRemindKey(c, point, contactPersonFor(c, point, localDateOf(now))), zonedInstant(again, SEND_AT));
    await this.cases.record(c, 'postponed', actorId, once);
    return tomorrow;
  }

  /** Books the samtale: the employee gets the invitation, the leader a prompt for the outcome afterwards. */
  async book(c: SicknessCase, data: typeof bookInput._output, actorId: string, now: Date, once?: Once): Promise<Firewalled<SicknessCase>> {
    const today = localDateOf(now);
    if (data.date < today) refuse(t.labels.date!, t.v.samtalePast);
    const firewall = checkFreeText([data.place], data.confirmedTerms);
    if (firewall.unconfirmed.length > 0) return { warn: firewall.terms };
    const next = await this.cases.update(refOf(c), (x) => {
      requireActive(x);
      return { ...x, samtale: { rev: (x.samtale?.rev ?? 0) + 1, date: data.date, time: data.time, place: data.place, bookedOn: today } };
    }, once);
    const rev = next.samtale?.rev ?? 1;
    await this.cases.record(next, 'samtale.booked', actorId, once);
    await writeRows(this.deps.scheduler, [invitationRow(next, rev, now), outcomeRow(next, rev, data.date, data.time, now)]);
    return { saved: next };
  }

  /** The samtale was held: its outcome (no health data) and an agreed next follow-up. */
  async recordOutcome(c: SicknessCase, data: typeof outcomeInput._output, actorId: string, now: Date, once?: Once): Promise<Firewalled<SicknessCase>> {
    const labels = t.labels;
    if (!c.samtale || c.status === 'meldt') throw new UserError('CONFLICT', t.noSamtale);
    const today = localDateOf(now);
    if (data.heldOn > today) refuse(labels.heldOn!, t.v.notFuture);
    if (data.heldOn < c.firstDay) refuse(labels.heldOn!, t.v.date);
    if (data.nextFollowUp && data.nextFollowUp < today) refuse(labels.nextFollowUp!, t.v.samtalePast);
    const firewall = checkFreeText([data.plan], data.confirmedTerms);
    if (firewall.unconfirmed.length > 0) return { warn: firewall.terms };
    const next = await this.cases.update(refOf(c), (x) => {
      if (!x.samtale) throw new UserError('CONFLICT', t.noSamtale);
      const result = {
        partialReturn: data.partialReturn,
        mulighedserklaering: data.mulighedserklaering,
        paragraf56: data.paragraf56,
        recordedOn: today,
        ...(data.plan ? { plan: data.plan } : {}),
        ...(data.nextFollowUp ? { nextFollowUp: data.nextFollowUp } : {}),
      };
      return { ...x, samtale: { ...x.samtale, heldOn: data.heldOn, outcome: result } };
    }, once);
    await this.cases.record(next, 'samtale.held', actorId, once);
    if (data.nextFollowUp && next.status === 'aktiv') await writeRows(this.deps.scheduler, [agreedContactRow(next, data.nextFollowUp, now)]);
    return { saved: next };
  }

  /** The employee's choice: only now is the TR told anything (time and place). */
  async inviteTr(c: SicknessCase, rev: number, trId: string, actorId: string, now: Date, once?: Once): Promise<SicknessCase> {
    const next = await this.cases.update(refOf(c), (x) => {
      if (!x.samtale || x.samtale.rev !== rev) throw new UserError('CONFLICT', t.noSamtale);
      return { ...x, samtale: { ...x.samtale, trInvited: true } };
    }, once);
    await this.cases.record(next, 'samtale.trInvited', actorId, once);
    await writeRows(this.deps.scheduler, [trInviteRow(next, rev, trId, now)]);
    return next;
  }

  /** The employee asked for rest: contact reminders pause (render sees restRequestedOn). */
  async rest(ref: CaseRef, actorId: string, now: Date, once?: Once): Promise<SicknessCase> {
    const today = localDateOf(now);
    const next = await this.cases.update(ref, (c) => {
      requireActive(c);
      return { ...c, restRequestedOn: c.restRequestedOn ?? today };
    }, once);
    await this.cases.record(next, 'rest', actorId, once);
    return next;
  }

  /** Contact resumes: the latest contact that fell due during the pause is reminded today, then the plan goes on. */
  async resume(ref: CaseRef, actorId: string, now: Date, once?: Once): Promise<SicknessCase> {
    const next = await this.cases.update(ref, (c) => {
      requireActive(c);
      const { restRequestedOn: _rest, ...rest } = c;
      return rest;
    }, once);
    await this.cases.record(next, 'resumed', actorId, once);
    const today = localDateOf(now);
    await writeRows(this.deps.scheduler, resumedContactRows(next, (await this.cases.timeline(next, today)).items, now));
    await this.cases.plan(next, now);
    return next;
  }

  /** The employee asks for a fastholdelsesplan (§ 7 b), at any time: the leader hears at once. */
  async askForPlan(ref: CaseRef, actorId: string, now: Date, once?: Once): Promise<SicknessCase> {
    const today = localDateOf(now);
    const next = await this.cases.update(ref, (c) => {
      requireActive(c);
      if (c.fastholdelsesplanRequestedOn && !c.fastholdelsesplanPlannedOn) return c;
      const { fastholdelsesplanPlannedOn: _done, ...rest } = c;
      return { ...rest, fastholdelsesplanRequestedOn: today };
    }, once);
    await this.cases.record(next, 'fastholdelsesplan.asked', actorId, once);
    await writeRows(this.deps.scheduler, [planAskedRow(next, now)]);
    return next;
  }
}
