/**
 * Handing a case or a contact to someone else (handover.ts): holiday cover or a handover
 * to another leader, taking over a case whose leader is gone, a contact to a TR, AMR or
 * colleague. The case's leader (or, to take over, any leader of the workplace) only.
 */
import { noticeCard } from '../core/cards.js';
import type { FeaturePart } from '../core/feature.js';
import { defineVerb } from '../core/router.js';
import { sicknessText as t } from '../i18n/sickness.js';
import { PRIVATE_VERB, requireActive } from './access.js';
import type { HandoverService } from './handover.js';
import { caseRef, contactHandoverInput, handoverInput } from './inputs.js';
import { SICKNESS_VERBS } from './model.js';
import { refuse, type SicknessService } from './service.js';
import type { SicknessView } from './view.js';

export function handoverVerbs(svc: SicknessService, handover: HandoverService, view: SicknessView): FeaturePart {
  const labels = t.labels;
  const nameOf = async (workplaceId: string, id: string) => (await svc.member(workplaceId, id))?.name ?? '';

  const handCase = defineVerb({
    verb: SICKNESS_VERBS.handover,
    writes: true,
    ...PRIVATE_VERB,
    schema: handoverInput,
    labels,
    async run(turn, p, data, { once }) {
      const { c } = await svc.caseForWrite(p, turn.where, data, ['leader'], turn.now, once);
      requireActive(c);
      if (data.kind === 'cover' && !data.until) refuse(labels.until!, t.v.untilRequired);
      const next = await handover.handCase(c, p.userId, data.toLeader, data.kind === 'cover' ? data.until : undefined, turn.now, once);
      const name = await nameOf(c.workplaceId, data.toLeader);
      // Handed over for good, the case is no longer this leader's to see.
      if (!next.cover || data.kind !== 'cover') return { card: noticeCard(t.confirmed.handedOver(name), 'good') };
      return { card: await view.leaderCard(next, p.userId, turn.now, t.confirmed.covered(name, next.cover.until)) };
    },
  });

  const endCover = defineVerb({
    verb: SICKNESS_VERBS.endCover,
    writes: true,
    ...PRIVATE_VERB,
    schema: caseRef,
    async run(turn, p, data, { once }) {
      const { c } = await svc.caseForWrite(p, turn.where, data, ['leader'], turn.now, once);
      const next = await handover.endCover(c, p.userId, turn.now, once);
      return { card: await view.leaderCard(next, p.userId, turn.now, t.confirmed.coverEnded) };
    },
  });

  const takeOver = defineVerb({
    verb: SICKNESS_VERBS.takeOver,
    writes: true,
    ...PRIVATE_VERB,
    schema: caseRef,
    async run(turn, p, data, { once }) {
      const { c } = await svc.caseForWrite(p, turn.where, data, ['leader'], turn.now, once);
      const next = await handover.takeOver(c, p.userId, turn.now, once);
      return { card: await view.leaderCard(next, p.userId, turn.now, t.confirmed.takenOver) };
    },
  });

  const handContact = defineVerb({
    verb: SICKNESS_VERBS.contactHandover,
    writes: true,
    ...PRIVATE_VERB,
    schema: contactHandoverInput,
    labels,
    async run(turn, p, data, { once }) {
      const { c } = await svc.caseForWrite(p, turn.where, data, ['leader'], turn.now, once);
      const next = await handover.handContact(c, p.userId, data.contactPerson, data.which, data.agreed, turn.now, once);
      const text = t.confirmed.contactHanded(await nameOf(c.workplaceId, data.contactPerson), data.which === 0);
      return { card: await view.leaderCard(next, p.userId, turn.now, text) };
    },
  });

  const takeBack = defineVerb({
    verb: SICKNESS_VERBS.contactTakeBack,
    writes: true,
    ...PRIVATE_VERB,
    schema: caseRef,
    async run(turn, p, data, { once }) {
      const { c } = await svc.caseForWrite(p, turn.where, data, ['leader'], turn.now, once);
      const next = await handover.takeBackContacts(c, p.userId, turn.now, once);
      return { card: await view.leaderCard(next, p.userId, turn.now, t.confirmed.contactsBack) };
    },
  });

  return { verbs: [handCase, endCover, takeOver, handContact, takeBack] };
}
