/**
 * Who is due for MUS, at the edges the due tests did not reach (issue 23: mutants that
 * survived): a talk held today, plans made exactly 12 months ago, several talks in any
 * order, and what the status leaves out when there is no date to give.
 */
import { describe, expect, it } from 'vitest';
import { addMonths, employeeMusStatus, type DueTalk } from '../../../src/mus/due.js';

const TODAY = '2026-11-24';
const held = (date: string, ids: string[], planFor: string[] = ids): DueTalk => ({ participantIds: ids, date, status: 'held', planFor });
const planned = (date: string, ids: string[]): DueTalk => ({ participantIds: ids, date, status: 'planned', planFor: [] });
const mads = (extra: { startDate?: string; lastMusOn?: string } = { startDate: '2015-08-01' }) => ({ id: 'mads', name: 'Mads', ...extra });

describe('who is due, at the edges', () => {
  it('counts a talk held today, or a last MUS entered as today, as held', () => {
    expect(employeeMusStatus(mads(), [held(TODAY, ['mads'])], TODAY)).toMatchObject({ state: 'held', lastHeldOn: TODAY, hasCurrentPlan: true });
    expect(employeeMusStatus(mads({ startDate: '2015-08-01', lastMusOn: TODAY }), [], TODAY)).toMatchObject({ state: 'held', lastHeldOn: TODAY, hasCurrentPlan: true });
  });

  it('counts only held talks as held: a planned talk is no MUS yet', () => {
    const s = employeeMusStatus(mads(), [planned('2026-11-20', ['mads'])], TODAY);
    expect(s.lastHeldOn).toBeUndefined();
    expect(s.hasCurrentPlan).toBe(false);
  });

  it('takes a plan from exactly 12 months ago as no longer current, one from the day after as current', () => {
    const cutoff = addMonths(TODAY, -12);
    expect(employeeMusStatus(mads(), [held(cutoff, ['mads'])], TODAY).hasCurrentPlan).toBe(false);
    expect(employeeMusStatus(mads(), [held('2025-11-25', ['mads'])], TODAY).hasCurrentPlan).toBe(true);
    expect(employeeMusStatus(mads({ startDate: '2015-08-01', lastMusOn: cutoff }), [], TODAY).hasCurrentPlan).toBe(false);
    expect(employeeMusStatus(mads({ startDate: '2015-08-01', lastMusOn: '2024-03-01' }), [], TODAY).hasCurrentPlan).toBe(false);
  });

  it('a recent talk without a plan is no current plan; one recent talk with a plan is, whatever else was held', () => {
    expect(employeeMusStatus(mads(), [held('2026-10-01', ['mads'], [])], TODAY).hasCurrentPlan).toBe(false);
    expect(employeeMusStatus(mads(), [held('2024-10-01', ['mads'], []), held('2026-10-01', ['mads'])], TODAY).hasCurrentPlan).toBe(true);
  });

  it('gives the earliest planned talk and the earliest due date, whatever order the talks come in', () => {
    const talks = [planned('2026-12-10', ['mads']), planned('2026-12-02', ['mads'])];
    expect(employeeMusStatus(mads(), talks, TODAY).plannedOn).toBe('2026-12-02');
    expect(employeeMusStatus(mads(), [...talks].reverse(), TODAY).plannedOn).toBe('2026-12-02');
    // Time rule due from 2026-10-01 (last MUS 2025-11-01), plan rule from 2025-11-01 + 12 months.
    const s = employeeMusStatus(mads({ startDate: '2020-01-01' }), [held('2025-11-01', ['mads'])], TODAY);
    expect(s).toMatchObject({ dueFrom: '2026-10-01', overdueFrom: '2026-11-01', reasons: ['old', 'noPlan'] });
  });

  it('adds the plan rule only the day after the seniority anniversary', () => {
    expect(employeeMusStatus(mads({ startDate: '2025-11-24' }), [], TODAY).reasons).toEqual(['never']);
    expect(employeeMusStatus(mads({ startDate: '2025-11-23' }), [], TODAY).reasons).toEqual(['never', 'noPlan']);
  });

  it('has no overdue date at all when there is no date to count from', () => {
    const s = employeeMusStatus({ id: 'dan', name: 'Dan' }, [], TODAY);
    expect(s.state).toBe('due');
    expect('overdueFrom' in s).toBe(false);
    expect('dueFrom' in s).toBe(false);
  });

  it('pads years before 1000 (addMonths builds ISO dates whatever the year)', () => {
    expect(addMonths('0998-12-15', 1)).toBe('0999-01-15');
  });
});

describe('a talk registered as held for a later day', () => {
  it('does not count before its day: the employee stays due, with no last MUS and no plan', () => {
    const s = employeeMusStatus(mads(), [held('2026-11-25', ['mads'])], TODAY);
    expect(s).toMatchObject({ state: 'overdue', hasCurrentPlan: false });
    expect(s.lastHeldOn).toBeUndefined();
    expect(employeeMusStatus(mads(), [held('2026-11-25', ['mads'])], '2026-11-25')).toMatchObject({ state: 'held', lastHeldOn: '2026-11-25', hasCurrentPlan: true });
  });
});
