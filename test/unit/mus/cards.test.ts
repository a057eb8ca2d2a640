import { describe, expect, it } from 'vitest';
import { DEFAULT_QUESTIONS, SENIOR_QUESTIONS } from '../../../src/i18n/mus.js';
import { changeCard, draftCard, inviteCard, planCard } from '../../../src/mus/cards.js';
import { peopleCard, settingsCard } from '../../../src/mus/cards-admin.js';
import { countsCard, registerCard, statusCard, talkCard, type StatusRow } from '../../../src/mus/cards-leader.js';
import { devPlanCard, followUpCard } from '../../../src/mus/cards-plan.js';
import { musCounts, musOverview } from '../../../src/mus/due.js';
import type { DevPlan, Draft, Invite, Talk } from '../../../src/mus/model.js';
import { zonedInstant } from '../../../src/shared/calendar.js';
import { validateCard } from '../../support/card-validator.js';

/** Every MUS card as the bot sends it: expanded, valid, and without an unbound `${...}`. */
const talk: Talk = {
  workplaceId: 'solhoej', id: 't1', draftId: 'd1', leaderId: 'lone', leaderName: 'Lone Leder', label: 'Mads Medarbejder',
  mode: 'individual', participantIds: ['mads'], start: zonedInstant('2026-12-01', '09:00'), end: zonedInstant('2026-12-01', '10:00'),
  place: 'Mødelokalet', status: 'planned', version: 1,
};
const invite: Invite = { workplaceId: 'solhoej', talkId: 't1', aadObjectId: 'mads', name: 'Mads Medarbejder', response: 'pending', seniorOffered: true, seniorWanted: false };
const plan: DevPlan = {
  workplaceId: 'solhoej', talkId: 't1', aadObjectId: 'mads', name: 'Mads Medarbejder', heldOn: '2026-12-01', shortGoals: 'Lære LOKE-dokumentation',
  longGoals: 'Blive praktikvejleder',
  activities: [
    { kind: 'kursus', text: 'Kursus i medicinhåndtering', status: 'planned', note: '' },
    { kind: 'projekt', text: 'Demensuddannelse for teamet', status: 'started', note: 'Første modul holdt' },
  ],
  knowledgeSharing: 'Oplæg på personalemødet', followUpOn: '2027-06-01', seniorWanted: true, seniorNote: 'Færre nattevagter',
  followUps: [{ at: '2027-03-01T09:00:00Z', by: 'lone', byName: 'Lone Leder', changed: ['Projekt: Demensuddannelse for teamet: Planlagt → I gang'], changes: 'Mere tid til projektet' }],
  createdBy: 'lone', createdAt: '2026-12-01T10:00:00Z',
};
const draft: Draft = {
  workplaceId: 'solhoej', id: 'd1', leaderId: 'lone', leaderName: 'Lone Leder',
  params: { from: '2026-11-30', to: '2026-12-11', durationMinutes: 60, bufferMinutes: 15, windowStart: '09:00', windowEnd: '11:00', place: 'Mødelokalet', mode: 'group' },
  slots: [
    { label: 'Dagvagt', participantIds: ['mads', 'sofie'], start: talk.start, end: talk.end },
    { label: 'Nadia', participantIds: ['nadia'], start: zonedInstant('2026-12-02', '09:00'), end: zonedInstant('2026-12-02', '10:00') },
  ],
  unplannedNames: ['Tobias'], capacity: { workingDays: 2, total: 2, perFreeDay: 1, perFreeDayWithoutPause: 2 },
  recentlyHeld: [{ name: 'Nadia', on: '2026-10-01' }],
  names: { mads: 'Mads', sofie: 'Sofie', nadia: 'Nadia' }, status: 'draft', createdAt: '2026-11-24T09:00:00Z',
};
const statuses = musOverview([{ id: 'mads', name: 'Mads' }, { id: 'sofie', name: 'Sofie', startDate: '2010-01-01' }], [], '2026-11-24');
const rows: StatusRow[] = [
  { ...statuses[0]!, workplaceId: 'solhoej', state: 'planned', plannedOn: '2026-12-01', planned: { talkId: 't1', answer: 'changeRequested', seniorWanted: true, hasNotes: true } },
  { ...statuses[1]!, workplaceId: 'solhoej', planTalkId: 't0' },
];
const settings = { questions: [...DEFAULT_QUESTIONS], seniorAge: 60 };
const prepared = [{ invite: { ...invite, seniorWanted: true, response: 'accepted' as const }, notes: 'Jeg vil gerne tale om kursus i medicinhåndtering' }];
const proposal = { workplaceId: 'solhoej', id: 'p1', questions: ['Hvad er du stolt af?'], seniorAge: 62, proposedBy: 'tobias', proposedByName: 'Tobias Tillid', proposedAt: '2026-11-24T09:00:00Z', approvals: [{ id: 'tobias', name: 'Tobias Tillid', roles: ['TR'], at: '2026-11-24T09:00:00Z' }] };

const cards = {
  plan: planCard({ workplaceId: 'solhoej', workplaceName: 'Bostedet Solhøj', people: [{ id: 'mads', name: 'Mads' }], selected: ['mads'], defaults: draft.params }),
  planRefused: planCard({ workplaceId: 'solhoej', workplaceName: 'Bostedet Solhøj', people: [{ id: 'mads', name: 'Mads' }], selected: [], defaults: draft.params, typed: { place: 'Kontoret', duration: '5', g_mads: 'Dagvagt' }, errors: { duration: 'Mindst 15 minutter' } }),
  draft: draftCard(draft),
  draftRefused: draftCard(draft, { typed: { d_1: '2026-12-25', t_1: '09:00' }, errors: { d_1: '25. december 2026 er en helligdag (Juledag).' } }),
  invite: inviteCard({ talk, invite, notes: 'Mine noter', settings }),
  inviteWarning: inviteCard({ talk, invite, notes: '', settings, typed: { notes: 'Jeg har ondt i ryggen' }, warning: { terms: ['ryggen'], verb: 'mus.accept' } }),
  change: changeCard(talk, { ...invite, response: 'changeRequested', changeReason: 'Kursus den dag' }),
  talk: talkCard(talk, prepared),
  register: registerCard(talk, prepared, '2027-06-01'),
  devplan: devPlanCard(plan, 'Lone Leder', 'employee'),
  devplanLeader: devPlanCard({ ...plan, acknowledgedAt: '2026-12-02T08:00:00Z' }, 'Lone Leder', 'leader'),
  followUp: followUpCard(plan),
  status: statusCard('Bostedet Solhøj', rows, musCounts(statuses)),
  counts: countsCard('MUS på Bostedet Solhøj: status', musCounts(statuses)),
  people: peopleCard('solhoej', 'Bostedet Solhøj', [{ id: 'mads', name: 'Mads', startDate: '2020-01-01', birthYear: 1960, lastMusOn: '2026-03-01' }, { id: 'sofie', name: 'Sofie' }], { minYear: 1940, maxYear: 2011 }),
  settings: settingsCard('solhoej', 'Bostedet Solhøj', settings, undefined),
  settingsProposal: settingsCard('solhoej', 'Bostedet Solhøj', settings, proposal),
};

/** The card as JSON text, as a person reads it: the invisible markdown guards of renderCard (NBSP, word joiner) taken out. */
const json = (card: object) => JSON.stringify(card).replace(/\u2060/g, '').replace(/\u00a0/g, ' ');

describe('MUS cards', () => {
  it.each(Object.entries(cards))('%s renders to a valid card with every binding filled', (_name, card) => {
    expect(validateCard(card)).toEqual([]);
    expect(json(card)).not.toContain('${');
  });

  it('the invitation carries the time, the place, the questions, the notes, the senior offer and its questions', () => {
    const text = json(cards.invite);
    expect(text).toContain('tirsdag 1. december 2026 kl. 09.00-10.00 (uge 49)');
    expect(text).toContain('Mødelokalet');
    expect(text).toContain(DEFAULT_QUESTIONS[0]);
    expect(text).toContain('Mine noter');
    expect(text).toContain('Fra 60 år har du ret til at få tilbudt en seniorsamtale sammen med din MUS.');
    expect(text).toContain(SENIOR_QUESTIONS[4]);
    expect(json(inviteCard({ talk, invite: { ...invite, seniorOffered: false }, notes: '', settings }))).not.toContain('seniorsamtale');
  });

  it('the senior age is the one MED set, not the employee\'s', () => {
    expect(json(inviteCard({ talk, invite, notes: '', settings: { ...settings, seniorAge: 58 } }))).toContain('Fra 58 år har du ret');
  });

  it('held-back notes keep what was typed and offer "Gem alligevel" on the verb that was used', () => {
    const text = json(cards.inviteWarning);
    expect(text).toContain('Jeg har ondt i ryggen');
    expect(text).toContain('Gem alligevel');
    expect(text).toContain('"verb":"mus.accept","data":{"workplaceId":"solhoej","talkId":"t1","version":1,"confirmedTerms":"ryggen"}');
  });

  it('the draft lists GRUS members, who had MUS recently, who did not fit, and why', () => {
    const text = json(cards.draft);
    expect(text).toContain('Gruppesamtale med Mads, Sofie');
    expect(text).toContain('Havde MUS for under 11 måneder siden: Nadia (1. oktober 2026)');
    expect(text).toContain('Der var ikke plads til: Tobias.');
    expect(text).toContain('2 samtaler på 60 minutter med 15 minutters pause');
    expect(text).toContain('Tidsrummet 09.00-11.00 giver plads til 1 samtale om dagen (2 uden pause)');
    expect(text).toContain('"id":"d_1"');
  });

  it('a refused draft keeps the typed date at its slot, with the reason under it', () => {
    const text = json(cards.draftRefused);
    expect(text).toContain('"id":"d_1","label":"Dato","value":"2026-12-25"');
    expect(text).toContain('25. december 2026 er en helligdag (Juledag).');
    expect(text).toContain('Alt, hvad du skrev, er bevaret');
  });

  it('a refused planning card keeps every typed value, the pause visible', () => {
    const text = json(cards.planRefused);
    expect(text).toContain('"value":"Kontoret"');
    expect(text).toContain('"id":"duration","label":"Varighed (minutter)","value":5');
    expect(text).toContain('"id":"buffer","label":"Pause mellem samtaler (minutter)","value":15');
    expect(text).toContain('"value":"Dagvagt"');
    expect(text).toContain('Mindst 15 minutter');
  });

  it("the leader's talk and registration cards show the answer, the senior wish, the preparation and the senior questions", () => {
    for (const card of [cards.talk, cards.register]) {
      const text = json(card);
      expect(text).toContain('Jeg vil gerne tale om kursus i medicinhåndtering');
      expect(text).toContain('Mads Medarbejder ønsker en seniorsamtale sammen med MUS.');
      expect(text).toContain(SENIOR_QUESTIONS[0]);
    }
    expect(json(cards.talk)).toContain('Har sagt ja til tiden.');
    expect(json(cards.register)).toContain('"id":"seniorNote"');
    expect(json(talkCard(talk, [{ invite, notes: '' }]))).not.toContain(SENIOR_QUESTIONS[0]);
  });

  it('the plan shows each activity with its status, the senior agreements and the follow-ups', () => {
    const text = json(cards.devplan);
    expect(text).toContain('Kursus eller uddannelse: Kursus i medicinhåndtering · Planlagt');
    expect(text).toContain('Projekt: Demensuddannelse for teamet · I gang · Første modul holdt');
    expect(text).toContain('Færre nattevagter');
    expect(text).toContain('1. marts 2027, Lone Leder: Projekt: Demensuddannelse for teamet: Planlagt → I gang; Det ændrer vi: Mere tid til projektet');
  });

  it('the follow-up form has a status and a note for each activity, prefilled', () => {
    const text = json(cards.followUp);
    expect(text).toContain('"id":"s_0","label":"Status","value":"planned"');
    expect(text).toContain('"id":"s_1","label":"Status","value":"started"');
    expect(text).toContain('"id":"n_1","label":"Hvad er der sket?","maxLength":500,"value":"Første modul holdt"');
    expect(text).toContain('"title":"Droppet","value":"dropped"');
    expect(text).toContain('"rev":1');
  });

  it('the status card says each answer, and offers the preparation of a planned talk and the plan of a held one', () => {
    const text = json(cards.status);
    expect(text).toContain('Mads: planlagt 1. december 2026, har bedt om et andet tidspunkt, ønsker seniorsamtale, har skrevet forberedelse');
    expect(text).toContain('"verb":"mus.talk","data":{"workplaceId":"solhoej","talkId":"t1","from":"status"}');
    expect(text).toContain('"verb":"mus.planView"');
  });

  it('the counts card holds numbers only', () => {
    const text = json(cards.counts);
    expect(text).not.toMatch(/Mads|Sofie/);
    expect(text).toContain('"value":"2"');
  });

  it('the stamdata card has the last MUS and the same birth-year limits as the server', () => {
    const text = json(cards.people);
    expect(text).toContain('"id":"l_mads","label":"Sidste MUS","value":"2026-03-01"');
    expect(text).toContain('"min":1940,"max":2011');
    expect(text).toContain('"id":"b_sofie","label":"Født (år)","value":""');
  });

  it('the settings card shows the proposal waiting and who must still approve', () => {
    const text = json(cards.settingsProposal);
    expect(text).toContain('Foreslået af Tobias Tillid 24. november 2026');
    expect(text).toContain('Hvad er du stolt af?');
    expect(text).toContain('Mangler godkendelse fra en leder.');
    expect(text).toContain('mus.settings.approve');
    expect(json(cards.settings)).not.toContain('mus.settings.approve');
  });

  it('the acknowledge button is shown to the employee until acknowledged, never to the leader', () => {
    expect(json(cards.devplan)).toContain('mus.ack');
    expect(json(cards.devplanLeader)).not.toContain('mus.ack');
    expect(json(devPlanCard({ ...plan, acknowledgedAt: '2026-12-02T08:00:00Z' }, 'Lone', 'employee'))).not.toContain('mus.ack');
  });
});
