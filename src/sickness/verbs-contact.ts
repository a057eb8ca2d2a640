/**
 * Card verbs of the contact reminders: the "Kontakt gennemført" form, saving it
 * (through the diagnosis firewall) and "Udskyd til i morgen". Leaders only.
 */
import { noticeCard } from '../core/cards.js';
import { UserError } from '../core/errors.js';
import { defineVerb, type Verb } from '../core/router.js';
import { sicknessText as t } from '../i18n/sickness.js';
import { addWorkingDays, localDateOf, zonedInstant } from '../shared/calendar.js';
import { activeCaseForLeader, PRIVATE_VERB, requireActive } from './access.js';
import { contactForm } from './cards.js';
import { checkFreeText } from './firewall.js';
import { contactInput, contactRef } from './inputs.js';
import { agreedContactRow, casePrefix, postponedRow, SEND_AT, writeRows } from './plan.js';
import { reRemindAt } from './timeline.js';
import { refuse, type SicknessService } from './service.js';
import { SICKNESS_VERBS } from './model.js';

/** A case can hold this many contacts; a runaway form cannot grow the row without bound. */
const MAX_CONTACTS = 200;

export function contactVerbs(svc: SicknessService): Verb[] {
  const labels = t.labels;

  const form = defineVerb({
    verb: SICKNESS_VERBS.contactForm,
    schema: contactRef,
    ...PRIVATE_VERB,
    async run(turn, p, data) {
      const c = await activeCaseForLeader(svc.store, p, turn.where, data);
      return { card: contactForm(c, data.point) };
    },
  });

  const log = defineVerb({
    verb: SICKNESS_VERBS.contactLog,
    schema: contactInput,
    labels,
    ...PRIVATE_VERB,
    async run(turn, p, data) {
      const c = await activeCaseForLeader(svc.store, p, turn.where, data);
      const today = localDateOf(turn.now);
      if (data.expectedReturn && data.expectedReturn <= c.firstDay) refuse(labels.expectedReturn!, t.v.returnBeforeFirst);
      if (data.nextContact && data.nextContact < today) refuse(labels.nextContact!, t.v.samtalePast);
      const firewall = checkFreeText([data.note], data.confirmedTerms);
      if (firewall.unconfirmed.length > 0) {
        // Nothing is stored: the form comes back with the text and the warning.
        return { card: contactForm(c, data.point, data, firewall.terms) };
      }
      const next = await svc.update({ workplaceId: c.workplaceId, caseId: c.id }, (x) => {
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
          byId: p.userId,
          at: turn.now.toISOString(),
        });
        return data.expectedReturn ? { ...x, expectedReturn: data.expectedReturn } : x;
      });
      await svc.record(next, 'contact', p.userId);
      if (data.nextContact) await writeRows(svc.deps.scheduler, [agreedContactRow(next, data.nextContact, turn.now)]);
      const text = t.contactLogged(next.employeeName) + (data.nextContact ? t.contactNext(data.nextContact) : '');
      return { card: noticeCard(text, 'good') };
    },
  });

  const postpone = defineVerb({
    verb: SICKNESS_VERBS.contactPostpone,
    schema: contactRef,
    ...PRIVATE_VERB,
    async run(turn, p, data) {
      const c = await activeCaseForLeader(svc.store, p, turn.where, data);
      // "Tomorrow" is the next working day: a Friday postponement comes back on Monday.
      const tomorrow = addWorkingDays(localDateOf(turn.now), 1);
      await writeRows(svc.deps.scheduler, [postponedRow(c, data.point, tomorrow, turn.now)]);
      // The re-reminder moves along, so it does not arrive before the postponed reminder.
      const again = reRemindAt(undefined, tomorrow, await svc.policy(c));
      if (again) await svc.deps.scheduler.reschedule(`${casePrefix(c)}contact:${data.point}:again`, zonedInstant(again, SEND_AT));
      await svc.record(c, 'postponed', p.userId);
      return { card: noticeCard(t.postponed(tomorrow)) };
    },
  });

  return [form, log, postpone];
}
