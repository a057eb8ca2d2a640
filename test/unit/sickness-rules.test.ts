import { describe, expect, it } from 'vitest';
import { danishIssues } from '../../src/core/validation.js';
import { sicknessText } from '../../src/i18n/sickness.js';
import { checkFreeText } from '../../src/sickness/firewall.js';
import { bookInput, contactInput, openInput, settingsInput } from '../../src/sickness/inputs.js';
import { POLICY_PRESETS } from '../../src/sickness/policy.js';
import { monthlyFigures, previousMonth, showFigures } from '../../src/sickness/stats.js';
import type { SicknessCaseState } from '../../src/sickness/timeline.js';

const policy = POLICY_PRESETS['1-3-10'];
const sick = (firstDay: string, patch: Partial<SicknessCaseState> = {}): SicknessCaseState => ({
  firstDay,
  partial: false,
  expectedDuration: 'ukendt',
  status: 'aktiv',
  contacts: [],
  ...patch,
});

describe('diagnosis firewall on a submit', () => {
  it('holds back a note with health terms until exactly those terms are confirmed', () => {
    expect(checkFreeText(['Aftalt at Sofie tager vagterne'])).toEqual({ terms: [], unconfirmed: [] });
    expect(checkFreeText(['Han har stress og hovedpine']).unconfirmed).toEqual(['stress', 'hovedpine']);
    expect(checkFreeText(['Han har stress'], ['stress']).unconfirmed).toEqual([]);
    // Adding a new term after the warning needs a new confirmation.
    expect(checkFreeText(['Han har stress og er gravid'], ['stress']).unconfirmed).toEqual(['gravid']);
    expect(checkFreeText([undefined, 'diagnosen er ukendt']).unconfirmed).toEqual(['diagnose']);
  });
});

describe('card inputs', () => {
  const issues = (r: { success: boolean; error?: unknown }) => (r.success ? [] : danishIssues(r.error as never, sicknessText.labels));

  it('opening a case: employee choice, dates and toggles as Teams sends them', () => {
    const ok = openInput.safeParse({ employee: 'solhoej|mads', firstDay: '2026-11-24', partial: 'true', expectedDuration: 'over-8-uger' });
    expect(ok.success && ok.data).toEqual({ employee: { workplaceId: 'solhoej', aadObjectId: 'mads' }, firstDay: '2026-11-24', partial: true, expectedDuration: 'over-8-uger' });
    const bad = openInput.safeParse({ employee: '', firstDay: '24/11', expectedDuration: 'lang' });
    expect(issues(bad)).toEqual([
      'Medarbejder: vælg en medarbejder',
      'Første fraværsdag: skriv en dato som 2026-11-24',
      'Forventet varighed: vælg en forventet varighed',
    ]);
  });

  it('a contact: method required, empty optional fields are absent, the note is bounded', () => {
    const ok = contactInput.parse({ workplaceId: 'solhoej', caseId: 'sf0000abcd', point: '3', how: 'sms', expectedReturn: '', nextContact: '', note: '  ' });
    expect(ok).toEqual({ workplaceId: 'solhoej', caseId: 'sf0000abcd', point: 3, how: 'sms', adjustments: 'ved-ikke', confirmedTerms: [] });
    const bad = contactInput.safeParse({ workplaceId: 'solhoej', caseId: 'sf0000abcd', point: 1, how: 'brev', note: 'x'.repeat(501) });
    expect(issues(bad)).toEqual(['Hvordan: vælg hvordan kontakten foregik: telefon, møde, sms eller besked', 'Note: noten må højst være 500 tegn']);
    expect(contactInput.safeParse({ workplaceId: 'solhoej', caseId: '../other', point: 1, how: 'sms' }).success).toBe(false);
  });

  it('booking a samtale and the settings', () => {
    expect(issues(bookInput.safeParse({ workplaceId: 'solhoej', caseId: 'sf0000abcd', date: '2026-12-10', time: '25:00', place: 'x' }))).toEqual([
      'Klokkeslæt: skriv et klokkeslæt som 10:00',
      'Sted: skriv hvor samtalen holdes (2-120 tegn)',
    ]);
    const s = settingsInput.parse({ workplaceId: 'solhoej', model: '2-6-14', hrContactId: '', repeatedCases: '3', repeatedMonths: '6', retentionMonths: '12', returnFollowUp: 'false' });
    expect(s).toEqual({ workplaceId: 'solhoej', model: '2-6-14', repeatedCases: 3, repeatedMonths: 6, retentionMonths: 12, returnFollowUp: false });
    // The card's "Ingen" choice (a choice needs a value) is no HR contact.
    expect(settingsInput.parse({ workplaceId: 'solhoej', model: '2-6-14', hrContactId: 'ingen', repeatedCases: '3', repeatedMonths: '6', retentionMonths: '12', returnFollowUp: 'false' }).hrContactId).toBeUndefined();
  });
});

describe('monthly figures', () => {
  it('counts open cases, contacts on time and samtaler within 4 weeks, for the month only', () => {
    const cases = [
      // Contacts on day 1 (on time) and day 3 (late); samtale held on day 20.
      sick('2026-11-02', { contacts: [{ point: 1, on: '2026-11-02' }, { point: 3, on: '2026-11-09' }], samtaleHeldOn: '2026-11-21', status: 'raskmeldt', returnDay: '2026-11-23' }),
      // Never contacted; samtale after the deadline.
      sick('2026-10-20', { samtaleBookedFor: '2026-11-20', samtaleHeldOn: '2026-11-20' }),
      // Back before November: not active in November.
      sick('2026-09-01', { status: 'raskmeldt', returnDay: '2026-10-01' }),
    ].map((state) => ({ policy, state }));
    const f = monthlyFigures(cases, '2026-11', '2026-12-01');
    expect(f.activeCases).toBe(2);
    // A: day 1 on time, day 3 late, day 10 cancelled by the return; B: day 10's window ended 2 Nov, missed.
    expect(f).toMatchObject({ contactsDue: 3, contactsOnTime: 1, samtalerDue: 2, samtalerOnTime: 1 });
    expect(showFigures(f)).toEqual({ activeCases: 'under 3', contactsOnTime: '33 %', samtalerOnTime: 'for få til en andel' });
    expect(showFigures({ activeCases: 0, contactsDue: 0, contactsOnTime: 0, samtalerDue: 0, samtalerOnTime: 0 }).activeCases).toBe('under 3');
    expect(showFigures({ activeCases: 7, contactsDue: 3, contactsOnTime: 3, samtalerDue: 3, samtalerOnTime: 2 })).toEqual({
      activeCases: '7',
      contactsOnTime: '100 %',
      samtalerOnTime: '67 %',
    });
    expect(previousMonth('2027-01-01')).toBe('2026-12');
  });
});
