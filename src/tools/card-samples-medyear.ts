/** The MED year's cards with sample data from Bostedet Solhøj (see card-samples.ts). */
import type { OutMessage, Scope } from '../core/types.js';
import { agendaCard, apvCard, kupCard, referatCard, talkCard, wheelCard, wheelForm } from '../medyear/cards.js';
import type { Wheel } from '../medyear/model.js';
import { aggregateNeeds, DEFAULT_PLACEMENTS, defaultWheel, itemsFor, withStep, withSurvey } from '../medyear/rules.js';
import { medyearText } from '../i18n/medyear.js';
import type { CardSample } from './card-samples.js';

const WP_NAME = 'Bostedet Solhøj';
const TODAY = '2026-12-02';
const members = [
  { id: 'lone', name: 'Lone Leder' },
  { id: 'tobias', name: 'Tobias Tillid' },
];

export function medyearSamples(): CardSample[] {
  const wheel: Wheel = {
    meetings: [
      { forum: 'med', date: '2027-03-02', time: '13:00' },
      { forum: 'med', date: '2027-06-15', time: '13:00' },
      { forum: 'med', date: '2027-11-09', time: '13:00' },
      { forum: 'trio', date: '2027-01-12', time: '10:00' },
    ],
    placements: { ...DEFAULT_PLACEMENTS },
    saved: true,
    updatedAt: '2026-12-01T10:00:00Z',
    updatedBy: 'Lone Leder',
  };
  const meeting = wheel.meetings[0]!;
  const apv = withStep(withSurvey({ steps: {}, history: [], rev: 0 }, '2024-02-01'), 'analyse', '2024-03-01');
  const planned = { number: 7, tema: 'APV', emne: 'Støj i fællesrummet', end: '2027-02-01', status: 'started' as const, source: 'apv' as const, owner: 'afdelingsledelse' };
  const s = (name: string, template: string, card: OutMessage['card'], scope: Scope = 'channel'): CardSample => ({ name, template, scope, message: { card: card! } });
  const needs = aggregateNeeds(
    ['Kursus i konflikthåndtering', 'konflikthåndtering og de-eskalering', 'Konflikter med pårørende', 'medicinhåndtering', 'Kursus i konflikthåndtering, medicin'],
    medyearText.needThemes,
  );
  return [
    s('medyear-wheel', 'medyear-wheel', wheelCard({ workplaceName: WP_NAME, year: 2027, wheel, forum: 'med' })),
    s('medyear-wheel (default)', 'medyear-wheel', wheelCard({ workplaceName: WP_NAME, year: 2027, wheel: defaultWheel(2027), forum: 'med' })),
    s('medyear-wheel-form (MED, with an error)', 'medyear-wheel-form', wheelForm({ workplaceName: WP_NAME, year: 2027, wheel, forum: 'med', errors: ['Møde 4: skriv en dato som 2027-03-10'] })),
    s(
      'medyear-agenda',
      'medyear-agenda',
      agendaCard({
        workplaceName: WP_NAME,
        today: TODAY,
        data: {
          meeting,
          items: itemsFor(wheel, meeting),
          actions: { open: 5, overdue: [{ workplaceId: 'w', number: 3, tema: 'Trivsel', emne: 'Ny vagtplan <skitse>', owner: { name: 'afdelingsledelse' }, end: '2026-11-01', status: 'open' }] },
          apv,
          mus: { total: 12, held: 9, planned: 2, due: 0, overdue: 1, notYet: 0 },
          sickness: [{ month: '2026-11', activeCases: '4', absence: '5,3 %' }, { month: '2026-10', activeCases: 'under 3', absence: 'for få til en andel' }],
          pulse: {
            weekLabel: 'uge 47',
            band: 'most',
            tooFew: false,
            dimensions: [
              { name: 'Mening i arbejdet', value: 4, change: 0.5, low: false, fell: false },
              { name: 'Passende krav', value: 2.5, change: -0.5, low: true, fell: true },
              { name: 'Social støtte', value: undefined, change: undefined, low: false, fell: false },
            ],
          },
          violence: [
            { month: '2026-11', total: '7', byKind: [{ label: 'Trussel', count: '4' }, { label: 'Øvrige (samlet)', count: '3' }] },
            { month: '2026-10', total: 'under 3', byKind: [] },
          ],
          added: [{ id: 'a', text: 'Julefrokost 2027', byName: 'Mads Medarbejder', at: '2026-12-01T10:00:00Z' }],
        },
      }),
    ),
    s('medyear-referat', 'medyear-referat', referatCard({ workplaceName: WP_NAME, meeting, members, decisions: [{ id: '0123456789abcdef', text: 'Vi indfører faste pauser i aftenvagten.', byName: 'Lone Leder', at: '2027-03-02T14:00:00Z', actionNumber: 12 }, { id: 'fedcba9876543210', text: 'Ny procedure for overlevering.', byName: 'Lone Leder', at: '2027-03-02T14:05:00Z' }] })),
    s('medyear-apv', 'medyear-apv', apvCard({ workplaceName: WP_NAME, apv, actions: [planned], today: TODAY, members })),
    s('medyear-kup', 'medyear-kup', kupCard({ workplaceName: WP_NAME, plan: { activities: [{ id: 'x', what: 'Kursus i konflikthåndtering', who: 'alle i dagvagten', when: '1. kvartal 2027' }], supervision: 'Ekstern supervision hver 6. uge.', reviewOn: '2027-03-02' }, needs, today: TODAY })),
    s('medyear-talk', 'medyear-talk', talkCard({ workplaceName: WP_NAME, year: 2027, lastGoals: [{ text: 'Færre alenevagter', action: { ...planned, number: 4, emne: 'Færre alenevagter', status: 'done' } }] })),
  ];
}
