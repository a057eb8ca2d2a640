import { describe, expect, it } from 'vitest';
import { applyFollowUp, heldRecently, missingApprovals, settingsApproved } from '../../../src/mus/rules.js';
import { parseFollowUp, parseRegistration, personSchema } from '../../../src/mus/schemas.js';
import type { PlanActivity } from '../../../src/mus/model.js';

const who = (roles: string[], id = roles.join('')) => ({ id, name: id, roles, at: '2026-11-24T09:00:00Z' });

describe("MED's frame: a leader and an employee representative", () => {
  it('needs both a leader and a TR or AMR', () => {
    expect(missingApprovals([])).toEqual(['leader', 'representative']);
    expect(missingApprovals([who(['TR', 'medarbejder'])])).toEqual(['leader']);
    expect(missingApprovals([who(['leder'])])).toEqual(['representative']);
    expect(settingsApproved([who(['leder']), who(['AMR'])])).toBe(true);
    expect(settingsApproved([who(['TR']), who(['AMR'])])).toBe(false);
  });

  it('never counts a leader as the employees\' representative', () => {
    expect(settingsApproved([who(['leder', 'TR'])])).toBe(false);
    expect(missingApprovals([who(['leder', 'TR'])])).toEqual(['representative']);
  });
});

describe('a MUS held recently', () => {
  it('is less than 11 months ago', () => {
    expect(heldRecently('2026-11-24', '2026-11-24')).toBe(true);
    expect(heldRecently('2026-01-01', '2026-11-30')).toBe(true);
    expect(heldRecently('2026-01-01', '2026-12-01')).toBe(false);
    expect(heldRecently(undefined, '2026-12-01')).toBe(false);
  });
});

describe('the follow-up of a plan', () => {
  const activities: PlanActivity[] = [
    { kind: 'kursus', text: 'Kursus i medicinhåndtering', status: 'planned', note: '' },
    { kind: 'projekt', text: 'Traumebevidst pædagogik', status: 'started', note: '' },
  ];

  it('sets statuses and notes, adds new activities as planned, and says what changed', () => {
    const r = applyFollowUp(activities, [{ index: 0, status: 'done', note: 'Bestået i marts' }, { index: 1, status: 'started', note: 'Halvvejs' }], [{ kind: 'andet', text: 'Psykiatrisk grunduddannelse' }]);
    expect(r.changed).toEqual([{ index: 0, from: 'planned', to: 'done' }]);
    expect(r.activities.map((a) => [a.status, a.note])).toEqual([['done', 'Bestået i marts'], ['started', 'Halvvejs'], ['planned', '']]);
    expect(activities[0]!.status).toBe('planned'); // the input is not changed
  });

  it('reads the follow-up card: a status per activity, an unknown status is refused at its field', () => {
    const ok = parseFollowUp({ shortGoals: 'Mål', s_0: 'done', n_0: '', s_1: 'dropped', n_1: 'Ikke relevant mere', changes: 'Nyt kursus', nextFollowUpOn: '2027-12-01' }, 2, '2027-06-01');
    expect(ok).toMatchObject({ ok: true, data: { updates: [{ index: 0, status: 'done' }, { index: 1, status: 'dropped', note: 'Ikke relevant mere' }], nextFollowUpOn: '2027-12-01' } });
    const bad = parseFollowUp({ shortGoals: 'Mål', s_0: 'finished', s_1: 'done', new_text: 'Et kursus', nextFollowUpOn: '2027-05-01' }, 2, '2027-06-01');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.errors).toMatchObject({ s_0: 'Vælg fra listen', new_kind: 'Vælg hvilken slags aktivitet', nextFollowUpOn: 'Vælg en dag efter i dag' });
  });
});

describe('the registration form', () => {
  const held = { outcome: 'held', shortGoals: 'Kursus i medicinhåndtering', longGoals: 'Psykiatrisk grunduddannelse', followUpOn: '2027-06-01', knowledgeSharing: 'Oplæg' };

  it("takes the trade's words in the plan, as they are", () => {
    const words = ['Kursus i medicinhåndtering', 'Psykiatrisk grunduddannelse', 'Demensuddannelse', 'stresshåndtering', 'psykisk arbejdsmiljø', 'traumebevidst', 'autisme', 'misbrug', 'neuropædagogik', 'magtanvendelse', 'KRIGU-uddannelse (konflikthåndtering og sikkerhed)'];
    const r = parseRegistration({ ...held, a0_kind: 'kursus', a0_text: words.join(', '), longGoals: `Arbejde med ${words.slice(3).join(' og ')}` });
    expect(r).toMatchObject({ ok: true, data: { items: [{ kind: 'kursus', text: words.join(', ') }] } });
  });

  it('reads the activity rows, skips the empty ones, and still reads an older card', () => {
    const rows = parseRegistration({ ...held, a0_kind: 'kursus', a0_text: 'Demensuddannelse', a1_kind: '', a1_text: '', a2_kind: 'projekt', a2_text: '' });
    expect(rows.ok && rows.data.items).toEqual([{ kind: 'kursus', text: 'Demensuddannelse' }, { kind: 'projekt', text: '' }]);
    const older = parseRegistration({ ...held, activities: 'kursus,projekt', activityNote: 'Kursus i marts' });
    expect(older.ok && older.data.items).toEqual([{ kind: 'kursus', text: 'Kursus i marts' }, { kind: 'projekt', text: '' }]);
  });

  it('refuses at the field: a text without a kind, no activity, a course without knowledge sharing', () => {
    const r = parseRegistration({ ...held, knowledgeSharing: '', a1_text: 'Noget' });
    expect(!r.ok && r.errors).toMatchObject({ a1_kind: 'Vælg hvilken slags aktivitet' });
    const none = parseRegistration({ ...held });
    expect(!none.ok && none.errors).toMatchObject({ a0_kind: 'Vælg mindst én aktivitet' });
    const course = parseRegistration({ ...held, knowledgeSharing: '', a0_kind: 'kursus' });
    expect(!course.ok && course.errors).toMatchObject({ knowledgeSharing: 'Skriv, hvordan viden fra kurset deles med kollegerne' });
  });
});

describe('stamdata rows', () => {
  const schema = personSchema({ today: '2026-11-24', latestStart: '2027-11-25', minYear: 1940, maxYear: 2011 });

  it('takes a future start date (a new hire), the last MUS and an empty birth year, also sent as 0', () => {
    expect(schema.parse({ start: '2026-12-15', birth: '', last: '' })).toEqual({ start: '2026-12-15', birth: undefined, last: '' });
    expect(schema.parse({ start: '2015-03-01', birth: '0', last: '2026-03-01' })).toEqual({ start: '2015-03-01', birth: undefined, last: '2026-03-01' });
    expect(schema.parse({ birth: '2011' }).birth).toBe(2011);
  });

  it('refuses a start more than a year ahead, a last MUS in the future, a birth year out of range', () => {
    expect(schema.safeParse({ start: '2028-01-01' }).success).toBe(false);
    expect(schema.safeParse({ last: '2026-11-25' }).success).toBe(false);
    expect(schema.safeParse({ birth: '2012' }).success).toBe(false);
    expect(schema.safeParse({ birth: '1939' }).success).toBe(false);
  });
});
