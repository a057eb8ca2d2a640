/**
 * The quarterly summary for MED: per dimension, the mean of the values published in the
 * quarter's weeks (to the nearest 0.5), against the quarter before. Built only from
 * published weekly values (results.ts, disclosure.ts), so it can reveal nothing the
 * weekly cards did not. No comments, no counts.
 */
import type { PulseThresholds } from './aggregate.js';
import { DIMENSION_NAMES, DIMENSIONS, type DimensionId } from './bank.js';
import { responseBand, type ResponseBand } from './disclosure.js';
import type { Published } from './publish.js';
import { publishedWeek } from './results.js';
import { meanOfPublished } from './trends.js';

export interface QuarterDimension {
  dimension: DimensionId;
  name: string;
  /** Undefined when no week of the quarter published a value for it. */
  value: number | undefined;
  change: number | undefined;
}

export interface QuarterView {
  rounds: number;
  band: ResponseBand;
  dimensions: QuarterDimension[];
}

function means(weeks: readonly Published[], thresholds: PulseThresholds): Map<DimensionId, number> {
  const shown = weeks.map((w) => publishedWeek(w, thresholds));
  const out = new Map<DimensionId, number>();
  for (const d of DIMENSIONS) {
    const m = meanOfPublished(shown.map((w) => w.values[d]));
    if (m !== undefined) out.set(d, m);
  }
  return out;
}

/** Dimensions asked in the quarter, in bank order; `value` undefined when nothing of it was published. */
export function buildQuarter(inQuarter: readonly Published[], previous: readonly Published[], thresholds: PulseThresholds): QuarterView {
  const now = means(inQuarter, thresholds);
  const before = means(previous, thresholds);
  const asked = new Set(inQuarter.flatMap((s) => s.round.items.map((i) => i.dimension)));
  const invited = inQuarter.reduce((sum, s) => sum + s.round.invited, 0);
  const answered = inQuarter.reduce((sum, s) => sum + s.publication.answered, 0);
  return {
    rounds: inQuarter.length,
    band: responseBand(answered, invited),
    dimensions: DIMENSIONS.filter((d) => asked.has(d)).map((dimension) => {
      const cur = now.get(dimension);
      const prev = before.get(dimension);
      return { dimension, name: DIMENSION_NAMES[dimension], value: cur, change: cur !== undefined && prev !== undefined ? cur - prev : undefined };
    }),
  };
}
