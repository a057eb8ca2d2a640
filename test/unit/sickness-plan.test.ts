import { describe, expect, it } from 'vitest';
import type { SicknessCase } from '../../src/sickness/model.js';
import { afterClosePlan, casePrefix, followUpPlan, JOB, sendAt } from '../../src/sickness/plan.js';
import { DEFAULT_POLICY, parseDeploymentPolicies, PolicyCatalog, type FollowUpPolicy } from '../../src/sickness/policy.js';
import { DEFAULT_SETTINGS, parseSettings, policyFor } from '../../src/sickness/settings.js';
import { localDateOf } from '../../src/shared/calendar.js';
import { madsCase } from '../support/sickness-case.js';

/** The reminder rows a case gets (pure): keys, kinds, targets and local send days. */
const base = madsCase();
const catalog = new PolicyCatalog();
const ctx = (now: string, policy: FollowUpPolicy = DEFAULT_POLICY) => ({ policy, now: new Date(now), escalateTo: ['lone', 'hanne'] });
const days = (rows: ReturnType<typeof followUpPlan>) =>
  Object.fromEntries(rows.map((r) => [r.key.slice(casePrefix(base).length).replace(/@[^@]+$/, ''), `${localDateOf(r.dueAt)}${r.urgent ? ' urgent' : ''} → ${r.target.kind === 'user' ? r.target.aadObjectId : '?'}`]));

describe('followUpPlan', () => {
  it('1-3-10 opened on day 1: contacts, re-reminders after 2 working days, statutory milestones with escalation', () => {
    const plan = days(followUpPlan(base, ctx('2026-11-24T08:00:00Z')));
    expect(plan).toEqual({
      'contact:1': '2026-11-24 → lone',
      'contact:1:again': '2026-11-26 → lone',
      'contact:3': '2026-11-26 → lone',
      'contact:3:again': '2026-11-30 → lone',
      'contact:10': '2026-12-03 → lone',
      'contact:10:again': '2026-12-07 → lone',
      'samtale:book': '2026-12-07 → lone',
      'samtale:escalate': '2026-12-18 urgent → hanne',
      'municipality:loen': '2026-12-22 → lone',
      // 29 Dec - 3 = Saturday 26 Dec (2. juledag); 24 and 25 Dec are closed too.
      'municipality:loen:escalate': '2026-12-23 urgent → hanne',
      // The long-absence prompts come on day 29, if the employee is still absent then (render decides).
      fasttrack: '2026-12-22 → lone',
      fastholdelsesplan: '2026-12-22 → lone',
    });
    // Every row's key names its recipient, so a handover gets rows of its own.
    for (const r of followUpPlan(base, ctx('2026-11-24T08:00:00Z'))) expect(r.key.endsWith(`@${r.target.kind === 'user' ? r.target.aadObjectId : ''}`)).toBe(true);
  });

  it('payloads carry only the case id and the step', () => {
    for (const row of followUpPlan(base, ctx('2026-11-24T08:00:00Z'))) {
      expect(Object.keys(row.payload ?? {}).every((k) => ['caseId', 'point', 'again', 'step'].includes(k))).toBe(true);
      expect(row.payload?.caseId).toBe(base.id);
      expect([JOB.contact, JOB.milestone, JOB.escalation]).toContain(row.kind);
    }
  });

  it('1-5-14, 2-6-14 and a deployment model by configuration alone', () => {
    const deployment = new PolicyCatalog(parseDeploymentPolicies(JSON.stringify({ id: 'kommune-2026', name: 'Kommunens model', source: 'Hoved-MED 2026', contacts: { days: [2, 7] } })));
    const keys = (model: string, cat = catalog) =>
      followUpPlan({ ...base, model }, ctx('2026-11-24T08:00:00Z', policyFor(DEFAULT_SETTINGS, cat, model)))
        .map((r) => r.key.slice(casePrefix(base).length).replace(/@.*$/, ''))
        .filter((k) => /^contact:\d+$/.test(k));
    expect(keys('1-5-14')).toEqual(['contact:1', 'contact:5', 'contact:14']);
    expect(keys('2-6-14')).toEqual(['contact:2', 'contact:6', 'contact:14']);
    expect(keys('kommune-2026', deployment)).toEqual(['contact:2', 'contact:7']);
    // A model that is gone falls back to the workplace's current one.
    expect(keys('findes-ikke')).toEqual(['contact:1', 'contact:3', 'contact:10']);
  });

  it('contacts handed to a TR go to the TR; a holiday cover takes the leader rows', () => {
    const handed = followUpPlan({ ...base, contactHandovers: [{ point: 3, toId: 'tobias', on: '2026-11-24' }] }, ctx('2026-11-24T08:00:00Z'));
    const to = (step: string) => handed.filter((r) => r.key.includes(`:${step}@`)).map((r) => (r.target.kind === 'user' ? r.target.aadObjectId : ''));
    expect(to('contact:3')).toEqual(['tobias']);
    expect(to('contact:10')).toEqual(['lone']);
    const covered = followUpPlan({ ...base, cover: { leaderId: 'lars', from: '2026-11-24', until: '2026-12-31' } }, ctx('2026-11-24T08:00:00Z'));
    expect(covered.filter((r) => r.kind === 'sickness.contact' || r.kind === 'sickness.milestone').every((r) => r.key.endsWith('@lars'))).toBe(true);
  });

  it('a late registration chases only the latest missed contact, from now', () => {
    const plan = days(followUpPlan(base, ctx('2026-11-27T10:00:00Z')));
    expect(plan['contact:1']).toBeUndefined();
    expect(plan['contact:3']).toBe('2026-11-27 → lone');
    expect(plan['contact:3:again']).toBe('2026-12-01 → lone');
    expect(sendAt('2026-11-24', new Date('2026-11-27T10:00:00Z')).toISOString()).toBe('2026-11-27T10:00:00.000Z');
  });

  it('expected over 8 weeks brings the fast track and fastholdelsesplan prompts to day 1 (not escalated)', () => {
    const plan = days(followUpPlan({ ...base, expectedDuration: 'over-8-uger' }, ctx('2026-11-24T08:00:00Z')));
    expect(plan.fasttrack).toBe('2026-11-24 → lone');
    expect(plan.fastholdelsesplan).toBe('2026-11-24 → lone');
    expect(Object.keys(plan).some((k) => k.startsWith('fasttrack:escalate'))).toBe(false);
  });

  it('the pay decides the notification rows: a changed answer gets its own rows on the new dates', () => {
    const plan = days(followUpPlan({ ...base, pay: 'ingen' }, ctx('2026-11-24T08:00:00Z')));
    expect(plan['municipality:ingen']).toBe('2026-12-01 → lone'); // 14 days, reminded a week before
    expect(plan['municipality:loen']).toBeUndefined();
  });

  it('a reported (unconfirmed) case gets no rows', () => {
    expect(followUpPlan({ ...base, status: 'meldt' }, ctx('2026-11-24T08:00:00Z'))).toEqual([]);
  });
});

describe('afterClosePlan', () => {
  it('raskmelding on day 2: nothing more', () => {
    const closed: SicknessCase = { ...base, status: 'raskmeldt', returnDay: '2026-11-25', closedOn: '2026-11-25' };
    expect(afterClosePlan(closed, ctx('2026-11-25T08:00:00Z'))).toEqual([]);
  });

  it('after 20 days: the return follow-up 14 days after the return', () => {
    const closed: SicknessCase = { ...base, status: 'raskmeldt', returnDay: '2026-12-14', closedOn: '2026-12-14' };
    expect(days(afterClosePlan(closed, ctx('2026-12-14T08:00:00Z')))).toEqual({ 'after:return-followup': '2026-12-28 → lone' });
  });

  it('past the employer period, the municipality notification survives the return', () => {
    const closed: SicknessCase = { ...base, status: 'raskmeldt', returnDay: '2026-12-30', closedOn: '2026-12-30' };
    const plan = days(afterClosePlan(closed, ctx('2026-12-30T08:00:00Z')));
    expect(plan['after:municipality:loen']).toBe('2026-12-30 → lone');
    expect(plan['after:municipality:loen:escalate']).toContain('urgent');
  });
});

describe('settings', () => {
  it('defaults to 1-3-10 and reads each setting on its own', () => {
    expect(policyFor(DEFAULT_SETTINGS, catalog).id).toBe('1-3-10');
    expect(policyFor(parseSettings({ model: '9-9-9' }), catalog).id).toBe('1-3-10');
    // One bad field keeps its default and takes nothing else with it.
    expect(parseSettings({ repeatedCases: 'mange', retentionMonths: 6 })).toMatchObject({ repeatedCases: 3, retentionMonths: 6 });
    expect(parseSettings(null)).toEqual(DEFAULT_SETTINGS);
    const p = policyFor(parseSettings({ model: '1-5-14', repeatedCases: 4, retentionMonths: 6, returnFollowUp: false }), catalog);
    expect(p.contacts.days).toEqual([1, 5, 14]);
    expect(p.repeatedAbsence.cases).toBe(4);
    expect(p.retention.closedCaseMonths).toBe(6);
    expect(p.returnFollowUp.enabled).toBe(false);
  });
});
