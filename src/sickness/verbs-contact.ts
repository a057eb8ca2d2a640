/**
 * Card verbs of the contact reminders: the "Kontakt gennemført" form, saving it
 * (through the diagnosis firewall) and "Udskyd til i morgen". Leaders only.
 */
import { noticeCard } from '../core/cards.js';
import type { FeaturePart } from '../core/feature.js';
import { defineVerb } from '../core/router.js';
import { sicknessText as t } from '../i18n/sickness.js';
import { PRIVATE_VERB } from './access.js';
import { contactForm } from './cards.js';
import type { FollowUpService } from './followup.js';
import { contactInput, contactRef } from './inputs.js';
import { SICKNESS_VERBS } from './model.js';
import type { SicknessService } from './service.js';

export function contactVerbs(svc: SicknessService, followUp: FollowUpService): FeaturePart {
  const form = defineVerb({
    verb: SICKNESS_VERBS.contactForm,
    ...PRIVATE_VERB,
    schema: contactRef,
    async run(turn, p, data) {
      const c = await svc.activeCaseForLeader(p, turn.where, data);
      return { card: contactForm(c, data.point) };
    },
  });

  const log = defineVerb({
    verb: SICKNESS_VERBS.contactLog,
    writes: true,
    ...PRIVATE_VERB,
    schema: contactInput,
    labels: t.labels,
    async run(turn, p, data, { once }) {
      const c = await svc.activeCaseForLeader(p, turn.where, data);
      const result = await followUp.logContact(c, data, p.userId, turn.now, once);
      // Held back by the firewall: nothing is stored, the form comes back with the text and the warning.
      if ('warn' in result) return { card: contactForm(c, data.point, data, result.warn) };
      const text = t.contactLogged(result.saved.employeeName) + (data.nextContact ? t.contactNext(data.nextContact) : '');
      return { card: noticeCard(text, 'good') };
    },
  });

  const postpone = defineVerb({
    verb: SICKNESS_VERBS.contactPostpone,
    writes: true,
    ...PRIVATE_VERB,
    schema: contactRef,
    async run(turn, p, data, { once }) {
      const c = await svc.activeCaseForLeader(p, turn.where, data);
      return { card: noticeCard(t.postponed(await followUp.postpone(c, data.point, p.userId, turn.now, once))) };
    },
  });

  return { verbs: [form, log, postpone] };
}
