import { describe, expect, it } from 'vitest';
import type { CardJson } from '../../src/core/types.js';
import {
  caseCard,
  confirmCard,
  contactForm,
  contactReminder,
  employeeCard,
  invitationCard,
  listCard,
  milestoneCard,
  openForm,
  outcomeForm,
  samtaleForm,
} from '../../src/sickness/cards.js';
import { POLICY_PRESETS } from '../../src/sickness/policy.js';
import { computeTimeline } from '../../src/sickness/timeline.js';
import { stateOf } from '../../src/sickness/model.js';
import { validateCard } from '../support/card-validator.js';
import { textOf } from '../support/fake-turn.js';
import { madsCase } from '../support/sickness-case.js';

/** Every sickness card as it is sent: expanded, valid for Teams, no binding left over. */
const policy = POLICY_PRESETS['1-3-10'];
const c = madsCase({
  partial: true,
  expectedDuration: 'over-8-uger',
  contacts: [{ point: 1, on: '2026-11-24', how: 'telefon', adjustments: 'ja', note: 'Sofie tager vagterne', byId: 'lone', at: '2026-11-24T09:00:00Z' }],
  samtale: { rev: 1, date: '2026-12-10', time: '10:00', place: 'Mødelokalet', bookedOn: '2026-12-07' },
});
const items = computeTimeline(policy, stateOf(c), '2026-12-07');
const byKey = (k: string) => items.find((i) => i.key === k)!;

const cards: Record<string, CardJson> = {
  open: openForm([{ title: 'Mads Medarbejder', value: 'solhoej|mads' }], '2026-11-24'),
  confirm: confirmCard({ ...c, status: 'meldt' }),
  contact: contactReminder(c, 3, policy, items),
  contactForm: contactForm(c, 3, { how: 'sms', note: 'stress' }, ['stress']),
  milestone: milestoneCard(c, byKey('samtale:book'), { step: 'samtale:book', urgent: false, forLeader: true }),
  escalationHr: milestoneCard(c, byKey('municipality'), { step: 'municipality', urgent: true, forLeader: false }),
  samtale: samtaleForm(c, '2026-12-22', {}, ['kemo']),
  outcome: outcomeForm(c, '2026-12-10'),
  invitation: invitationCard(c, { canInviteTr: true, trChoices: [{ title: 'Tobias Tillid', value: 'tobias' }], trNote: 'Vælg' }),
  case: caseCard(c, items, '2026-12-07'),
  employee: employeeCard(c, '2026-12-07', true),
  list: listCard('Åbne sygefraværsforløb', [{ c, line: 'Fra 24. november 2026' }], { title: 'Vis forløbet', verb: 'sickness.show' }),
  emptyList: listCard('Åbne sygefraværsforløb', [], { title: 'Vis forløbet', verb: 'sickness.show' }),
};

describe('sickness cards', () => {
  it.each(Object.keys(cards))('%s is a valid card with every binding filled', (name) => {
    const card = cards[name]!;
    expect(validateCard(card)).toEqual([]);
    expect(JSON.stringify(card)).not.toContain('${');
  });

  it('every card to a leader carries the line that the cause of illness is not to be asked', () => {
    for (const name of ['confirm', 'contact', 'contactForm', 'milestone', 'escalationHr', 'case']) {
      expect(textOf({ card: cards[name]! }), name).toContain('Spørg aldrig, hvad medarbejderen fejler');
    }
  });

  it('every free-text input has a visible warning next to it', () => {
    for (const name of ['contactForm', 'samtale', 'outcome']) {
      expect(textOf({ card: cards[name]! }), name).toMatch(/aldrig noget om helbred, sygdom eller diagnose/);
    }
  });

  it('the contact reminder says what this contact is for and has the three buttons', () => {
    const text = textOf({ card: cards.contact! });
    expect(text).toContain('Kontakt på 3. fraværsdag: Mads Medarbejder');
    expect(text).toContain('Hør, hvordan det går');
    expect((cards.contact!.actions as { title: string }[]).map((a) => a.title)).toEqual(['Kontakt gennemført', 'Udskyd til i morgen', 'Medarbejderen ønsker ro']);
  });

  it('the HR escalation has no buttons for the case, and names the source of the deadline', () => {
    expect(cards.escalationHr!.actions).toEqual([]);
    expect(textOf({ card: cards.escalationHr! })).toContain('Sygedagpengeloven §§ 40 og 59');
  });

  it('the invitation states the rights and lets the employee invite the TR', () => {
    const text = textOf({ card: cards.invitation! });
    for (const words of ['§ 7a', 'bisidder', 'din TR, din AMR', 'tidspunktet og stedet', 'telefonen', '10. december 2026 kl. 10.00']) expect(text).toContain(words);
  });

  it('a firewall warning keeps what was typed and offers "Gem alligevel" with the terms confirmed', () => {
    const form = cards.contactForm!;
    expect(textOf({ card: form })).toContain('Teksten nævner: stress');
    const confirm = (form.actions as { title: string; data: Record<string, unknown> }[]).find((a) => a.title === 'Gem alligevel');
    expect(confirm?.data).toMatchObject({ caseId: c.id, point: 3, confirmedTerms: 'stress' });
    expect(JSON.stringify(form)).toContain('"id":"note","label":"Kort note (fx aftaler om opgaver)","isMultiline":true,"maxLength":500,"value":"stress"');
  });
});
