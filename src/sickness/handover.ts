/**
 * Handing a case or a contact to someone else:
 * - the case's leader hands the case to another leader of the workplace, for good
 *   (overdrag) or as holiday cover from today to a date (ferieafløsning);
 * - a leader takes over a case whose leader is gone;
 * - the case's leader hands one contact (or every contact) to a TR, an AMR or a named
 *   colleague, by agreement with the employee (fraværspolitikker allow it, seed
 *   004:4282-4289, 4367-4374): that person gets the reminder and can log the contact,
 *   and nothing else of the case.
 * Each change re-plans, so the new recipient gets rows of their own (plan.ts keys carry
 * the recipient) and the old rows render nothing.
 *
 * Every change is made under the write's one-time key (`once`): the case row records it, the
 * event's id and the reminder rows' keys come from it, so a replay after a crash finishes
 * what was cut off. A replay of a change that was made skips the checks the change itself
 * made untrue (the leader who handed the case on is no longer its leader).
 */
import { UserError } from '../core/errors.js';
import { sicknessText as t } from '../i18n/sickness.js';
import { localDateOf, type LocalDate } from '../shared/calendar.js';
import { requireActive } from './access.js';
import type { CaseRef } from './inputs.js';
import type { SicknessCase } from './model.js';
import { handedOverRow, writeRows } from './plan.js';
import type { AppContext } from '../core/feature.js';
import type { Once } from '../core/once.js';
import { wasApplied } from '../storage/once.js';
import { refuse, type SicknessService } from './service.js';

export class HandoverService {
  constructor(
    private readonly cases: SicknessService,
    private readonly deps: Pick<AppContext, 'scheduler'>,
  ) {}

  /** The case's leader hands it to another leader: for good, or as cover until `until`. */
  async handCase(c: SicknessCase, actorId: string, to: string, until: LocalDate | undefined, now: Date, once?: Once): Promise<SicknessCase> {
    const today = localDateOf(now);
    if (!replayed(c, once)) {
      if (actorId !== c.leaderId) throw new UserError('FORBIDDEN', t.handover.onlyCaseLeader);
      if (to === c.employeeId || to === actorId || !(await this.cases.isLeader(c.workplaceId, to))) refuse(t.labels.toLeader!, t.v.otherLeader);
      if (until !== undefined && until < today) refuse(t.labels.until!, t.v.untilPast);
    }
    const next = await this.cases.update(ref(c), (x) => {
      requireActive(x);
      if (until === undefined) {
        const { cover: _cover, ...rest } = x;
        return { ...rest, leaderId: to };
      }
      return { ...x, cover: { leaderId: to, from: today, until } };
    }, once);
    await this.cases.record(next, until === undefined ? 'handedOver' : 'covered', actorId, once);
    await writeRows(this.deps.scheduler, [handedOverRow(next, to, now)]);
    await this.cases.plan(next, now);
    return next;
  }

  /** The case's leader ends a cover early. */
  async endCover(c: SicknessCase, actorId: string, now: Date, once?: Once): Promise<SicknessCase> {
    if (actorId !== c.leaderId && !replayed(c, once)) throw new UserError('FORBIDDEN', t.handover.onlyCaseLeader);
    const next = await this.cases.update(ref(c), (x) => {
      const { cover: _cover, ...rest } = x;
      return rest;
    }, once);
    await this.cases.record(next, 'coverEnded', actorId, once);
    await this.cases.plan(next, now);
    return next;
  }

  /** A leader takes over a case whose leader is gone (access.ts lets them see it). */
  async takeOver(c: SicknessCase, actorId: string, now: Date, once?: Once): Promise<SicknessCase> {
    if (c.leaderId !== actorId && !replayed(c, once) && (await this.cases.isLeader(c.workplaceId, c.leaderId))) throw new UserError('FORBIDDEN', t.handover.notOrphaned);
    const next = await this.cases.update(ref(c), (x) => {
      requireActive(x);
      const { cover: _cover, ...rest } = x;
      return { ...rest, leaderId: actorId };
    }, once);
    await this.cases.record(next, 'takenOver', actorId, once);
    await this.cases.plan(next, now);
    return next;
  }

  /** Contact `point` (0: every contact not handed separately) goes to a TR, AMR or colleague of the workplace. */
  async handContact(c: SicknessCase, actorId: string, to: string, point: number, agreed: boolean, now: Date, once?: Once): Promise<SicknessCase> {
    if (!agreed) refuse(t.labels.agreed!, t.v.agreed);
    const member = await this.cases.member(c.workplaceId, to);
    if (!member || to === c.employeeId || to === actorId) refuse(t.labels.contactPerson!, t.v.contactPerson);
    const today = localDateOf(now);
    const next = await this.cases.update(ref(c), (x) => {
      requireActive(x);
      const others = x.contactHandovers.filter((h) => h.point !== point);
      return { ...x, contactHandovers: [...others, { point, toId: to, on: today }] };
    }, once);
    await this.cases.record(next, 'contact.handedOver', actorId, once);
    await writeRows(this.deps.scheduler, [handedOverRow(next, to, now, point)]);
    await this.cases.plan(next, now);
    return next;
  }

  /** Every contact comes back to the leader. */
  async takeBackContacts(c: SicknessCase, actorId: string, now: Date, once?: Once): Promise<SicknessCase> {
    const next = await this.cases.update(ref(c), (x) => ({ ...x, contactHandovers: [] }), once);
    await this.cases.record(next, 'contact.takenBack', actorId, once);
    await this.cases.plan(next, now);
    return next;
  }
}

/** A replay of a change this key already made on the case (its checks were passed the first time). */
const replayed = (c: SicknessCase, once: Once | undefined): boolean => once?.replay === true && wasApplied(c.applied, once);

const ref = (c: SicknessCase): CaseRef => ({ workplaceId: c.workplaceId, caseId: c.id });
