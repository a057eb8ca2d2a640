/**
 * The sygefraværssamtale: the leader books it (the employee gets the invitation),
 * records the outcome after the meeting; the employee may ask the bot to invite their
 * TR, who then hears the time and place and nothing else.
 */
import { UserError } from '../core/errors.js';
import type { FeaturePart } from '../core/feature.js';
import { defineVerb } from '../core/router.js';
import { lawText, sicknessText as t } from '../i18n/sickness.js';
import { localDateOf } from '../shared/calendar.js';
import { PRIVATE_VERB } from './access.js';
import { invitationCard, outcomeForm, samtaleForm } from './cards.js';
import type { FollowUpService } from './followup.js';
import { bookInput, caseRef, inviteTrInput, outcomeInput } from './inputs.js';
import { SICKNESS_VERBS, type SicknessCase } from './model.js';
import type { SicknessService } from './service.js';
import type { SicknessView } from './view.js';

export function samtaleVerbs(svc: SicknessService, followUp: FollowUpService, view: SicknessView): FeaturePart {
  const labels = t.labels;
  const deadlines = async (c: SicknessCase, now: Date) => ({ ...(await followUp.samtaleDeadlines(c, now)), law: lawText.samtale });

  const form = defineVerb({
    verb: SICKNESS_VERBS.samtaleForm,
    ...PRIVATE_VERB,
    schema: caseRef,
    async run(turn, p, data) {
      const c = await svc.activeCaseForLeader(p, turn.where, data, turn.now);
      return { card: samtaleForm(c, await deadlines(c, turn.now)) };
    },
  });

  const book = defineVerb({
    verb: SICKNESS_VERBS.samtaleBook,
    writes: true,
    ...PRIVATE_VERB,
    schema: bookInput,
    labels,
    async run(turn, p, data, { once }) {
      const c = await svc.activeCaseForLeader(p, turn.where, data, turn.now);
      const result = await followUp.book(c, data, p.userId, turn.now, once);
      if ('warn' in result) return { refused: true, card: samtaleForm(c, await deadlines(c, turn.now), data, result.warn) };
      return { card: await view.leaderCard(result.saved, p.userId, turn.now, t.confirmed.booked(result.saved.employeeName, data.date, data.time)) };
    },
  });

  /** Only once the meeting has been: before, there is no outcome to record. */
  const outcomeFormVerb = defineVerb({
    verb: SICKNESS_VERBS.outcomeForm,
    ...PRIVATE_VERB,
    schema: caseRef,
    async run(turn, p, data) {
      const { c } = await svc.caseFor(p, turn.where, data, ['leader'], turn.now);
      const today = localDateOf(turn.now);
      if (!c.samtale) throw new UserError('CONFLICT', t.noSamtale);
      if (c.samtale.date > today && !c.samtale.heldOn) throw new UserError('CONFLICT', t.notYet);
      return { card: outcomeForm(c, today) };
    },
  });

  const outcome = defineVerb({
    verb: SICKNESS_VERBS.outcome,
    writes: true,
    ...PRIVATE_VERB,
    schema: outcomeInput,
    labels,
    async run(turn, p, data, { once }) {
      const { c } = await svc.caseFor(p, turn.where, data, ['leader'], turn.now);
      const result = await followUp.recordOutcome(c, data, p.userId, turn.now, once);
      if ('warn' in result) return { refused: true, card: outcomeForm(c, localDateOf(turn.now), data, result.warn) };
      return { card: await view.leaderCard(result.saved, p.userId, turn.now, t.confirmed.outcome) };
    },
  });

  /** The employee's choice: only now is the TR told anything (time and place). */
  const inviteTr = defineVerb({
    verb: SICKNESS_VERBS.inviteTr,
    writes: true,
    ...PRIVATE_VERB,
    schema: inviteTrInput,
    async run(turn, p, data, { once }) {
      const { c } = await svc.caseFor(p, turn.where, data, ['employee'], turn.now);
      const s = c.samtale;
      if (c.status !== 'aktiv' || !s || s.heldOn || s.rev !== data.rev) throw new UserError('CONFLICT', t.noSamtale);
      const trs = await svc.trsFor(c);
      if (trs.length === 0) return { message: { text: t.noTr } };
      if (data.trId === undefined && trs.length > 1) {
        const trChoices = trs.map((m) => ({ title: m.name, value: m.aadObjectId }));
        return { card: invitationCard(c, { canInviteTr: true, trNote: t.trChoose, trChoices }) };
      }
      const tr = data.trId === undefined ? trs[0] : trs.find((m) => m.aadObjectId === data.trId);
      if (!tr) throw new UserError('INVALID_INPUT', t.trChoose);
      const next = await followUp.inviteTr(c, data.rev, tr.aadObjectId, p.userId, turn.now, once);
      return { card: invitationCard(next, { canInviteTr: false, trNote: t.trInvited }) };
    },
  });

  return { verbs: [form, book, outcomeFormVerb, outcome, inviteTr] };
}
