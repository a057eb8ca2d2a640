import { describe, expect, it } from 'vitest';
import { danishIssues } from '../../src/core/validation.js';
import {
  CLOSE_GRACE_MS,
  isDeliberatelyOffHours,
  previousQuarter,
  quarterOf,
  quarterRange,
  roundsToOpen,
  roundTiming,
} from '../../src/pulse/schedule.js';
import { DEFAULT_PULSE_SETTINGS, pulseSettingsOf, SettingsArgsSchema, settingsLabels, SettingsFormSchema } from '../../src/pulse/settings.js';
import { AnswerSchema } from '../../src/pulse/model.js';
import { pulseText } from '../../src/i18n/pulse.js';

const monday9 = { weekday: 1, time: '09:00' };

describe('roundTiming', () => {
  it('opens Monday 09:00 Copenhagen, reminds 2 days later and closes after 7 days', () => {
    const r = roundTiming(monday9, '2026-11-26'); // a Thursday in week 48
    expect(r).toMatchObject({ id: '2026-W48', weekLabel: 'uge 48', openDate: '2026-11-23' });
    expect(r.opensAt.toISOString()).toBe('2026-11-23T08:00:00.000Z');
    expect(r.remindAt.toISOString()).toBe('2026-11-25T08:00:00.000Z');
    expect(r.closesAt.toISOString()).toBe('2026-11-30T08:00:00.000Z');
    expect(roundTiming(monday9, '2026-11-29').id).toBe('2026-W48'); // Sunday: same ISO week
    expect(roundTiming(monday9, '2026-11-30').weekIndex).toBe(r.weekIndex + 1);
  });

  it('night staff: Sunday 22:00; a week across the end of summer time keeps the wall-clock time', () => {
    const r = roundTiming({ weekday: 7, time: '22:00' }, '2026-10-19');
    expect(r.openDate).toBe('2026-10-25');
    expect(r.opensAt.toISOString()).toBe('2026-10-25T21:00:00.000Z'); // CET after the change that night
    const m = roundTiming(monday9, '2026-10-19');
    expect(m.opensAt.toISOString()).toBe('2026-10-19T07:00:00.000Z'); // CEST
    expect(m.closesAt.toISOString()).toBe('2026-10-26T08:00:00.000Z'); // CET: 7 days and 1 hour later
  });

  it('the ISO week-year is used around new year', () => {
    expect(roundTiming(monday9, '2027-01-01').id).toBe('2026-W53');
    expect(roundTiming(monday9, '2027-01-04').id).toBe('2027-W01');
  });
});

describe('roundsToOpen', () => {
  it('opens from 2 hours before to 24 hours after the opening time, and not otherwise', () => {
    expect(roundsToOpen(monday9, new Date('2026-11-23T05:59:00Z'))).toEqual([]);
    expect(roundsToOpen(monday9, new Date('2026-11-23T06:00:00Z')).map((r) => r.id)).toEqual(['2026-W48']);
    expect(roundsToOpen(monday9, new Date('2026-11-24T07:59:00Z')).map((r) => r.id)).toEqual(['2026-W48']);
    expect(roundsToOpen(monday9, new Date('2026-11-24T08:00:00Z'))).toEqual([]);
  });

  it('finds next week’s round from a Sunday evening (Monday 00:30 opening)', () => {
    const early = { weekday: 1, time: '00:30' };
    expect(roundsToOpen(early, new Date('2026-11-29T22:00:00Z')).map((r) => r.id)).toEqual(['2026-W49']);
  });

  it('closing waits a grace period after closesAt', () => {
    expect(CLOSE_GRACE_MS).toBeGreaterThan(0);
    expect(CLOSE_GRACE_MS).toBeLessThanOrEqual(15 * 60_000);
  });
});

describe('off-hours choice', () => {
  const hours = { start: '07:00', end: '20:00' };
  it('is deliberate for weekend days and times outside working hours only', () => {
    expect(isDeliberatelyOffHours(monday9, hours)).toBe(false);
    expect(isDeliberatelyOffHours({ weekday: 7, time: '12:00' }, hours)).toBe(true);
    expect(isDeliberatelyOffHours({ weekday: 3, time: '21:30' }, hours)).toBe(true);
    expect(isDeliberatelyOffHours({ weekday: 3, time: '06:45' }, hours)).toBe(true);
    expect(isDeliberatelyOffHours({ weekday: 3, time: '19:59' }, hours)).toBe(false);
  });
});

describe('quarters', () => {
  it('finds the quarter, the one before and its days', () => {
    expect(quarterOf('2026-11-23')).toEqual({ year: 2026, quarter: 4 });
    expect(previousQuarter('2027-01-01')).toEqual({ year: 2026, quarter: 4 });
    expect(previousQuarter('2026-07-01')).toEqual({ year: 2026, quarter: 2 });
    expect(quarterRange(2026, 4)).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(quarterRange(2028, 1)).toEqual({ from: '2028-01-01', to: '2028-03-31' });
  });
});

describe('pulse settings', () => {
  it('uses defaults, ignores invalid stored fields and never goes below the floors', () => {
    expect(pulseSettingsOf(undefined)).toEqual(DEFAULT_PULSE_SETTINGS);
    expect(pulseSettingsOf({ weekday: 7, time: '22:00', minScores: 2, minComments: 'x' })).toEqual({
      ...DEFAULT_PULSE_SETTINGS,
      weekday: 7,
      time: '22:00',
    });
    expect(pulseSettingsOf({ minScores: 12 })).toMatchObject({ minScores: 12, minComments: 12 });
    expect(pulseSettingsOf({}, { minScores: 6 })).toMatchObject({ minScores: 6, minComments: 10 });
  });

  it('parses "indstillinger trivsel" arguments in Danish', () => {
    expect(SettingsArgsSchema.parse('')).toEqual({});
    expect(SettingsArgsSchema.parse('søndag 21:00')).toEqual({ weekday: 7, time: '21:00' });
    expect(SettingsArgsSchema.parse('kl. 6.30 tirs')).toEqual({ weekday: 2, time: '06:30' });
    expect(SettingsArgsSchema.parse('fra')).toEqual({ enabled: false });
    expect(SettingsArgsSchema.parse('til mandag')).toEqual({ enabled: true, weekday: 1 });
    const bad = SettingsArgsSchema.safeParse('hver anden uge');
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe(pulseText.settings.errors.usage);
    expect(SettingsArgsSchema.safeParse('mandag 25:00').success).toBe(false);
  });

  it('validates the settings form with one Danish message per field', () => {
    const ok = SettingsFormSchema.parse({ workplaceId: 'w', enabled: 'true', weekday: '7', time: '22:00:00', minScores: '6', minComments: '10' });
    expect(ok).toEqual({ workplaceId: 'w', enabled: true, weekday: 7, time: '22:00', minScores: 6, minComments: 10 });
    const bad = SettingsFormSchema.safeParse({ workplaceId: 'w', enabled: 'false', weekday: '', time: 'nu', minScores: '2', minComments: '4' });
    expect(bad.success).toBe(false);
    const messages = danishIssues(bad.error!, settingsLabels);
    expect(messages).toEqual([
      'Ugedag: vælg en ugedag',
      'Klokkeslæt: skriv et klokkeslæt som 09:00',
      'Mindst antal svar: kan ikke være under 3',
      'Mindst antal svar for kommentarer: kan ikke være under 5',
    ]);
    const order = SettingsFormSchema.safeParse({ workplaceId: 'w', enabled: 'true', weekday: '1', time: '09:00', minScores: '8', minComments: '6' });
    expect(danishIssues(order.error!, settingsLabels)).toEqual(['Mindst antal svar for kommentarer: kan ikke være lavere end grænsen for resultater']);
  });
});

describe('answer validation', () => {
  const base = { workplaceId: 'w', round: '2026-W48', items: ['krav-1', 'tillid-1', 'mening-2'] };
  it('accepts three scores and an optional comment', () => {
    expect(AnswerSchema.parse({ ...base, q1: '1', q2: '5', q3: '3', comment: '  ' })).toEqual({ ...base, scores: [1, 5, 3] });
    expect(AnswerSchema.parse({ ...base, q1: '2', q2: '2', q3: '2', comment: 'Travlt' }).comment).toBe('Travlt');
  });

  it('names each question that is missing an answer in Danish', () => {
    const bad = AnswerSchema.safeParse({ ...base, q1: '4', q3: '9', comment: 'x'.repeat(501) });
    expect(danishIssues(bad.error!, pulseText.answer.labels)).toEqual([
      'Kommentar: må højst være 500 tegn',
      'Spørgsmål 2: vælg et svar fra 1 til 5',
      'Spørgsmål 3: vælg et svar fra 1 til 5',
    ]);
    expect(AnswerSchema.safeParse({ ...base, round: 'x', q1: '1', q2: '1', q3: '1' }).success).toBe(false);
  });
});
