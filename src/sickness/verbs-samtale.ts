/**
 * The sygefraværssamtale: the leader books it (the employee gets the invitation),
 * records the outcome afterwards; the employee may ask the bot to invite their TR,
 * who then hears the time and place and nothing else.
 */
import { noticeCard } from '../core/cards.js';
import { UserError } from '../core/errors.js';
import { defineVerb, type Verb } from '../core/router.js';
import { sicknessText as t } from '../i18n/sickness.js';
import { localDateOf } from '../shared/calendar.js';
import { activeCaseForLeader, caseFor, PRIVATE_VERB, requireActive } from './access.js';
import { invitationCard, outcomeForm, samtaleForm } from './cards.js';
import { checkFreeText } from './firewall.js';
import { bookInput, caseRef, inviteTrInput, outcomeInput, type CaseRef } from './inputs.js';
import type { SicknessCase } from './model.js';
import { SICKNESS_VERBS } from './model.js';
import { agreedContactRow, invitationRow, outcomeRow, trInviteRow, writeRows } from './plan.js';
import { refuse, type SicknessService } from './service.js';

export function samtaleVerbs(svc: SicknessService): Verb[] {
  const { workplaces } = svc.deps;
  const labels = t.labels;
  const deadlineOf = async (c: SicknessCase, now: Date) =>
    (await svc.timeline(c, localDateOf(now))).items.find((i) => i.key === 'samtale')?.deadline ?? c.firstDay;

  const form = defineVerb({
    verb: SICKNESS_VERBS.samtaleForm,
    schema: caseRef,
    ...PRIVATE_VERB,
    async run(turn, p, data) {
      const c = await activeCaseForLeader(svc.store, p, turn.where, data);
      return { card: samtaleForm(c, await deadlineOf(c, turn.now)) };
    },
  });

  const book = defineVerb({
    verb: SICKNESS_VERBS.samtaleBook,
    schema: bookInput,
    labels,
    ...PRIVATE_VERB,
    async run(turn, p, data) {
      const c = await activeCaseForLeader(svc.store, p, turn.where, data);
      const today = localDateOf(turn.now);
      if (data.date < today) refuse(labels.date!, t.v.samtalePast);
      const firewall = checkFreeText([data.place], data.confirmedTerms);
      if (firewall.unconfirmed.length > 0) return { card: samtaleForm(c, await deadlineOf(c, turn.now), data, firewall.terms) };
      const next = await svc.update({ workplaceId: c.workplaceId, caseId: c.id }, (x) => {
        requireActive(x);
        return { ...x, samtale: { rev: (x.samtale?.rev ?? 0) + 1, date: data.date, time: data.time, place: data.place, bookedOn: today } };
      });
      const rev = next.samtale?.rev ?? 1;
      await svc.record(next, 'samtale.booked', p.userId);
      await writeRows(svc.deps.scheduler, [invitationRow(next, rev, turn.now), outcomeRow(next, rev, data.date, data.time, turn.now)]);
      return { card: noticeCard(t.booked(next.employeeName, data.date, data.time), 'good') };
    },
  });

  const outcomeFormVerb = defineVerb({
    verb: SICKNESS_VERBS.outcomeForm,
    schema: caseRef,
    ...PRIVATE_VERB,
    async run(turn, p, data) {
      const { c } = await caseFor(svc.store, p, turn.where, data, ['leader']);
      if (!c.samtale) throw new UserError('CONFLICT', t.noSamtale);
      return { card: outcomeForm(c, localDateOf(turn.now)) };
    },
  });

  const outcome = defineVerb({
    verb: SICKNESS_VERBS.outcome,
    schema: outcomeInput,
    labels,
    ...PRIVATE_VERB,
    async run(turn, p, data) {
      const { c } = await caseFor(svc.store, p, turn.where, data, ['leader']);
      if (!c.samtale || c.status === 'meldt') throw new UserError('CONFLICT', t.noSamtale);
      const today = localDateOf(turn.now);
      if (data.heldOn > today) refuse(labels.heldOn!, t.v.notFuture);
      if (data.heldOn < c.firstDay) refuse(labels.heldOn!, t.v.date);
      if (data.nextFollowUp && data.nextFollowUp < today) refuse(labels.nextFollowUp!, t.v.samtalePast);
      const firewall = checkFreeText([data.plan], data.confirmedTerms);
      if (firewall.unconfirmed.length > 0) return { card: outcomeForm(c, today, data, firewall.terms) };
      const next = await svc.update({ workplaceId: c.workplaceId, caseId: c.id }, (x) => {
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
      });
      await svc.record(next, 'samtale.held', p.userId);
      if (data.nextFollowUp && next.status === 'aktiv') await writeRows(svc.deps.scheduler, [agreedContactRow(next, data.nextFollowUp, turn.now)]);
      return { card: noticeCard(t.outcomeSaved, 'good') };
    },
  });

  /** The employee's choice: only now is the TR told anything (time and place). */
  const inviteTr = defineVerb({
    verb: SICKNESS_VERBS.inviteTr,
    schema: inviteTrInput,
    ...PRIVATE_VERB,
    async run(turn, p, data) {
      const { c } = await caseFor(svc.store, p, turn.where, data, ['employee']);
      const s = c.samtale;
      if (c.status !== 'aktiv' || !s || s.heldOn || s.rev !== data.rev) throw new UserError('CONFLICT', t.noSamtale);
      const trs = (await workplaces.membersWithRole(c.workplaceId, 'TR')).filter((m) => m.aadObjectId !== c.employeeId);
      if (trs.length === 0) return { message: { text: t.noTr } };
      if (data.trId === undefined && trs.length > 1) {
        const trChoices = trs.map((m) => ({ title: m.name, value: m.aadObjectId }));
        return { card: invitationCard(c, { canInviteTr: true, trNote: t.trChoose, trChoices }) };
      }
      const tr = data.trId === undefined ? trs[0] : trs.find((m) => m.aadObjectId === data.trId);
      if (!tr) throw new UserError('INVALID_INPUT', t.trChoose);
      const next = await svc.update({ workplaceId: c.workplaceId, caseId: c.id }, (x) => {
        if (!x.samtale || x.samtale.rev !== data.rev) throw new UserError('CONFLICT', t.noSamtale);
        return { ...x, samtale: { ...x.samtale, trInvited: true } };
      });
      await svc.record(next, 'samtale.trInvited', p.userId);
      await writeRows(svc.deps.scheduler, [trInviteRow(next, data.rev, tr.aadObjectId, turn.now)]);
      return { card: invitationCard(next, { canInviteTr: false, trNote: t.trInvited }) };
    },
  });

  return [form, book, outcomeFormVerb, outcome, inviteTr];
}
