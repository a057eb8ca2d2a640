import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { INVENTORY } from '../../src/privacy/inventory.js';
import { RETENTION_CLASSES, RETENTION_DEFAULTS } from '../../src/privacy/policy.js';
import { mountedApp } from '../support/app-mount.js';

describe('the inventory of personal data', () => {
  it('lists every table a feature mounts (a new table needs a retention rule)', () => {
    const listed = new Set(INVENTORY.map((e) => e.table));
    const missing = mountedApp().tables.filter((t) => !listed.has(t));
    expect(missing, 'add these tables to src/privacy/inventory.ts with their retention').toEqual([]);
  });

  it('names every retention class in some table', () => {
    const used = new Set(INVENTORY.flatMap((e) => (Array.isArray(e.retention) ? e.retention : [])));
    expect([...used].sort()).toEqual(Object.keys(RETENTION_CLASSES).sort());
  });
});

describe('RETENTION', () => {
  it('defaults to the documented periods', () => {
    expect(loadConfig({}).retention).toEqual(RETENTION_DEFAULTS);
    expect(RETENTION_DEFAULTS.reminders).toBe(30);
  });

  it('changes a class and keeps the others', () => {
    const r = loadConfig({ RETENTION: 'events=365, pulseInbox=7' }).retention;
    expect(r.events).toBe(365);
    expect(r.pulseInbox).toBe(7);
    expect(r.actions).toBe(RETENTION_DEFAULTS.actions);
  });

  it('refuses unknown classes, bad syntax and periods below the minimum, naming the variable', () => {
    expect(() => loadConfig({ RETENTION: 'evnts=365' })).toThrow(/RETENTION=.*unknown class "evnts"/);
    expect(() => loadConfig({ RETENTION: 'events:365' })).toThrow(/not class=days/);
    expect(() => loadConfig({ RETENTION: 'reminders=3' })).toThrow(/reminders=3: at least 30 days/);
  });
});
