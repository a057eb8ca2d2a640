/**
 * The fraværspolitik model at its edges (issue 23: mutants that survived): each cross-field
 * check on its boundary with its path, SICKNESS_POLICY's parse errors with their paths,
 * the catalog without a deployment, overrides that keep what they do not name, and frozen
 * deployment models.
 */
import { describe, expect, it } from 'vitest';
import { policyText } from '../../src/i18n/sickness-rules.js';
import { DEFAULT_POLICY, LocalPolicySchema, parseDeploymentPolicies, PolicyCatalog, POLICY_PRESETS } from '../../src/sickness/policy.js';
import { customPolicy } from '../support/policy.js';

const base = { id: 'x', name: 'Vores model', source: 'Lokal-MED 2026', contacts: { days: [1, 3, 10] } };
const issues = (input: unknown) => (LocalPolicySchema.safeParse(input).error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);

describe('the local policy on its boundaries', () => {
  it('refuses a contact day given twice, accepts one day', () => {
    expect(issues({ ...base, contacts: { days: [1, 1] } })).toEqual([`contacts.days: ${policyText.contactOrder}`]);
    expect(issues({ ...base, contacts: { days: [5] } })).toEqual([]);
  });

  it('the reminder to agree a time comes by the booking deadline: day 22 with 21 days is the last', () => {
    expect(issues({ ...base, samtale: { remindFromDay: 22, bookWithinDays: 21 } })).toEqual([]);
    expect(issues({ ...base, samtale: { remindFromDay: 23, bookWithinDays: 21 } })).toEqual([`samtale.remindFromDay: ${policyText.bookBeforeDeadline}`]);
  });

  it('booking and holding may share a deadline; escalation must come before it', () => {
    expect(issues({ ...base, samtale: { bookWithinDays: 20, holdWithinDays: 20, remindFromDay: 14 } })).toEqual([]);
    expect(issues({ ...base, samtale: { bookWithinDays: 10, holdWithinDays: 10, remindFromDay: 5 }, escalation: { daysBeforeDeadline: 9 } })).toEqual([]);
    expect(issues({ ...base, samtale: { bookWithinDays: 10, holdWithinDays: 10, remindFromDay: 5 }, escalation: { daysBeforeDeadline: 10 } })).toEqual([`escalation.daysBeforeDeadline: ${policyText.escalationBeforeDeadline}`]);
  });
});

describe('SICKNESS_POLICY', () => {
  it('nothing, or only spaces, is no model', () => {
    expect(parseDeploymentPolicies(undefined)).toEqual([]);
    expect(parseDeploymentPolicies('')).toEqual([]);
    expect(parseDeploymentPolicies('   ')).toEqual([]);
  });

  it('says where each problem is: the path, with the index in a list, or (model)', () => {
    expect(() => parseDeploymentPolicies('{nope')).toThrow(/^SICKNESS_POLICY is not JSON: /);
    expect(() => parseDeploymentPolicies(JSON.stringify({ ...base, contacts: { days: [3, 1] } }))).toThrow(`SICKNESS_POLICY: contacts.days: ${policyText.contactOrder}`);
    expect(() => parseDeploymentPolicies(JSON.stringify([base, { ...base, id: 'y', contacts: { days: [3, 1] } }]))).toThrow(`SICKNESS_POLICY: [1].contacts.days: ${policyText.contactOrder}`);
    expect(() => parseDeploymentPolicies('42')).toThrow(/^SICKNESS_POLICY: \(model\): /);
  });

  it('lists every problem of a model, not only the first', () => {
    expect(() => parseDeploymentPolicies(JSON.stringify({ ...base, id: 'Vores Model', name: 'x' }))).toThrow(
      `SICKNESS_POLICY: id: ${policyText.v.id}; name: ${policyText.v.name}`,
    );
  });

  it('the catalog without a deployment holds the presets only, and freezes deployment models deeply', () => {
    expect(new PolicyCatalog().models).toEqual(Object.values(POLICY_PRESETS));
    const catalog = new PolicyCatalog(parseDeploymentPolicies(JSON.stringify(base)));
    const model = catalog.get('x')!;
    expect(Object.isFrozen(model)).toBe(true);
    expect(Object.isFrozen(model.contacts)).toBe(true);
    expect(Object.isFrozen(model.contacts.days)).toBe(true);
  });
});

describe('customPolicy', () => {
  it('changes what it names and keeps the rest; a list replaces the list', () => {
    const p = customPolicy(DEFAULT_POLICY, { samtale: { bookWithinDays: 20 }, contacts: { days: [2, 5] } });
    expect(p.samtale).toEqual({ ...DEFAULT_POLICY.samtale, bookWithinDays: 20 });
    expect(p.contacts.days).toEqual([2, 5]);
    expect(customPolicy(DEFAULT_POLICY, { samtale: { bookWithinDays: undefined } }).samtale).toEqual(DEFAULT_POLICY.samtale);
  });
});
