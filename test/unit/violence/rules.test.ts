import { describe, expect, it } from 'vitest';
import { timeOfDayOf, type Episode } from '../../../src/violence/model.js';
import { anmeldelseDeadline, followUpTimeline, looksLikeCpr, occurredOnProblem, plannedReminders, retentionEndsOn, type EpisodeState } from '../../../src/violence/rules.js';
import { DEFAULT_POLICY, parsePolicy } from '../../../src/violence/settings.js';

const base: EpisodeState = { occurredOn: '2026-12-01', registeredOn: '2026-12-01', injured: false };
const byKey = (items: ReturnType<typeof followUpTimeline>) => Object.fromEntries(items.map((i) => [i.key, i]));

describe('the follow-up timeline', () => {
  it('asks for the talk the same day, the follow-up talk after 3 days, the police decision after 2 and the risk assessment after 14', () => {
    const t = byKey(followUpTimeline(DEFAULT_POLICY, base, '2026-12-01'));
    expect(t.talk).toMatchObject({ who: 'leader', due: '2026-12-01', deadline: '2026-12-01', status: 'due' });
    expect(t.followup).toMatchObject({ due: '2026-12-04', status: 'upcoming' });
    expect(t.police).toMatchObject({ who: 'employee', due: '2026-12-03', status: 'upcoming' });
    expect(t.risk).toMatchObject({ due: '2026-12-15', status: 'upcoming' });
    expect(t.anmeldelse!.status).toBe('not-applicable');
  });

  it('follows the workplace\'s own deadlines: the talk a day later, the follow-up, anmeldelse, police and risk', () => {
    const policy = parsePolicy({ talkDays: 1, followUpTalkDays: 5, anmeldelseDays: 7, anmeldelseLeadDays: 1, policeReminderDays: 4, riskAssessmentDays: 21 });
    const t = byKey(followUpTimeline(policy, { ...base, absenceFrom: '2026-12-01' }, '2026-12-02'));
    expect(t.talk).toMatchObject({ due: '2026-12-01', deadline: '2026-12-02', status: 'due' });
    expect(t.followup).toMatchObject({ due: '2026-12-06' });
    expect(t.anmeldelse).toMatchObject({ due: '2026-12-07', deadline: '2026-12-08' });
    expect(t.police).toMatchObject({ due: '2026-12-05' });
    expect(t.risk).toMatchObject({ due: '2026-12-22' });
    expect(byKey(followUpTimeline(DEFAULT_POLICY, base, '2026-12-02')).talk!.status).toBe('overdue');
  });

  it('needs an anmeldelse no later than 9 days after the first day of absence, reminded 2 days before', () => {
    const e = { ...base, absenceFrom: '2026-12-02' };
    expect(anmeldelseDeadline(DEFAULT_POLICY, e)).toBe('2026-12-11');
    const a = byKey(followUpTimeline(DEFAULT_POLICY, e, '2026-12-01')).anmeldelse!;
    expect(a).toMatchObject({ due: '2026-12-09', deadline: '2026-12-11', status: 'upcoming' });
    expect(byKey(followUpTimeline(DEFAULT_POLICY, e, '2026-12-09')).anmeldelse!.status).toBe('due');
    expect(byKey(followUpTimeline(DEFAULT_POLICY, e, '2026-12-11')).anmeldelse!.status).toBe('due');
    expect(byKey(followUpTimeline(DEFAULT_POLICY, e, '2026-12-12')).anmeldelse!.status).toBe('overdue');
    expect(byKey(followUpTimeline(DEFAULT_POLICY, { ...e, anmeldtOn: '2026-12-05' }, '2026-12-12')).anmeldelse).toMatchObject({ status: 'done', doneOn: '2026-12-05' });
  });

  it('counts from the day of the episode when someone was hurt but nobody was absent', () => {
    const a = byKey(followUpTimeline(DEFAULT_POLICY, { ...base, injured: true }, '2026-12-01')).anmeldelse!;
    expect(a).toMatchObject({ due: '2026-12-08', deadline: '2026-12-10' });
  });

  it('never asks for a day before the registration, even when the episode is registered late', () => {
    const late = { occurredOn: '2026-11-01', registeredOn: '2026-12-01', injured: true, absenceFrom: '2026-11-02' };
    const a = byKey(followUpTimeline(DEFAULT_POLICY, late, '2026-12-01')).anmeldelse!;
    expect(a).toMatchObject({ due: '2026-12-01', deadline: '2026-12-01', status: 'due' });
  });

  it('follows the policy data: another deadline and lead are a setting, not code', () => {
    const policy = parsePolicy({ anmeldelseDays: 5, anmeldelseLeadDays: 0, followUpTalkDays: 7 });
    const t = byKey(followUpTimeline(policy, { ...base, absenceFrom: '2026-12-01' }, '2026-12-01'));
    expect(t.anmeldelse).toMatchObject({ due: '2026-12-06', deadline: '2026-12-06' });
    expect(t.followup!.due).toBe('2026-12-08');
    expect(parsePolicy({ anmeldelseDays: 'ni' })).toEqual(DEFAULT_POLICY);
  });

  it('plans the reminders of the steps still open, and none for a step done', () => {
    const e = { ...base, absenceFrom: '2026-12-01' };
    expect(plannedReminders(DEFAULT_POLICY, e, '2026-12-01')).toEqual([
      { step: 'followup', when: 'first', on: '2026-12-04', to: 'leaders' },
      { step: 'anmeldelse', when: 'first', on: '2026-12-08', to: 'leaders' },
      { step: 'anmeldelse', when: 'deadline', on: '2026-12-10', to: 'leaders' },
      { step: 'police', when: 'first', on: '2026-12-03', to: 'employee' },
      { step: 'risk', when: 'first', on: '2026-12-15', to: 'leaders' },
    ]);
    const done = { ...e, anmeldtOn: '2026-12-01', policeDecidedOn: '2026-12-01', followUpHeldOn: '2026-12-01', riskAssessedOn: '2026-12-01' };
    expect(plannedReminders(DEFAULT_POLICY, done, '2026-12-01')).toEqual([]);
  });
});

describe('the checks of a registration', () => {
  it('refuses what looks like a CPR number, with or without a dash', () => {
    for (const t of ['borger 010190-1234', 'cpr 0101901234', 'det var 311299 1234 der slog']) expect(looksLikeCpr(t), t).toBe(true);
    for (const t of ['ringede 12345678', 'kl. 10.00 i stuen', 'værelse 3, 2 personer', '999999-1234', 'telefon 2233 4455']) expect(looksLikeCpr(t), t).toBe(false);
  });

  it('accepts a day up to a year back, never a future one', () => {
    expect(occurredOnProblem('2026-12-02', '2026-12-01')).toBe('future');
    expect(occurredOnProblem('2025-11-30', '2026-12-01')).toBe('old');
    expect(occurredOnProblem('2026-12-01', '2026-12-01')).toBeUndefined();
  });

  it('puts a time in the shift it belongs to', () => {
    expect(['06:59', '07:00', '14:59', '15:00', '22:59', '23:00', '02:30'].map(timeOfDayOf)).toEqual(['nat', 'dag', 'dag', 'aften', 'aften', 'nat', 'nat']);
  });

  it('keeps the details for the retention period of the policy', () => {
    expect(retentionEndsOn(DEFAULT_POLICY, { registeredOn: '2026-12-01' } as Episode)).toBe('2031-12-01');
    expect(retentionEndsOn(parsePolicy({ retentionMonths: 2 }), { registeredOn: '2026-12-31' } as Episode)).toBe('2027-02-28');
  });
});
