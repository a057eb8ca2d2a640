/**
 * Card verbs on the case itself: open, confirm or dismiss a report, show, update,
 * rest and resume, mark a milestone, raskmeld. Each re-checks access against the
 * stored case (access.ts): the card data only says which case is meant.
 */
import { noticeCard } from '../core/cards.js';
import { UserError } from '../core/errors.js';
import { defineVerb, type Verb } from '../core/router.js';
import type { CardJson } from '../core/types.js';
import { sicknessText as t } from '../i18n/sickness.js';
import { localDateOf } from '../shared/calendar.js';
import { caseFor, PRIVATE_VERB, requireActive, requireLeader } from './access.js';
import { caseCard, confirmCard, employeeCard } from './cards.js';
import { caseRef, closeInput, confirmInput, openInput, stepInput, updateInput, type CaseRef } from './inputs.js';
import { STEP_FIELD, type SicknessCase, SICKNESS_VERBS } from './model.js';
import { postponedRow, writeRows } from './plan.js';
import type { SicknessService } from './service.js';

export function caseVerbs(svc: SicknessService): Verb[] {
  const { workplaces } = svc.deps;
  const labels = t.labels;

  const leaderView = async (c: SicknessCase, now: Date): Promise<CardJson> => {
    if (c.status === 'meldt') return confirmCard(c);
    const today = localDateOf(now);
    return caseCard(c, (await svc.timeline(c, today)).items, today);
  };
  const withRepeated = (text: string, repeated?: string) => (repeated ? `${text}\n\n${repeated}` : text);

  const open = defineVerb({
    verb: SICKNESS_VERBS.open,
    schema: openInput,
    labels,
    ...PRIVATE_VERB,
    async run(turn, p, data) {
      const { workplaceId, aadObjectId } = data.employee;
      requireLeader(p, workplaceId);
      const member = await workplaces.member(workplaceId, aadObjectId);
      if (!member) throw new UserError('NOT_FOUND', t.notFound);
      const { c, repeated } = await svc.open(p.userId, member, data, turn.now);
      return { card: await leaderView(c, turn.now), message: { text: withRepeated(t.opened(c.employeeName, c.firstDay), repeated) } };
    },
  });

  const confirm = defineVerb({
    verb: SICKNESS_VERBS.confirm,
    schema: confirmInput,
    labels,
    ...PRIVATE_VERB,
    async run(turn, p, data) {
      const { c } = await caseFor(svc.store, p, turn.where, data, ['leader']);
      const result = await svc.confirm(c, p.userId, data, turn.now);
      return { card: await leaderView(result.c, turn.now), message: { text: withRepeated(t.opened(c.employeeName, data.firstDay), result.repeated) } };
    },
  });

  const dismiss = defineVerb({
    verb: SICKNESS_VERBS.dismiss,
    schema: caseRef,
    ...PRIVATE_VERB,
    async run(turn, p, data) {
      const { c } = await caseFor(svc.store, p, turn.where, data, ['leader']);
      if (c.status !== 'meldt') throw new UserError('CONFLICT', t.alreadyConfirmed);
      await svc.remove(c, p.userId, 'dismissed');
      return { card: noticeCard(t.dismissed) };
    },
  });

  const show = defineVerb({
    verb: SICKNESS_VERBS.show,
    schema: caseRef,
    ...PRIVATE_VERB,
    async run(turn, p, data) {
      const { c, as } = await caseFor(svc.store, p, turn.where, data, ['leader', 'employee']);
      if (as === 'leader') return { card: await leaderView(c, turn.now) };
      const hasTr = (await workplaces.membersWithRole(c.workplaceId, 'TR')).some((m) => m.aadObjectId !== c.employeeId);
      return { card: employeeCard(c, localDateOf(turn.now), hasTr) };
    },
  });

  const update = defineVerb({
    verb: SICKNESS_VERBS.update,
    schema: updateInput,
    labels,
    ...PRIVATE_VERB,
    async run(turn, p, data) {
      await caseFor(svc.store, p, turn.where, data, ['leader']);
      const next = await svc.update(data, (c) => {
        requireActive(c);
        return { ...c, partial: data.partial, expectedDuration: data.expectedDuration };
      });
      await svc.record(next, 'updated', p.userId);
      await svc.plan(next, turn.now);
      return { card: await leaderView(next, turn.now), message: { text: t.updated } };
    },
  });

  const rest = defineVerb({
    verb: SICKNESS_VERBS.rest,
    schema: caseRef,
    ...PRIVATE_VERB,
    async run(turn, p, data) {
      await caseFor(svc.store, p, turn.where, data, ['leader']);
      const today = localDateOf(turn.now);
      const next = await svc.update(data, (c) => {
        requireActive(c);
        return { ...c, restRequestedOn: c.restRequestedOn ?? today };
      });
      await svc.record(next, 'rest', p.userId);
      return { card: noticeCard(t.rest(next.employeeName), 'good') };
    },
  });

  const resume = defineVerb({
    verb: SICKNESS_VERBS.resume,
    schema: caseRef,
    ...PRIVATE_VERB,
    async run(turn, p, data) {
      await caseFor(svc.store, p, turn.where, data, ['leader']);
      const next = await svc.update(data, (c) => {
        requireActive(c);
        const { restRequestedOn: _rest, ...rest } = c;
        return rest;
      });
      await svc.record(next, 'resumed', p.userId);
      // Contacts that fell due during the pause were dropped: remind the latest one today.
      const today = localDateOf(turn.now);
      const { items } = await svc.timeline(next, today);
      const due = items.filter((i) => i.kind === 'contact' && (i.status === 'due' || i.status === 'overdue')).at(-1);
      if (due) await writeRows(svc.deps.scheduler, [postponedRow(next, Number(due.key.split(':')[1]), today, turn.now)]);
      await svc.plan(next, turn.now);
      return { card: await leaderView(next, turn.now), message: { text: t.resumed(next.employeeName) } };
    },
  });

  const milestone = defineVerb({
    verb: SICKNESS_VERBS.milestoneDone,
    schema: stepInput,
    ...PRIVATE_VERB,
    async run(turn, p, data) {
      await caseFor(svc.store, p, turn.where, data, ['leader']);
      const today = localDateOf(turn.now);
      const afterReturn = data.step === 'municipality' || data.step === 'return-followup';
      const next = await svc.update(data, (c) => {
        if (c.status === 'meldt' || (c.status === 'raskmeldt' && !afterReturn)) throw new UserError('CONFLICT', t.notActive);
        return { ...c, [STEP_FIELD[data.step]]: today };
      });
      await svc.record(next, `done.${data.step}`, p.userId);
      const title = (await svc.timeline(next, today)).items.find((i) => i.key === data.step)?.title ?? data.step;
      return { card: await leaderView(next, turn.now), message: { text: t.milestoneDone(title) } };
    },
  });

  const close = defineVerb({
    verb: SICKNESS_VERBS.close,
    schema: closeInput,
    labels,
    ...PRIVATE_VERB,
    async run(turn, p, data) {
      const { c, as } = await caseFor(svc.store, p, turn.where, data, ['leader', 'employee']);
      const next = await svc.close(c, p.userId, data.returnDay, turn.now);
      if (as === 'employee') return { card: noticeCard(t.welcomeBack, 'good') };
      const { items } = await svc.timeline(next, localDateOf(turn.now));
      const followUp = items.find((i) => i.key === 'return-followup' && i.status !== 'done');
      return { card: noticeCard(t.closed(next.employeeName, data.returnDay) + (followUp ? t.closedFollowUp(followUp.due) : ''), 'good') };
    },
  });

  return [open, confirm, dismiss, show, update, rest, resume, milestone, close];
}
