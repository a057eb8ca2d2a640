/**
 * From stored answers to what TRIO and MED see. Loading reads one answer partition per
 * closed round; everything after that is pure (aggregate.ts does the anonymity rules).
 */
import { aggregatePulse, dimensionTrends, DEFAULT_TREND_OPTIONS, type PulseRoundResult, type PulseThresholds, type TrendPoint } from './aggregate.js';
import { DIMENSION_NAMES, loadDefaultBank, type DimensionId } from './bank.js';
import type { PulseStore, Round } from './store.js';

export interface RoundSummary {
  round: Round;
  result: PulseRoundResult;
  /** Alphabetical; empty unless enough answered (see `commentsShown`). */
  comments: string[];
}

/** How many answer partitions are read at once. */
export const READ_CONCURRENCY = 4;

/** Runs `fn` over `items` with at most `limit` in flight; results in input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** Aggregates closed rounds (others are skipped). Reads each round's answer partition once. */
export async function summarize(store: PulseStore, rounds: readonly Round[], thresholds: PulseThresholds): Promise<RoundSummary[]> {
  const bank = loadDefaultBank(); // answers carry their own `reversed`; the bank is only a fallback
  const closed = rounds.filter((r) => r.status === 'closed');
  return mapLimit(closed, READ_CONCURRENCY, async (round) => {
    const { answers, comments } = await store.answers(round.workplaceId, round.id);
    const result = aggregatePulse({ weekIndex: round.weekIndex, invited: round.invited, answered: round.answered, answers }, bank, thresholds);
    return { round, result, comments: result.commentsShown ? [...comments].sort((a, b) => a.localeCompare(b, 'da')) : [] };
  });
}

export interface DimensionView {
  dimension: DimensionId;
  name: string;
  n: number;
  hidden: boolean;
  mean: number | undefined;
  change: number | undefined;
  flags: { low: boolean; fell: boolean };
  /** 12 weeks, oldest first; `mean` undefined where not asked or hidden. */
  series: (TrendPoint & { weekLabel: string })[];
}

export interface ResultsView {
  workplaceId: string;
  roundId: string;
  weekLabel: string;
  invited: number;
  answered: number;
  responseRate: number | undefined;
  /** Fewer answered than minScores: nothing but the response rate may be shown. */
  tooFew: boolean;
  thresholds: PulseThresholds;
  dimensions: DimensionView[];
  commentsShown: boolean;
  comments: string[];
}

/** The rounds a results card needs: the current one and those in the 12 + 4 weeks before. */
export function historyWindow(rounds: readonly Round[], current: Round): Round[] {
  const span = DEFAULT_TREND_OPTIONS.weeks + DEFAULT_TREND_OPTIONS.compareWeeks;
  return rounds.filter((r) => r.weekIndex <= current.weekIndex && r.weekIndex > current.weekIndex - span);
}

/**
 * The results of `current` with trends over `history` (closed rounds up to and
 * including the current one). Hidden weeks never enter a mean or a chart.
 */
export function buildResults(current: RoundSummary, history: readonly RoundSummary[], thresholds: PulseThresholds): ResultsView {
  const { round, result } = current;
  const tooFew = result.answered < thresholds.minScores;
  const commentsShown = !tooFew && result.commentsShown && result.answered >= thresholds.minComments;
  const trends = new Map(dimensionTrends(history.map((h) => h.result), round.weekIndex).map((t) => [t.dimension, t]));
  const labels = new Map(history.map((h) => [h.round.weekIndex, h.round.weekLabel]));
  const asked = [...new Set(round.items.map((i) => i.dimension))];
  const dimensions = tooFew
    ? []
    : asked.map((dimension): DimensionView => {
        const own = result.dimensions.find((d) => d.dimension === dimension);
        const trend = trends.get(dimension);
        const visible = own !== undefined && !own.hidden && own.mean !== undefined;
        const isCurrent = visible && trend?.currentWeekIndex === round.weekIndex;
        return {
          dimension,
          name: DIMENSION_NAMES[dimension],
          n: own?.n ?? 0,
          hidden: !visible,
          mean: visible ? own.mean : undefined,
          change: isCurrent ? trend.change : undefined,
          flags: isCurrent ? trend.flags : { low: false, fell: false },
          series: (trend?.series ?? []).map((p) => ({ ...p, weekLabel: labels.get(p.weekIndex) ?? '' })),
        };
      });
  return {
    workplaceId: round.workplaceId,
    roundId: round.id,
    weekLabel: round.weekLabel,
    invited: round.invited,
    answered: result.answered,
    responseRate: result.responseRate,
    tooFew,
    thresholds,
    dimensions,
    commentsShown,
    comments: !commentsShown ? [] : [...current.comments].sort((a, b) => a.localeCompare(b, 'da')),
  };
}

/** Loads and builds the results card data of one closed round. */
export async function resultsOf(store: PulseStore, round: Round, thresholds: PulseThresholds): Promise<ResultsView> {
  const all = await store.rounds(round.workplaceId);
  const summaries = await summarize(store, historyWindow(all, round), thresholds);
  const current = summaries.find((s) => s.round.id === round.id);
  if (!current) throw new Error(`Round ${round.workplaceId}/${round.id} is not closed`);
  return buildResults(current, summaries, thresholds);
}
