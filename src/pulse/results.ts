/**
 * From publications to what TRIO and MED see on the results card. Everything here
 * works on published values (disclosure.ts) and the thresholds in force now, which can
 * hide more than was published but never show more; only the current round's comments
 * are read from its answer partition.
 */
import type { PulseThresholds } from './aggregate.js';
import { DIMENSION_NAMES, type DimensionId } from './bank.js';
import { responseBand, shownNow, valueOf, type ResponseBand, type Shown } from './disclosure.js';
import { publications, type Published } from './publish.js';
import type { Round } from './model.js';
import type { PulseStore } from './store.js';
import { DEFAULT_TREND_OPTIONS, dimensionTrends, type PublishedWeek, type TrendPoint } from './trends.js';

export interface DimensionView {
  dimension: DimensionId;
  name: string;
  shown: Shown;
  /** Against the weeks before; only for a value of this week. */
  change: number | undefined;
  flags: { low: boolean; fell: boolean };
  /** 12 weeks, oldest first; `value` undefined where not asked or not published as a value. */
  series: (TrendPoint & { weekLabel: string })[];
}

export interface ResultsView {
  workplaceId: string;
  roundId: string;
  weekLabel: string;
  band: ResponseBand;
  /** Nothing but the response band may be shown (too few answers, or too few outside the forum). */
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

/** A week's values as shown under the thresholds in force now. */
export function publishedWeek(p: Published, thresholds: PulseThresholds): PublishedWeek {
  const now = shownNow(p.publication, p.round.forumInvited, thresholds);
  const values: Partial<Record<DimensionId, number>> = {};
  for (const d of Object.keys(now.dimensions) as DimensionId[]) {
    const v = valueOf(now, d);
    if (v !== undefined) values[d] = v;
  }
  return { weekIndex: p.round.weekIndex, values };
}

/**
 * The results of `current` with trends over `history` (closed rounds up to and
 * including the current one). `comments` are the current round's stored comments.
 */
export function buildResults(current: Published, history: readonly Published[], comments: readonly string[], thresholds: PulseThresholds): ResultsView {
  const { round, publication } = current;
  const now = shownNow(publication, round.forumInvited, thresholds);
  const trends = new Map(dimensionTrends(history.map((h) => publishedWeek(h, thresholds)), round.weekIndex).map((t) => [t.dimension, t]));
  const labels = new Map(history.map((h) => [h.round.weekIndex, h.round.weekLabel]));
  const asked = [...new Set(round.items.map((i) => i.dimension))];
  const dimensions = !now.showable
    ? []
    : asked.map((dimension): DimensionView => {
        const shown = now.dimensions[dimension] ?? { kind: 'hidden' };
        const trend = trends.get(dimension);
        const isCurrent = shown.kind === 'value' && trend?.currentWeekIndex === round.weekIndex;
        return {
          dimension,
          name: DIMENSION_NAMES[dimension],
          shown,
          change: isCurrent ? trend.change : undefined,
          flags: isCurrent ? trend.flags : { low: false, fell: false },
          series: (trend?.series ?? []).map((p) => ({ ...p, weekLabel: labels.get(p.weekIndex) ?? '' })),
        };
      });
  return {
    workplaceId: round.workplaceId,
    roundId: round.id,
    weekLabel: round.weekLabel,
    band: responseBand(publication.answered, round.invited),
    tooFew: !now.showable,
    thresholds,
    dimensions,
    commentsShown: now.comments,
    comments: now.comments ? [...comments].sort((a, b) => a.localeCompare(b, 'da')) : [],
  };
}

/** Loads and builds the results card data of one closed round. */
export async function resultsOf(store: PulseStore, round: Round, thresholds: PulseThresholds): Promise<ResultsView> {
  const all = (await store.rounds(round.workplaceId)).filter((r) => r.weekIndex <= round.weekIndex);
  const published = await publications(store, all, thresholds);
  const current = published.find((p) => p.round.id === round.id);
  if (!current) throw new Error(`Round ${round.workplaceId}/${round.id} is not closed`);
  const wanted = new Set(historyWindow(all, round).map((r) => r.id));
  const comments = shownNow(current.publication, round.forumInvited, thresholds).comments ? (await store.answers(round.workplaceId, round.id)).comments : [];
  return buildResults(current, published.filter((p) => wanted.has(p.round.id)), comments, thresholds);
}
