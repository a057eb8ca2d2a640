/**
 * Episodes of violence as another feature may show them (the MED year's agenda): the
 * stored monthly counts (the monthly job writes them for every workplace), masked exactly
 * as the monthly card masks them (stats.ts): a total under 3 is "under 3" and shows
 * nothing else; kinds under 3 are folded into "øvrige". No names, no ids, no dates.
 */
import type { Storage } from '../storage/tables.js';
import { KIND_LABELS, violenceText as t } from '../i18n/violence.js';
import { MIN_SHOWN, shownBreakdown, shownCount, type ShownRow } from './stats.js';
import { ViolenceStore } from './store.js';

export interface ShownViolenceMonth {
  /** "YYYY-MM" */
  month: string;
  /** The total as a channel sees it ("under 3" below 3). */
  total: string;
  /** By kind, only when the total is 3 or more. */
  byKind: ShownRow[];
}

export interface ViolenceFiguresPort {
  /** The shown counts of a month ("YYYY-MM"), or undefined when the month has none stored. */
  month(workplaceId: string, month: string): Promise<ShownViolenceMonth | undefined>;
}

export function violenceFiguresPort(storage: Storage): ViolenceFiguresPort {
  const store = new ViolenceStore(storage);
  return {
    async month(workplaceId, month) {
      const c = await store.counts(workplaceId, month);
      if (!c) return undefined;
      const m = t.monthly;
      const byKind = c.total >= MIN_SHOWN ? shownBreakdown(c.byKind, (k) => KIND_LABELS[k as keyof typeof KIND_LABELS] ?? k, m.other) : [];
      return { month, total: shownCount(c.total, m.underThree), byKind };
    },
  };
}
