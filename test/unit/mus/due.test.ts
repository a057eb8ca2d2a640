import { describe, expect, it } from 'vitest';
import { addMonths, employeeMusStatus, musCounts, musOverview, type DueTalk } from '../../../src/mus/due.js';

const TODAY = '2026-11-24';
const held = (date: string, ids: string[], planFor: string[] = ids): DueTalk => ({ participantIds: ids, date, status: 'held', planFor });
const planned = (date: string, ids: string[]): DueTalk => ({ participantIds: ids, date, status: 'planned', planFor: [] });
const status = (talks: DueTalk[], startDate?: string, today = TODAY) =>
  employeeMusStatus({ id: 'mads', name: 'Mads', ...(startDate ? { startDate } : {}) }, talks, today);

describe('addMonths', () => {
  it('keeps the day, or clamps it to the end of a shorter month', () => {
    expect(addMonths('2026-01-15', 11)).toBe('2026-12-15');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-03-31', -1)).toBe('2024-02-29');
    expect(addMonths('2026-11-24', -12)).toBe('2025-11-24');
    expect(addMonths('2026-12-01', 1)).toBe('2027-01-01');
  });
});

describe('who is due: the time rule', () => {
  it('is not due within 11 months of the last MUS (with a written plan)', () => {
    const s = status([held('2026-01-10', ['mads'])], '2015-08-01');
    expect(s).toMatchObject({ state: 'held', reasons: [], lastHeldOn: '2026-01-10', hasCurrentPlan: true });
  });

  it('is due when the last MUS is more than 11 months ago, overdue after 12', () => {
    expect(status([held('2025-12-20', ['mads'])], '2015-08-01')).toMatchObject({ state: 'due', reasons: ['old'], dueFrom: '2026-11-20', overdueFrom: '2026-12-20' });
    const overdue = status([held('2025-10-01', ['mads'])], '2015-08-01');
    expect(overdue.state).toBe('overdue');
    expect(overdue.reasons).toContain('old');
  });

  it('counts only held talks: a talk that was not held or is cancelled changes nothing', () => {
    const talks: DueTalk[] = [held('2025-10-01', ['mads']), { participantIds: ['mads'], date: '2026-10-01', status: 'notHeld', planFor: [] }];
    expect(status(talks, '2015-08-01')).toMatchObject({ state: 'overdue', lastHeldOn: '2025-10-01' });
  });

  it("takes a new employee's start date as the reference: the first MUS comes within a year", () => {
    expect(status([], '2026-06-01')).toMatchObject({ state: 'notYet', reasons: [] });
    expect(status([], '2025-12-10')).toMatchObject({ state: 'due', reasons: ['never'], dueFrom: '2026-11-10' });
    expect(status([], '2025-09-01').state).toBe('overdue');
  });

  it('without any dates: due now, never overdue, and the start date is reported missing', () => {
    expect(status([])).toMatchObject({ state: 'due', reasons: ['never'], missingStartDate: true });
    expect(status([]).dueFrom).toBeUndefined();
  });
});

describe('due and overdue on the day itself', () => {
  it('is due, not overdue, on the anniversary of the last MUS; overdue the day after', () => {
    const talks = [held('2025-11-24', ['mads'])];
    expect(status(talks, '2015-08-01', '2026-11-24')).toMatchObject({ state: 'due', overdueFrom: '2026-11-24' });
    expect(status(talks, '2015-08-01', '2026-11-25').state).toBe('overdue');
    expect(status(talks, '2015-08-01', '2026-10-23').state).toBe('held');
    expect(status(talks, '2015-08-01', '2026-10-24')).toMatchObject({ state: 'due', dueFrom: '2026-10-24' });
  });

  it('a missing plan is due on the day a month after the need, overdue the day after', () => {
    const talks = [held('2026-11-03', ['mads'], [])];
    expect(status(talks, '2020-01-01', '2026-12-03').state).toBe('due');
    expect(status(talks, '2020-01-01', '2026-12-04').state).toBe('overdue');
  });
});

describe('a workplace that already held MUS', () => {
  const before = (lastMusOn: string, today = TODAY, startDate = '2015-08-01') =>
    employeeMusStatus({ id: 'mads', name: 'Mads', startDate, lastMusOn }, [], today);

  it('counts the last MUS before the bot as held, with a written plan', () => {
    expect(before('2026-03-10')).toMatchObject({ state: 'held', lastHeldOn: '2026-03-10', hasCurrentPlan: true, reasons: [] });
    expect(before('2025-12-10')).toMatchObject({ state: 'due', reasons: ['old'], dueFrom: '2026-11-10', overdueFrom: '2026-12-10' });
    expect(before('2025-06-10').state).toBe('overdue');
  });

  it('a MUS held with the bot afterwards counts from its own date', () => {
    const s = employeeMusStatus({ id: 'mads', name: 'Mads', startDate: '2015-08-01', lastMusOn: '2025-01-10' }, [held('2026-02-01', ['mads'])], TODAY);
    expect(s).toMatchObject({ state: 'held', lastHeldOn: '2026-02-01' });
  });

  it('ignores a last MUS in the future', () => {
    expect(before('2027-01-10').lastHeldOn).toBeUndefined();
  });

  it('a new hire with a start date ahead is not due yet', () => {
    expect(employeeMusStatus({ id: 'n', name: 'Ny', startDate: '2026-12-15' }, [], TODAY)).toMatchObject({ state: 'notYet', reasons: [] });
  });
});

describe('who is due: the written plan rule', () => {
  it('more than a year of seniority and no written plan: due, overdue a month later', () => {
    // Held three weeks ago, but registered without a plan.
    const recent = status([held('2026-11-03', ['mads'], [])], '2020-01-01');
    expect(recent).toMatchObject({ state: 'due', reasons: ['noPlan'], hasCurrentPlan: false, dueFrom: '2026-11-03', overdueFrom: '2026-12-03' });
    expect(status([held('2026-09-01', ['mads'], [])], '2020-01-01')).toMatchObject({ state: 'overdue', reasons: ['noPlan'] });
  });

  it('a plan older than 12 months is not current', () => {
    const s = status([held('2025-11-01', ['mads'])], '2020-01-01');
    expect(s.hasCurrentPlan).toBe(false);
    expect(s.reasons).toEqual(['old', 'noPlan']);
  });

  it('applies only after one year of seniority', () => {
    expect(status([held('2026-03-01', ['mads'], [])], '2026-01-15')).toMatchObject({ state: 'held', reasons: [] });
    // The need arises on the anniversary, not at the planless talk before it.
    expect(status([held('2026-03-01', ['mads'], [])], '2025-11-20')).toMatchObject({ state: 'due', reasons: ['noPlan'], dueFrom: '2026-11-20' });
  });

  it('a GRUS plan counts for each participant it was written for', () => {
    const grus = held('2026-05-01', ['mads', 'sofie'], ['mads', 'sofie']);
    expect(status([grus], '2010-01-01').state).toBe('held');
  });
});

describe('planned talks and counts', () => {
  it('a planned talk wins over due and overdue', () => {
    expect(status([held('2025-09-01', ['mads']), planned('2026-12-02', ['mads'])], '2015-01-01')).toMatchObject({ state: 'planned', plannedOn: '2026-12-02', reasons: ['old', 'noPlan'] });
  });

  it("ignores other people's talks", () => {
    const s = status([held('2026-06-01', ['sofie'])], '2015-01-01');
    expect(s.state).toBe('overdue');
    expect(s.lastHeldOn).toBeUndefined();
  });

  it('counts each employee once, states add up, names sorted in Danish order', () => {
    const employees = [
      { id: 'aase', name: 'Åse', startDate: '2010-01-01' },
      { id: 'bo', name: 'Bo', startDate: '2010-01-01' },
      { id: 'cia', name: 'Cia', startDate: '2026-10-01' },
      { id: 'dan', name: 'Dan' },
      { id: 'eva', name: 'Eva', startDate: '2010-01-01' },
    ];
    const talks = [held('2026-06-01', ['bo']), planned('2026-12-01', ['eva']), held('2025-06-01', ['aase'])];
    const overview = musOverview(employees, talks, TODAY);
    expect(overview.map((s) => [s.name, s.state])).toEqual([
      ['Bo', 'held'],
      ['Cia', 'notYet'],
      ['Dan', 'due'],
      ['Eva', 'planned'],
      ['Åse', 'overdue'],
    ]);
    expect(musCounts(overview)).toEqual({ total: 5, held: 1, notYet: 1, due: 1, planned: 1, overdue: 1 });
  });
});
