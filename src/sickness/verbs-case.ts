/**
 * Card verbs on the case itself: open, confirm or dismiss a report, show, update,
 * rest and resume, mark a milestone, raskmeld. Each re-checks access against the
 * stored case (service.caseFor): the card data only says which case is meant.
 */
import { noticeCard } from '../core/cards.js';
import { UserError } from '../core/errors.js';
import type { FeaturePart } from '../core/feature.js';
import { defineVerb } from '../core/router.js';
import type { CardJson } from '../core/types.js';
import { sicknessText as t } from '../i18n/sickness.js';
import { localDateOf } from '../shared/calendar.js';
import { PRIVATE_VERB, requireLeader } from './access.js';
import { caseCard, confirmCard, employeeCard } from './cards.js';
import { caseRef, closeInput, confirmInput, openInput, stepInput, updateInput } from './inputs.js';
import { SICKNESS_VERBS, type SicknessCase } from './model.js';
import type { SicknessService } from './service.js';

export function caseVerbs(svc: SicknessService): FeaturePart {
  const labels = t.labels;

  const leaderView = async (c: SicknessCase, now: Date): Promise<CardJson> => {
    if (c.status === 'meldt') return confirmCard(c);
    const today = localDateOf(now);
    return caseCard(c, (await svc.timeline(c, today)).items, today);
  };
  const withRepeated = (text: string, repeated?: string) => (repeated ? `${text}\n\n${repeated}` : text);

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
      return { card: await leaderView(c, turn.now), message: { text: withRepeated(t.opened(c.employeeName, c.firstDay), repeated) } };
    },
  });

  const confirm = defineVerb({
    verb: SICKNESS_VERBS.confirm,
    writes: true,
    ...PRIVATE_VERB,
    schema: confirmInput,
    labels,
    async run(turn, p, data, { once }) {
      const { c } = await svc.caseFor(p, turn.where, data, ['leader']);
      const result = await svc.confirm(c, p.userId, data, turn.now, once);
      return { card: await leaderView(result.c, turn.now), message: { text: withRepeated(t.opened(c.employeeName, data.firstDay), result.repeated) } };
    },
  });

  const dismiss = defineVerb({
    verb: SICKNESS_VERBS.dismiss,
    writes: true,
    ...PRIVATE_VERB,
    schema: caseRef,
    async run(turn, p, data, { once }) {
      const { c } = await svc.caseFor(p, turn.where, data, ['leader']);
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
      const { c, as } = await svc.caseFor(p, turn.where, data, ['leader', 'employee']);
      if (as === 'leader') return { card: await leaderView(c, turn.now) };
      const hasTr = (await svc.trsFor(c)).length > 0;
      return { card: employeeCard(c, localDateOf(turn.now), hasTr) };
    },
  });

  const update = defineVerb({
    verb: SICKNESS_VERBS.update,
    writes: true,
    ...PRIVATE_VERB,
    schema: updateInput,
    labels,
    async run(turn, p, data, { once }) {
      await svc.caseFor(p, turn.where, data, ['leader']);
      const next = await svc.changeDetails(data, p.userId, data, turn.now, once);
      return { card: await leaderView(next, turn.now), message: { text: t.updated } };
    },
  });

  const rest = defineVerb({
    verb: SICKNESS_VERBS.rest,
    writes: true,
    ...PRIVATE_VERB,
    schema: caseRef,
    async run(turn, p, data, { once }) {
      await svc.caseFor(p, turn.where, data, ['leader']);
      const next = await svc.rest(data, p.userId, turn.now, once);
      return { card: noticeCard(t.rest(next.employeeName), 'good') };
    },
  });

  const resume = defineVerb({
    verb: SICKNESS_VERBS.resume,
    writes: true,
    ...PRIVATE_VERB,
    schema: caseRef,
    async run(turn, p, data, { once }) {
      await svc.caseFor(p, turn.where, data, ['leader']);
      const next = await svc.resume(data, p.userId, turn.now, once);
      return { card: await leaderView(next, turn.now), message: { text: t.resumed(next.employeeName) } };
    },
  });

  const milestone = defineVerb({
    verb: SICKNESS_VERBS.milestoneDone,
    writes: true,
    ...PRIVATE_VERB,
    schema: stepInput,
    async run(turn, p, data, { once }) {
      await svc.caseFor(p, turn.where, data, ['leader']);
      const { c, title } = await svc.markDone(data, p.userId, data.step, turn.now, once);
      return { card: await leaderView(c, turn.now), message: { text: t.milestoneDone(title) } };
    },
  });

  const close = defineVerb({
    verb: SICKNESS_VERBS.close,
    writes: true,
    ...PRIVATE_VERB,
    schema: closeInput,
    labels,
    async run(turn, p, data, { once }) {
      const { c, as } = await svc.caseFor(p, turn.where, data, ['leader', 'employee']);
      const next = await svc.close(c, p.userId, data.returnDay, turn.now, once);
      if (as === 'employee') return { card: noticeCard(t.welcomeBack, 'good') };
      const { items } = await svc.timeline(next, localDateOf(turn.now));
      const followUp = items.find((i) => i.key === 'return-followup' && i.status !== 'done');
      return { card: noticeCard(t.closed(next.employeeName, data.returnDay) + (followUp ? t.closedFollowUp(followUp.due) : ''), 'good') };
    },
  });

  return { verbs: [open, confirm, dismiss, show, update, rest, resume, milestone, close] };
}
