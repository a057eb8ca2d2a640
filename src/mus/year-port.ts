import type { LocalDate } from '../shared/calendar.js';
import type { MusCounts } from './due.js';
import type { MusService } from './service.js';
import type { MusStore } from './store.js';

/**
 * What the MED year reads from MUS (a port, returned next to the Feature): counts only,
 * and the texts of the udviklingsplaner without names or ids, for the anonymous needs of
 * the kompetenceudviklingsplan. Whose plan said what never leaves MUS.
 */
export interface MusYearPort {
  counts(workplaceId: string, today: LocalDate): Promise<MusCounts>;
  /** The newest plan of each person held on or after `since`: goals and the activities' texts as one text, in no particular order. */
  planTexts(workplaceId: string, since: LocalDate): Promise<string[]>;
}

export class MusYear implements MusYearPort {
  constructor(
    private readonly svc: MusService,
    private readonly store: MusStore,
  ) {}

  async counts(workplaceId: string, today: LocalDate): Promise<MusCounts> {
    return (await this.svc.overview(workplaceId, today)).counts;
  }

  async planTexts(workplaceId: string, since: LocalDate): Promise<string[]> {
    const newest = new Map<string, { heldOn: LocalDate; text: string }>();
    for (const p of await this.store.plans(workplaceId)) {
      if (p.heldOn < since) continue;
      const seen = newest.get(p.aadObjectId);
      if (!seen || seen.heldOn < p.heldOn) newest.set(p.aadObjectId, { heldOn: p.heldOn, text: [p.shortGoals, p.longGoals, ...p.activities.map((a) => a.text)].filter(Boolean).join('\n') });
    }
    return [...newest.values()].map((x) => x.text).sort();
  }
}
