/**
 * Card verbs on the case itself: open, confirm or dismiss a report, show, update,
 * rest and resume, mark a milestone, raskmeld; the employee asking for a
 * fastholdelsesplan. Each re-checks access against the stored case (service.caseFor):
 * the card data only says which case is meant. A leader always gets the updated case
 * card back, with a short confirmation on it.
 */
import { noticeCard } from '../core/cards.js';
import { UserError } from '../core/errors.js';
import type { FeaturePart } from '../core/feature.js';
import { defineVerb } from '../core/router.js';
import { sicknessText as t } from '../i18n/sickness.js';
import { localDateOf } from '../shared/calendar.js';
import { PRIVATE_VERB, requireLeader } from './access.js';
import { caseRef, closeInput, confirmInput, openInput, stepInput, updateInput } from './inputs.js';
import { SICKNESS_VERBS } from './model.js';
import type { FollowUpService } from './followup.js';
import type { SicknessService } from './service.js';
import type { SicknessView } from './view.js';

export function caseVerbs(svc: SicknessService, followUp: FollowUpService, view: SicknessView): FeaturePart {
  const labels = t.labels;
  const withRepeated = (text: string, repeated?: string) => (repeated ? `${text} ${repeated}` : text);

  const open = defineVerb({
    verb: SICKNESS_VERBS.open,
    writes: true,
    ...PRIVATE_VERB,
    schema: openInput,
    labels,
    async run(turn, p, data, { once }) {
      const { workplaceId, aadObjectId } = data.employee;
      requireLeader(p, workplaceId);
      const member = await svc.member(workplaceId, aadObjectId);
      if (!member) throw new UserError('NOT_FOUND', t.notFound);
      const { c, repeated } = await svc.open(p.userId, member, data, turn.now, once);
      return { card: await view.leaderCard(c, p.userId, turn.now, withRepeated(t.opened(c.employeeName, c.firstDay), repeated)) };
    },
  });

  const confirm = defineVerb({
    verb: SICKNESS_VERBS.confirm,
    writes: true,
    ...PRIVATE_VERB,
    schema: confirmInput,
    labels,
    async run(turn, p, data, { once }) {
      const { c } = await svc.caseFor(p, turn.where, data, ['leader'], turn.now);
      const result = await svc.confirm(c, p.userId, data, turn.now, once);
      return { card: await view.leaderCard(result.c, p.userId, turn.now, withRepeated(t.opened(c.employeeName, data.firstDay), result.repeated)) };
    },
  });

  const dismiss = defineVerb({
    verb: SICKNESS_VERBS.dismiss,
    writes: true,
    ...PRIVATE_VERB,
    schema: caseRef,
    async run(turn, p, data, { once }) {
      const { c } = await svc.caseFor(p, turn.where, data, ['leader'], turn.now);
      if (c.status !== 'meldt') throw new UserError('CONFLICT', t.alreadyConfirmed);
      await svc.remove(c, p.userId, 'dismissed', once);
      return { card: noticeCard(t.dismissed) };
    },
  });

  const show = defineVerb({
    verb: SICKNESS_VERBS.show,
    ...PRIVATE_VERB,
    schema: caseRef,
    async run(turn, p, data) {
      const { c, as } = await svc.caseFor(p, turn.where, data, ['leader', 'employee'], turn.now);
      return { card: as === 'leader' ? await view.leaderCard(c, p.userId, turn.now) : await view.employeeCard(c, turn.now) };
    },
  });

  const update = defineVerb({
    verb: SICKNESS_VERBS.update,
    writes: true,
    ...PRIVATE_VERB,
    schema: updateInput,
    labels,
    async run(turn, p, data, { once }) {
      await svc.caseFor(p, turn.where, data, ['leader'], turn.now);
      const next = await svc.changeDetails(data, p.userId, data, turn.now, once);
      return { card: await view.leaderCard(next, p.userId, turn.now, t.confirmed.updated) };
    },
  });

  const rest = defineVerb({
    verb: SICKNESS_VERBS.rest,
    writes: true,
    ...PRIVATE_VERB,
    schema: caseRef,
    async run(turn, p, data, { once }) {
      await svc.caseFor(p, turn.where, data, ['leader'], turn.now);
      const next = await followUp.rest(data, p.userId, turn.now, once);
      return { card: await view.leaderCard(next, p.userId, turn.now, t.confirmed.rest(next.employeeName)) };
    },
  });

  const resume = defineVerb({
    verb: SICKNESS_VERBS.resume,
    writes: true,
    ...PRIVATE_VERB,
    schema: caseRef,
    async run(turn, p, data, { once }) {
      await svc.caseFor(p, turn.where, data, ['leader'], turn.now);
      const next = await followUp.resume(data, p.userId, turn.now, once);
      return { card: await view.leaderCard(next, p.userId, turn.now, t.confirmed.resumed(next.employeeName)) };
    },
  });

  const milestone = defineVerb({
    verb: SICKNESS_VERBS.milestoneDone,
    writes: true,
    ...PRIVATE_VERB,
    schema: stepInput,
    async run(turn, p, data, { once }) {
      await svc.caseFor(p, turn.where, data, ['leader'], turn.now);
      const { c, title } = await svc.markDone(data, p.userId, data.step, turn.now, once);
      return { card: await view.leaderCard(c, p.userId, turn.now, t.confirmed.milestone(title)) };
    },
  });

  const close = defineVerb({
    verb: SICKNESS_VERBS.close,
    writes: true,
    ...PRIVATE_VERB,
    schema: closeInput,
    labels,
    async run(turn, p, data, { once }) {
      const { c, as } = await svc.caseFor(p, turn.where, data, ['leader', 'employee'], turn.now);
      const next = await svc.close(c, p.userId, data.returnDay, turn.now, once);
      if (as === 'employee') return { card: noticeCard(t.welcomeBack, 'good') };
      const { items } = await svc.timeline(next, localDateOf(turn.now));
      const followUp = items.find((i) => i.key === 'return-followup' && i.status !== 'done');
      return { card: await view.leaderCard(next, p.userId, turn.now, t.closed(next.employeeName, data.returnDay) + (followUp ? t.closedFollowUp(followUp.due) : '')) };
    },
  });

  /** The employee asks for a fastholdelsesplan (§ 7 b) from their own card, at any time. */
  const askPlan = defineVerb({
    verb: SICKNESS_VERBS.askPlan,
    writes: true,
    ...PRIVATE_VERB,
    schema: caseRef,
    async run(turn, p, data, { once }) {
      await svc.caseFor(p, turn.where, data, ['employee'], turn.now);
      const next = await followUp.askForPlan(data, p.userId, turn.now, once);
      return { card: await view.employeeCard(next, turn.now, t.planAsked) };
    },
  });

  return { verbs: [open, confirm, dismiss, show, update, rest, resume, milestone, close, askPlan] };
}
