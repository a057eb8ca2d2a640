/**
 * The violence cards with realistic data from Bostedet Solhøj (a night-shift episode
 * with absence, a colleague's registration, a month with small groups), for the rendered
 * card test and `npm run cards:preview`. The clock of the samples is 2 December 2026.
 */
import type { OutMessage, Scope } from '../core/types.js';
import { amrCard, confirmCard, episodeCard, formCard, listCard, monthlyCard, settingsCard, settingsValuesOf } from '../violence/cards.js';
import type { Episode } from '../violence/model.js';
import { followUpTimeline } from '../violence/rules.js';
import { DEFAULT_POLICY } from '../violence/settings.js';
import type { CardSample } from './card-samples.js';

const WP = 'bostedet-solhoej';
const TODAY = '2026-12-02';

export function violenceSamples(): CardSample[] {
  const e: Episode = {
    workplaceId: WP, id: 've0a1b2c3d4e', employeeId: 'nadia', employeeName: 'Nadia Nattevagt', reportedById: 'nadia', status: 'aktiv',
    occurredOn: '2026-12-01', occurredAt: '02:30', place: 'Fællesarealer', kind: 'fysisk', source: 'borger', injured: true, absenceFrom: '2026-12-02',
    needsTalkNow: true, amrMayKnowName: false, description: 'Optrapning ved medicinudlevering <kl. 2>; kollega skærmede', registeredOn: '2026-12-01', registeredAt: '2026-12-01T01:50:00Z',
    talkOfferedOn: '2026-12-01',
  };
  const items = followUpTimeline(DEFAULT_POLICY, e, TODAY);
  const pending: Episode = { ...e, id: 've0a1b2c3d4f', status: 'afventer', reportedById: 'sofie', kind: 'trussel', injured: false, needsTalkNow: false };
  delete pending.absenceFrom;
  const fresh: Episode = { ...e };
  delete fresh.talkOfferedOn;
  const s = (name: string, template: string, card: OutMessage['card'], scope: Scope = 'personal'): CardSample => ({ name, template, scope, message: { card: card! } });
  const counts = { total: 9, byKind: { fysisk: 5, trussel: 3, chikane: 1 }, byPlace: { Fællesarealer: 6, Køkken: 2, 'Borgerens bolig': 1 }, byTime: { nat: 4, aften: 3, dag: 2 }, talkOnTime: 8, anmeldelseDue: 4, anmeldelseOnTime: 3 };
  return [
    s('violence-form', 'violence-form', formCard({ workplaceId: WP, formKey: '0a1b2c3d4e', colleagues: [{ title: 'Mads Medarbejder', value: 'mads' }], places: DEFAULT_POLICY.places })),
    s('violence-form (errors and health warning)', 'violence-form', formCard({
      workplaceId: WP, formKey: '0a1b2c3d4e', colleagues: [], places: DEFAULT_POLICY.places,
      values: { occurredOn: '2026-12-03', occurredAt: '02:30', kind: 'fysisk', description: 'Fik et slag, stress bagefter' },
      errors: ['Dato: datoen kan ikke ligge i fremtiden'], warnTerms: ['stress'],
    })),
    s('violence-episode (leader, needs to talk)', 'violence-episode', episodeCard(fresh, followUpTimeline(DEFAULT_POLICY, fresh, TODAY), DEFAULT_POLICY, { as: 'leader' })),
    s('violence-episode (anmeldelse reminder)', 'violence-episode', episodeCard(e, items, DEFAULT_POLICY, { as: 'leader', lead: 'Påmindelse: episoden med Nadia Nattevagt skal anmeldes som arbejdsulykke senest 11. december 2026.' })),
    s('violence-episode (employee, police question)', 'violence-episode', episodeCard(e, items, DEFAULT_POLICY, { as: 'employee', showButton: true })),
    s('violence-episode (colleague\'s registration, awaiting)', 'violence-episode', episodeCard(pending, followUpTimeline(DEFAULT_POLICY, pending, TODAY), DEFAULT_POLICY, { as: 'leader' })),
    s('violence-amr', 'violence-amr', amrCard(e, DEFAULT_POLICY)),
    s('violence-amr (reported, named)', 'violence-amr', amrCard({ ...e, amrMayKnowName: true, anmeldtOn: '2026-12-02' }, DEFAULT_POLICY, true)),
    s('violence-confirm', 'violence-confirm', confirmCard(pending)),
    s('violence-list', 'violence-list', listCard([{ e, line: 'Fysisk vold, 1. december 2026: Nadia Nattevagt' }])),
    s('violence-monthly', 'violence-monthly', monthlyCard(WP, 'Bostedet Solhøj', '2026-11', counts, { ...counts, total: 6 }), 'channel'),
    s('violence-settings', 'violence-settings', settingsCard(WP, 'Bostedet Solhøj', settingsValuesOf(DEFAULT_POLICY))),
    s('violence-settings (errors)', 'violence-settings', settingsCard(WP, 'Bostedet Solhøj', { ...settingsValuesOf(DEFAULT_POLICY), anmeldelseDays: '0' }, ['Anmeldelse som arbejdsulykke senest (dage efter første fraværsdag): skriv et helt tal fra 1 til 60'])),
    s('violence-monthly (too few)', 'violence-monthly', monthlyCard(WP, 'Bostedet Solhøj', '2026-11', { ...counts, total: 2, byKind: { fysisk: 2 }, byPlace: { Køkken: 2 }, byTime: { nat: 2 }, talkOnTime: 2, anmeldelseDue: 1, anmeldelseOnTime: 1 }, undefined), 'channel'),
  ];
}
