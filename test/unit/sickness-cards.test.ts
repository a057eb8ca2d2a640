import { describe, expect, it } from 'vitest';
import type { CardJson } from '../../src/core/types.js';
import {
  caseCard,
  caseNotice,
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
  type CaseView,
} from '../../src/sickness/cards.js';
import { settingsCard, yearlyCard } from '../../src/sickness/cards-figures.js';
import { screenFields } from '../../src/sickness/firewall.js';
import { firewallCard } from '../../src/sickness/firewall-card.js';
import { stateOf, type SicknessCase } from '../../src/sickness/model.js';
import { DEFAULT_POLICY, POLICY_PRESETS } from '../../src/sickness/policy.js';
import { yearlyReport } from '../../src/sickness/report.js';
import { DEFAULT_SETTINGS } from '../../src/sickness/settings.js';
import { EMPTY_FIGURES } from '../../src/sickness/stats.js';
import { computeTimeline } from '../../src/sickness/timeline.js';
import { validateCard } from '../support/card-validator.js';
import { textOf } from '../support/fake-turn.js';
import { madsCase } from '../support/sickness-case.js';

/** Every sickness card as it is sent: expanded, valid for Teams, no binding left over. */
const policy = DEFAULT_POLICY;
const c = madsCase({
  partial: true,
  expectedDuration: 'over-8-uger',
  contacts: [
    { point: 1, on: '2026-11-24', how: 'telefon', adjustments: 'ja', note: 'Sofie tager vagterne', byId: 'lone', at: '2026-11-24T09:00:00Z' },
    { point: 3, on: '2026-11-26', how: 'sms', adjustments: 'ved-ikke', byId: 'tobias', at: '2026-11-26T09:00:00Z' },
  ],
  samtale: { rev: 1, date: '2026-12-10', time: '10:00', place: 'Mødelokalet', bookedOn: '2026-12-07' },
  contactHandovers: [{ point: 10, toId: 'tobias', on: '2026-11-25' }],
});
const view = (patch: Partial<CaseView> = {}, of: SicknessCase = c, today = '2026-12-07'): CaseView => ({
  c: of,
  items: computeTimeline(policy, stateOf(of), today),
  policy,
  today,
  names: new Map([['tobias', 'Tobias Tillid'], ['lone', 'Lone Leder'], ['lars', 'Lars Leder']]),
  otherLeaders: [{ title: 'Lars Leder', value: 'lars' }],
  contactPeople: [{ title: 'Tobias Tillid', value: 'tobias' }],
  isCaseLeader: true,
  canTakeOver: false,
  ...patch,
});
const items = view().items;
const byKey = (k: string) => items.find((i) => i.key === k)!;
const actionTitles = (card: CardJson) => ((card.actions ?? []) as { title: string }[]).map((a) => a.title);

const cards: Record<string, CardJson> = {
  open: openForm([{ title: 'Mads Medarbejder', value: 'solhoej|mads' }], '2026-11-24'),
  confirm: confirmCard({ ...c, status: 'meldt' }),
  contact: contactReminder(c, 3, policy, items, { forLeader: true }),
  contactForContactPerson: contactReminder(c, 10, policy, items, { forLeader: false, lead: 'Lone har bedt dig tage kontakten.' }),
  contactForm: contactForm(c, 3, { values: { how: 'sms', note: 'stress' }, warnTerms: ['stress'] }),
  contactFormForContactPerson: contactForm({ ...c, expectedReturn: '2026-12-20' }, 10, { asContactPerson: true }),
  milestone: milestoneCard(c, byKey('samtale:book'), { step: 'samtale:book', urgent: false, forLeader: true }),
  escalationHr: milestoneCard(c, byKey('municipality'), { step: 'municipality', urgent: true, forLeader: false }),
  samtale: samtaleForm(c, { bookBy: '2026-12-15', holdBy: '2026-12-22', law: '§ 7 a' }, {}, ['kemo']),
  outcome: outcomeForm(c, '2026-12-10'),
  invitation: invitationCard(c, { canInviteTr: true, trChoices: [{ title: 'Tobias Tillid', value: 'tobias' }], trNote: 'Vælg' }),
  case: caseCard(view({ confirmation: 'Samtalen er booket 10. december 2026 kl. 10.00.' })),
  caseAfterMeeting: caseCard(view({}, c, '2026-12-10')),
  caseOrphaned: caseCard(view({ isCaseLeader: false, canTakeOver: true })),
  employee: employeeCard(c, '2026-12-07', true),
  notice: caseNotice(c, 'Tobias har taget kontakten.'),
  list: listCard('Åbne sygefraværsforløb', [{ c, line: 'Fra 24. november 2026' }], { title: 'Vis forløbet', verb: 'sickness.show' }),
  emptyList: listCard('Åbne sygefraværsforløb', [], { title: 'Vis forløbet', verb: 'sickness.show' }),
  settings: settingsCard({ workplaceId: 'solhoej', workplaceName: 'Solhøj', settings: DEFAULT_SETTINGS, models: Object.values(POLICY_PRESETS), currentId: '1-3-10', people: [] }),
  yearly: yearlyCard(yearlyReport('Solhøj', '2026-11', new Map([['2026-11', { ...EMPTY_FIGURES, plannedDays: 200, sickDays: 8, absentPeople: 3 }]]), 5.5), 'https://bot.example/x'),
  firewall: firewallCard({ verb: 'actions.note', data: { workplaceId: 'solhoej', number: 3 }, screen: screenFields({ note: 'Mads er på hospitalet' }, ''), fields: [{ id: 'note', label: 'Note', value: 'Mads er på hospitalet' }], where: 'channel' }),
};

describe('sickness cards', () => {
  it.each(Object.keys(cards))('%s is a valid card with every binding filled', (name) => {
    const card = cards[name]!;
    expect(validateCard(card)).toEqual([]);
    expect(JSON.stringify(card)).not.toContain('${');
  });

  it('every card to a leader carries the line that the cause of illness is not to be asked', () => {
    for (const name of ['confirm', 'contact', 'contactForm', 'milestone', 'escalationHr', 'case', 'notice']) {
      expect(textOf({ card: cards[name]! }), name).toContain('Spørg aldrig, hvad medarbejderen fejler');
    }
  });

  it('every free-text input has a visible warning next to it', () => {
    for (const name of ['contactForm', 'samtale', 'outcome']) expect(textOf({ card: cards[name]! }), name).toMatch(/aldrig noget om helbred, sygdom eller diagnose/);
  });

  it('the contact reminder says what this contact is for and has the three buttons', () => {
    const text = textOf({ card: cards.contact! });
    expect(text).toContain('Kontakt på 3. fraværsdag: Mads Medarbejder');
    expect(text).toContain('Hør, hvordan det går');
    expect(actionTitles(cards.contact!)).toEqual(['Kontakt gennemført', 'Udskyd til i morgen', 'Medarbejderen ønsker ro']);
  });

  it('a contact person sees the purpose and the no-diagnosis line, never the case details', () => {
    const reminder = textOf({ card: cards.contactForContactPerson! });
    expect(reminder).toContain('Lone har bedt dig tage kontakten.');
    expect(reminder).toContain('Spørg aldrig');
    for (const detail of ['Forventet varighed', 'Over 8 uger', 'Delvis sygemeldt', 'Første fraværsdag']) expect(reminder).not.toContain(detail);
    expect(actionTitles(cards.contactForContactPerson!)).toEqual(['Kontakt gennemført', 'Udskyd til i morgen']);
    const form = JSON.stringify(cards.contactFormForContactPerson);
    expect(form).not.toContain('2026-12-20');
    expect(form).not.toContain('sickness.show');
    expect(textOf({ card: cards.contactFormForContactPerson! })).toContain('Lederen ser det, du registrerer her');
  });

  it('the contact form has a way back to the case', () => {
    const back = (cards.contactForm!.actions as { title: string; verb: string; data: Record<string, unknown> }[]).find((a) => a.title === 'Tilbage til forløbet');
    expect(back).toMatchObject({ verb: 'sickness.show', data: { workplaceId: 'solhoej', caseId: c.id } });
    expect(actionTitles(cards.samtale!)).toContain('Tilbage til forløbet');
  });

  it('the case card: a confirmation on top, the booked samtale as booked, the outcome only after the meeting', () => {
    const text = textOf({ card: cards.case! });
    expect(JSON.stringify(cards.case!.body).indexOf('Samtalen er booket')).toBeLessThan(JSON.stringify(cards.case!.body).indexOf('Sygefraværsforløb: Mads'));
    expect(text).toContain('✓ Samtalen er booket 10. december 2026 kl. 10.00.');
    expect(text).toContain('Booket: 10. december 2026 kl. 10.00');
    expect(text).toContain('Udført: 7. december 2026'); // booking was done when booked
    expect(text).not.toMatch(/Gjort\. Dato: 10\. december/);
    expect(actionTitles(cards.case!)).not.toContain('Samtalens udfald');
    expect(actionTitles(cards.caseAfterMeeting!)).toContain('Samtalens udfald');
    // Booking and holding name different deadlines.
    const book = textOf({ card: caseCard(view({}, { ...c, samtale: undefined as never }, '2026-11-25')) });
    expect(book).toContain('aftal tid senest 15. december 2026');
    expect(book).toContain('hold samtalen senest 22. december 2026');
    expect(actionTitles(cards.case!)).toContain('Flyt samtalen');
  });

  it('the case card shows the law and the workplace fraværspolitik apart, and who takes a contact', () => {
    const text = textOf({ card: cards.case! });
    expect(text).toContain('Sygedagpengeloven § 7 a: Arbejdsgiveren skal holde samtalen');
    expect(text).toContain('Jeres fraværspolitik');
    expect(text).toContain('1-3-10-modellen');
    expect(text).toContain('Tobias Tillid (kontakten på 10. fraværsdag)');
    expect(text).toContain('26. november 2026: SMS (Tobias Tillid)');
    expect(textOf({ card: cards.caseOrphaned! })).toContain('Overtag forløbet');
    expect(JSON.stringify(cards.caseOrphaned)).not.toContain('sickness.handover');
  });

  it('the HR escalation has no buttons for the case, and names the rule of the deadline', () => {
    expect(cards.escalationHr!.actions).toEqual([]);
    expect(textOf({ card: cards.escalationHr! })).toContain('Sygedagpengeloven § 40, stk. 1');
  });

  it('the invitation states the rights, not a § 56-aftale', () => {
    const text = textOf({ card: cards.invitation! });
    for (const words of ['§ 7 a', 'bisidder', 'din TR, din AMR', 'tid og sted', 'telefonen', '10. december 2026 kl. 10.00', 'du behøver ikke fortælle, hvad du fejler']) expect(text).toContain(words);
    expect(text).not.toContain('§ 56');
    expect(textOf({ card: cards.outcome! })).toContain('§ 56');
  });

  it('the outcome form asks who wishes a mulighedserklæring', () => {
    const text = textOf({ card: cards.outcome! });
    expect(text).toContain('Mulighedserklæring fra lægen: hvem ønsker en?');
    for (const choice of ['Ingen', 'Lederen beder om en', 'Medarbejderen ønsker en']) expect(text).toContain(choice);
  });

  it("the employee's card: no ban, the right to a fastholdelsesplan, who sees it", () => {
    const text = textOf({ card: cards.employee! });
    expect(text).toContain('Du behøver ikke fortælle, hvad du fejler.');
    expect(text).not.toContain('Du skal aldrig');
    expect(text).toContain('§ 7 b');
    expect(actionTitles(cards.employee!)).toContain('Bed om en fastholdelsesplan');
    expect(text).toContain('Kun du og den leder, der følger dit forløb, ser det her');
    const asked = employeeCard({ ...c, fastholdelsesplanRequestedOn: '2026-12-07' }, '2026-12-07', true);
    expect(actionTitles(asked)).not.toContain('Bed om en fastholdelsesplan');
    expect(textOf({ card: asked })).toContain('ønsket 7. december 2026');
  });

  it('a firewall warning keeps what was typed and offers "Gem alligevel" with the terms confirmed', () => {
    const form = cards.contactForm!;
    expect(textOf({ card: form })).toContain('Teksten nævner: stress');
    const confirm = (form.actions as { title: string; data: Record<string, unknown> }[]).find((a) => a.title === 'Gem alligevel');
    expect(confirm?.data).toMatchObject({ caseId: c.id, point: 3, confirmedTerms: 'stress' });
    expect(JSON.stringify(form)).toContain('"id":"note","label":"Kort note (fx aftaler om opgaver)","isMultiline":true,"maxLength":500,"value":"stress"');
  });

  it('the shared firewall card warns about a channel and re-submits the same verb', () => {
    const card = cards.firewall!;
    const text = textOf({ card });
    expect(text).toContain('Teksten nævner: hospital.');
    expect(text).toContain('kan alle i kanalen læse');
    const actions = card.actions as { verb: string; data: Record<string, unknown> }[];
    expect(actions.map((a) => a.verb)).toEqual(['actions.note', 'actions.note']);
    expect(actions[0]!.data).toEqual({ workplaceId: 'solhoej', number: 3 });
    expect(actions[1]!.data).toEqual({ workplaceId: 'solhoej', number: 3, confirmedTerms: 'hospital' });
    expect(JSON.stringify(card)).toContain('"id":"note"');
  });

  it('the settings card offers the models and the own model, the law apart', () => {
    const text = textOf({ card: cards.settings! });
    for (const words of ['1-3-10-modellen', '1-5-14-modellen', 'Jeres egen model', 'Kontaktdage', 'Hold samtalen senest', 'varer ud over arbejdsgiverperioden på 30 dage', 'Mål for fraværsprocenten']) expect(text).toContain(words);
    expect(text).not.toContain('gælder altid');
  });
});
