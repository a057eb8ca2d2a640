/**
 * Aggregation and anonymity rules of the trivsel pulse. Pure functions of stored
 * answers; no one below the thresholds can be seen, alone or by subtraction.
 *
 * - A dimension's mean is shown only when at least `minScores` people scored it and
 *   at least `minScores` answered the pulse (default 5, never below 3).
 * - Free-text comments are shown only when at least `minComments` answered (default
 *   10, never below 5), and in alphabetical order so the order says nothing about
 *   who wrote first.
 * - Reversed items are turned around (6 - score) so that higher is always better.
 * - Each week's pulse asks a dimension at most once (see rotation.ts), so the number
 *   of scores of a dimension is the number of people behind it.
 */
import { z } from 'zod';
import { pulseText } from '../i18n/pulse.js';
import { DIMENSION_NAMES, DIMENSIONS, SCORE_MAX, SCORE_MIN, type DimensionId, type PulseBank } from './bank.js';

export const MIN_SCORES_FLOOR = 3;
export const MIN_COMMENTS_FLOOR = 5;

export const PulseThresholdsSchema = z
  .object({
    minScores: z
      .number()
      .int()
      .min(MIN_SCORES_FLOOR, pulseText.thresholds.minScoresFloor(MIN_SCORES_FLOOR))
      .default(5),
    minComments: z
      .number()
      .int()
      .min(MIN_COMMENTS_FLOOR, pulseText.thresholds.minCommentsFloor(MIN_COMMENTS_FLOOR))
      .default(10),
  })
  .refine((t) => t.minComments >= t.minScores, {
    path: ['minComments'],
    message: pulseText.thresholds.commentsBelowScores,
  });
export type PulseThresholds = z.infer<typeof PulseThresholdsSchema>;
export const DEFAULT_THRESHOLDS: PulseThresholds = Object.freeze(PulseThresholdsSchema.parse({}));

export interface PulseAnswer {
  itemId: string;
  dimension: DimensionId;
  /** 1..5 as answered (not yet reversed). */
  score: number;
  comment?: string;
  /** As the item was when asked; else looked up in the bank. */
  reversed?: boolean;
}

export interface PulseRoundInput {
  weekIndex: number;
  invited: number;
  answered: number;
  answers: readonly PulseAnswer[];
}

export interface DimensionResult {
  dimension: DimensionId;
  name: string;
  n: number;
  hidden: boolean;
  /** Normalised mean (higher is better); undefined when hidden. */
  mean: number | undefined;
  comments: string[];
}

export interface PulseRoundResult {
  weekIndex: number;
  invited: number;
  answered: number;
  responseRate: number | undefined;
  commentsShown: boolean;
  dimensions: DimensionResult[];
}

/** The score with reversed items turned around, so 5 is always the best. */
export function normalizedScore(score: number, reversed: boolean): number {
  if (!Number.isInteger(score) || score < SCORE_MIN || score > SCORE_MAX) {
    throw new RangeError(`score must be an integer ${SCORE_MIN}..${SCORE_MAX}: ${score}`);
  }
  return reversed ? SCORE_MIN + SCORE_MAX - score : score;
}

export function aggregatePulse(
  input: PulseRoundInput,
  bank: PulseBank,
  thresholds: Partial<PulseThresholds> = DEFAULT_THRESHOLDS,
): PulseRoundResult {
  const t = PulseThresholdsSchema.parse(thresholds);
  const reversedById = new Map(bank.items.map((item) => [item.id, item.reversed]));
  const groups = new Map<DimensionId, { scores: number[]; comments: string[] }>();
  for (const answer of input.answers) {
    const reversed = answer.reversed ?? reversedById.get(answer.itemId);
    if (reversed === undefined) throw new RangeError(`Unknown pulse item without a reversed flag: ${answer.itemId}`);
    const group = groups.get(answer.dimension) ?? { scores: [], comments: [] };
    group.scores.push(normalizedScore(answer.score, reversed));
    const comment = answer.comment?.trim();
    if (comment) group.comments.push(comment);
    groups.set(answer.dimension, group);
  }
  const roundTooSmall = input.answered < t.minScores;
  const commentsShown = input.answered >= t.minComments;
  const dimensions = DIMENSIONS.filter((d) => groups.has(d)).map((dimension): DimensionResult => {
    const { scores, comments } = groups.get(dimension) ?? { scores: [], comments: [] };
    const n = scores.length;
    const hidden = roundTooSmall || n < t.minScores;
    return {
      dimension,
      name: DIMENSION_NAMES[dimension],
      n,
      hidden,
      mean: hidden ? undefined : scores.reduce((a, b) => a + b, 0) / n,
      comments: hidden || !commentsShown ? [] : [...comments].sort((a, b) => a.localeCompare(b, 'da')),
    };
  });
  return {
    weekIndex: input.weekIndex,
    invited: input.invited,
    answered: input.answered,
    responseRate: input.invited > 0 ? input.answered / input.invited : undefined,
    commentsShown,
    dimensions,
  };
}

// ---------------------------------------------------------------- trends

export interface TrendOptions {
  /** Flag `low` at or below this mean. */
  lowAtOrBelow: number;
  /** Flag `fell` when the mean dropped by at least this much. */
  fallAtLeast: number;
  /** Length of the series. */
  weeks: number;
  /** The comparison window before the current value. */
  compareWeeks: number;
}

export const DEFAULT_TREND_OPTIONS: TrendOptions = Object.freeze({ lowAtOrBelow: 2.5, fallAtLeast: 0.5, weeks: 12, compareWeeks: 4 });

export interface TrendPoint {
  weekIndex: number;
  /** Undefined when the dimension was not asked or was hidden that week. */
  mean: number | undefined;
  n: number;
}

export interface DimensionTrend {
  dimension: DimensionId;
  name: string;
  /** Latest visible mean within the last `compareWeeks` weeks. */
  current: number | undefined;
  currentWeekIndex: number | undefined;
  /** n-weighted mean of the visible results in the `compareWeeks` weeks before `current`. */
  previous: number | undefined;
  change: number | undefined;
  /** `weeks` points, oldest first, ending with the current week. */
  series: TrendPoint[];
  flags: { low: boolean; fell: boolean };
}

type HistoryRound = Pick<PulseRoundResult, 'weekIndex'> & {
  dimensions: readonly Pick<DimensionResult, 'dimension' | 'n' | 'hidden' | 'mean'>[];
};

const EPSILON = 1e-9;

/**
 * Per dimension: the 12-week series, the change of the latest value against the
 * previous 4 weeks and the flags. Hidden weeks are left out of every mean, so a trend
 * never reveals what a hidden week held.
 */
export function dimensionTrends(
  history: readonly HistoryRound[],
  currentWeekIndex: number,
  options: Partial<TrendOptions> = {},
): DimensionTrend[] {
  const o = { ...DEFAULT_TREND_OPTIONS, ...options };
  return DIMENSIONS.map((dimension) => {
    const week = (w: number): TrendPoint => pointOf(history, dimension, w);
    const series = range(currentWeekIndex - o.weeks + 1, currentWeekIndex).map(week);
    const latest = range(currentWeekIndex - o.compareWeeks + 1, currentWeekIndex)
      .reverse()
      .map(week)
      .find((p) => p.mean !== undefined);
    const before = latest ? range(latest.weekIndex - o.compareWeeks, latest.weekIndex - 1).map(week) : [];
    const previous = weightedMean(before);
    const current = latest?.mean;
    const change = current !== undefined && previous !== undefined ? current - previous : undefined;
    return {
      dimension,
      name: DIMENSION_NAMES[dimension],
      current,
      currentWeekIndex: latest?.weekIndex,
      previous,
      change,
      series,
      flags: {
        low: current !== undefined && current <= o.lowAtOrBelow + EPSILON,
        fell: change !== undefined && -change >= o.fallAtLeast - EPSILON,
      },
    };
  });
}

function pointOf(history: readonly HistoryRound[], dimension: DimensionId, weekIndex: number): TrendPoint {
  const results = history
    .filter((round) => round.weekIndex === weekIndex)
    .flatMap((round) => round.dimensions.filter((d) => d.dimension === dimension));
  const visible = results.filter((r) => !r.hidden && r.mean !== undefined);
  return {
    weekIndex,
    n: results.reduce((sum, r) => sum + r.n, 0),
    mean: weightedMean(visible.map((r) => ({ mean: r.mean, n: r.n }))),
  };
}

function weightedMean(points: readonly { mean: number | undefined; n: number }[]): number | undefined {
  const used = points.filter((p): p is { mean: number; n: number } => p.mean !== undefined && p.n > 0);
  if (used.length === 1) return used[0]?.mean; // exact, without multiply-divide noise
  const n = used.reduce((sum, p) => sum + p.n, 0);
  return n > 0 ? used.reduce((sum, p) => sum + p.mean * p.n, 0) / n : undefined;
}

function range(from: number, to: number): number[] {
  return to < from ? [] : Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

// ---------------------------------------------------------------- subgroups

export interface SubgroupVisibility {
  id: string;
  n: number;
  hidden: boolean;
  /** For logs and tests only; a card must not show why (it would hint at sizes). */
  reason?: 'too-few' | 'complement' | 'secondary';
}

/**
 * Which subgroup results (e.g. teams of one workplace) may be shown next to the
 * group result. A subgroup is hidden when
 * - it has fewer than `minScores` people ('too-few'), or
 * - the rest of the group has fewer than `minScores` ('complement'): group minus
 *   subgroup would expose the rest.
 * Secondary suppression ('secondary'): whatever is not shown can be computed as
 * group minus all shown subgroups. If that residual holds 1..minScores-1 people (one
 * hidden subgroup alone, or a few people in no subgroup), the smallest visible
 * subgroup (ties by id) is hidden as well, repeatedly, until the residual is empty or
 * at least `minScores`. So exactly one hidden subgroup never stands alone: e.g. group
 * 12 with teams 5/5/2 hides the 2-team and one 5-team (residual 7). When the
 * complement rule hides a subgroup, the rest of a partition is below the minimum and
 * hidden too, so the same loop covers it. `minScores` is never taken below the floor.
 */
export function suppressSubgroups(
  groupN: number,
  subgroups: readonly { id: string; n: number }[],
  minScores: number,
): SubgroupVisibility[] {
  const min = Math.max(minScores, MIN_SCORES_FLOOR);
  const result: SubgroupVisibility[] = subgroups.map(({ id, n }) => {
    if (n < min) return { id, n, hidden: true, reason: 'too-few' };
    if (groupN - n < min) return { id, n, hidden: true, reason: 'complement' };
    return { id, n, hidden: false };
  });
  for (;;) {
    const visible = result.filter((r) => !r.hidden);
    const residual = groupN - visible.reduce((sum, r) => sum + r.n, 0);
    if (visible.length === 0 || residual <= 0 || residual >= min) break;
    const smallest = [...visible].sort((a, b) => a.n - b.n || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))[0];
    if (!smallest) break;
    smallest.hidden = true;
    smallest.reason = 'secondary';
  }
  return result;
}
