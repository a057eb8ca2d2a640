/**
 * Every card the bot sends, built by the features' own card functions with realistic
 * data from Bostedet Solhøj (Danish dates that start a line, a "<placeholder>", long
 * names, a late action, a sickness case with a booked samtale). Used by the rendered
 * card test (test/unit/cards-rendered.test.ts) and by `npm run cards:preview`.
 */
import { detailCard, digestCard, exportCard, formCard, listCard } from '../actions/cards.js';
import type { ActionItem, MemberChoice } from '../actions/model.js';
import { digestOf, pageOf } from '../actions/rules.js';
import { noticeCard } from '../core/cards.js';
import { helpCard } from '../core/help.js';
import type { OutMessage, Scope } from '../core/types.js';
import { DEFAULT_QUESTIONS } from '../i18n/mus.js';
import { settingsCard as musSettingsCard, peopleCard } from '../mus/cards-admin.js';
import { countsCard, registerCard, statusCard, talkCard, type Prepared } from '../mus/cards-leader.js';
import { devPlanCard, followUpCard } from '../mus/cards-plan.js';
import { changeCard, draftCard, inviteCard, planCard } from '../mus/cards.js';
import { musCounts, musOverview } from '../mus/due.js';
import type { DevPlan, Draft, Invite, Talk } from '../mus/model.js';
import { personLimits } from '../mus/verbs-admin.js';
import { aggregatePulse, DEFAULT_THRESHOLDS, type PulseAnswer } from '../pulse/aggregate.js';
import { loadDefaultBank, scaleOf } from '../pulse/bank.js';
import { quarterCard, questionCard, resultsCard, settingsCard as pulseSettingsCard } from '../pulse/cards.js';
import { firstRoundCard } from '../pulse/first-round.js';
import { buildQuarter } from '../pulse/quarter.js';
import { decide, type Published } from '../pulse/publish.js';
import { buildResults } from '../pulse/results.js';
import { pickItems } from '../pulse/rotation.js';
import { roundTiming } from '../pulse/schedule.js';
import { DEFAULT_PULSE_SETTINGS } from '../pulse/settings.js';
import type { Round } from '../pulse/model.js';
import { addDays, zonedInstant } from '../shared/calendar.js';
import {
  caseCard,
  caseNotice,
  confirmCard,
  contactForm,
  contactReminder,
  employeeCard,
  invitationCard,
  listCard as sicknessListCard,
  milestoneCard,
  openForm,
  outcomeForm,
  samtaleForm,
} from '../sickness/cards.js';
import { monthlyCard, settingsCard as sicknessSettingsCard, yearlyCard } from '../sickness/cards-figures.js';
import { screenFields } from '../sickness/firewall.js';
import { firewallCard } from '../sickness/firewall-card.js';
import { stateOf, type SicknessCase } from '../sickness/model.js';
import { DEFAULT_POLICY, POLICY_PRESETS } from '../sickness/policy.js';
import { yearlyReport } from '../sickness/report.js';
import { DEFAULT_SETTINGS } from '../sickness/settings.js';
import { EMPTY_FIGURES, twelveMonths, type MonthlyFigures } from '../sickness/stats.js';
import { computeTimeline } from '../sickness/timeline.js';
import { rolesCard, welcomeMessage } from '../workplaces/cards.js';
import { violenceSamples } from './card-samples-violence.js';
import { medyearSamples } from './card-samples-medyear.js';

export interface CardSample {
  /** Unique, e.g. "actions-detail (late, in the TRIO channel)". */
  name: string;
  /** The template in cards/ it is built from. */
  template: string;
  /** Where the bot shows it: every button on it must work there. */
  scope: Scope;
  message: OutMessage;
}

const WP = 'bostedet-solhoej';
const WP_NAME = 'Bostedet Solhøj';
const TODAY = '2026-12-02';

const members: MemberChoice[] = [
  { id: 'lone', name: 'Lone Leder' },
  { id: 'tobias', name: 'Tobias Tillid' },
  { id: 'mads', name: 'Mads Medarbejder' },
  { id: 'sofie', name: 'Sofie Social' },
];
const viewers = ['29:sofie', '29:lone', '29:tobias', '29:mads'];

const action: ActionItem = {
  workplaceId: WP,
  number: 1,
  tema: 'Organisation og ledelse, kriterium 9',
  emne: 'Høj personalegennemstrømning og sygefravær. Skriv fx <arbejdssted> og <dato> i referatet.',
  maal: 'Sygefravær på 5-6 %',
  hvad: '1. december 2026: fraværssamtaler efter 1-3-10\n2. kvartal 2027: opfølgning i MED',
  start: '2026-11-01',
  end: '2026-11-30',
  startLabel: '1. november 2026',
  endLabel: '30. november 2026',
  dokumentation: 'Opnået (2. december 2026): samtaler holdt',
  owner: { id: 'sofie', name: 'Sofie Social' },
  effekt: 'Færre vikartimer',
  source: 'tilsynsrapport',
  status: 'open',
  createdAt: '2026-11-01T09:00:00Z',
  createdBy: 'tobias',
  createdByName: 'Tobias Tillid',
  updatedAt: '2026-11-01T09:00:00Z',
};
const ongoing: ActionItem = { ...action, number: 2, tema: 'Psykisk arbejdsmiljø', start: TODAY, end: '2027-03-02', startLabel: '2. december 2026', endLabel: 'løbende', owner: { id: 'lone', name: 'afdelingsledelse (Lone Leder)' }, status: 'started' };
const log = [{ at: '2026-12-01T09:00:00Z', actorId: 'lone', actorName: 'Lone Leder', kind: 'note' as const, text: '1. december 2026 holdt vi det første møde.' }];

function actionSamples(): CardSample[] {
  const summaries = [action, ongoing];
  return [
    { name: 'actions-list (TRIO channel)', template: 'actions-list', scope: 'channel', message: { card: listCard({ title: `Åbne handlinger – ${WP_NAME}`, filter: { mine: false, overdue: false, tema: '' }, totalOpen: 2, totalOverdue: 1, page: pageOf(summaries, 1), today: TODAY, createFor: WP, personal: false, viewers }) } },
    { name: 'actions-list (personal, mine)', template: 'actions-list', scope: 'personal', message: { card: listCard({ title: 'Dine åbne handlinger', filter: { mine: true, overdue: false, tema: '' }, totalOpen: 1, totalOverdue: 1, page: pageOf([action], 1), today: TODAY, personal: true, viewers: [] }) } },
    { name: 'actions-form (with errors)', template: 'actions-form', scope: 'channel', message: { card: formCard({ workplaceId: WP, workplaceName: WP_NAME, members, values: { tema: 'Arbejdsmiljø', start: '1. december 2026', owner: 'lone', ownerGroup: 'afdelingsledelse' }, errors: { emne: 'Emne: skriv hvad der skal ændres, og hvorfor', end: 'Slut: skriv hvornår handlingen skal være færdig' } }) } },
    { name: 'actions-detail (late, TRIO channel)', template: 'actions-detail', scope: 'channel', message: { card: detailCard({ action, log, workplaceName: WP_NAME, members, today: TODAY, viewers }) } },
    { name: 'actions-detail (ongoing, reminder in personal chat)', template: 'actions-detail', scope: 'personal', message: { text: 'Påmindelse: H-2, som du er ansvarlig for, kører løbende og skal følges op om 7 dage (2. marts 2027).', card: detailCard({ action: ongoing, log: [], workplaceName: WP_NAME, members, today: TODAY, viewers, note: 'H-2 var allerede i gang, da du trykkede. Her er den, som den er nu.' }) } },
    { name: 'actions-detail (closed)', template: 'actions-detail', scope: 'channel', message: { card: detailCard({ action: { ...action, status: 'done', closedAt: '2026-12-02T09:00:00Z' }, log, workplaceName: WP_NAME, members, today: TODAY, viewers }) } },
    { name: 'actions-digest', template: 'actions-digest', scope: 'channel', message: { card: digestCard(WP_NAME, digestOf([action, { ...ongoing, status: 'done', closedAt: '2026-11-25T09:00:00Z' }], new Date('2026-11-30T07:00:00Z')), new Date('2026-11-30T07:00:00Z')) } },
    { name: 'actions-export', template: 'actions-export', scope: 'personal', message: { card: exportCard(WP_NAME, 'http://localhost:3978/export/actions?w=bostedet-solhoej', 15) } },
  ];
}

function setupSamples(): CardSample[] {
  const roster = members.map((m, i) => ({ member: { aadObjectId: m.id, teamsUserId: `29:${m.id}`, name: m.name }, roles: i === 0 ? (['leder'] as const) : i === 1 ? (['TR'] as const) : (['medarbejder'] as const) }));
  const commands = [
    { name: 'åbne handlinger [mine|forsinkede|tema]', description: 'Viser åbne handlinger (forsinkede først).' },
    { name: 'opsætning trio|med <arbejdssted>', description: 'Gør denne kanal til arbejdsstedets TRIO- eller MED-kanal (kun ledere).' },
  ];
  return [
    { name: 'welcome (new channel)', template: 'welcome', scope: 'channel', message: welcomeMessage('channel') },
    { name: 'welcome (registered TRIO channel)', template: 'welcome', scope: 'channel', message: welcomeMessage('channel', { forum: 'trio', workplaceName: WP_NAME }) },
    { name: 'welcome (group chat)', template: 'welcome', scope: 'groupChat', message: welcomeMessage('groupChat') },
    { name: 'roles', template: 'roles', scope: 'channel', message: { card: rolesCard({ workplace: { workplaceId: WP, workplaceName: WP_NAME }, people: roster.map((r) => ({ member: r.member, roles: [...r.roles] })), page: 1, pages: 2 }) } },
    { name: 'help (channel)', template: 'help', scope: 'channel', message: { card: helpCard('channel', commands) } },
    { name: 'help (personal, with a button)', template: 'help', scope: 'personal', message: { card: helpCard('personal', commands.slice(0, 1), '', [{ title: 'Registrér en episode', verb: 'violence.form' }]) } },
    { name: 'help (personal, no workplace yet)', template: 'help', scope: 'personal', message: { card: helpCard('personal', [], 'Kom i gang: skriv **@TRIO-bot opsætning trio <arbejdssted>** i TRIO-kanalen.') } },
    { name: 'notice (good)', template: 'notice', scope: 'channel', message: { card: noticeCard('Denne kanal er nu TRIO-kanal for **Bostedet Solhøj**.', 'good') } },
    { name: 'notice (attention)', template: 'notice', scope: 'personal', message: { card: noticeCard('Beklager, der gik noget galt hos mig. Giv referencen ab12cd34 til den, der driver botten.', 'attention') } },
  ];
}

function sicknessSamples(): CardSample[] {
  const policy = DEFAULT_POLICY;
  const c: SicknessCase = {
    workplaceId: WP, id: 'sf0000abcd', employeeId: 'mads', employeeName: 'Mads Medarbejder', leaderId: 'lone', status: 'aktiv', reportedBy: 'leder', model: '1-3-10',
    firstDay: '2026-11-24', partial: true, pay: 'loen', expectedDuration: 'over-8-uger', expectedReturn: '2027-01-04', openedAt: '2026-11-24T08:00:00Z',
    contacts: [
      { point: 1, on: '2026-11-24', how: 'telefon', adjustments: 'ja', note: 'Sofie tager vagterne', byId: 'lone', at: '2026-11-24T09:00:00Z' },
      { point: 3, on: '2026-11-26', how: 'sms', adjustments: 'ved-ikke', byId: 'tobias', at: '2026-11-26T09:00:00Z' },
    ],
    contactHandovers: [{ point: 10, toId: 'tobias', on: '2026-11-25' }],
    samtale: { rev: 1, date: '2026-12-10', time: '10:00', place: 'Mødelokalet', bookedOn: '2026-12-02' },
  };
  const items = computeTimeline(policy, stateOf(c), TODAY);
  const item = (k: string) => items.find((i) => i.key === k) ?? items[0]!;
  const people = members.map((m) => ({ title: m.name, value: m.id }));
  const view = { c, items, policy, today: TODAY, names: new Map(members.map((m) => [m.id, m.name] as [string, string])), otherLeaders: [{ title: 'Lars Leder', value: 'lars' }], contactPeople: people.slice(1), isCaseLeader: true, canTakeOver: false };
  const monthOf = (i: number): MonthlyFigures => ({
    ...EMPTY_FIGURES, activeCases: 4 + (i % 3), contactsDue: 9, contactsOnTime: 8, samtalerDue: 3, samtalerOnTime: 3, contactPeople: 4, samtalePeople: 3,
    sickDays: 14 + i, plannedDays: 280, absentPeople: 4, shortSpells: 3, shortDays: 6, shortPeople: 3, longSpells: i % 4 === 0 ? 1 : 0, longDays: i % 4 === 0 ? 20 : 0, longPeople: i % 4 === 0 ? 1 : 0, people12: 9, shortPeople12: 7, longPeople12: 3,
  });
  const rows = new Map(twelveMonths('2026-11').map((m, i) => [m, monthOf(i)] as [string, MonthlyFigures]));
  const note = 'Mads er indlagt på hospitalet';
  const s = (name: string, template: string, card: OutMessage['card'], scope: Scope = 'personal'): CardSample => ({ name, template, scope, message: { card: card! } });
  return [
    s('sickness-open', 'sickness-open', openForm([{ title: 'Mads Medarbejder', value: `${WP}|mads` }], TODAY)),
    s('sickness-confirm', 'sickness-confirm', confirmCard({ ...c, status: 'meldt' })),
    s('sickness-contact', 'sickness-contact', contactReminder(c, 3, policy, items, { forLeader: true })),
    s('sickness-contact (to the contact person)', 'sickness-contact', contactReminder(c, 10, policy, items, { forLeader: false, lead: 'Lone Leder har bedt dig tage kontakten til Mads.' })),
    s('sickness-contact-form (health warning)', 'sickness-contact-form', contactForm(c, 3, { values: { how: 'sms', note: 'stress' }, warnTerms: ['stress'] })),
    s('sickness-milestone', 'sickness-milestone', milestoneCard(c, item('samtale:book'), { step: 'samtale:book', urgent: false, forLeader: true })),
    s('sickness-milestone (escalation to HR)', 'sickness-milestone', milestoneCard(c, item('municipality'), { step: 'municipality', urgent: true, forLeader: false })),
    s('sickness-samtale', 'sickness-samtale', samtaleForm(c, { bookBy: '2026-12-15', holdBy: '2026-12-22', law: '§ 7 a' })),
    s('sickness-outcome', 'sickness-outcome', outcomeForm(c, '2026-12-10')),
    s('sickness-invitation', 'sickness-invitation', invitationCard(c, { canInviteTr: true, trChoices: [{ title: 'Tobias Tillid', value: 'tobias' }] })),
    s('sickness-case (after booking)', 'sickness-case', caseCard({ ...view, confirmation: 'Samtalen er booket 10. december 2026 kl. 10.00.' })),
    s('sickness-case (leader gone)', 'sickness-case', caseCard({ ...view, isCaseLeader: false, canTakeOver: true })),
    s('sickness-employee', 'sickness-employee', employeeCard(c, TODAY, true)),
    s('sickness-notice', 'sickness-notice', caseNotice(c, 'Tobias Tillid har taget kontakten 26. november 2026.')),
    s('sickness-list', 'sickness-list', sicknessListCard('Åbne sygefraværsforløb', [{ c, line: '1. fraværsdag 24. november 2026' }], { title: 'Vis forløbet', verb: 'sickness.show' })),
    s('sickness-settings', 'sickness-settings', sicknessSettingsCard({ workplaceId: WP, workplaceName: WP_NAME, settings: DEFAULT_SETTINGS, models: Object.values(POLICY_PRESETS), currentId: '1-3-10', people })),
    s('sickness-monthly', 'sickness-monthly', monthlyCard(WP_NAME, '2026-11', monthOf(11)), 'channel'),
    s('sickness-yearly', 'sickness-yearly', yearlyCard(yearlyReport(WP_NAME, '2026-11', rows, 5.5), 'https://trio-bot.example/downloads/sygefravaer/bostedet-solhoej?sig=x'), 'channel'),
    s('sickness-firewall (action note in the channel)', 'sickness-firewall', firewallCard({ verb: 'actions.note', data: { workplaceId: WP, number: 3 }, screen: screenFields({ note }, ''), fields: [{ id: 'note', label: 'Note', value: note }], where: 'channel' }), 'channel'),
    s('sickness-firewall (pulse comment)', 'sickness-firewall', firewallCard({ verb: 'pulse.answer', data: { workplaceId: WP, round: '2026-W49', items: ['tid-2', 'vold-2', 'mening-1'], q1: '2', q2: 'na', q3: '4' }, screen: screenFields({ comment: 'Vi er stressede i aftenvagten' }, ''), fields: [{ id: 'comment', label: 'Kommentar (valgfri)', value: 'Vi er stressede i aftenvagten', maxLength: 500 }], where: 'pulse' })),
  ];
}

function musSamples(): CardSample[] {
  const talk: Talk = {
    workplaceId: WP, id: 't1', draftId: 'd1', leaderId: 'lone', leaderName: 'Lone Leder', label: 'Mads Medarbejder', mode: 'individual', participantIds: ['mads'],
    start: zonedInstant('2026-12-01', '09:00'), end: zonedInstant('2026-12-01', '10:00'), place: 'Mødelokalet', status: 'planned', version: 1,
  };
  const invite: Invite = { workplaceId: WP, talkId: 't1', aadObjectId: 'mads', name: 'Mads Medarbejder', response: 'pending', seniorOffered: true, seniorWanted: false };
  const plan: DevPlan = {
    workplaceId: WP, talkId: 't1', aadObjectId: 'mads', name: 'Mads Medarbejder', heldOn: '2026-12-01', shortGoals: 'Kursus i medicinhåndtering', longGoals: 'Blive praktikvejleder',
    activities: [
      { kind: 'kursus', text: 'Psykiatrisk grunduddannelse', status: 'started', note: '1. februar 2027: kursusstart' },
      { kind: 'projekt', text: '<vagtplanen>', status: 'planned', note: '' },
    ],
    knowledgeSharing: 'Oplæg på personalemødet', followUpOn: '2027-06-01', seniorWanted: true, seniorNote: 'Færre nattevagter fra 2028',
    followUps: [{ at: '2027-06-01T09:00:00Z', by: 'lone', byName: 'Lone Leder', changed: ['Kursus: Psykiatrisk grunduddannelse: planlagt → i gang'], changes: 'Kurset flyttes til foråret' }],
    createdBy: 'lone', createdAt: '2026-12-01T10:00:00Z',
  };
  const draft: Draft = {
    workplaceId: WP, id: 'd1', leaderId: 'lone', leaderName: 'Lone Leder',
    params: { from: '2026-11-30', to: '2026-12-11', durationMinutes: 60, windowStart: '09:00', windowEnd: '15:00', place: 'Mødelokalet', mode: 'group', bufferMinutes: 15 },
    slots: [
      { label: 'Dagvagt', participantIds: ['mads', 'sofie'], start: talk.start, end: talk.end },
      { label: 'Nadia Nattevagt', participantIds: ['nadia'], start: zonedInstant('2026-12-02', '09:00'), end: zonedInstant('2026-12-02', '10:00') },
    ],
    unplannedNames: ['Tobias Tillid'], capacity: { workingDays: 10, total: 50, perFreeDay: 4, perFreeDayWithoutPause: 6 },
    recentlyHeld: [{ name: 'Sofie Social', on: '2026-06-01' }], names: { mads: 'Mads', sofie: 'Sofie', nadia: 'Nadia' }, status: 'draft', createdAt: '2026-11-24T09:00:00Z',
  };
  const statuses = musOverview([{ id: 'mads', name: 'Mads Medarbejder' }, { id: 'sofie', name: 'Sofie Social', startDate: '2010-01-01' }], [], TODAY);
  const rows = statuses.map((x, i) => ({ ...x, workplaceId: WP, ...(i === 0 ? { planned: { talkId: 't1', answer: 'changeRequested' as const, seniorWanted: true, hasNotes: true } } : { planTalkId: 't0' }) }));
  const settings = { questions: [...DEFAULT_QUESTIONS], seniorAge: 60 };
  const prepared: Prepared[] = [{ invite: { ...invite, response: 'accepted', seniorWanted: true }, notes: 'Jeg vil gerne tale om <vagtplanen>' }];
  const s = (name: string, template: string, card: OutMessage['card'], scope: Scope = 'personal'): CardSample => ({ name, template, scope, message: { card: card! } });
  return [
    s('mus-plan', 'mus-plan', planCard({ workplaceId: WP, workplaceName: WP_NAME, people: [{ id: 'mads', name: 'Mads Medarbejder' }, { id: 'sofie', name: 'Sofie Social' }], selected: ['mads'], defaults: draft.params })),
    s('mus-draft', 'mus-draft', draftCard(draft)),
    s('mus-invite', 'mus-invite', inviteCard({ talk, invite, notes: 'Jeg vil gerne tale om <vagtplanen>', settings })),
    s('mus-change', 'mus-change', changeCard(talk, { ...invite, response: 'changeRequested', changeReason: 'Kursus den dag' })),
    s('mus-talk', 'mus-talk', talkCard(talk, prepared)),
    s('mus-register', 'mus-register', registerCard(talk, prepared, '2027-06-01')),
    s('mus-devplan', 'mus-devplan', devPlanCard(plan, 'Lone Leder', 'employee')),
    s('mus-followup', 'mus-followup', followUpCard(plan)),
    s('mus-status', 'mus-status', statusCard(WP_NAME, rows, musCounts(statuses))),
    s('mus-counts', 'mus-counts', countsCard(`MUS på ${WP_NAME}: status`, musCounts(statuses)), 'channel'),
    s('mus-people', 'mus-people', peopleCard(WP, WP_NAME, [{ id: 'mads', name: 'Mads Medarbejder', startDate: '2020-01-01', birthYear: 1960, lastMusOn: '2025-11-03' }, { id: 'sofie', name: 'Sofie Social' }], personLimits(TODAY))),
    s('mus-settings', 'mus-settings', musSettingsCard(WP, WP_NAME, settings, undefined), 'channel'),
    s('mus-settings (a proposal waiting)', 'mus-settings', musSettingsCard(WP, WP_NAME, settings, { workplaceId: WP, id: 'p1', seniorAge: 58, proposedBy: 'tobias', proposedByName: 'Tobias Tillid', proposedAt: '2026-12-01T09:00:00Z', approvals: [{ id: 'tobias', name: 'Tobias Tillid', roles: ['TR'], at: '2026-12-01T09:00:00Z' }] }), 'channel'),
  ];
}

function pulseSamples(): CardSample[] {
  const bank = loadDefaultBank();
  const roundOf = (date: string): Round => {
    const timing = roundTiming({ weekday: 1, time: '09:00' }, date);
    const items = pickItems(bank, timing.weekIndex).map((i) => ({ id: i.id, dimension: i.dimension, reversed: i.reversed, text: i.text, scale: scaleOf(bank, i) }));
    return { ...timing, workplaceId: WP, items, invited: 8, forumInvited: 0, answered: 0, status: 'open', fannedOut: true, keyId: 'k' };
  };
  /** `n` people answering every item with `score`, published against the weeks before, as the pulse does. */
  const history: Published[] = [];
  const weeks = Array.from({ length: 12 }, (_, i) => roundOf(addDays('2026-09-07', 7 * i)));
  weeks.forEach((round, i) => {
    const n = 7;
    const score = i === 11 ? 2 : 4;
    const answers: PulseAnswer[] = round.items.flatMap((item) => Array.from({ length: n }, () => ({ itemId: item.id, dimension: item.dimension, reversed: item.reversed, score: item.reversed ? 6 - score : score })));
    const r = { ...round, answered: n, status: 'closed' as const };
    const result = aggregatePulse({ weekIndex: r.weekIndex, invited: r.invited, answered: n, answers }, bank, DEFAULT_THRESHOLDS);
    history.push({ round: r, publication: decide(r, result, history.map((h) => h.publication), DEFAULT_THRESHOLDS) });
  });
  const current = roundOf('2026-11-30');
  const s = (name: string, template: string, card: OutMessage['card'], scope: Scope): CardSample => ({ name, template, scope, message: { card: card! } });
  return [
    s('pulse-question', 'pulse-question', questionCard(current, { thresholds: DEFAULT_THRESHOLDS }), 'personal'),
    s('pulse-question (reminder)', 'pulse-question', questionCard(current, { reminder: true, thresholds: DEFAULT_THRESHOLDS }), 'personal'),
    s('pulse-results', 'pulse-results', resultsCard(buildResults(history.at(-1)!, history, ['Godt med ny vagtplan <3'], DEFAULT_THRESHOLDS), WP_NAME), 'channel'),
    s('pulse-quarter', 'pulse-quarter', quarterCard(buildQuarter(history.slice(-4), history.slice(-8, -4), DEFAULT_THRESHOLDS), '4. kvartal 2026', WP_NAME), 'channel'),
    s('pulse-settings', 'pulse-settings', pulseSettingsCard({ id: WP, name: WP_NAME }, DEFAULT_PULSE_SETTINGS), 'channel'),
    s('pulse-first', 'pulse-first', firstRoundCard({ workplace: { id: WP, name: WP_NAME }, settings: { ...DEFAULT_PULSE_SETTINGS, startsOn: '2026-12-07' }, invitees: 14, now: new Date('2026-12-02T08:00:00Z') }), 'personal'),
    s('pulse-first (sent)', 'pulse-first', firstRoundCard({ workplace: { id: WP, name: WP_NAME }, settings: DEFAULT_PULSE_SETTINGS, invitees: 14, round: current, now: new Date('2026-12-02T08:00:00Z') }), 'personal'),
  ];
}

/** Every sample, grouped by feature. The clock of the samples is 2 December 2026, 09.00. */
export function cardSamples(): CardSample[] {
  return [...setupSamples(), ...actionSamples(), ...sicknessSamples(), ...musSamples(), ...pulseSamples(), ...medyearSamples(), ...violenceSamples()];
}
