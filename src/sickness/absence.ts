/**
 * The sickness side of MUS's AbsenceLookup port (src/mus/absence.ts): is the employee
 * absent on a day? Only yes or no leaves this feature, never why or since when.
 * Structurally typed, so MUS does not depend on the sickness feature and vice versa.
 */
import type { LocalDate } from '../shared/calendar.js';
import type { SicknessStore } from './store.js';

export class SicknessAbsenceLookup {
  constructor(private readonly store: SicknessStore) {}

  async isAbsent(workplaceId: string, aadObjectId: string, on: LocalDate): Promise<boolean> {
    const cases = await this.store.listForEmployee(workplaceId, aadObjectId.toLowerCase());
    // An open case ends on the expected return the leader noted, if any; otherwise it lasts.
    return cases.some((c) => {
      const end = c.returnDay ?? c.expectedReturn;
      return c.firstDay <= on && (end === undefined || on < end);
    });
  }
}
