/**
 * Card verbs of the contact reminders: the "Kontakt gennemført" form, saving it
 * (through the diagnosis firewall) and "Udskyd til i morgen". The case's leader, or the
 * TR, AMR or colleague the contact was handed to; the latter sees the form only.
 */
import type { Principal } from '../core/access.js';
import { noticeCard } from '../core/cards.js';
import type { Where } from '../core/types.js';
import type { FeaturePart } from '../core/feature.js';
import { defineVerb } from '../core/router.js';
import { sicknessText as t } from '../i18n/sickness.js';
import { PRIVATE_VERB, requireActive } from './access.js';
import { contactForm } from './cards.js';
import type { FollowUpService } from './followup.js';
import { contactInput, contactRef, type CaseRef } from './inputs.js';
import { SICKNESS_VERBS } from './model.js';
import type { SicknessService } from './service.js';
import type { SicknessView } from './view.js';

export function contactVerbs(svc: SicknessService, followUp: FollowUpService, view: SicknessView): FeaturePart {
  /** The case for its leader or for the person the contact was handed to. */
  const forContact = async (p: Principal, where: Where, ref: CaseRef, now: Date, point: number) => {
    const found = await svc.caseFor(p, where, ref, ['leader', 'contact'], now, point);
    requireActive(found.c);
    return { ...found, counting: (await svc.policy(found.c)).contacts.counting };
  };

  const form = defineVerb({
    verb: SICKNESS_VERBS.contactForm,
    ...PRIVATE_VERB,
    schema: contactRef,
    async run(turn, p, data) {
      const { c, as, counting } = await forContact(p, turn.where, data, turn.now, data.point);
      return { card: contactForm(c, data.point, { asContactPerson: as === 'contact', counting }) };
    },
  });

  const log = defineVerb({
    verb: SICKNESS_VERBS.contactLog,
    writes: true,
    ...PRIVATE_VERB,
    schema: contactInput,
    labels: t.labels,
    async run(turn, p, data, { once }) {
      const { c, as, counting } = await forContact(p, turn.where, data, turn.now, data.point);
      const result = await followUp.logContact(c, data, p.userId, turn.now, once);
      // Held back by the firewall: nothing is stored, the form comes back with the text and the warning.
      if ('warn' in result) return { refused: true, card: contactForm(c, data.point, { values: data, warnTerms: result.warn, asContactPerson: as === 'contact', counting }) };
      if (as === 'contact') return { card: noticeCard(t.contactLoggedBy(p.name.split(' ')[0] ?? ''), 'good') };
      const text = t.confirmed.contact(result.saved.employeeName) + (data.nextContact ? t.confirmed.contactNext(data.nextContact) : '');
      return { card: await view.leaderCard(result.saved, p.userId, turn.now, text) };
    },
  });

  const postpone = defineVerb({
    verb: SICKNESS_VERBS.contactPostpone,
    writes: true,
    ...PRIVATE_VERB,
    schema: contactRef,
    async run(turn, p, data, { once }) {
      const { c } = await forContact(p, turn.where, data, turn.now, data.point);
      return { card: noticeCard(t.postponed(await followUp.postpone(c, data.point, p.userId, turn.now, once))) };
    },
  });

  return { verbs: [form, log, postpone] };
}
