/**
 * The quarterly summary for MED: per dimension, the mean over the weeks of the quarter
 * whose result was visible (weighted by the number of answers), against the quarter
 * before. Built only from already visible weekly results, so it can reveal nothing the
 * weekly cards did not. No comments.
 */
import { DIMENSION_NAMES, DIMENSIONS, type DimensionId } from './bank.js';
import type { RoundSummary } from './results.js';

export interface QuarterDimension {
  dimension: DimensionId;
  name: string;
  mean: number | undefined;
  /** Answers behind the visible weeks. */
  n: number;
  change: number | undefined;
}

export interface QuarterView {
  rounds: number;
  responseRate: number | undefined;
  dimensions: QuarterDimension[];
}

function means(summaries: readonly RoundSummary[]): Map<DimensionId, { mean: number; n: number }> {
  const sums = new Map<DimensionId, { total: number; n: number }>();
  for (const s of summaries) {
    for (const d of s.result.dimensions) {
      if (d.hidden || d.mean === undefined) continue;
      const acc = sums.get(d.dimension) ?? { total: 0, n: 0 };
      acc.total += d.mean * d.n;
      acc.n += d.n;
      sums.set(d.dimension, acc);
    }
  }
  return new Map([...sums].map(([k, v]) => [k, { mean: v.total / v.n, n: v.n }]));
}

/** Dimensions asked in the quarter, in bank order; `mean` undefined when every week of it was hidden. */
export function buildQuarter(inQuarter: readonly RoundSummary[], previous: readonly RoundSummary[]): QuarterView {
  const now = means(inQuarter);
  const before = means(previous);
  const asked = new Set(inQuarter.flatMap((s) => s.round.items.map((i) => i.dimension)));
  const invited = inQuarter.reduce((sum, s) => sum + s.round.invited, 0);
  const answered = inQuarter.reduce((sum, s) => sum + s.result.answered, 0);
  return {
    rounds: inQuarter.length,
    responseRate: invited > 0 ? answered / invited : undefined,
    dimensions: DIMENSIONS.filter((d) => asked.has(d)).map((dimension) => {
      const cur = now.get(dimension);
      const prev = before.get(dimension);
      return {
        dimension,
        name: DIMENSION_NAMES[dimension],
        mean: cur?.mean,
        n: cur?.n ?? 0,
        change: cur && prev ? cur.mean - prev.mean : undefined,
      };
    }),
  };
}
