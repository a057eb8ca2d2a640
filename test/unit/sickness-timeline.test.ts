import { describe, expect, it } from 'vitest';
import {
  customPolicy,
  DEFAULT_POLICY,
  FollowUpPolicySchema,
  POLICY_PRESETS,
  type FollowUpPolicy,
} from '../../src/sickness/policy.js';
import {
  computeTimeline,
  countRecentAbsences,
  escalationDate,
  needsRepeatedAbsenceTalk,
  reRemindAt,
  retentionEndsOn,
  type SicknessCaseState,
  type TimelineItem,
  type TimelineKey,
} from '../../src/sickness/timeline.js';

function sick(firstDay: string, patch: Partial<SicknessCaseState> = {}): SicknessCaseState {
  return { firstDay, partial: false, expectedDuration: 'ukendt', status: 'aktiv', contacts: [], ...patch };
}

function byKey(items: TimelineItem[]): Map<TimelineKey, TimelineItem> {
  return new Map(items.map((i) => [i.key, i]));
}

function item(policy: FollowUpPolicy, state: SicknessCaseState, today: string, key: TimelineKey): TimelineItem {
  const found = byKey(computeTimeline(policy, state, today)).get(key);
  if (!found) throw new Error(`no ${key}`);
  return found;
}

const status = (policy: FollowUpPolicy, state: SicknessCaseState, today: string, key: TimelineKey) =>
  item(policy, state, today, key).status;

// 2026-09-07 is a Monday.
const MON = '2026-09-07';

describe('policy', () => {
  it('defaults to 1-3-10 with sourced milestones', () => {
    expect(DEFAULT_POLICY.contactDays).toEqual([1, 3, 10]);
    expect(DEFAULT_POLICY.contactSource).toBe('Fraværspolitikken: 1-3-10-modellen');
    expect(DEFAULT_POLICY.samtale.source).toContain('§ 7a');
    expect(DEFAULT_POLICY.samtale.deadlineDaysAfterFirstDay).toBe(28);
    expect(DEFAULT_POLICY.municipality.deadlineDaysAfterFirstDay).toBe(35);
    expect(POLICY_PRESETS['1-5-14'].contactSource).toBe('Fraværspolitikken: 1-5-14-modellen');
    expect(Object.isFrozen(DEFAULT_POLICY.samtale)).toBe(true);
  });

  it('validates and overrides', () => {
    expect(FollowUpPolicySchema.safeParse({ ...DEFAULT_POLICY, contactDays: [3, 1] }).success).toBe(false);
    const p = customPolicy(DEFAULT_POLICY, { returnFollowUp: { enabled: false } });
    expect(p.returnFollowUp.enabled).toBe(false);
    expect(p.returnFollowUp.daysAfterReturn).toBe(14);
    expect(DEFAULT_POLICY.returnFollowUp.enabled).toBe(true);
  });
});

describe('computeTimeline', () => {
  it('1-3-10: contacts on day 1, 3 and 10 and the statutory milestones', () => {
    const items = computeTimeline(DEFAULT_POLICY, sick(MON), MON);
    const m = byKey(items);
    expect(items.map((i) => i.key)).toEqual([
      'contact:1', 'fasttrack', 'fastholdelsesplan', 'contact:3', 'contact:10',
      'samtale:book', 'samtale', 'municipality',
    ]);
    expect(['contact:1', 'contact:3', 'contact:10'].map((k) => m.get(k as TimelineKey)?.due)).toEqual([
      '2026-09-07', '2026-09-09', '2026-09-16',
    ]);
    expect(m.get('contact:1')).toMatchObject({ status: 'due', kind: 'contact', statutory: false, deadline: undefined });
    expect(m.get('contact:3')?.status).toBe('upcoming');
    expect(m.get('samtale:book')).toMatchObject({ due: '2026-09-20', deadline: '2026-10-05', status: 'upcoming' });
    expect(m.get('samtale')).toMatchObject({
      due: '2026-10-02', deadline: '2026-10-05', escalateOn: '2026-10-02', statutory: true,
      source: 'Sygedagpengeloven § 7a: samtale senest 4 uger efter første fraværsdag',
    });
    expect(m.get('municipality')).toMatchObject({ due: '2026-10-05', deadline: '2026-10-12', escalateOn: '2026-10-09', status: 'upcoming' });
    expect(m.get('fasttrack')?.status).toBe('not-applicable');
    expect(m.get('fastholdelsesplan')?.status).toBe('not-applicable');
    expect(m.has('return-followup')).toBe(false);
    for (const i of items) expect(i.title.length).toBeGreaterThan(0);
  });

  it('1-5-14 and 2-6-14 are the same machinery', () => {
    const due = (p: FollowUpPolicy) =>
      computeTimeline(p, sick(MON), MON).filter((i) => i.kind === 'contact').map((i) => [i.key, i.due]);
    expect(due(POLICY_PRESETS['1-5-14'])).toEqual([
      ['contact:1', '2026-09-07'], ['contact:5', '2026-09-11'], ['contact:14', '2026-09-20'],
    ]);
    expect(due(POLICY_PRESETS['2-6-14'])).toEqual([
      ['contact:2', '2026-09-08'], ['contact:6', '2026-09-12'], ['contact:14', '2026-09-20'],
    ]);
    expect(item(POLICY_PRESETS['2-6-14'], sick(MON), MON, 'contact:2').source).toBe('Fraværspolitikken: 2-6-14-modellen');
  });

  it('partial absence keeps the statutory milestones; contacts follow the policy', () => {
    const state = sick(MON, { partial: true });
    expect(item(DEFAULT_POLICY, state, MON, 'contact:1')).toMatchObject({ status: 'due', title: 'Kontakt på 1. fraværsdag (delvis sygemeldt)' });
    const noContacts = customPolicy(DEFAULT_POLICY, { partialAbsenceContacts: false });
    expect(status(noContacts, state, MON, 'contact:1')).toBe('not-applicable');
    expect(status(noContacts, state, MON, 'samtale')).toBe('upcoming');
    expect(status(noContacts, state, MON, 'municipality')).toBe('upcoming');
  });

  it('a case starting on a Friday keeps calendar days; overdue only after 2 working days', () => {
    const fri = '2026-09-11';
    const state = sick(fri);
    expect(item(DEFAULT_POLICY, state, fri, 'contact:3').due).toBe('2026-09-13'); // Sunday
    expect(status(DEFAULT_POLICY, state, '2026-09-14', 'contact:1')).toBe('due');
    expect(status(DEFAULT_POLICY, state, '2026-09-14', 'contact:3')).toBe('due');
    expect(status(DEFAULT_POLICY, state, '2026-09-15', 'contact:1')).toBe('overdue');
    expect(status(DEFAULT_POLICY, state, '2026-09-15', 'contact:3')).toBe('overdue');
  });

  it('over Christmas: calendar-day deadlines, working-day grace and escalation', () => {
    const state = sick('2026-12-21');
    const m = byKey(computeTimeline(DEFAULT_POLICY, state, '2026-12-28'));
    expect(m.get('contact:3')).toMatchObject({ due: '2026-12-23', status: 'due' }); // 24-27 closed
    expect(m.get('contact:10')).toMatchObject({ due: '2026-12-30', status: 'upcoming' });
    expect(m.get('samtale')).toMatchObject({ deadline: '2027-01-18', escalateOn: '2027-01-15' });
    expect(m.get('municipality')).toMatchObject({ deadline: '2027-01-25', escalateOn: '2027-01-22' });
    expect(status(DEFAULT_POLICY, state, '2026-12-29', 'contact:3')).toBe('overdue');
    // A deadline on Monday 28/12: three days before is juledag, so escalate on the 23rd.
    const late = byKey(computeTimeline(DEFAULT_POLICY, sick('2026-11-30'), '2026-11-30'));
    expect(late.get('samtale')).toMatchObject({ deadline: '2026-12-28', escalateOn: '2026-12-23' });
  });

  it('over Easter 2027 (Easter Sunday 28 March)', () => {
    const state = sick('2027-03-24');
    expect(item(DEFAULT_POLICY, state, '2027-03-24', 'contact:3').due).toBe('2027-03-26'); // langfredag
    expect(status(DEFAULT_POLICY, state, '2027-03-30', 'contact:3')).toBe('due');
    expect(status(DEFAULT_POLICY, state, '2027-03-31', 'contact:3')).toBe('overdue');
    // Deadline on 2. påskedag; escalation skips langfredag and skærtorsdag.
    const m = byKey(computeTimeline(DEFAULT_POLICY, sick('2027-03-01'), '2027-03-01'));
    expect(m.get('samtale')).toMatchObject({ deadline: '2027-03-29', escalateOn: '2027-03-24' });
  });

  it('expected duration changing from under-1-uge to over-8-uger adds the long-absence items', () => {
    const today = '2026-09-10';
    const short = byKey(computeTimeline(DEFAULT_POLICY, sick(MON, { expectedDuration: 'under-1-uge' }), today));
    expect(short.get('municipality')?.status).toBe('not-applicable');
    expect(short.get('fastholdelsesplan')?.status).toBe('not-applicable');
    expect(short.get('fasttrack')?.status).toBe('not-applicable');
    const long = byKey(computeTimeline(DEFAULT_POLICY, sick(MON, { expectedDuration: 'over-8-uger' }), today));
    expect(long.get('municipality')).toMatchObject({ status: 'upcoming', deadline: '2026-10-12' });
    expect(long.get('fastholdelsesplan')).toMatchObject({ status: 'due', source: expect.stringContaining('§ 7b') });
    expect(long.get('fasttrack')).toMatchObject({ status: 'due', deadline: '2026-10-11' });
    // The fast track window closes after 5 weeks; an optional request is then moot.
    const later = sick(MON, { expectedDuration: 'over-8-uger' });
    expect(status(DEFAULT_POLICY, later, '2026-10-12', 'fasttrack')).toBe('cancelled');
  });

  it('a short expectation does not hide the notification once the absence runs long', () => {
    const state = sick(MON, { expectedDuration: '1-4-uger' });
    expect(status(DEFAULT_POLICY, state, '2026-10-04', 'municipality')).toBe('not-applicable');
    expect(status(DEFAULT_POLICY, state, '2026-10-05', 'municipality')).toBe('due');
    expect(status(DEFAULT_POLICY, state, '2026-10-13', 'municipality')).toBe('overdue');
  });

  it('raskmelding on day 2 cancels everything later', () => {
    const state = sick(MON, { status: 'raskmeldt', returnDay: '2026-09-08', contacts: [{ point: 1, on: MON }] });
    const m = byKey(computeTimeline(DEFAULT_POLICY, state, '2026-09-08'));
    expect(m.get('contact:1')).toMatchObject({ status: 'done', doneOn: MON });
    for (const key of ['contact:3', 'contact:10', 'samtale:book', 'samtale'] as const) {
      expect(m.get(key)?.status).toBe('cancelled');
    }
    expect(m.get('municipality')?.status).toBe('not-applicable');
    expect(m.has('return-followup')).toBe(false); // 1 day is below minAbsenceDays
    const withFollowUp = customPolicy(DEFAULT_POLICY, { returnFollowUp: { minAbsenceDays: 1 } });
    expect(item(withFollowUp, state, '2026-09-08', 'return-followup')).toMatchObject({ status: 'upcoming', due: '2026-09-22' });
    expect(status(withFollowUp, state, '2026-09-22', 'return-followup')).toBe('due');
  });

  it('after a return past the employer period the notification is still due', () => {
    const state = sick(MON, { status: 'raskmeldt', returnDay: '2026-10-09' });
    const m = byKey(computeTimeline(DEFAULT_POLICY, state, '2026-10-09'));
    expect(m.get('municipality')?.status).toBe('due');
    expect(m.get('samtale')?.status).toBe('cancelled');
    expect(m.get('return-followup')).toMatchObject({ status: 'upcoming', due: '2026-10-23' });
  });

  it('a known future return day keeps items due before it', () => {
    const state = sick(MON, { status: 'raskmeldt', returnDay: '2026-09-25' });
    expect(status(DEFAULT_POLICY, state, '2026-09-16', 'contact:10')).toBe('due');
    expect(status(DEFAULT_POLICY, state, '2026-09-16', 'samtale')).toBe('cancelled');
  });

  it('a late registration shows missed contacts as overdue or due now', () => {
    const today = '2026-09-10'; // day 4
    const m = byKey(computeTimeline(DEFAULT_POLICY, sick(MON), today));
    expect(m.get('contact:1')?.status).toBe('overdue');
    expect(m.get('contact:3')?.status).toBe('due');
    // One call today covers both points.
    const called = sick(MON, { contacts: [{ point: 3, on: today }] });
    const after = byKey(computeTimeline(DEFAULT_POLICY, called, today));
    expect(after.get('contact:1')).toMatchObject({ status: 'done', doneOn: today, note: 'Dækket af kontakten 10. september 2026' });
    expect(after.get('contact:3')?.status).toBe('done');
    expect(after.get('contact:10')?.status).toBe('upcoming');
  });

  it('rest pauses contacts but not the statutory milestones', () => {
    const state = sick(MON, { restRequestedOn: '2026-09-08' });
    const m = byKey(computeTimeline(DEFAULT_POLICY, state, '2026-09-21'));
    expect(m.get('contact:3')?.status).toBe('paused');
    expect(m.get('contact:10')?.status).toBe('paused');
    expect(m.get('samtale:book')?.status).toBe('due');
  });

  it('samtale booking, holding and lateness', () => {
    const booked = sick(MON, { samtaleBookedFor: '2026-10-01' });
    const m = byKey(computeTimeline(DEFAULT_POLICY, booked, '2026-09-25'));
    expect(m.get('samtale:book')).toMatchObject({ status: 'done', doneOn: '2026-10-01' });
    expect(m.get('samtale')).toMatchObject({ status: 'upcoming', due: '2026-10-01' });
    expect(status(DEFAULT_POLICY, { ...booked, samtaleHeldOn: '2026-10-01' }, '2026-10-02', 'samtale')).toBe('done');
    expect(status(DEFAULT_POLICY, booked, '2026-10-06', 'samtale')).toBe('overdue');
    expect(item(DEFAULT_POLICY, sick(MON, { samtaleBookedFor: '2026-10-07' }), '2026-09-25', 'samtale').note)
      .toBe('Samtalen er booket efter fristen');
  });
});

describe('engine helpers', () => {
  it('re-reminds after 2 working days, across a weekend', () => {
    expect(reRemindAt(undefined, '2026-09-11', DEFAULT_POLICY)).toBe('2026-09-15'); // Fri → Tue
    expect(reRemindAt(undefined, '2026-09-13', DEFAULT_POLICY)).toBe('2026-09-15'); // Sun → Tue
    expect(reRemindAt(undefined, '2026-09-07', DEFAULT_POLICY)).toBe('2026-09-09');
    expect(reRemindAt('2026-09-11', '2026-09-11', DEFAULT_POLICY)).toBeUndefined();
  });

  it('escalates 3 calendar days before a deadline', () => {
    expect(escalationDate('2026-10-05', DEFAULT_POLICY)).toBe('2026-10-02');
    expect(escalationDate('2026-10-12', DEFAULT_POLICY)).toBe('2026-10-09');
    expect(escalationDate('2026-12-28', DEFAULT_POLICY)).toBe('2026-12-25');
  });

  it('repeated absence: 3 separate cases within 6 months', () => {
    const cases = [
      { firstDay: '2026-02-02', returnDay: '2026-02-04' },
      { firstDay: '2026-04-13', returnDay: '2026-04-14' },
      { firstDay: '2026-06-01', returnDay: '2026-06-03' },
    ];
    expect(needsRepeatedAbsenceTalk(cases, '2026-07-01', DEFAULT_POLICY)).toBe(true);
    expect(needsRepeatedAbsenceTalk(cases, '2026-08-10', DEFAULT_POLICY)).toBe(false);
    expect(needsRepeatedAbsenceTalk(cases.slice(1), '2026-07-01', DEFAULT_POLICY)).toBe(false);
    // Sick again on the day of return is the same absence.
    const touching = [cases[1]!, { firstDay: '2026-06-01', returnDay: '2026-06-03' }, { firstDay: '2026-06-03', returnDay: '2026-06-05' }];
    expect(countRecentAbsences(touching, '2026-07-01', DEFAULT_POLICY)).toBe(2);
    // An ongoing case swallows overlapping registrations; future cases do not count.
    expect(countRecentAbsences([{ firstDay: '2026-05-01' }, { firstDay: '2026-05-10', returnDay: '2026-05-12' }, { firstDay: '2026-08-01' }], '2026-07-01', DEFAULT_POLICY)).toBe(1);
    // The window is inclusive and clamps to the end of February.
    expect(countRecentAbsences([{ firstDay: '2026-02-28', returnDay: '2026-03-01' }], '2026-08-31', DEFAULT_POLICY)).toBe(1);
    expect(countRecentAbsences([{ firstDay: '2026-02-27', returnDay: '2026-03-01' }], '2026-08-31', DEFAULT_POLICY)).toBe(0);
    const strict = customPolicy(DEFAULT_POLICY, { repeatedAbsence: { cases: 2 } });
    expect(needsRepeatedAbsenceTalk(cases.slice(1), '2026-07-01', strict)).toBe(true);
  });

  it('retention of closed case details', () => {
    expect(retentionEndsOn('2026-01-31', DEFAULT_POLICY)).toBe('2027-01-31');
    expect(retentionEndsOn('2028-02-29', DEFAULT_POLICY)).toBe('2029-02-28');
  });
});
