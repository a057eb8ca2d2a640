import type { SicknessCase } from '../../src/sickness/model.js';

/** Mads's sickness case at Solhøj, opened by Lone on day 1 (Tuesday 24 November 2026); `patch` changes what a test needs. */
export function madsCase(patch: Partial<SicknessCase> = {}): SicknessCase {
  return {
    workplaceId: 'solhoej',
    id: 'sf0000abcd',
    employeeId: 'mads',
    employeeName: 'Mads Medarbejder',
    leaderId: 'lone',
    contactHandovers: [],
    status: 'aktiv',
    reportedBy: 'leder',
    model: '1-3-10',
    firstDay: '2026-11-24',
    partial: false,
    pay: 'loen',
    expectedDuration: 'ukendt',
    contacts: [],
    openedAt: '2026-11-24T08:00:00Z',
    ...patch,
  };
}
