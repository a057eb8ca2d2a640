import { describe, expect, it } from 'vitest';
import { DEFAULT_QUESTIONS } from '../../../src/i18n/mus.js';
import { changeCard, countsCard, devPlanCard, draftCard, inviteCard, peopleCard, planCard, registerCard, settingsCard, statusCard } from '../../../src/mus/cards.js';
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
  longGoals: 'Blive praktikvejleder', activities: ['kursus', 'projekt'], activityNote: 'Kursus i januar', knowledgeSharing: 'Oplæg på personalemødet',
  followUpOn: '2027-06-01', createdBy: 'lone', createdAt: '2026-12-01T10:00:00Z',
};
const draft: Draft = {
  workplaceId: 'solhoej', id: 'd1', leaderId: 'lone', leaderName: 'Lone Leder',
  params: { from: '2026-11-30', to: '2026-12-11', durationMinutes: 60, windowStart: '09:00', windowEnd: '15:00', place: 'Mødelokalet', mode: 'group' },
  slots: [
    { label: 'Dagvagt', participantIds: ['mads', 'sofie'], start: talk.start, end: talk.end },
    { label: 'Nadia', participantIds: ['nadia'], start: zonedInstant('2026-12-02', '09:00'), end: zonedInstant('2026-12-02', '10:00') },
  ],
  unplannedNames: ['Tobias'], names: { mads: 'Mads', sofie: 'Sofie', nadia: 'Nadia' }, status: 'draft', createdAt: '2026-11-24T09:00:00Z',
};
const statuses = musOverview([{ id: 'mads', name: 'Mads' }, { id: 'sofie', name: 'Sofie', startDate: '2010-01-01' }], [], '2026-11-24');
const settings = { questions: [...DEFAULT_QUESTIONS], seniorAge: 60 };

const cards = {
  plan: planCard({ workplaceId: 'solhoej', workplaceName: 'Bostedet Solhøj', people: [{ id: 'mads', name: 'Mads' }], selected: ['mads'], defaults: draft.params }),
  draft: draftCard(draft),
  invite: inviteCard({ talk, invite, notes: 'Mine noter', settings }),
  change: changeCard(talk, { ...invite, response: 'changeRequested', changeReason: 'Kursus den dag' }),
  register: registerCard(talk, ['Mads'], '2027-06-01'),
  devplan: devPlanCard(plan, 'Lone Leder', 'employee'),
  followUp: devPlanCard({ ...plan, acknowledgedAt: '2026-12-02T08:00:00Z' }, 'Lone Leder', 'followUp'),
  status: statusCard('Bostedet Solhøj', statuses, musCounts(statuses)),
  counts: countsCard('MUS på Bostedet Solhøj: status', musCounts(statuses)),
  people: peopleCard('solhoej', 'Bostedet Solhøj', [{ id: 'mads', name: 'Mads', startDate: '2020-01-01', birthYear: 1960 }, { id: 'sofie', name: 'Sofie' }]),
  settings: settingsCard('solhoej', 'Bostedet Solhøj', settings),
};

describe('MUS cards', () => {
  it.each(Object.entries(cards))('%s renders to a valid card with every binding filled', (_name, card) => {
    expect(validateCard(card)).toEqual([]);
    expect(JSON.stringify(card)).not.toContain('${');
  });

  it('the invitation carries the time, the place, the questions, the notes and the senior offer', () => {
    const json = JSON.stringify(cards.invite);
    expect(json).toContain('tirsdag 1. december 2026 kl. 09.00-10.00 (uge 49)');
    expect(json).toContain('Mødelokalet');
    expect(json).toContain(DEFAULT_QUESTIONS[0]);
    expect(json).toContain('Mine noter');
    expect(json).toContain('seniorsamtale');
    expect(JSON.stringify(inviteCard({ talk, invite: { ...invite, seniorOffered: false }, notes: '', settings }))).not.toContain('seniorsamtale');
  });

  it('the draft lists GRUS members and who did not fit', () => {
    const json = JSON.stringify(cards.draft);
    expect(json).toContain('Gruppesamtale med Mads, Sofie');
    expect(json).toContain('Der var ikke plads til: Tobias');
    expect(json).toContain('"id":"d_1"');
  });

  it('the counts card holds numbers only', () => {
    const json = JSON.stringify(cards.counts);
    expect(json).not.toMatch(/Mads|Sofie/);
    expect(json).toContain('"value":"2"');
  });

  it('the acknowledge button is shown to the employee until acknowledged, never in the follow-up', () => {
    expect(JSON.stringify(cards.devplan)).toContain('mus.ack');
    expect(JSON.stringify(cards.followUp)).not.toContain('mus.ack');
    expect(JSON.stringify(devPlanCard({ ...plan, acknowledgedAt: '2026-12-02T08:00:00Z' }, 'Lone', 'employee'))).not.toContain('mus.ack');
  });
});
