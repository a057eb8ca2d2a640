/**
 * What a closed round may publish: the subtraction guard. Decided once when the round
 * closes and stored with it (PulseRounds.published), so every later view (the results
 * card, `trivsel`, the 12-week trend, the MED quarter, "Opret handling") shows at most
 * that, and a later change of thresholds can hide more but never show more.
 *
 * The adversary: someone who sees the cards (TRIO or MED, often a respondent too),
 * keeps every card ever posted, knows who was at work each week and their own answers.
 * TRIO and MED see the same cards, so one workplace is one audience. The rules:
 *
 * 1. Too few: fewer than `minScores` answered: nothing is published.
 * 2. The forum's own answers: `answered - forumInvited < minScores`: nothing is
 *    published. `forumInvited` is how many of those invited hold a TRIO role (leder, TR,
 *    AMR); who answered is unknown, so it is the most forum members that can be among
 *    the respondents. Subtracting what they know of themselves leaves at least
 *    `minScores` others.
 * 3. Subtraction across weeks: a dimension is hidden when `answered` differs by 1 to
 *    `minScores - 1` from any earlier round of the same workplace in which that
 *    dimension was published. So any two
 *    published results of a dimension come from equally many people (one in, one out:
 *    a difference of two people, never one) or from counts at least `minScores` apart
 *    (the difference is a group of at least `minScores`). This is what stops "W49 −
 *    W53" (one on holiday) and "W03 − W52" (one newcomer).
 * 4. Precision: values are published to the nearest 0.5, the response rate as a band.
 *    Every other number on a card (trend points, change, flags, the quarter) is computed
 *    from published values only, never from answers, so no combination of cards is more
 *    exact than the weekly cards; the exact count is on no card.
 * 5. Unanimity does not show. From SAFE_N respondents the rounding bin of any value
 *    holds more than one possible sum, also at 1,0 and 5,0, so "4,0" may be twelve 4s or
 *    eleven 4s and a 5: a unanimous dimension looks like any other. (A label such as
 *    "samme svar fra alle" would tell every TRIO member who answered what everybody
 *    answered, and hiding unanimous dimensions would tell the same to anyone who can
 *    see that no other rule applied.) Below SAFE_N respondents no value is published.
 *
 * What this does not promise: combinations of three or more weeks ("all of week 1 minus
 * two disjoint halves in weeks 5 and 9") are not blocked by rule 3; rule 5 leaves each
 * published sum uncertain by ±n/4, so such a combination is uncertain by at least ±5
 * points, wider than the scale, but a viewer who assumes that everyone else answers the
 * same every week may, in unlucky alignments of rounding, narrow a score down.
 */
import { z } from 'zod';
import type { PulseRoundResult, PulseThresholds } from './aggregate.js';
import { DIMENSIONS, type DimensionId } from './bank.js';

/** From this many respondents a value rounded to 0.5 never pins a unanimous answer (see rule 5). */
export const SAFE_N = 5;

/** What one dimension of a round shows. */
export const ShownSchema = z.discriminatedUnion('kind', [z.object({ kind: z.literal('value'), value: z.number() }), z.object({ kind: z.literal('hidden') })]);
export type Shown = z.infer<typeof ShownSchema>;

/** What a round published, as stored with it (PulseRounds.published). */
export const PublicationSchema = z.object({
  /** How many answered: the count rule 3 compares. On no card. */
  answered: z.number().int().min(0),
  dimensions: z.partialRecord(z.enum(DIMENSIONS), ShownSchema),
  comments: z.boolean(),
  /** The thresholds the decision was made with. */
  minScores: z.number().int(),
});
export type Publication = z.infer<typeof PublicationSchema>;

/** To the nearest 0.5, halves away from zero (3.25 → 3.5, 3.2 → 3.0, −0.25 → −0.5). */
export const half = (x: number): number => (x < 0 ? -1 : 1) * (Math.round(Math.abs(x) * 2) / 2) + 0;

const published = (s: Shown | undefined): boolean => s?.kind === 'value';

export interface PublicationInput {
  result: Pick<PulseRoundResult, 'answered' | 'commentsShown' | 'dimensions'>;
  /** The dimensions the round asked. */
  asked: readonly DimensionId[];
  forumInvited: number;
  /** Publications of the workplace's earlier rounds (any order). */
  earlier: readonly Publication[];
  thresholds: PulseThresholds;
}

/** Rounds whose results may be shown at all (rules 1, 2 and 5). */
export function roundShowable(answered: number, forumInvited: number, minScores: number): boolean {
  return answered >= Math.max(minScores, SAFE_N) && answered - forumInvited >= minScores;
}

export function decidePublication(input: PublicationInput): Publication {
  const { result, thresholds: t } = input;
  const n = result.answered;
  const showable = roundShowable(n, input.forumInvited, t.minScores);
  const dimensions: Partial<Record<DimensionId, Shown>> = {};
  for (const dimension of input.asked) {
    const own = result.dimensions.find((d) => d.dimension === dimension);
    const close = input.earlier.some((p) => published(p.dimensions[dimension]) && n !== p.answered && Math.abs(n - p.answered) < t.minScores);
    const mean = own && !own.hidden && own.n >= Math.max(t.minScores, SAFE_N) ? own.mean : undefined;
    dimensions[dimension] = !showable || close || mean === undefined ? { kind: 'hidden' } : { kind: 'value', value: half(mean) };
  }
  return { answered: n, dimensions, comments: showable && result.commentsShown && n >= t.minComments, minScores: t.minScores };
}

/**
 * What a view shows of a publication under the thresholds in force now: what was
 * published, minus what the current (possibly raised) thresholds hide.
 */
export function shownNow(p: Publication, forumInvited: number, t: PulseThresholds): { dimensions: Partial<Record<DimensionId, Shown>>; comments: boolean; showable: boolean } {
  const showable = roundShowable(p.answered, forumInvited, t.minScores);
  const dimensions: Partial<Record<DimensionId, Shown>> = {};
  for (const [d, s] of Object.entries(p.dimensions) as [DimensionId, Shown][]) dimensions[d] = showable ? s : { kind: 'hidden' };
  return { dimensions, comments: showable && p.comments && p.answered >= t.minComments, showable };
}

/** The published value of a dimension, if it was published as a value. */
export function valueOf(p: { dimensions: Partial<Record<DimensionId, Shown>> } | undefined, d: DimensionId): number | undefined {
  const s = p?.dimensions[d];
  return s?.kind === 'value' ? s.value : undefined;
}

export type ResponseBand = 'noneInvited' | 'none' | 'under' | 'about' | 'most';

/** The response rate as a band: under 40 %, 40-60 %, over 60 % (exact counts are on no card). */
export function responseBand(answered: number, invited: number): ResponseBand {
  if (invited <= 0) return 'noneInvited';
  if (answered <= 0) return 'none';
  const rate = answered / invited;
  return rate < 0.4 ? 'under' : rate <= 0.6 ? 'about' : 'most';
}
