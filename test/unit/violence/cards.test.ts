import { describe, expect, it } from 'vitest';
import { episodeCard } from '../../../src/violence/cards.js';
import type { Episode } from '../../../src/violence/model.js';
import { followUpTimeline } from '../../../src/violence/rules.js';
import { parsePolicy } from '../../../src/violence/settings.js';

const episode: Episode = {
  workplaceId: 'solhoej',
  id: 've-1',
  employeeId: 'u-nadia',
  employeeName: 'Nadia Nattevagt',
  reportedById: 'u-nadia',
  status: 'aktiv',
  occurredOn: '2026-12-01',
  occurredAt: '18.30',
  place: 'Køkken',
  kind: 'fysisk',
  source: 'borger',
  injured: false,
  needsTalkNow: false,
  amrMayKnowName: false,
  registeredOn: '2026-12-01',
  registeredAt: '2026-12-01T17:35:00.000Z',
} as Episode;

const text = (days: number, today = '2026-12-01') => {
  const policy = parsePolicy({ talkDays: days });
  return JSON.stringify(episodeCard(episode, followUpTimeline(policy, episode, today), policy, { as: 'leader' }));
};

describe("the leader's episode card says when to offer the talk, as the workplace's policy does", () => {
  it('the same day when the policy says 0 days', () => {
    expect(text(0)).toContain('Tilbyd en samtale i dag');
  });

  it('never "i dag" when the policy gives one or more days', () => {
    for (const [days, words] of [
      [1, 'Tilbyd en samtale senest dagen efter registreringen'],
      [3, 'Tilbyd en samtale senest 3 dage efter registreringen'],
    ] as const) {
      const card = text(days);
      expect(card).toContain(words);
      expect(card).toContain('Tilbyd en samtale snart');
      expect(card).not.toContain('i dag');
    }
  });
});
