/**
 * The raw aggregation of one round and the subgroup rule. Pure functions of stored
 * answers. What a card may show is decided from this in disclosure.ts (the exact mean
 * computed here is never shown: published values are rounded to the nearest 0.5 and
 * guarded against subtraction across weeks); trends.ts works on published values only.
 *
 * - A dimension counts as `hidden` here when fewer than `minScores` people scored it or
 *   fewer than `minScores` answered the pulse (default 5, never below 3).
 * - Free-text comments count only when at least `minComments` answered (default 10,
 *   never below 5), and are sorted alphabetically so the order says nothing about who
 *   wrote first.
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
  /** Exact normalised mean (higher is better); undefined when hidden. Never shown as is (disclosure.ts). */
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
    const { scores, comments } = groups.get(dimension)!; // filtered on groups.has just above
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
    // Stryker disable next-line EqualityOperator,ConditionalExpression: equivalent, subgroup ids are unique and the sort only asks whether the result is negative
    const smallest = [...visible].sort((a, b) => a.n - b.n || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))[0]!;
    smallest.hidden = true;
    smallest.reason = 'secondary';
  }
  return result;
}
