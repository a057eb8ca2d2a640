import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { parseDeploymentPolicies, PolicyCatalog } from '../../src/sickness/policy.js';

/** SICKNESS_POLICY: the deployment's own models, checked at start-up with the field and the fix. */
const model = { id: 'kommune-2026', name: 'Kommunens model', source: 'Hoved-MED 2026', contacts: { days: [1, 4, 12] } };
const problems = (value: string): string[] => {
  try {
    loadConfig({ SICKNESS_POLICY: value });
    return [];
  } catch (e) {
    return e instanceof ConfigError ? e.problems : [String(e)];
  }
};

describe('SICKNESS_POLICY', () => {
  it('takes one model or a list; the first is the default', () => {
    expect(loadConfig({ SICKNESS_POLICY: JSON.stringify(model) }).sicknessPolicy).toBe(JSON.stringify(model));
    const catalog = new PolicyCatalog(parseDeploymentPolicies(JSON.stringify([model, { ...model, id: 'andet' }])));
    expect(catalog.defaultId).toBe('kommune-2026');
    expect(catalog.models.map((m) => m.id)).toEqual(['1-3-10', '1-5-14', '2-6-14', 'kommune-2026', 'andet']);
    expect(catalog.get('andet')?.contacts.days).toEqual([1, 4, 12]);
    expect(new PolicyCatalog().defaultId).toBe('1-3-10');
    expect(loadConfig({}).sicknessPolicy).toBeUndefined();
  });

  it('stops start-up with the field that is wrong and where to read about it', () => {
    expect(problems('{ not json')[0]).toMatch(/^SICKNESS_POLICY is not JSON: .* \(a JSON model or list of models \(README, "Fraværspolitikken som data"\)/);
    expect(problems(JSON.stringify({ ...model, samtale: { holdWithinDays: 40 } }))[0]).toContain('SICKNESS_POLICY: samtale.holdWithinDays: højst 28 dage');
    expect(problems(JSON.stringify([model, { ...model, contacts: { days: [5, 2] } }]))[0]).toContain('[1].contacts.days: kontaktdagene skal stå i stigende rækkefølge');
    // A misspelt field is named, not ignored.
    expect(problems(JSON.stringify({ ...model, contact: { days: [1] } }))[0]).toMatch(/SICKNESS_POLICY: .*Unrecognized key.*"contact"/);
    expect(problems(JSON.stringify({ ...model, id: '1-3-10' }))[0]).toContain('the id "1-3-10" is taken');
    expect(problems(JSON.stringify({ ...model, id: 'eget' }))[0]).toContain('the id "eget" is taken');
  });
});
