import { describe, expect, it } from 'vitest';
import { danishIssues } from '../../src/core/validation.js';
import { sicknessText } from '../../src/i18n/sickness.js';
import { checkFreeText, parseConfirmed, screenFields } from '../../src/sickness/firewall.js';
import { bookInput, contactHandoverInput, contactInput, handoverInput, openInput, outcomeInput, settingsInput } from '../../src/sickness/inputs.js';
import { activeCover, contactPersonFor, followingLeader, isContactPerson, leaderMayFollow, type CaseOwnership } from '../../src/sickness/rules.js';

describe('diagnosis firewall on a submit', () => {
  it('holds back a note with health terms until exactly those terms are confirmed', () => {
    expect(checkFreeText(['Aftalt at Sofie tager vagterne'])).toEqual({ terms: [], unconfirmed: [] });
    expect(checkFreeText(['Han har stress og hovedpine']).unconfirmed).toEqual(['stress', 'hovedpine']);
    expect(checkFreeText(['Han har stress'], ['stress']).unconfirmed).toEqual([]);
    // Adding a new term after the warning needs a new confirmation.
    expect(checkFreeText(['Han har stress og er gravid'], ['stress']).unconfirmed).toEqual(['gravid']);
    expect(checkFreeText([undefined, 'diagnosen er ukendt']).unconfirmed).toEqual(['diagnose']);
  });

  it('screens the named fields of a submit for other features (the workplace context)', () => {
    const screen = screenFields({ emne: 'Psykisk arbejdsmiljø i aftenvagten', note: 'Mads har ondt i knæet' }, undefined);
    expect(screen).toMatchObject({ held: true, terms: ['ondt', 'knæet'], fields: [{ name: 'note', terms: ['ondt', 'knæet'] }], confirmValue: 'ondt,knæet' });
    expect(screenFields({ note: 'Mads har ondt i knæet' }, 'ondt,knæet').held).toBe(false);
    expect(screenFields({ note: 'Mads har ondt i knæet' }, ['ondt']).unconfirmed).toEqual(['knæet']);
    expect(screenFields({ tema: 'Kursus i medicinhåndtering', emne: 'Stresshåndtering og psykologisk tryghed' }, '').held).toBe(false);
    // A sickness note is checked strictly: the phrase of the trade still names stress.
    expect(checkFreeText(['Han er på kursus i stresshåndtering']).terms).toEqual(['stress']);
    expect(parseConfirmed(42)).toEqual([]);
    expect(parseConfirmed(' stress , knæet ')).toEqual(['stress', 'knæet']);
    expect(parseConfirmed(undefined)).toEqual([]);
    expect(parseConfirmed('stress,, ,knæet,')).toEqual(['stress', 'knæet']);
    expect(screenFields({ tom: undefined, blank: '', note: 'Mads har stress' }, '').fields).toEqual([{ name: 'note', terms: ['stress'] }]);
  });
});

describe('who follows a case (pure)', () => {
  const c: CaseOwnership = { status: 'aktiv', employeeId: 'mads', leaderId: 'lone', contactHandovers: [] };
  it('the case leader; another leader only during a cover, or when the case leader is gone', () => {
    expect(leaderMayFollow(c, 'lone', '2026-12-01', true)).toBe(true);
    expect(leaderMayFollow(c, 'lars', '2026-12-01', true)).toBe(false);
    expect(leaderMayFollow(c, 'lars', '2026-12-01', false)).toBe(true);
    const covered = { ...c, cover: { leaderId: 'lars', from: '2026-12-01', until: '2026-12-14' } };
    expect(leaderMayFollow(covered, 'lars', '2026-11-30', true)).toBe(false);
    expect(leaderMayFollow(covered, 'lars', '2026-12-01', true)).toBe(true);
    expect(leaderMayFollow(covered, 'lars', '2026-12-14', true)).toBe(true);
    expect(leaderMayFollow(covered, 'lars', '2026-12-15', true)).toBe(false);
    expect(leaderMayFollow(covered, 'lone', '2026-12-05', true)).toBe(true);
    expect(followingLeader(covered, '2026-12-05')).toBe('lars');
    expect(followingLeader(covered, '2026-12-15')).toBe('lone');
    expect(activeCover(covered, '2026-12-15')).toBeUndefined();
    // A reported case is for any leader to confirm; never for the employee.
    expect(leaderMayFollow({ ...c, status: 'meldt' }, 'lars', '2026-12-01', true)).toBe(true);
    expect(leaderMayFollow({ ...c, leaderId: 'lars' }, 'mads', '2026-12-01', false)).toBe(false);
  });

  it('a handed contact goes to its person; all contacts to the person of point 0', () => {
    const handed = { ...c, contactHandovers: [{ point: 3, toId: 'tobias' }, { point: 0, toId: 'amira' }] };
    expect(contactPersonFor(handed, 3, '2026-12-01')).toBe('tobias');
    expect(contactPersonFor(handed, 10, '2026-12-01')).toBe('amira');
    expect(contactPersonFor(c, 10, '2026-12-01')).toBe('lone');
    expect(isContactPerson(handed, 'tobias', 3, '2026-12-01')).toBe(true);
    expect(isContactPerson(handed, 'tobias', 10, '2026-12-01')).toBe(false);
    expect(isContactPerson(handed, 'amira', 10, '2026-12-01')).toBe(true);
    expect(isContactPerson({ ...handed, status: 'raskmeldt' }, 'amira', 10, '2026-12-01')).toBe(false);
    expect(isContactPerson(handed, 'lone', 10, '2026-12-01')).toBe(false);
  });
});

describe('card inputs', () => {
  const issues = (r: { success: boolean; error?: unknown }) => (r.success ? [] : danishIssues(r.error as never, sicknessText.labels));

  it('opening a case: employee choice, dates, toggles and pay as Teams sends them', () => {
    const ok = openInput.safeParse({ employee: 'solhoej|mads', firstDay: '2026-11-24', partial: 'true', expectedDuration: 'over-8-uger', pay: 'sygedagpenge' });
    expect(ok.success && ok.data).toEqual({ employee: { workplaceId: 'solhoej', aadObjectId: 'mads' }, firstDay: '2026-11-24', partial: true, expectedDuration: 'over-8-uger', pay: 'sygedagpenge' });
    expect(openInput.parse({ employee: 'solhoej|mads', firstDay: '2026-11-24', expectedDuration: 'ukendt' }).pay).toBe('loen');
    const bad = openInput.safeParse({ employee: '', firstDay: '24/11', expectedDuration: 'lang', pay: 'timeløn' });
    expect(issues(bad)).toEqual([
      'Medarbejder: vælg en medarbejder',
      'Første fraværsdag: skriv en dato som 2026-11-24',
      'Forventet varighed: vælg en forventet varighed',
      'Løn under sygdom: vælg om medarbejderen får løn under sygdom',
    ]);
  });

  it('a contact: method required, empty optional fields are absent, the note is bounded', () => {
    const ok = contactInput.parse({ workplaceId: 'solhoej', caseId: 'sf0000abcd', point: '3', how: 'sms', expectedReturn: '', nextContact: '', note: '  ' });
    expect(ok).toEqual({ workplaceId: 'solhoej', caseId: 'sf0000abcd', point: 3, how: 'sms', adjustments: 'ved-ikke', confirmedTerms: [] });
    const bad = contactInput.safeParse({ workplaceId: 'solhoej', caseId: 'sf0000abcd', point: 1, how: 'brev', note: 'x'.repeat(501) });
    expect(issues(bad)).toEqual(['Hvordan: vælg hvordan kontakten foregik: telefon, møde, sms eller besked', 'Note: noten må højst være 500 tegn']);
    expect(contactInput.safeParse({ workplaceId: 'solhoej', caseId: '../other', point: 1, how: 'sms' }).success).toBe(false);
  });

  it('booking, the outcome and the handovers', () => {
    expect(issues(bookInput.safeParse({ workplaceId: 'solhoej', caseId: 'sf0000abcd', date: '2026-12-10', time: '25:00', place: 'x' }))).toEqual([
      'Klokkeslæt: skriv et klokkeslæt som 10.00',
      'Sted: skriv hvor samtalen holdes (2-120 tegn)',
    ]);
    const o = outcomeInput.parse({ workplaceId: 'solhoej', caseId: 'sf0000abcd', heldOn: '2026-12-10', mulighedserklaering: 'medarbejder' });
    expect(o).toMatchObject({ mulighedserklaering: 'medarbejder', partialReturn: false, paragraf56: false });
    expect(issues(outcomeInput.safeParse({ workplaceId: 'solhoej', caseId: 'sf0000abcd', heldOn: '2026-12-10', mulighedserklaering: 'true' }))).toEqual(['Mulighedserklæring: vælg ingen, lederen eller medarbejderen']);
    expect(handoverInput.parse({ workplaceId: 'solhoej', caseId: 'sf0000abcd', toLeader: 'lars', kind: 'cover', until: '2026-12-14' })).toMatchObject({ kind: 'cover', until: '2026-12-14' });
    expect(issues(contactHandoverInput.safeParse({ workplaceId: 'solhoej', caseId: 'sf0000abcd', contactPerson: '', which: 'x' }))).toEqual([
      'Kontaktperson: vælg en kollega, TR eller AMR fra arbejdsstedet (ikke medarbejderen selv)',
      'Hvilken kontakt: vælg hvilken kontakt',
    ]);
  });

  it('the settings: the model, its own fields, the local rules and MED measure', () => {
    const s = settingsInput.parse({
      workplaceId: 'solhoej', model: 'eget', hrContactId: 'ingen', repeatedCases: '3', repeatedMonths: '6', retentionMonths: '12', returnFollowUp: 'false',
      targetPercent: '5,5 %', staffFte: '', longFromDays: '30', ownName: 'Solhøj', ownSource: 'Lokal-MED', ownDays: '1, 4; 11', ownCounting: 'working',
      ownRemindAgain: '3', ownBookWithin: '', ownHoldWithin: '21', ownEscalation: '2',
    });
    expect(s).toMatchObject({ model: 'eget', repeatedCases: 3, returnFollowUp: false, targetPercent: 5.5, longFromDays: 30, ownDays: [1, 4, 11], ownCounting: 'working', ownBookWithin: 21, ownHoldWithin: 21 });
    expect(s.hrContactId).toBeUndefined();
    expect(s.staffFte).toBeUndefined();
    expect(issues(settingsInput.safeParse({ workplaceId: 'solhoej', model: 'eget', repeatedCases: 3, repeatedMonths: 6, retentionMonths: 12, targetPercent: 'meget', longFromDays: 30, ownDays: '1, tre' }))).toEqual([
      'Mål for fraværsprocent: skriv en procent fra 0 til 100, fx 5,5',
      'Kontaktdage: skriv 1-10 fraværsdage adskilt af komma, fx 1, 3, 10',
    ]);
  });
});
