import { describe, expect, it } from 'vitest';
import { LAW } from '../../src/sickness/law.js';
import { DEFAULT_POLICY, LocalPolicySchema, POLICY_PRESETS, withRules, type FollowUpPolicy } from '../../src/sickness/policy.js';
import { customPolicy } from '../support/policy.js';
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

const byKey = (items: TimelineItem[]) => new Map<TimelineKey, TimelineItem>(items.map((i) => [i.key, i]));

function item(policy: FollowUpPolicy, state: SicknessCaseState, today: string, key: TimelineKey): TimelineItem {
  const found = byKey(computeTimeline(policy, state, today)).get(key);
  if (!found) throw new Error(`no ${key}`);
  return found;
}

const status = (policy: FollowUpPolicy, state: SicknessCaseState, today: string, key: TimelineKey) => item(policy, state, today, key).status;
const preset = (id: string) => withRules(POLICY_PRESETS[id]!);

// 2026-09-07 is a Monday.
const MON = '2026-09-07';

describe('policy', () => {
  it('defaults to 1-3-10, with the workplace policy named apart from the law', () => {
    expect(DEFAULT_POLICY.contacts).toEqual({ days: [1, 3, 10], counting: 'calendar', remindAgainAfterWorkingDays: 2, duringPartialAbsence: true });
    expect(DEFAULT_POLICY.samtale).toEqual({ remindFromDay: 14, bookWithinDays: 21, holdWithinDays: 28 });
    expect(DEFAULT_POLICY.name).toBe('1-3-10-modellen');
    expect(DEFAULT_POLICY.source).toBe('Kontakt på 1., 3. og 10. fraværsdag, valgt i indstillingerne.');
    expect(item(DEFAULT_POLICY, sick(MON), MON, 'contact:3').source).toBe('Jeres fraværspolitik: 1-3-10-modellen. Kontakt på 1., 3. og 10. fraværsdag, valgt i indstillingerne.');
    expect(Object.isFrozen(DEFAULT_POLICY.samtale)).toBe(true);
  });

  it('validates: day order, the law as the latest samtale, unknown fields', () => {
    const base = { id: 'x', name: 'Vores model', source: 'Lokal-MED 2026', contacts: { days: [1, 3, 10] } };
    expect(LocalPolicySchema.safeParse(base).success).toBe(true);
    const issues = (input: unknown) => (LocalPolicySchema.safeParse(input).error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(issues({ ...base, contacts: { days: [3, 1] } })).toEqual(['contacts.days: kontaktdagene skal stå i stigende rækkefølge uden gentagelser']);
    expect(issues({ ...base, samtale: { holdWithinDays: 35 } })).toEqual(['samtale.holdWithinDays: højst 28 dage: loven kræver samtalen senest 4 uger efter første fraværsdag (§ 7 a)']);
    expect(issues({ ...base, samtale: { bookWithinDays: 25, holdWithinDays: 20 } })).toEqual(['samtale.bookWithinDays: fristen for at aftale tid kan ikke ligge efter fristen for at holde samtalen']);
    expect(issues({ ...base, contacts: { days: [1], countng: 'working' } })).toHaveLength(1);
    const p = customPolicy(DEFAULT_POLICY, { returnFollowUp: { enabled: false } });
    expect(p.returnFollowUp).toEqual({ enabled: false, daysAfterReturn: 14, minAbsenceDays: 14 });
    expect(DEFAULT_POLICY.returnFollowUp.enabled).toBe(true);
  });
});

describe('computeTimeline', () => {
  it('1-3-10: contacts on day 1, 3 and 10 and the statutory milestones with the law stated', () => {
    const items = computeTimeline(DEFAULT_POLICY, sick(MON), MON);
    const m = byKey(items);
    expect(items.map((i) => i.key)).toEqual(['contact:1', 'contact:3', 'contact:10', 'samtale:book', 'samtale', 'municipality', 'fasttrack', 'fastholdelsesplan']);
    expect(['contact:1', 'contact:3', 'contact:10'].map((k) => m.get(k as TimelineKey)?.due)).toEqual(['2026-09-07', '2026-09-09', '2026-09-16']);
    expect(m.get('contact:1')).toMatchObject({ status: 'due', kind: 'contact', statutory: false, deadline: undefined });
    expect(m.get('contact:3')?.status).toBe('upcoming');
    // Booking and holding have their own deadlines: agree on a time by day 21, hold it by day 28.
    expect(m.get('samtale:book')).toMatchObject({ due: '2026-09-20', deadline: '2026-09-28', status: 'upcoming' });
    expect(m.get('samtale')).toMatchObject({ due: '2026-10-02', deadline: '2026-10-05', escalateOn: '2026-10-02', statutory: true });
    expect(m.get('samtale')?.source).toBe('Sygedagpengeloven § 7 a: Arbejdsgiveren skal holde samtalen senest 4 uger efter første fraværsdag, hvis medarbejderen stadig er syg.');
    expect(m.get('samtale')?.local).toContain('Jeres fraværspolitik (1-3-10-modellen): aftal tid senest 21 dage');
    expect(m.get('municipality')).toMatchObject({ due: '2026-10-05', deadline: '2026-10-12', escalateOn: '2026-10-09', status: 'upcoming' });
    expect(m.get('municipality')?.source).toContain('§ 40, stk. 1: Får medarbejderen løn under sygdom, skal fraværet anmeldes til kommunen senest 5 uger efter første fraværsdag, hvis det varer ud over arbejdsgiverperioden på 30 dage.');
    // The long-absence items wait for the absence to grow: day 29.
    expect(m.get('fasttrack')).toMatchObject({ status: 'upcoming', due: '2026-10-05', deadline: '2026-10-11' });
    expect(m.get('fastholdelsesplan')).toMatchObject({ status: 'upcoming', due: '2026-10-05' });
    expect(m.has('return-followup')).toBe(false);
  });

  it('1-5-14 and 2-6-14 are the same machinery', () => {
    const due = (p: FollowUpPolicy) => computeTimeline(p, sick(MON), MON).filter((i) => i.kind === 'contact').map((i) => [i.key, i.due]);
    expect(due(preset('1-5-14'))).toEqual([['contact:1', '2026-09-07'], ['contact:5', '2026-09-11'], ['contact:14', '2026-09-20']]);
    expect(due(preset('2-6-14'))).toEqual([['contact:2', '2026-09-08'], ['contact:6', '2026-09-12'], ['contact:14', '2026-09-20']]);
  });

  it('a model counting working days skips weekends and holidays', () => {
    const working = customPolicy(DEFAULT_POLICY, { contacts: { counting: 'working' } });
    const fri = '2026-09-11';
    const m = byKey(computeTimeline(working, sick(fri), fri));
    expect(m.get('contact:1')?.due).toBe('2026-09-11');
    expect(m.get('contact:3')?.due).toBe('2026-09-15'); // Fri, Mon, Tue
    expect(m.get('contact:10')?.due).toBe('2026-09-24');
    expect(m.get('contact:3')?.title).toBe('Kontakt på 3. arbejdsdag i fraværet');
    // Sick on a Saturday: day 1 is Monday. The statutory deadlines stay calendar days.
    expect(item(working, sick('2026-09-12'), '2026-09-12', 'contact:1').due).toBe('2026-09-14');
    expect(item(working, sick('2026-09-12'), '2026-09-12', 'samtale').deadline).toBe('2026-10-10');
  });

  it('a local model can ask for the samtale earlier than the law; its own line stands apart', () => {
    const early = customPolicy(DEFAULT_POLICY, { name: 'Solhøjs politik', samtale: { bookWithinDays: 10, holdWithinDays: 14, remindFromDay: 7 }, escalation: { daysBeforeDeadline: 2 } });
    const s = item(early, sick(MON), MON, 'samtale');
    expect(s).toMatchObject({ deadline: '2026-09-21', escalateOn: '2026-09-18' });
    expect(s.source).toContain('§ 7 a');
    expect(s.local).toBe('Jeres fraværspolitik (Solhøjs politik): aftal tid senest 10 dage og hold samtalen senest 14 dage efter første fraværsdag.');
  });

  it('partial absence keeps the statutory milestones; contacts follow the policy', () => {
    const state = sick(MON, { partial: true });
    expect(item(DEFAULT_POLICY, state, MON, 'contact:1')).toMatchObject({ status: 'due', title: 'Kontakt på 1. fraværsdag (delvis sygemeldt)' });
    const noContacts = customPolicy(DEFAULT_POLICY, { contacts: { duringPartialAbsence: false } });
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

  it('over Christmas and Easter: calendar-day deadlines, working-day grace and escalation', () => {
    const state = sick('2026-12-21');
    const m = byKey(computeTimeline(DEFAULT_POLICY, state, '2026-12-28'));
    expect(m.get('contact:3')).toMatchObject({ due: '2026-12-23', status: 'due' });
    expect(m.get('samtale')).toMatchObject({ deadline: '2027-01-18', escalateOn: '2027-01-15' });
    expect(m.get('municipality')).toMatchObject({ deadline: '2027-01-25', escalateOn: '2027-01-22' });
    expect(status(DEFAULT_POLICY, state, '2026-12-29', 'contact:3')).toBe('overdue');
    expect(item(DEFAULT_POLICY, sick('2026-11-30'), '2026-11-30', 'samtale')).toMatchObject({ deadline: '2026-12-28', escalateOn: '2026-12-23' });
    expect(item(DEFAULT_POLICY, sick('2027-03-01'), '2027-03-01', 'samtale')).toMatchObject({ deadline: '2027-03-29', escalateOn: '2027-03-24' });
  });

  it('a deadline is met on its day: the samtale on day 28 and the notification on day 35 are not overdue yet', () => {
    const state = sick(MON, { expectedDuration: 'over-4-uger' });
    expect(status(DEFAULT_POLICY, state, '2026-10-05', 'samtale')).toBe('due'); // first day + 28
    expect(status(DEFAULT_POLICY, state, '2026-10-06', 'samtale')).toBe('overdue');
    expect(status(DEFAULT_POLICY, state, '2026-10-12', 'municipality')).toBe('due'); // first day + 35
    expect(status(DEFAULT_POLICY, state, '2026-10-13', 'municipality')).toBe('overdue');
    expect(status(DEFAULT_POLICY, state, '2026-09-28', 'samtale:book')).toBe('due'); // first day + 21
    expect(status(DEFAULT_POLICY, state, '2026-09-29', 'samtale:book')).toBe('overdue');
  });

  it('the long-absence items follow the actual absence, whatever the leader guessed', () => {
    for (const guess of ['1-4-uger', 'ukendt', 'under-1-uge'] as const) {
      const state = sick(MON, { expectedDuration: guess });
      expect(status(DEFAULT_POLICY, state, '2026-10-04', 'fastholdelsesplan'), guess).toBe('upcoming'); // day 28
      expect(status(DEFAULT_POLICY, state, '2026-10-05', 'fastholdelsesplan'), guess).toBe('due'); // day 29
      expect(status(DEFAULT_POLICY, state, '2026-10-05', 'fasttrack'), guess).toBe('due');
      // Day 60: the plan is still to be offered; the employer's fast track window (5 weeks) has closed.
      expect(status(DEFAULT_POLICY, state, '2026-11-05', 'fastholdelsesplan'), guess).toBe('due');
      expect(item(DEFAULT_POLICY, state, '2026-11-05', 'fasttrack'), guess).toMatchObject({ status: 'cancelled', note: 'Fristen for arbejdsgiverens anmodning om fast track er passeret' });
    }
    // When the expectation says more, from day 1.
    expect(item(DEFAULT_POLICY, sick(MON, { expectedDuration: 'over-8-uger' }), '2026-09-10', 'fasttrack')).toMatchObject({ status: 'due', due: MON, deadline: '2026-10-11' });
    expect(status(DEFAULT_POLICY, sick(MON, { expectedReturn: '2026-11-20' }), MON, 'fastholdelsesplan')).toBe('due');
    expect(item(DEFAULT_POLICY, sick(MON), MON, 'fasttrack').source).toBe(
      'Sygedagpengeloven § 7 c: Arbejdsgiveren eller medarbejderen kan bede jobcentret om fast track, når fraværet ventes at vare over 8 uger. Arbejdsgiveren skal bede om det inden for de første 5 uger, og medarbejderen kan sige nej.',
    );
  });

  it('the employee may ask for a fastholdelsesplan at any time (§ 7 b): due at once, done when made or declined', () => {
    const asked = sick(MON, { expectedDuration: 'under-1-uge', fastholdelsesplanRequestedOn: '2026-09-09' });
    expect(item(DEFAULT_POLICY, asked, '2026-09-09', 'fastholdelsesplan')).toMatchObject({
      status: 'due',
      due: '2026-09-09',
      title: 'Lav fastholdelsesplanen sammen med medarbejderen',
      note: 'Medarbejderen bad om den 9. september 2026. Du kan afslå (§ 7 b, stk. 2).',
    });
    expect(item(DEFAULT_POLICY, { ...asked, fastholdelsesplanPlannedOn: '2026-09-15' }, '2026-09-16', 'fastholdelsesplan')).toMatchObject({ status: 'done', doneOn: '2026-09-15' });
    // Told about the right earlier, asked later: due again.
    expect(status(DEFAULT_POLICY, { ...asked, fastholdelsesplanOfferedOn: '2026-09-08' }, '2026-09-10', 'fastholdelsesplan')).toBe('due');
  });

  it('a short expectation does not hide the notification once the absence runs long', () => {
    const state = sick(MON, { expectedDuration: '1-4-uger' });
    expect(status(DEFAULT_POLICY, state, '2026-10-04', 'municipality')).toBe('not-applicable');
    expect(status(DEFAULT_POLICY, state, '2026-10-05', 'municipality')).toBe('due');
    expect(status(DEFAULT_POLICY, state, '2026-10-13', 'municipality')).toBe('overdue');
  });

  it('staff without salary during sickness have the deadlines of § 40, stk. 2 and 3', () => {
    const dagpenge = item(DEFAULT_POLICY, sick(MON, { pay: 'sygedagpenge', expectedDuration: 'over-8-uger' }), MON, 'municipality');
    expect(dagpenge).toMatchObject({ deadline: '2026-10-13', due: '2026-10-06' }); // 1 week after the employer period (day 30)
    expect(dagpenge.source).toContain('§ 40, stk. 2');
    // Without employer-paid sygedagpenge: 14 days, however short the absence is expected to be.
    const none = sick(MON, { pay: 'ingen', expectedDuration: 'under-1-uge' });
    expect(item(DEFAULT_POLICY, none, MON, 'municipality')).toMatchObject({ status: 'upcoming', due: '2026-09-14', deadline: '2026-09-21' });
    expect(item(DEFAULT_POLICY, none, MON, 'municipality').source).toContain('§ 40, stk. 3');
    expect(status(DEFAULT_POLICY, none, '2026-09-21', 'municipality')).toBe('due');
    expect(status(DEFAULT_POLICY, none, '2026-09-22', 'municipality')).toBe('overdue');
    // After a return on day 3 the duty stays.
    expect(status(DEFAULT_POLICY, { ...none, status: 'raskmeldt', returnDay: '2026-09-10' }, '2026-09-15', 'municipality')).toBe('due');
    expect(LAW.municipality.ingen.withinDays).toBe(14);
  });

  it('raskmelding on day 2 cancels what was not due yet', () => {
    const state = sick(MON, { status: 'raskmeldt', returnDay: '2026-09-08', contacts: [{ point: 1, on: MON }] });
    const m = byKey(computeTimeline(DEFAULT_POLICY, state, '2026-09-08'));
    expect(m.get('contact:1')).toMatchObject({ status: 'done', doneOn: MON });
    for (const key of ['contact:3', 'contact:10', 'samtale:book', 'samtale', 'fasttrack', 'fastholdelsesplan'] as const) expect(m.get(key)?.status, key).toBe('cancelled');
    expect(m.get('municipality')?.status).toBe('not-applicable');
    expect(m.has('return-followup')).toBe(false);
    const withFollowUp = customPolicy(DEFAULT_POLICY, { returnFollowUp: { minAbsenceDays: 1 } });
    expect(item(withFollowUp, state, '2026-09-08', 'return-followup')).toMatchObject({ status: 'upcoming', due: '2026-09-22' });
  });

  it('raskmelding keeps a missed deadline missed, also long after', () => {
    // Back on day 33: the samtale (deadline day 28) was never held, the day 10 contact never made.
    const state = sick(MON, { status: 'raskmeldt', returnDay: '2026-10-09', contacts: [{ point: 1, on: MON }, { point: 3, on: '2026-09-09' }] });
    for (const today of ['2026-10-09', '2027-01-15']) {
      const m = byKey(computeTimeline(DEFAULT_POLICY, state, today));
      expect(m.get('samtale'), today).toMatchObject({ status: 'overdue', note: 'Fristen blev overskredet, før medarbejderen blev raskmeldt' });
      expect(m.get('samtale:book')?.status).toBe('overdue');
      expect(m.get('contact:10')?.status).toBe('overdue');
      expect(m.get('contact:3')?.status).toBe('done');
    }
    // Due but not missed on the last day of absence: cancelled.
    const m = byKey(computeTimeline(DEFAULT_POLICY, state, '2026-10-09'));
    expect(m.get('fasttrack')?.status).toBe('cancelled');
    expect(m.get('municipality')?.status).toBe('due');
    expect(m.get('return-followup')).toMatchObject({ status: 'upcoming', due: '2026-10-23' });
  });

  it('a known future return day keeps items due before it', () => {
    const state = sick(MON, { status: 'raskmeldt', returnDay: '2026-09-25' });
    expect(status(DEFAULT_POLICY, state, '2026-09-16', 'contact:10')).toBe('due');
    expect(status(DEFAULT_POLICY, state, '2026-09-16', 'samtale')).toBe('cancelled');
  });

  it('a late registration shows missed contacts as overdue or due now; one call covers both', () => {
    const today = '2026-09-10';
    const m = byKey(computeTimeline(DEFAULT_POLICY, sick(MON), today));
    expect(m.get('contact:1')?.status).toBe('overdue');
    expect(m.get('contact:3')?.status).toBe('due');
    const after = byKey(computeTimeline(DEFAULT_POLICY, sick(MON, { contacts: [{ point: 3, on: today }] }), today));
    expect(after.get('contact:1')).toMatchObject({ status: 'done', doneOn: today, note: 'Dækket af kontakten 10. september 2026' });
    expect(after.get('contact:10')?.status).toBe('upcoming');
  });

  it('rest pauses contacts but not the statutory milestones', () => {
    const m = byKey(computeTimeline(DEFAULT_POLICY, sick(MON, { restRequestedOn: '2026-09-08' }), '2026-09-21'));
    expect(m.get('contact:3')?.status).toBe('paused');
    expect(m.get('contact:10')?.status).toBe('paused');
    expect(m.get('samtale:book')?.status).toBe('due');
  });

  it('a booked samtale shows as booked for its date, then asks for the outcome', () => {
    const booked = sick(MON, { samtaleBookedOn: '2026-09-22', samtaleBookedFor: '2026-10-01' });
    const m = byKey(computeTimeline(DEFAULT_POLICY, booked, '2026-09-25'));
    // Booking was done on the day it was booked, not on the day of the meeting.
    expect(m.get('samtale:book')).toMatchObject({ status: 'done', doneOn: '2026-09-22' });
    expect(m.get('samtale')).toMatchObject({ status: 'booked', due: '2026-10-01' });
    expect(item(DEFAULT_POLICY, booked, '2026-10-01', 'samtale')).toMatchObject({ status: 'due', note: 'Registrér, hvad I aftalte' });
    // Booked in time and held: done. Not held and the deadline passed: still due (it was booked in time).
    expect(status(DEFAULT_POLICY, { ...booked, samtaleHeldOn: '2026-10-01' }, '2026-10-02', 'samtale')).toBe('done');
    expect(status(DEFAULT_POLICY, booked, '2026-10-06', 'samtale')).toBe('due');
    const late = sick(MON, { samtaleBookedOn: '2026-09-25', samtaleBookedFor: '2026-10-07' });
    expect(item(DEFAULT_POLICY, late, '2026-09-25', 'samtale')).toMatchObject({ status: 'booked', note: 'Samtalen er booket efter fristen' });
    expect(status(DEFAULT_POLICY, late, '2026-10-07', 'samtale')).toBe('overdue');
  });
});

describe('engine helpers', () => {
  it('re-reminds after 2 working days, across a weekend', () => {
    expect(reRemindAt(undefined, '2026-09-11', DEFAULT_POLICY)).toBe('2026-09-15');
    expect(reRemindAt(undefined, '2026-09-13', DEFAULT_POLICY)).toBe('2026-09-15');
    expect(reRemindAt(undefined, '2026-09-07', DEFAULT_POLICY)).toBe('2026-09-09');
    expect(reRemindAt('2026-09-11', '2026-09-11', DEFAULT_POLICY)).toBeUndefined();
    expect(reRemindAt(undefined, '2026-09-07', customPolicy(DEFAULT_POLICY, { contacts: { remindAgainAfterWorkingDays: 4 } }))).toBe('2026-09-11');
  });

  it('escalates the configured number of calendar days before a deadline', () => {
    expect(escalationDate('2026-10-05', DEFAULT_POLICY)).toBe('2026-10-02');
    expect(escalationDate('2026-12-28', DEFAULT_POLICY)).toBe('2026-12-25');
    expect(escalationDate('2026-10-05', customPolicy(DEFAULT_POLICY, { escalation: { daysBeforeDeadline: 7 } }))).toBe('2026-09-28');
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
    const touching = [cases[1]!, { firstDay: '2026-06-01', returnDay: '2026-06-03' }, { firstDay: '2026-06-03', returnDay: '2026-06-05' }];
    expect(countRecentAbsences(touching, '2026-07-01', DEFAULT_POLICY)).toBe(2);
    expect(countRecentAbsences([{ firstDay: '2026-05-01' }, { firstDay: '2026-05-10', returnDay: '2026-05-12' }, { firstDay: '2026-08-01' }], '2026-07-01', DEFAULT_POLICY)).toBe(1);
    expect(countRecentAbsences([{ firstDay: '2026-02-28', returnDay: '2026-03-01' }], '2026-08-31', DEFAULT_POLICY)).toBe(1);
    expect(countRecentAbsences([{ firstDay: '2026-02-27', returnDay: '2026-03-01' }], '2026-08-31', DEFAULT_POLICY)).toBe(0);
    expect(needsRepeatedAbsenceTalk(cases.slice(1), '2026-07-01', customPolicy(DEFAULT_POLICY, { repeatedAbsence: { cases: 2 } }))).toBe(true);
  });

  it('retention of closed case details', () => {
    expect(retentionEndsOn('2026-01-31', DEFAULT_POLICY)).toBe('2027-01-31');
    expect(retentionEndsOn('2028-02-29', DEFAULT_POLICY)).toBe('2029-02-28');
  });
});
